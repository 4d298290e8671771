/**
 * Numbers as DesInventar writes them (Java toString: `0.0`, `-1`, `3.4164E7`) turned into exact
 * values without going through binary floating point: quantities become canonical decimal
 * strings, counts become integers.
 */

/** The common case, already canonical: 0, 12, -1 (up to 15 digits, so always a safe integer). */
const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/;
/** Exponents beyond this are not DesInventar data but an attack on memory (1E999999). */
const MAX_EXPONENT = 400;

/** Why a value could not be read; the caller adds the place (table, row, column). */
export class ValueError extends Error {}

/** The canonical decimal string of a numeric text: "3.4164E7" -> "34164000", "0.50" -> "0.5". */
export function toDecimal(raw: string): string {
  if (PLAIN_INTEGER.test(raw)) return raw === '-0' ? '0' : raw;
  const match = NUMBER.exec(raw.trim());
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole.length + fraction.length === 0) throw new ValueError('not a number');
  const exp = Number(exponent);
  if (Math.abs(exp) > MAX_EXPONENT) throw new ValueError('number out of range');
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  // Position of the decimal point inside `digits` once leading zeros are gone.
  const leadingZeros = `${whole}${fraction}`.length - digits.length;
  const point = whole.length + exp - leadingZeros;
  let text: string;
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) text = `${digits}${'0'.repeat(point - digits.length)}`;
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return sign === '-' && text !== '0' ? `-${text}` : text;
}

/** An integer from a numeric text; "5.0" and "5E2" are fine, "5.5" is not. */
export function toInteger(raw: string): number {
  if (PLAIN_INTEGER.test(raw)) return Number(raw) + 0;
  const decimal = toDecimal(raw);
  if (decimal.includes('.')) throw new ValueError('not a whole number');
  const value = Number(decimal);
  if (!Number.isSafeInteger(value)) throw new ValueError('integer out of range');
  return value;
}

/** A JavaScript number from a numeric text (coordinates, ratios). */
export function toNumber(raw: string): number {
  return Number(toDecimal(raw));
}
