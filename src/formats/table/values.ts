/**
 * Spreadsheet cell values to datacard values. Numbers: spaces, apostrophes and the thousands
 * separator are dropped; the decimal separator is '.' unless the mapping says ','; with '.',
 * a comma must separate thousands (1,234,567). Dates: ISO (YYYY, YYYY-MM, YYYY-MM-DD, a time
 * part ignored) always; D/M/Y with '/', '.' or '-' (M/D/Y with dateOrder 'mdy'); spreadsheet
 * date cells as they are. Booleans: yes/no, sí/no, oui/non, да/нет, true/false, x, 1/0/-1.
 */

/** A cell as the row readers give it: text from CSV, typed from XLSX. */
export type TableCell = string | number | boolean | Date | null;

/** A value that could not be read; the caller adds row and column. */
export class CellError extends Error {}

/** Trimmed text of a cell, null when blank. */
export function cellText(cell: TableCell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

/** A number; null when blank. */
export function cellNumber(cell: TableCell, decimalSeparator: '.' | ',' = '.'): number | null {
  if (typeof cell === 'number') return cell;
  const text = cellText(cell);
  if (text === null) return null;
  const thousands = decimalSeparator === '.' ? ',' : '.';
  const [head = '', fraction, ...more] = text.replace(/[\s\u00a0\u202f']/g, '').split(decimalSeparator);
  let whole = head;
  if (whole.includes(thousands)) {
    const grouped = new RegExp(`^[-+]?\\d{1,3}(\\${thousands}\\d{3})+$`);
    if (!grouped.test(whole)) {
      const hint = decimalSeparator === '.' ? "; for decimal commas set options.decimalSeparator ','" : '';
      throw new CellError(
        `'${text}' is not a number (thousands separator '${thousands}' needs groups of 3${hint})`,
      );
    }
    whole = whole.replaceAll(thousands, '');
  }
  const s = fraction === undefined ? whole : `${whole}.${fraction}`;
  if (more.length > 0 || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) {
    throw new CellError(`'${text}' is not a number`);
  }
  return Number(s);
}

/** An integer, null when blank, within [min, max]. */
export function cellInteger(
  cell: TableCell,
  decimalSeparator: '.' | ',',
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | null {
  const n = cellNumber(cell, decimalSeparator);
  if (n === null) return null;
  if (!Number.isInteger(n)) throw new CellError(`'${cellText(cell)}' is not a whole number`);
  if (n < min || n > max) {
    throw new CellError(
      max === Number.MAX_SAFE_INTEGER ? `${n} is below ${min}` : `${n} is not within ${min}…${max}`,
    );
  }
  return n;
}

/** A non-negative decimal as exact text (money, hectares, metres). */
export function decimalString(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

const TRUE = new Set([
  'yes',
  'y',
  'si',
  'sí',
  's',
  'oui',
  'o',
  'да',
  'иә',
  'true',
  'x',
  '1',
  '-1',
  'verdadero',
]);
const FALSE = new Set(['no', 'n', 'non', 'нет', 'жоқ', 'false', '0', 'falso']);

/** A yes/no cell; null when blank. */
export function cellBoolean(cell: TableCell): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell !== 0;
  const text = cellText(cell)?.toLowerCase();
  if (text === undefined || text === null) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw new CellError(`'${cellText(cell)}' is not yes or no`);
}

/** A start date whose month and day may be unknown. */
export interface CellDate {
  year: number;
  month: number | null;
  day: number | null;
}

function checked(year: number, month: number, day: number, text: string): CellDate {
  const real = new Date(Date.UTC(year, Math.max(month, 1) - 1, Math.max(day, 1)));
  const ok =
    year >= 1000 &&
    month >= 0 &&
    month <= 12 &&
    day >= 0 &&
    (day === 0 || (month > 0 && real.getUTCDate() === day && real.getUTCMonth() === month - 1));
  if (!ok) throw new CellError(`'${text}' is not a valid date`);
  return { year, month: month === 0 ? null : month, day: day === 0 ? null : day };
}

/** A date: ISO (partial allowed, 00 = unknown), D/M/Y or M/D/Y, or a spreadsheet date cell. */
export function cellDate(cell: TableCell, order: 'dmy' | 'mdy' = 'dmy'): CellDate | null {
  if (cell instanceof Date) {
    return { year: cell.getUTCFullYear(), month: cell.getUTCMonth() + 1, day: cell.getUTCDate() };
  }
  if (typeof cell === 'number' && Number.isInteger(cell)) return checked(cell, 0, 0, String(cell));
  const text = cellText(cell);
  if (text === null) return null;
  const iso = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) return checked(Number(iso[1]), Number(iso[2] ?? 0), Number(iso[3] ?? 0), text);
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (parts) {
    const [a, b] = [Number(parts[1]), Number(parts[2])];
    return order === 'dmy' ? checked(Number(parts[3]), b, a, text) : checked(Number(parts[3]), a, b, text);
  }
  const monthYear = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (monthYear) return checked(Number(monthYear[2]), Number(monthYear[1]), 0, text);
  throw new CellError(
    `'${text}' is not a date (YYYY-MM-DD, YYYY-MM, YYYY or ${order === 'dmy' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'})`,
  );
}
