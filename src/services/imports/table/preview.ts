/** previewTable: a spreadsheet's header, its first rows and a suggested mapping, before anything is imported. */
import { SourceFormatError } from '../../../formats/model.ts';
import type { TableMapping } from '../../../formats/table/mapping.ts';
import { openTable, type RowOptions } from '../../../formats/table/rows.ts';
import { type HeaderMatch, suggestMapping } from '../../../formats/table/suggest.ts';
import type { TableCell } from '../../../formats/table/values.ts';
import { AppError } from '../../../shared/errors.ts';
import type { TableFile } from './uploads.ts';

/** Rows shown in a preview. */
export const PREVIEW_ROWS = 20;

/** What a preview shows. */
export interface TablePreview {
  name: string;
  headers: string[];
  /** Spreadsheet row number of the header. */
  headerRow: number;
  /** The first data rows, cells as text, numbers or booleans (dates as YYYY-MM-DD). */
  rows: (string | number | boolean | null)[][];
  suggestion: { mapping: TableMapping; matches: HeaderMatch[] };
}

const shown = (cell: TableCell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);

/** Reader errors as 400s naming the file as the user named it (uploads live under another name). */
export function asAppError(error: unknown, file: TableFile): unknown {
  if (!(error instanceof SourceFormatError)) return error;
  return new AppError('validation_failed', error.message.replaceAll(file.path, file.name));
}

/** Preview a spreadsheet (the sheet, header row and delimiter may be chosen). */
export async function previewTable(file: TableFile, options: RowOptions = {}): Promise<TablePreview> {
  try {
    const table = await openTable(file.path, options);
    const rows: TablePreview['rows'] = [];
    for (let next = await table.rows.next(); !next.done; next = await table.rows.next()) {
      const cells = next.value.cells.map(shown);
      rows.push([...cells, ...Array<null>(Math.max(0, table.headers.length - cells.length)).fill(null)]);
      if (rows.length >= PREVIEW_ROWS) break;
    }
    await table.rows.return(undefined);
    return {
      name: file.name,
      headers: table.headers,
      headerRow: table.headerRow,
      rows,
      suggestion: suggestMapping(table.headers),
    };
  } catch (error) {
    throw asAppError(error, file);
  }
}
