/**
 * Row readers for spreadsheets: CSV (csv-parse) and XLSX (exceljs streaming WorkbookReader),
 * with header detection. Rows carry their spreadsheet row number (the CSV line, or the XLSX
 * row) so messages point where the user looks.
 */
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { SourceFormatError } from '../model.ts';
import { readCsvRows } from './csv.ts';
import { cellNumber, type TableCell } from './values.ts';

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

type RawCell = ExcelJS.CellValue;

/** A typed cell from an exceljs value (formulas give their result, rich text its text). */
function cellOf(value: RawCell): TableCell {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('result' in value) return value.result === undefined ? null : cellOf(value.result);
  if ('error' in value) return null;
  return null;
}

async function* xlsxRows(path: string, sheet: string | number | undefined): AsyncGenerator<TableRow> {
  const input = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  let position = 0;
  let found = false;
  try {
    for await (const worksheet of reader) {
      position++;
      const name = (worksheet as unknown as { name: string }).name;
      const wanted = sheet === undefined ? position === 1 : sheet === name || sheet === position;
      if (!wanted) {
        // Drain a skipped sheet: exceljs may have parked it in a temporary file and deletes that file
        // as soon as we move on, racing the still-unopened read stream (ENOENT) if it was never read.
        for await (const _ of worksheet) {
        }
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellOf(values[i + 1]));
        yield { row: row.number, cells, bytesRead: null };
      }
      break;
    }
  } catch (error) {
    if (error instanceof SourceFormatError) throw error;
    throw new SourceFormatError(`${path}: not a readable .xlsx file (${(error as Error).message})`);
  } finally {
    input.destroy();
  }
  if (!found)
    throw new SourceFormatError(
      `${path}: no sheet ${typeof sheet === 'number' ? `#${sheet}` : `'${sheet}'`}`,
    );
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
