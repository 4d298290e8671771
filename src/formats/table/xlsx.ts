/**
 * A streaming XLSX row reader of our own: yauzl opens the package for random access, so the
 * small parts a sheet depends on (workbook, relationships, styles, shared strings) are read
 * first, whatever their order in the zip, and then the chosen sheet streams through saxes a
 * chunk at a time. Nothing is written to temporary files; memory holds the shared strings and
 * the rows of one chunk. Every member is capped like a DesInventar zip (size and inflation ratio).
 */
import { basename, posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { openZip, type ZipArchive } from '../desinventar-xml/zip.ts';
import { SourceFormatError } from '../model.ts';
import type { TableCell } from './values.ts';

/** One sheet row: its 1-based number and its cells from column A. */
export interface XlsxRow {
  row: number;
  cells: TableCell[];
}

/** Local name of a possibly prefixed tag or attribute ("x:row" → "row"). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** The value of an attribute by local name, ignoring its prefix ("r:id", "ns1:id"). */
function attribute(tag: SaxesTagPlain, name: string, prefixed = false): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (prefixed ? key.includes(':') && local(key) === name : key === name) return value;
  }
  return undefined;
}

/** OOXML escapes control characters in strings as _xHHHH_. */
const unescapeText = (text: string) =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(Number.parseInt(hex, 16)))
    : text;

/**
 * Feed one member of the package to a parser built by `setup`, yielding whatever the
 * handlers collected after each chunk. Parse errors name the member, line and column.
 */
async function* parseMember<T>(
  archive: ZipArchive,
  file: string,
  member: string,
  setup: (parser: SaxesParser, out: T[]) => void,
): AsyncGenerator<T[]> {
  const parser = new SaxesParser({ position: true });
  const out: T[] = [];
  let failure: string | null = null;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.on('doctype', () => {
    failure ??= 'a DOCTYPE is not allowed in a spreadsheet part';
  });
  setup(parser, out);
  let decoder: TextDecoder | null = null;
  const fail = () => {
    throw new SourceFormatError(`${basename(file)}/${member}: not readable XML (${failure})`);
  };
  for await (const chunk of archive.read(member)) {
    if (!decoder) {
      const utf16 = chunk[0] === 0xff && chunk[1] === 0xfe;
      decoder = new TextDecoder(utf16 ? 'utf-16le' : 'utf-8');
    }
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failure) fail();
    if (out.length > 0) yield out.splice(0);
  }
  if (decoder) parser.write(decoder.decode());
  parser.close();
  if (failure) fail();
  if (out.length > 0) yield out.splice(0);
}

/** Collect every item of a small member. */
async function readAll<T>(
  archive: ZipArchive,
  file: string,
  member: string,
  setup: (parser: SaxesParser, out: T[]) => void,
): Promise<T[]> {
  const all: T[] = [];
  for await (const batch of parseMember(archive, file, member, setup)) all.push(...batch);
  return all;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** The relationships of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"), targets resolved. */
async function relationships(archive: ZipArchive, file: string, part: string): Promise<Relationship[]> {
  const dir = posix.dirname(part);
  const member = posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(part)}.rels`);
  if (!archive.names.includes(member)) return [];
  return readAll<Relationship>(archive, file, member, (parser, out) => {
    parser.on('opentag', (tag) => {
      if (local(tag.name) !== 'Relationship') return;
      const target = attribute(tag, 'Target') ?? '';
      if (attribute(tag, 'TargetMode') === 'External') return;
      out.push({
        id: attribute(tag, 'Id') ?? '',
        type: attribute(tag, 'Type') ?? '',
        target: target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target)),
      });
    });
  });
}

interface SheetEntry {
  name: string;
  rid: string;
}

interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
}

async function workbookInfo(archive: ZipArchive, file: string, part: string): Promise<WorkbookInfo> {
  let date1904 = false;
  const sheets = await readAll<SheetEntry>(archive, file, part, (parser, out) => {
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        out.push({ name: attribute(tag, 'name') ?? '', rid: attribute(tag, 'id', true) ?? '' });
      }
    });
  });
  return { sheets, date1904 };
}

/** Built-in number formats that show dates or times. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a custom format code shows a date: d, m, y, h or s outside quotes, escapes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '');
  const firstSection = bare.split(';')[0] ?? '';
  return /[dmyhs]/i.test(firstSection) && !/^general$/i.test(firstSection.trim());
}

/** For each cell style index, whether it formats numbers as dates. */
async function dateStyles(archive: ZipArchive, file: string, part: string | undefined): Promise<boolean[]> {
  if (!part || !archive.names.includes(part)) return [];
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await readAll<never>(archive, file, part, (parser) => {
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt') {
        custom.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        formats.push(Number(attribute(tag, 'numFmtId') ?? 0));
      }
    });
    parser.on('closetag', (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    });
  });
  return formats.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id);
  });
}

/** The shared string table: plain and rich text alike, phonetic runs left out. */
async function sharedStrings(archive: ZipArchive, file: string, part: string | undefined): Promise<string[]> {
  if (!part || !archive.names.includes(part)) return [];
  let text: string[] = [];
  let inText = false;
  let phonetic = 0;
  return readAll<string>(archive, file, part, (parser, out) => {
    parser.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'si') text = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    });
    parser.on('text', (t) => {
      if (inText) text.push(t);
    });
    parser.on('cdata', (t) => {
      if (inText) text.push(t);
    });
    parser.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') out.push(unescapeText(text.join('')));
    });
  });
}

/** Column number (1-based) of a cell reference ("B12" → 2); null if there are no letters. */
function columnOf(ref: string): number | null {
  let column = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0) & ~0x20;
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column === 0 ? null : column;
}

const DAY_MS = 86_400_000;

/** A spreadsheet serial day as a UTC date (1900 system from 1899-12-30; 1904 four years later). */
function serialDate(serial: number, date1904: boolean): Date {
  const days = serial + (date1904 ? 1462 : 0);
  return new Date(Math.round((days - 25569) * DAY_MS));
}

/** Cell state while its tag is open. */
interface OpenCell {
  column: number;
  type: string;
  style: number;
  value: string[];
  inline: string[];
}

/**
 * The rows of one sheet of an .xlsx file, by name or 1-based position (default the first).
 * Throws SourceFormatError naming the file when it is not a workbook or has no such sheet.
 */
export async function* readXlsxRows(file: string, sheet?: string | number): AsyncGenerator<XlsxRow> {
  const archive = await openZip(file);
  try {
    const root = await relationships(archive, file, '');
    const workbookPart =
      root.find((r) => r.type.endsWith('/officeDocument'))?.target ??
      (archive.names.includes('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
    if (!workbookPart || !archive.names.includes(workbookPart))
      throw new SourceFormatError(`${basename(file)}: not a readable .xlsx file (no workbook part)`);
    const rels = await relationships(archive, file, workbookPart);
    const { sheets, date1904 } = await workbookInfo(archive, file, workbookPart);
    const chosen =
      sheet === undefined
        ? sheets[0]
        : typeof sheet === 'number'
          ? sheets[sheet - 1]
          : (sheets.find((s) => s.name === sheet) ??
            sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase()));
    if (!chosen) {
      const names = sheets.map((s) => `'${s.name}'`).join(', ');
      throw new SourceFormatError(
        `${basename(file)}: no sheet ${typeof sheet === 'number' ? `#${sheet}` : `'${sheet ?? 1}'`} (sheets: ${names || 'none'})`,
      );
    }
    const sheetPart = rels.find((r) => r.id === chosen.rid)?.target;
    if (!sheetPart || !archive.names.includes(sheetPart))
      throw new SourceFormatError(`${basename(file)}: sheet '${chosen.name}' has no worksheet part`);
    const strings = await sharedStrings(
      archive,
      file,
      rels.find((r) => r.type.endsWith('/sharedStrings'))?.target,
    );
    const dates = await dateStyles(archive, file, rels.find((r) => r.type.endsWith('/styles'))?.target);
    yield* sheetRows(archive, file, sheetPart, strings, dates, date1904);
  } finally {
    archive.close();
  }
}

async function* sheetRows(
  archive: ZipArchive,
  file: string,
  part: string,
  strings: string[],
  dates: boolean[],
  date1904: boolean,
): AsyncGenerator<XlsxRow> {
  let rowNumber = 0;
  let cells: TableCell[] = [];
  let cell: OpenCell | null = null;
  let target: string[] | null = null;
  let phonetic = 0;
  let bad: string | null = null;

  const cellValue = (c: OpenCell): TableCell => {
    const raw = c.value.join('');
    switch (c.type) {
      case 's': {
        if (raw === '') return null;
        const text = strings[Number(raw)];
        if (text === undefined)
          bad ??= `cell ${c.column} of row ${rowNumber} names shared string ${raw}, which does not exist`;
        return text === undefined || text === '' ? null : text;
      }
      case 'inlineStr':
        return c.inline.length === 0 ? null : unescapeText(c.inline.join('')) || null;
      case 'str':
        return raw === '' ? null : unescapeText(raw);
      case 'b':
        return raw === '' ? null : raw === '1' || raw.toLowerCase() === 'true';
      case 'e':
        return null;
      case 'd': {
        if (raw === '') return null;
        const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) || raw.length <= 10 ? raw : `${raw}Z`);
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default: {
        if (raw.trim() === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        return dates[c.style] ? serialDate(n, date1904) : n;
      }
    }
  };

  const rows = parseMember<XlsxRow>(archive, file, part, (parser, out) => {
    parser.on('opentag', (tag) => {
      switch (local(tag.name)) {
        case 'row': {
          const r = Number(attribute(tag, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          break;
        }
        case 'c': {
          const column = columnOf(attribute(tag, 'r') ?? '') ?? cells.length + 1;
          cell = {
            column,
            type: attribute(tag, 't') ?? 'n',
            style: Number(attribute(tag, 's') ?? 0),
            value: [],
            inline: [],
          };
          break;
        }
        case 'v':
          if (cell) target = cell.value;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 't':
          if (cell && phonetic === 0) target = cell.inline;
          break;
      }
    });
    const text = (t: string) => {
      if (target) target.push(t);
    };
    parser.on('text', text);
    parser.on('cdata', text);
    parser.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          target = null;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (cell) {
            while (cells.length < cell.column - 1) cells.push(null);
            cells[cell.column - 1] = cellValue(cell);
          }
          cell = null;
          break;
        case 'row':
          out.push({ row: rowNumber, cells });
          cells = [];
          break;
      }
    });
  });
  for await (const batch of rows) {
    if (bad) throw new SourceFormatError(`${basename(file)}/${part}: ${bad}`);
    yield* batch;
  }
}
