/**
 * Rows -> CSV for COPY, written straight into UTF-8 bytes. Building the text as JavaScript
 * strings and encoding it afterwards cost more than the database's own parsing of it: a line is
 * about a hundred small strings, and joining hundreds of thousands of them is slow in V8.
 * Null and undefined become NULL (an unquoted empty field); text is always quoted.
 */

/** Writes one value of a column. */
export type Encoder = (out: CsvBytes, value: unknown) => void;

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/** A growing byte buffer with the few writes CSV needs. */
export class CsvBytes {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(1024, capacity));
  }

  /** Room for n more bytes. */
  ensure(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(b: number): void {
    this.ensure(1);
    this.bytes[this.length++] = b;
  }

  /** Text known to be ASCII without quotes or separators (numbers, timestamps). */
  ascii(text: string): void {
    this.ensure(text.length);
    const { bytes } = this;
    let at = this.length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Text as a quoted CSV field: quotes doubled, UTF-8 encoded (a lone surrogate becomes U+FFFD). */
  quoted(text: string): void {
    // At most 3 bytes per UTF-16 unit: a doubled quote takes 2, a surrogate pair 4 for 2 units.
    this.ensure(text.length * 3 + 2);
    const { bytes } = this;
    let at = this.length;
    bytes[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) {
        if (c === QUOTE) bytes[at++] = QUOTE;
        bytes[at++] = c;
      } else if (c < 0x800) {
        bytes[at++] = 0xc0 | (c >> 6);
        bytes[at++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          bytes[at++] = 0xf0 | (point >> 18);
          bytes[at++] = 0x80 | ((point >> 12) & 0x3f);
          bytes[at++] = 0x80 | ((point >> 6) & 0x3f);
          bytes[at++] = 0x80 | (point & 0x3f);
          i++;
        } else at = writeReplacement(bytes, at);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        at = writeReplacement(bytes, at);
      } else {
        bytes[at++] = 0xe0 | (c >> 12);
        bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
        bytes[at++] = 0x80 | (c & 0x3f);
      }
    }
    bytes[at++] = QUOTE;
    this.length = at;
  }

  /** The bytes written, as a view (its buffer may be transferred to a worker). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }
}

function writeReplacement(bytes: Uint8Array, at: number): number {
  bytes[at] = 0xef;
  bytes[at + 1] = 0xbf;
  bytes[at + 2] = 0xbd;
  return at + 3;
}

/** An element of a PostgreSQL array literal. */
const arrayElement = (value: unknown): string =>
  value === null || value === undefined
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : `"${String(value).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

export const scalar: Encoder = (out, value) => {
  if (typeof value === 'string') out.quoted(value);
  else if (typeof value === 'number' || typeof value === 'bigint') out.ascii(String(value));
  else if (typeof value === 'boolean') out.byte(value ? 116 : 102);
  else if (value instanceof Date) out.ascii(value.toISOString());
  else out.quoted(String(value));
};
export const json: Encoder = (out, value) => out.quoted(JSON.stringify(value));
export const array: Encoder = (out, value) => {
  if (Array.isArray(value)) out.quoted(`{${value.map(arrayElement).join(',')}}`);
  else scalar(out, value);
};

/** Rows as CSV bytes, columns in the given order, each written by its encoder. */
export function toCsv(columns: string[], rows: Record<string, unknown>[], encode: Encoder[]): Uint8Array {
  const out = new CsvBytes(rows.length * columns.length * 8);
  const last = columns.length - 1;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c <= last; c++) {
      const value = row[columns[c]!];
      if (value !== null && value !== undefined) encode[c]!(out, value);
      out.byte(c === last ? LF : COMMA);
    }
  }
  return out.view();
}
