/**
 * Sendai Framework Monitor (SFM) codes of the indicator rows. The SFM takes absolute numbers and
 * computes the rates itself, so a row's SFM code names the field its numerator (its value, for
 * counts and money) is entered as: A-2a deaths and A-3a missing persons for the rates A-2 and
 * A-3, the sub-indicator of a C-2 row by SFM sub-indicator (C-2C crops …), otherwise the
 * indicator's own code (B-3 and B-4 are people; the SFM's B-3a / B-4a dwelling counts are not
 * rows here). Compound indicators (A-1, B-1, C-1, D-1, D-5) keep their code: the SFM computes
 * them from the others. Rows with no SFM counterpart — DesInventar's B-1-DI, the part of C-2 no
 * sub-indicator accounts for — have none (''). Codes after the catalogue of
 * shared/data/reference/sendai/sendai-indicators.json.
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { DIRECTLY_AFFECTED, SENDAI_INDICATORS } from './catalogue.ts';
import { C2_SUB_INDICATORS } from './economic-facts.ts';

const BY_INDICATOR = new Map(
  [...SENDAI_INDICATORS, DIRECTLY_AFFECTED].map((d) => [d.code, d.sfmCode ?? d.code]),
);
const C2_SUBS: readonly string[] = C2_SUB_INDICATORS;

/** The SFM code of the figure a Sendai row gives the SFM; '' when the SFM has no such field. */
export function sfmCodeOf(row: Pick<IndicatorRow, 'indicator' | 'dimension' | 'category'>): string {
  if (row.indicator === 'C-2' && row.dimension === 'subIndicator')
    return C2_SUBS.includes(row.category) ? row.category : '';
  return BY_INDICATOR.get(row.indicator) ?? '';
}
