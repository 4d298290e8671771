/**
 * The indicator report as a table: one line per indicator x year x disaggregation (the Sendai
 * Framework Monitor's grain), as CSV text or as a table for the XLSX writer (table.ts).
 */
import { stringify } from 'csv-stringify/sync';
import type { CellKind } from '../../formats/table-export/columns.ts';
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { sfmCodeOf } from './sfm.ts';

/** One column: its header, its type in a spreadsheet, and its cell (null = empty). */
export interface IndicatorColumn {
  key: string;
  kind: CellKind;
  get(row: IndicatorRow): string | number | null;
}

const COLUMNS: readonly IndicatorColumn[] = [
  { key: 'indicator', kind: 'text', get: (r) => r.indicator },
  { key: 'year', kind: 'integer', get: (r) => r.year },
  { key: 'dimension', kind: 'text', get: (r) => r.dimension },
  { key: 'category', kind: 'text', get: (r) => r.category },
  { key: 'value', kind: 'decimal', get: (r) => r.value },
  { key: 'numerator', kind: 'decimal', get: (r) => r.numerator },
  { key: 'denominator', kind: 'decimal', get: (r) => r.denominator },
  { key: 'unit', kind: 'text', get: (r) => r.unit },
  { key: 'flags', kind: 'text', get: (r) => r.flags.join(';') },
];

/** The SFM code of the figure a row gives the Sendai Framework Monitor (sfm.ts); last, so older readers keep their columns. */
const SFM_CODE: IndicatorColumn = { key: 'sfmCode', kind: 'text', get: (r) => sfmCodeOf(r) };

/** CSV columns of the plain table, in order. */
export const INDICATOR_CSV_COLUMNS = COLUMNS.map((c) => c.key);

/** What a table carries besides the plain columns. */
export interface IndicatorTableOptions {
  /** Add the `sfmCode` column (Sendai rows; the SDG view has no SFM codes). */
  sfmCodes?: boolean;
}

/** The columns of a table with these options. */
export const indicatorColumns = (options: IndicatorTableOptions = {}): IndicatorColumn[] =>
  options.sfmCodes ? [...COLUMNS, SFM_CODE] : [...COLUMNS];

/** Rows as CSV text (empty cell = no value; flags separated by ';'). */
export function indicatorCsv(rows: IndicatorRow[], options: IndicatorTableOptions = {}): string {
  const columns = indicatorColumns(options);
  return stringify(
    rows.map((r) => columns.map((c) => c.get(r) ?? '')),
    { header: true, columns: columns.map((c) => c.key), record_delimiter: 'unix' },
  );
}
