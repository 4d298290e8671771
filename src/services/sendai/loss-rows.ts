/**
 * C-2 by the Sendai Framework Monitor's sub-indicators (C-2C crops, C-2L livestock, C-2FO forestry,
 * C-2A aquaculture, C-2FI fisheries, C-2LA agricultural assets, C-2LB stored stock), from the
 * asset types' indicator codes; C-2 rows of any other code are 'unspecified'. Reported rows win
 * over modelled ones per card as in the C-2 total, so the categories add up to C-2's asset part.
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { SENDAI_INDICATORS } from './catalogue.ts';
import { C2_SUB_INDICATORS, c2SubKey } from './economic-facts.ts';
import type { Group } from './groups.ts';
import { loss } from './numerators.ts';
import { indicatorRow } from './rows.ts';

const C2 = SENDAI_INDICATORS.find((d) => d.code === 'C-2')!;

/** One row per C-2 sub-indicator (and 'unspecified') for each national group of a year. */
export function subIndicatorRows(totals: Group[], currency: string): IndicatorRow[] {
  return totals.flatMap((group) =>
    [...C2_SUB_INDICATORS, 'unspecified'].map((category) =>
      indicatorRow(C2, loss(group.m, c2SubKey(category)), {
        year: group.year,
        dimension: 'subIndicator',
        category,
        population: null,
        gdp: null,
        currency,
      }),
    ),
  );
}
