/**
 * Analytics results as tables, written as CSV or XLSX by the card table writers of
 * formats/table-export (streaming, typed numbers, Excel-safe text). Those writers take cards;
 * a result row rides in the card's `extra` and each column reads its own key from there.
 * Several tables (the country profile) go to one workbook, a sheet each (writeWorkbook).
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stripInvalidXml } from '../../formats/desinventar-export/xml-writer.ts';
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

/** A column of a result table: where rows hold its value, its header (default: the key), its type. */
export interface ResultColumn {
  key: string;
  label?: string;
  kind: CellKind;
}

/** A table: typed columns and rows keyed by column. */
export interface ResultTable {
  columns: ResultColumn[];
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
  // The writers head each column with its `key`: give them the label, and read the row by the key.
  const columns: Column[] = table.columns.map((c) => ({
    key: c.label ?? c.key,
    kind: c.kind,
    get: (card) => cell(card.extra[c.key]),
  }));
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

/** Excel refuses longer cell texts. */
const MAX_CELL_TEXT = 32_767;

/** A cell as Excel holds it (the rules of formats/table-export/xlsx.ts): numbers typed, text XML-safe. */
function excelCell(value: unknown, kind: CellKind): Cell {
  const c = cell(value);
  if (typeof c === 'string' && (kind === 'integer' || kind === 'decimal') && Number.isFinite(Number(c)))
    return Number(c);
  return typeof c === 'string' ? stripInvalidXml(c).slice(0, MAX_CELL_TEXT) : c;
}

/** Write several small tables to one XLSX workbook, a sheet each, to `out` (ended when done). */
export async function writeWorkbook(out: Writable, sheets: readonly { name: string; table: ResultTable }[]) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  try {
    for (const { name, table } of sheets) {
      const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.addRow(table.columns.map((c) => c.label ?? c.key)).commit();
      for await (const row of table.rows) {
        sheet.addRow(table.columns.map((c) => excelCell(row[c.key], c.kind))).commit();
        if (out.writableNeedDrain) await once(out, 'drain');
      }
      sheet.commit();
    }
    await workbook.commit();
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  }
}

/** Columns named by `keys`, typed from the values found under them. */
export const typed = (keys: readonly string[], rows: readonly Record<string, unknown>[]) =>
  keys.map((key) => ({ key, kind: kindOf(rows.map((r) => r[key] ?? null)) }));

/** Statistics: one column per dimension, then per measure. */
export const statisticsTable = (r: StatisticsResult): ResultTable => ({
  columns: typed([...r.dimensions, ...r.measures], r.rows),
  rows: r.rows,
});

/**
 * A cross-tab: the row label, one column per column heading, then the row total; a last row of
 * totals. Rows hold their cells under stable keys (`row`, `c0`…, `total`) and the headings are
 * labels only, so two columns of the same name ("Central" in two provinces) or one named
 * "total" keep their own figures.
 */
export function crosstabTable(r: CrosstabResult): ResultTable {
  const keys = r.columns.map((_, i) => `c${i}`);
  const line = (label: unknown, cells: readonly (number | null)[], total: number | null) => ({
    row: label,
    ...Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? null])),
    total,
  });
  const rows = [
    ...r.rows.map((row) => line(row.label, row.cells, row.total)),
    line('total', r.columnTotals, r.total),
  ];
  const labels = [r.rowDimension, ...r.columns.map((c) => String(c.label ?? '')), 'total'];
  const columns = typed(['row', ...keys, 'total'], rows).map((c, i) => ({ ...c, label: labels[i] }));
  return { columns, rows };
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
