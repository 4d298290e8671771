/**
 * Datacards as XLSX through exceljs's streaming WorkbookWriter: each row is committed (written
 * to the zip) as soon as it is added, so memory does not grow with the number of cards.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { stripInvalidXml } from '../desinventar-export/xml-writer.ts';
import { type CardPoint, type Cell, type Column, cardCells, type TableCard } from './columns.ts';
import type { CardTableSpec, CardTableWriter } from './writer.ts';

/** Rows per sheet: Excel's limit is 1,048,576 including the header row. */
export const XLSX_MAX_ROWS = 1_048_575;
/** Excel refuses longer cell texts. */
const MAX_CELL_TEXT = 32_767;

/** Options of the XLSX writer. */
export interface XlsxOptions {
  /** Sheet name (a second sheet gets ' 2' and so on). */
  sheetName?: string;
  /** Cards per sheet before a new sheet starts (tests lower it). */
  rowsPerSheet?: number;
}

type ExcelValue = string | number | boolean | null;

/** A cell as Excel should hold it: numbers as numbers, text without XML-invalid characters. */
function excelValue(cell: Cell, column: Column): ExcelValue {
  if (cell === null) return null;
  if (column.kind === 'decimal' || column.kind === 'integer') {
    const n = Number(cell);
    if (Number.isFinite(n)) return n;
  }
  if (typeof cell !== 'string') return cell;
  const text = stripInvalidXml(cell);
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
}

/** An XLSX writer: a header row of column keys, then one row per card, in as many sheets as needed. */
export function xlsxCardWriter(
  out: Writable,
  spec: CardTableSpec,
  options: XlsxOptions = {},
): CardTableWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const name = options.sheetName ?? 'datacards';
  const perSheet = options.rowsPerSheet ?? XLSX_MAX_ROWS;
  const header = spec.columns.map((c) => c.key);
  let sheet: ExcelJS.Worksheet | null = null;
  let sheets = 0;
  let rows = 0;

  const newSheet = () => {
    sheet?.commit();
    sheets += 1;
    sheet = workbook.addWorksheet(sheets === 1 ? name : `${name} ${sheets}`, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(header).commit();
    rows = 0;
    return sheet;
  };

  return {
    async write(card: TableCard, _point: CardPoint | null) {
      const target = sheet === null || rows >= perSheet ? newSheet() : sheet;
      const cells = cardCells(spec.columns, card);
      target.addRow(cells.map((cell, i) => excelValue(cell, spec.columns[i]!))).commit();
      rows += 1;
      // exceljs ignores backpressure: wait here when the consumer has fallen behind.
      if (out.writableNeedDrain) await once(out, 'drain');
    },
    async end() {
      if (sheet === null) newSheet();
      await workbook.commit();
    },
  };
}
