/**
 * National rows of target D beyond the totals: damaged / destroyed facilities (the card's own
 * counts, which do not say which, are 'unspecified'), the length of roads damaged, which D-4
 * reports beside its unit count, in km, and D-8 by basic service.
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { type IndicatorDef, SENDAI_INDICATORS } from './catalogue.ts';
import type { Group } from './groups.ts';
import { D8_SERVICES, d8ServiceKey } from './people-facts.ts';
import { indicatorRow, type Scope } from './rows.ts';

const def = (code: string) => SENDAI_INDICATORS.find((d) => d.code === code)!;
const D1_PARTS = ['d2', 'd3', 'd4'];

function damageRows(code: string, keys: string[], group: Group, scope: (c: string) => Scope): IndicatorRow[] {
  const sum = (suffix: string) => keys.reduce((n, k) => n + (group.m[`${k}_${suffix}`] ?? 0), 0);
  return ['damaged', 'destroyed', 'unspecified'].map((category) =>
    indicatorRow(
      def(code),
      { numerator: sum(category === 'unspecified' ? 'card' : category), flags: [] },
      scope(category),
    ),
  );
}

/** Damage split of D-1..D-4 for each national group of a year. */
export function damageSplitRows(totals: Group[], currency: string): IndicatorRow[] {
  return totals.flatMap((group) => {
    const scope = (category: string): Scope => ({
      year: group.year,
      dimension: 'damage',
      category,
      population: null,
      gdp: null,
      currency,
    });
    return [
      ...damageRows('D-1', D1_PARTS, group, scope),
      ...damageRows('D-2', ['d2'], group, scope),
      ...damageRows('D-3', ['d3'], group, scope),
      ...damageRows('D-4', ['d4'], group, scope),
    ];
  });
}

const ROADS: IndicatorDef = { ...def('D-4'), countUnit: 'km' };

/** Km of roads damaged or destroyed (asset detail in m or km, else the card's length), per year. */
export function roadRows(totals: Group[], currency: string): IndicatorRow[] {
  return totals.map((group) =>
    indicatorRow(
      ROADS,
      { numerator: (group.m.roads_m ?? 0) / 1000, flags: [] },
      {
        year: group.year,
        dimension: 'infrastructure',
        category: 'roads',
        population: null,
        gdp: null,
        currency,
      },
    ),
  );
}

/**
 * D-8 by the SFM's basic services (dimension 'subIndicator'), adding up to D-8: a sector flagged
 * without a count counts as one disruption (estimate), as in the total.
 */
export function serviceRows(totals: Group[], currency: string): IndicatorRow[] {
  return totals.flatMap((group) =>
    [...D8_SERVICES.map((s) => s.service), 'unspecified'].map((category) => {
      const k = d8ServiceKey(category);
      const flagged = group.m[`${k}_flagged`] ?? 0;
      return indicatorRow(
        def('D-8'),
        { numerator: (group.m[k] ?? 0) + flagged, flags: flagged > 0 ? ['estimate'] : [] },
        { year: group.year, dimension: 'subIndicator', category, population: null, gdp: null, currency },
      );
    }),
  );
}
