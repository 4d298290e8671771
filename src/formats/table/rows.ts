/**
 * Row readers for spreadsheets: CSV (csv-parse) and XLSX (our own streaming reader, xlsx.ts),
 * with header detection. Rows carry their spreadsheet row number (the CSV line, or the XLSX
 * row) so messages point where the user looks.
 */
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { SourceFormatError } from '../model.ts';
import { readCsvRows } from './csv.ts';
import { cellNumber, type TableCell } from './values.ts';
import { readXlsxRows } from './xlsx.ts';

/** One row of cells. */
export interface TableRow {
  /** Spreadsheet row number (CSV: file line). */
  row: number;
  cells: TableCell[];
  bytesRead: number | null;
}

/** Where to read. */
export interface RowOptions {
  /** XLSX sheet: name or 1-based position (default: the first). */
  sheet?: string | number;
  /** CSV delimiter (default: detected). */
  delimiter?: string;
  /** The header's row number (default: detected in the first 10 rows). */
  headerRow?: number;
}

/** The spreadsheet kind of a file name. */
export function tableKind(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw new SourceFormatError(
    ext === '.xls'
      ? `${path}: .xls (Excel 97-2003) is not supported; save it as .xlsx or .csv`
      : `${path}: expected a .csv or .xlsx file`,
  );
}

async function* xlsxRows(path: string, sheet: string | number | undefined): AsyncGenerator<TableRow> {
  for await (const r of readXlsxRows(path, sheet)) yield { row: r.row, cells: r.cells, bytesRead: null };
}

async function* csvRows(path: string, delimiter: string | undefined): AsyncGenerator<TableRow> {
  for await (const r of readCsvRows(path, delimiter))
    yield { row: r.line, cells: r.cells, bytesRead: r.bytesRead };
}

/** Every non-blank row of the file. */
export function readRows(path: string, options: RowOptions = {}): AsyncGenerator<TableRow> {
  const kind = tableKind(path);
  statSync(path);
  return kind === 'csv' ? csvRows(path, options.delimiter) : xlsxRows(path, options.sheet);
}

const filled = (cells: TableCell[]) => cells.filter((c) => c !== null && String(c).trim() !== '');

function isNumeric(cell: TableCell): boolean {
  if (typeof cell === 'number' || cell instanceof Date) return true;
  try {
    return cellNumber(cell) !== null;
  } catch {
    return false;
  }
}

/** The first of the rows whose filled cells are all text and at least half as many as the widest row's. */
export function detectHeader(rows: TableRow[]): TableRow | null {
  const widest = Math.max(0, ...rows.map((r) => filled(r.cells).length));
  return (
    rows.find((r) => {
      const cells = filled(r.cells);
      return cells.length >= Math.max(1, widest / 2) && cells.every((c) => !isNumeric(c));
    }) ?? null
  );
}

/** Header names (trimmed; blank headers become 'Column N'; duplicates get ' (2)'). */
export function headerNames(row: TableRow): string[] {
  const seen = new Map<string, number>();
  return row.cells.map((cell, i) => {
    const base = cell === null || String(cell).trim() === '' ? `Column ${i + 1}` : String(cell).trim();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** The header and the data rows after it. */
export interface TableRows {
  headers: string[];
  headerRow: number;
  rows: AsyncGenerator<TableRow>;
}

/** Open a file, find its header (options.headerRow, or detected) and stream the rows below it. */
export async function openTable(path: string, options: RowOptions = {}): Promise<TableRows> {
  const all = readRows(path, options);
  const buffered: TableRow[] = [];
  // Read by hand: leaving a for-await loop early would close the generator.
  for (let next = await all.next(); !next.done; next = await all.next()) {
    const row = next.value;
    if (filled(row.cells).length === 0) continue;
    buffered.push(row);
    if (options.headerRow !== undefined ? row.row >= options.headerRow : buffered.length >= 10) break;
  }
  const header =
    options.headerRow !== undefined
      ? (buffered.find((r) => r.row === options.headerRow) ?? null)
      : detectHeader(buffered);
  if (!header) {
    await all.return(undefined);
    throw new SourceFormatError(
      options.headerRow !== undefined
        ? `${path}: row ${options.headerRow} is empty or missing; it cannot be the header`
        : `${path}: no header row found in the first 10 rows (a row of column names)`,
    );
  }
  const after = buffered.filter((r) => r.row > header.row);
  async function* rows(): AsyncGenerator<TableRow> {
    yield* after;
    for await (const row of all) if (filled(row.cells).length > 0) yield row;
  }
  return { headers: headerNames(header), headerRow: header.row, rows: rows() };
}
