/** From summed measures to each indicator's numerator and flags (the formulas of catalogue.ts). */
import type { IndicatorFlag } from '../../shared/schemas/indicators.ts';
import type { HouseholdSize } from './denominators.ts';
import type { Measures } from './selection.ts';

/** An indicator's numerator with the flags it carries before any denominator. */
export interface Part {
  numerator: number;
  flags: IndicatorFlag[];
}

/** Numerators by indicator code. */
export type Parts = Record<string, Part>;

const part = (numerator: number, conditions: [IndicatorFlag, boolean][] = []): Part => ({
  numerator,
  flags: conditions.filter(([, on]) => on).map(([flag]) => flag),
});

/** The sum of parts, with the union of their flags. */
export function sumParts(...parts: Part[]): Part {
  const flags = new Set(parts.flatMap((p) => p.flags));
  return { numerator: parts.reduce((s, p) => s + p.numerator, 0), flags: [...flags] };
}

/** People in damaged or destroyed dwellings: reported, plus house counts x household size (estimate). */
function dwellings(m: Measures, key: 'b3' | 'b4', household: HouseholdSize): Part {
  const houses = m[`${key}_houses`] ?? 0;
  return part((m[`${key}_reported`] ?? 0) + houses * household.persons, [
    ['estimate', houses > 0],
    ['default_household_size', houses > 0 && household.fallback],
    ['unquantified', (m[`${key}_unquantified`] ?? 0) > 0],
  ]);
}

/**
 * How a money amount was obtained under a chosen basis (absent measures = the default basis):
 * converted at the year's rate, left out for want of a rate, deflated, or left out for want of a CPI.
 */
const moneyConditions = (m: Measures, key: string): [IndicatorFlag, boolean][] => [
  ['converted', (m[`${key}_converted`] ?? 0) > 0],
  ['missing_exchange_rate', (m[`${key}_no_rate`] ?? 0) > 0],
  ['deflated', (m[`${key}_deflated`] ?? 0) > 0],
  ['missing_cpi', (m[`${key}_no_cpi`] ?? 0) > 0],
];

/** Loss of one target of C: reported plus modelled (estimate); damage without a price is flagged. */
export function loss(m: Measures, key: string): Part {
  const estimate = m[`${key}_estimate`] ?? 0;
  // Rows lacking only a rate are flagged as such, not as unvalued.
  const unvalued = (m[`${key}_unvalued`] ?? 0) - (m[`${key}_no_rate`] ?? 0);
  return part((m[`${key}_reported`] ?? 0) + estimate, [
    ['estimate', estimate > 0],
    ['unvalued', unvalued > 0],
    ...moneyConditions(m, key),
  ]);
}

/** Disruptions counted, a sector flagged without a count counting as one (estimate). */
function disruptions(m: Measures, key: string): Part {
  const flagged = m[`${key}_flagged`] ?? 0;
  return part((m[key] ?? 0) + flagged, [['estimate', flagged > 0]]);
}

const count = (m: Measures, key: string) =>
  part(m[key] ?? 0, [['unquantified', (m[`${key}_unquantified`] ?? 0) > 0]]);

const LOSS_KEYS = ['C-2', 'C-3', 'C-4', 'C-5', 'C-6'];

/** Every indicator's numerator from a cell's measures. */
export function numerators(m: Measures, household: HouseholdSize): Parts {
  const p: Parts = {
    'A-2': count(m, 'deaths'),
    'A-3': count(m, 'missing'),
    'B-2': count(m, 'injured'),
    'B-3': dwellings(m, 'b3', household),
    'B-4': dwellings(m, 'b4', household),
    'B-3a': count(m, 'houses_damaged'),
    'B-4a': count(m, 'houses_destroyed'),
    'B-5': count(m, 'b5'),
    'B-1-DI': count(m, 'directly_affected'),
    'C-2': loss(m, 'c2'),
    'C-3': loss(m, 'c3'),
    'C-4': loss(m, 'c4'),
    'C-5': loss(m, 'c5'),
    'C-6': loss(m, 'c6'),
    'D-2': part((m.d2_damaged ?? 0) + (m.d2_destroyed ?? 0) + (m.d2_card ?? 0)),
    'D-3': part((m.d3_damaged ?? 0) + (m.d3_destroyed ?? 0) + (m.d3_card ?? 0)),
    'D-4': part((m.d4_damaged ?? 0) + (m.d4_destroyed ?? 0)),
    'D-6': disruptions(m, 'd6'),
    'D-7': disruptions(m, 'd7'),
    'D-8': disruptions(m, 'd8'),
  };
  const c1Estimate = m.c1_estimate ?? 0;
  // Conversions of the parts (counted under a chosen basis only) show on C-1 too.
  const partFlags = (flag: IndicatorFlag) => LOSS_KEYS.some((k) => p[k]!.flags.includes(flag));
  p['C-1'] = part((m.c1_reported ?? 0) + c1Estimate, [
    ['estimate', c1Estimate > 0],
    ['converted', (m.c1_converted ?? 0) > 0 || partFlags('converted')],
    ['missing_exchange_rate', (m.c1_no_rate ?? 0) > 0 || partFlags('missing_exchange_rate')],
    ['unquantified', (m.c1_unquantified ?? 0) > 0],
    ['deflated', (m.c1_deflated ?? 0) > 0],
    ['missing_cpi', (m.c1_no_cpi ?? 0) > 0],
  ]);
  p['A-1'] = sumParts(p['A-2']!, p['A-3']!);
  p['B-1'] = sumParts(p['B-2']!, p['B-3']!, p['B-4']!, p['B-5']!);
  p['D-1'] = sumParts(p['D-2']!, p['D-3']!, p['D-4']!);
  p['D-5'] = sumParts(p['D-6']!, p['D-7']!, p['D-8']!);
  return p;
}

/** Indicators that are sums of others (used for disaggregated categories). */
export const COMPOUNDS: Record<string, string[]> = {
  'A-1': ['A-2', 'A-3'],
  'B-1': ['B-2', 'B-3', 'B-4', 'B-5'],
};

/** The human effect (human_effects.effect) behind each disaggregated people indicator. */
export const PEOPLE_EFFECTS: Record<string, string> = {
  'A-2': 'deaths',
  'A-3': 'missing',
  'B-2': 'injured',
  'B-3': 'livingDamagedDwellings',
  'B-4': 'livingDestroyedDwellings',
  'B-5': 'livelihoods',
};
