/** One indicator row: numerator, denominator for its scale, value and flags (never a silent zero). */
import type { IndicatorFlag, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { type IndicatorDef, unitOf } from './catalogue.ts';
import type { Gdp } from './denominators.ts';
import type { Part } from './numerators.ts';

/** Where a row belongs and the denominators that apply there. */
export interface Scope {
  year: number;
  dimension: string;
  category: string;
  population: number | null;
  gdp: Gdp | null;
  currency: string;
}

/** Drop binary floating-point noise (0.30000000000000004 -> 0.3): 12 significant digits. */
const tidy = (n: number) => Number(n.toPrecision(12));

/** The row of an indicator in a scope. */
export function indicatorRow(def: IndicatorDef, part: Part, scope: Scope): IndicatorRow {
  const flags = new Set<IndicatorFlag>(part.flags);
  let denominator: number | null = null;
  let value: number | null = part.numerator;
  if (def.scale === 'per_100000' || def.scale === 'percent_of_gdp') {
    const perCent = def.scale === 'percent_of_gdp';
    denominator = perCent ? (scope.gdp?.value ?? null) : scope.population;
    if (perCent && scope.gdp?.converted) flags.add('converted');
    if (perCent && scope.gdp?.deflated) flags.add('deflated');
    if (perCent && scope.gdp?.missingCpi) flags.add('missing_cpi');
    if (denominator === null) flags.add('missing_denominator');
    value = denominator === null ? null : (part.numerator * (perCent ? 100 : 100_000)) / denominator;
  }
  // Without the year's price index no amount of the year is known at constant prices: no value.
  if (flags.has('missing_cpi')) value = null;
  return {
    indicator: def.code,
    year: scope.year,
    dimension: scope.dimension,
    category: scope.category,
    value: value === null ? null : tidy(value),
    numerator: tidy(part.numerator),
    denominator,
    unit: unitOf(def, scope.currency),
    flags: [...flags].sort(),
  };
}
