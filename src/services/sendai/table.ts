/**
 * Indicator downloads: the rows of a report (Sendai or its SDG view) as CSV or XLSX, written to a
 * stream by the analytics table writers (typed numbers, Excel-safe text). A report is small (one
 * row per indicator x year x disaggregation), so the CSV is built whole and written at once.
 */
import type { Writable } from 'node:stream';
import type { IndicatorReport } from '../../shared/schemas/indicators.ts';
import { type ResultTable, type TableFormat, writeTable } from '../analytics/tables.ts';
import { type IndicatorTableOptions, indicatorColumns, indicatorCsv } from './csv.ts';

const blank = <T>(cell: T) => (cell === '' ? null : cell);

/** The rows of a report as a table for the writers (cells as the CSV has them). */
export function indicatorTable(report: IndicatorReport, options: IndicatorTableOptions = {}): ResultTable {
  const columns = indicatorColumns(options);
  return {
    columns: columns.map(({ key, kind }) => ({ key, kind })),
    // An empty text (no flags, no SFM code) is an empty cell, as in the CSV.
    rows: report.rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, blank(c.get(row))]))),
  };
}

/** A download name: <tenant>-<what>-<from>-<to>.<format> (the report's years). */
export const indicatorFileName = (report: IndicatorReport, what: string, format: TableFormat) =>
  `${report.tenant}-${what}-${report.from ?? ''}-${report.to ?? ''}.${format}`;

/** Write the report's rows as CSV or XLSX (one sheet named `sheet`) to `out`, which is ended. */
export async function writeIndicatorTable(
  format: TableFormat,
  out: Writable,
  report: IndicatorReport,
  sheet: string,
  options: IndicatorTableOptions = {},
): Promise<void> {
  if (format === 'xlsx') return writeTable('xlsx', out, indicatorTable(report, options), sheet);
  out.end(indicatorCsv(report.rows, options));
}
