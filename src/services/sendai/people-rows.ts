/**
 * Rows of the people disaggregations (sex, age, disability, income) of targets A and B. Each
 * dimension lists its standard categories, any other found in the data, and 'unspecified': the
 * part of the national total no category accounts for, so a dimension's rows add up to the total.
 * Categories adding up to more than the total are flagged on every row of that dimension.
 */
import type { IndicatorFlag, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { SENDAI_INDICATORS } from './catalogue.ts';
import type { Denominators } from './denominators.ts';
import { type DisaggregatedSum, type PeopleDimension, STANDARD_CATEGORIES } from './disaggregation-facts.ts';
import { COMPOUNDS, type Part, type Parts, PEOPLE_EFFECTS, sumParts } from './numerators.ts';
import { indicatorRow } from './rows.ts';

/** Category of the remainder of the total. */
export const UNSPECIFIED = 'unspecified';

const PEOPLE_INDICATORS = SENDAI_INDICATORS.filter((d) => d.code in PEOPLE_EFFECTS || d.code in COMPOUNDS);

/** What the people rows need. */
export interface PeopleContext {
  sums: DisaggregatedSum[];
  /** National numerators by year. */
  totals: Map<number, Parts>;
  denominators: Denominators;
  currency: string;
  /** A scoped caller's unit: its population is the denominator (see GroupContext.scopeUnit). */
  scopeUnit: number | null;
}

/** Category numerators of each indicator in one year and dimension. */
function categoryParts(sums: DisaggregatedSum[], categories: string[]): Map<string, Map<string, Part>> {
  const byIndicator = new Map<string, Map<string, Part>>();
  for (const [code, effect] of Object.entries(PEOPLE_EFFECTS)) {
    const parts = new Map<string, Part>();
    for (const category of categories) {
      const found = sums.filter((s) => s.effect === effect && s.category === category);
      const unquantified = found.some((s) => s.unquantified > 0);
      parts.set(category, {
        numerator: found.reduce((n, s) => n + s.value, 0),
        flags: unquantified ? ['unquantified'] : [],
      });
    }
    byIndicator.set(code, parts);
  }
  for (const [code, components] of Object.entries(COMPOUNDS)) {
    byIndicator.set(
      code,
      new Map(categories.map((c) => [c, sumParts(...components.map((k) => byIndicator.get(k)!.get(c)!))])),
    );
  }
  return byIndicator;
}

/** Rows of one dimension in one year. */
function dimensionRows(year: number, dimension: PeopleDimension, ctx: PeopleContext): IndicatorRow[] {
  const sums = ctx.sums.filter((s) => s.year === year && s.dimension === dimension);
  const found = [...new Set(sums.map((s) => s.category))].filter(
    (c) => !STANDARD_CATEGORIES[dimension].includes(c),
  );
  const categories = [...STANDARD_CATEGORIES[dimension], ...found.sort()];
  const parts = categoryParts(sums, categories);
  const totals = ctx.totals.get(year) ?? {};
  return PEOPLE_INDICATORS.flatMap((def) => {
    const byCategory = parts.get(def.code)!;
    const total = totals[def.code] ?? { numerator: 0, flags: [] };
    const remainder = total.numerator - [...byCategory.values()].reduce((n, p) => n + p.numerator, 0);
    const extra: IndicatorFlag[] = remainder < -1e-9 ? ['inconsistent_disaggregation'] : [];
    const scope = (category: string, population: number | null) => ({
      year,
      dimension,
      category,
      population,
      gdp: null,
      currency: ctx.currency,
    });
    const rows = categories.map((category) => {
      const part = byCategory.get(category)!;
      const population = ctx.denominators.population(category, year, ctx.scopeUnit);
      return indicatorRow(def, { ...part, flags: [...part.flags, ...extra] }, scope(category, population));
    });
    const rest = { numerator: Math.max(0, remainder), flags: [...total.flags, ...extra] };
    return [...rows, indicatorRow(def, rest, scope(UNSPECIFIED, null))];
  });
}

/** Rows of the requested people dimensions for every year. */
export function peopleRows(
  years: number[],
  dimensions: PeopleDimension[],
  ctx: PeopleContext,
): IndicatorRow[] {
  return years.flatMap((year) => dimensions.flatMap((d) => dimensionRows(year, d, ctx)));
}
