/**
 * C-2 and C-5 by the Sendai Framework Monitor's sub-indicators (C-2C crops, C-2L livestock, C-2FO
 * forestry, C-2A aquaculture, C-2FI fisheries, C-2LA agricultural assets, C-2LB stored stock;
 * C-5a health, C-5b education, C-5c other critical infrastructure), from the asset types'
 * indicator codes (economic-facts.ts); rows of any other code are 'unspecified'. Reported rows
 * win over modelled ones per card as in the totals, so a target's categories add up to its asset
 * part.
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { SENDAI_INDICATORS } from './catalogue.ts';
import { SUB_TARGETS, subKey } from './economic-facts.ts';
import type { Group } from './groups.ts';
import { loss } from './numerators.ts';
import { indicatorRow } from './rows.ts';

const def = (code: string) => SENDAI_INDICATORS.find((d) => d.code === code)!;

/** One row per sub-indicator (and 'unspecified') of C-2 and C-5 for each national group of a year. */
export function subIndicatorRows(totals: Group[], currency: string): IndicatorRow[] {
  return totals.flatMap((group) =>
    SUB_TARGETS.flatMap(({ target, categories }) =>
      categories.map((category) =>
        indicatorRow(def(target), loss(group.m, subKey(target, category)), {
          year: group.year,
          dimension: 'subIndicator',
          category,
          population: null,
          gdp: null,
          currency,
        }),
      ),
    ),
  );
}
