/** The indicator report as CSV: one line per indicator x year x disaggregation (Sendai Framework Monitor grain). */
import { stringify } from 'csv-stringify/sync';
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';

/** CSV columns, in order. */
export const INDICATOR_CSV_COLUMNS = [
  'indicator',
  'year',
  'dimension',
  'category',
  'value',
  'numerator',
  'denominator',
  'unit',
  'flags',
] as const;

/** Rows as CSV text (empty cell = no value; flags separated by ';'). */
export function indicatorCsv(rows: IndicatorRow[]): string {
  return stringify(
    rows.map((r) => [
      r.indicator,
      r.year,
      r.dimension,
      r.category,
      r.value ?? '',
      r.numerator,
      r.denominator ?? '',
      r.unit,
      r.flags.join(';'),
    ]),
    { header: true, columns: [...INDICATOR_CSV_COLUMNS], record_delimiter: 'unix' },
  );
}
