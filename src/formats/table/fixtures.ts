/** Test support: writes small CSV and XLSX spreadsheets (XLSX with exceljs's streaming writer). */
import { once } from 'node:events';
import { createWriteStream, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

/** A fixture cell. */
export type FixtureCell = string | number | boolean | Date | null;

const csvCell = (c: FixtureCell) => {
  const text = c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Write rows as CSV (comma unless given). */
export function writeCsv(path: string, rows: FixtureCell[][], delimiter = ','): void {
  writeFileSync(path, `${rows.map((r) => r.map(csvCell).join(delimiter)).join('\r\n')}\r\n`);
}

/** Write sheets of rows as XLSX; dates get a date format so readers see date cells. */
export async function writeXlsx(path: string, sheets: Record<string, FixtureCell[][]>): Promise<void> {
  // Our own file stream, so that we return only once it is closed: resolving on exceljs's own
  // 'finish' let a test read the file back before its last entry (xl/workbook.xml) was there.
  const out = createWriteStream(path);
  const closed = once(out, 'close');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const cells of rows) {
      const row = sheet.addRow(cells);
      cells.forEach((c, i) => {
        if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
      row.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  await closed;
}
