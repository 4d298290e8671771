/**
 * Readers of what the table writers produce, used by the tests to check exports: CSV through
 * csv-parse, XLSX through exceljs. The forEach variants stream one row at a time, so large exports
 * are checked in flat memory; readXlsx reads a small workbook whole, sheet names included.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

/** Call fn for every record of a CSV stream, header included. */
export async function forEachCsvRecord(input: Readable, fn: (record: string[]) => void): Promise<void> {
  for await (const record of input.pipe(parse({ bom: true }))) fn(record as string[]);
}

/** Every record of a CSV stream, header included, as text. */
export async function readCsv(input: Readable): Promise<string[][]> {
  const records: string[][] = [];
  await forEachCsvRecord(input, (r) => records.push(r));
  return records;
}

/** Call fn for every row of every sheet of an XLSX stream (cells from column A, empty ones null). */
export async function forEachXlsxRow(
  input: Readable,
  fn: (sheet: string, row: unknown[]) => void,
): Promise<void> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
  });
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    for await (const row of sheet) {
      const values = row.values as unknown[];
      fn(
        name,
        Array.from(values.slice(1), (v) => v ?? null),
      );
    }
  }
}

/** A sheet's rows as plain cell values (index 0 = column A). */
export interface SheetRows {
  name: string;
  rows: unknown[][];
}

/**
 * Every sheet of an XLSX stream, read whole (small test files): the streaming reader names a sheet
 * only when the workbook's relations came before it in the zip, which is not always so.
 */
export async function readXlsx(input: Readable): Promise<SheetRows[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.read(input);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null));
    });
    return { name: sheet.name, rows };
  });
}
