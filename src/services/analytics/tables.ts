/**
 * Analytics results as tables, written as CSV or XLSX by the card table writers of
 * formats/table-export (streaming, typed numbers, Excel-safe text). Those writers take cards;
 * a result row rides in the card's `extra` and each column reads its own key from there.
 */
import type { Writable } from 'node:stream';
import type { Cell, CellKind, Column, TableCard } from '../../formats/table-export/columns.ts';
import { csvCardWriter } from '../../formats/table-export/csv.ts';
import type { CardTableWriter } from '../../formats/table-export/writer.ts';
import { xlsxCardWriter } from '../../formats/table-export/xlsx.ts';
import type { CrosstabResult } from './crosstab.ts';
import type { MapResult } from './map.ts';
import type { StatisticsResult } from './statistics.ts';
import type { TimeseriesResult } from './timeseries.ts';
import type { FilteredTotals } from './totals.ts';

/** Download formats of table results. */
export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
/** A download format. */
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Media type and extension of each format. */
export const TABLE_MEDIA: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A table: typed columns and rows keyed by column. */
export interface ResultTable {
  columns: { key: string; kind: CellKind }[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

/** Any value as one cell; lists (multi-choice codes) are joined by ';' as in card exports. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const carrier = (row: Record<string, unknown>): TableCard => ({
  id: '',
  fields: {},
  effects: {},
  extra: row,
  eventType: { code: '', name: '' },
  cause: null,
  geoUnit: { code: '', name: '' },
  levels: [],
  sourceUuid: null,
  createdAt: '',
  updatedAt: '',
});

/** Write a table to `out` (ended when done). */
export async function writeTable(format: TableFormat, out: Writable, table: ResultTable, sheet: string) {
  const columns: Column[] = table.columns.map((c) => ({ ...c, get: (card) => cell(card.extra[c.key]) }));
  const writer: CardTableWriter =
    format === 'csv'
      ? csvCardWriter(out, { columns })
      : xlsxCardWriter(out, { columns }, { sheetName: sheet });
  try {
    for await (const row of table.rows) await writer.write(carrier(row), null);
    await writer.end();
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
}

const kindOf = (values: readonly unknown[]): CellKind =>
  values.every((v) => v === null || typeof v === 'number')
    ? values.every((v) => v === null || Number.isInteger(v))
      ? 'integer'
      : 'decimal'
    : 'text';

/** Columns named by `keys`, typed from the values found under them. */
const typed = (keys: readonly string[], rows: readonly Record<string, unknown>[]) =>
  keys.map((key) => ({ key, kind: kindOf(rows.map((r) => r[key] ?? null)) }));

/** Statistics: one column per dimension, then per measure. */
export const statisticsTable = (r: StatisticsResult): ResultTable => ({
  columns: typed([...r.dimensions, ...r.measures], r.rows),
  rows: r.rows,
});

/** A cross-tab: the row label, one column per column label, then the row total; a last row of totals. */
export function crosstabTable(r: CrosstabResult): ResultTable {
  const keys = r.columns.map((c) => String(c.label ?? ''));
  const rows = r.rows.map((row) => ({
    [r.rowDimension]: row.label,
    ...Object.fromEntries(keys.map((k, i) => [k, row.cells[i]])),
    total: row.total,
  }));
  rows.push({
    [r.rowDimension]: 'total',
    ...Object.fromEntries(keys.map((k, i) => [k, r.columnTotals[i]])),
    total: r.total,
  });
  return { columns: typed([r.rowDimension, ...keys, 'total'], rows), rows };
}

/** A time series: period, year, month (monthly), then the measures; year-only cards close a monthly table. */
export function timeseriesTable(r: TimeseriesResult): ResultTable {
  const head = r.interval === 'year' ? ['period', 'year'] : ['period', 'year', 'month'];
  const rows = [...r.points, ...r.unknownMonth.map((p) => ({ period: String(p.year), month: null, ...p }))];
  return { columns: typed([...head, ...r.measures], rows), rows };
}

/** Map values: one row per unit (code, name), then a row for the cards above the level. */
export function mapTable(r: MapResult): ResultTable {
  const rows: Record<string, unknown>[] = r.features.map((f) => f.properties);
  rows.push({ unitId: null, code: null, name: null, ...r.unlocated });
  return { columns: typed(['unitId', 'code', 'name', ...r.measures], rows), rows };
}

/** Totals: one row, the card count and each effect's sum. */
export function totalsTable(r: FilteredTotals): ResultTable {
  const row = { cards: r.cards, ...r.sums };
  return { columns: typed(Object.keys(row), [row]), rows: [row] };
}
