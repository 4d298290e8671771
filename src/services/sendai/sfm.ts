/**
 * Sendai Framework Monitor (SFM) codes of the indicator rows. The SFM takes absolute numbers and
 * computes the rates itself, so a row's SFM code names the field its numerator (its value, for
 * counts and money) is entered as: A-2a deaths and A-3a missing persons for the rates A-2 and
 * A-3, the sub-indicator of a C-2 or C-5 row by SFM sub-indicator (C-2C crops, C-5a health …),
 * D-8 for a D-8 row by service (the service names the SFM's column), otherwise the indicator's
 * own code (B-3 and B-4 are people, B-3a and B-4a dwellings). Compound indicators (A-1, B-1,
 * C-1, D-1, D-5) keep their code: the SFM computes them from the others. Rows with no SFM
 * counterpart — DesInventar's B-1-DI, the part of a target or of D-8 no sub-indicator or service
 * accounts for — have none (''). Codes after the catalogue of
 * shared/data/reference/sendai/sendai-indicators.json.
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { DIRECTLY_AFFECTED, SENDAI_INDICATORS } from './catalogue.ts';
import { SUB_INDICATORS } from './economic-facts.ts';

const BY_INDICATOR = new Map(
  [...SENDAI_INDICATORS, DIRECTLY_AFFECTED].map((d) => [d.code, d.sfmCode ?? d.code]),
);
const SUB_CODES = new Set(SUB_INDICATORS.map((s) => s.code));

/** The SFM code of the figure a Sendai row gives the SFM; '' when the SFM has no such field. */
export function sfmCodeOf(row: Pick<IndicatorRow, 'indicator' | 'dimension' | 'category'>): string {
  if (row.dimension === 'subIndicator') {
    if (row.indicator === 'D-8') return row.category === 'unspecified' ? '' : 'D-8';
    return SUB_CODES.has(row.category) ? row.category : '';
  }
  return BY_INDICATOR.get(row.indicator) ?? '';
}
