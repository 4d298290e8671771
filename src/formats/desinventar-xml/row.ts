/** One row of a DesInventar table with typed accessors whose errors name table, row, column and value. */
import { type Legacy, type NoticeItem, SourceFormatError, type SourcePlace } from '../model.ts';
import { toDecimal, toInteger, toNumber, ValueError } from './values.ts';

/** A table row as the tokenizer reads it: lower-case column name -> text (null = empty element). */
export type Cells = Map<string, string | null>;

/** A row with its place in the source. */
export class Row {
  constructor(
    readonly table: string,
    readonly index: number,
    readonly line: number,
    readonly cells: Cells,
  ) {}

  /** Where this row is, for items and notices. */
  get place(): SourcePlace {
    return { table: this.table, row: this.index, line: this.line };
  }

  /** Text of a column; null when empty or absent. */
  text(column: string): string | null {
    return this.cells.get(column) ?? null;
  }

  /** An integer column (counts, codes, years); null when empty or absent. */
  int(column: string): number | null {
    return this.parse(column, toInteger);
  }

  /** A decimal column as an exact decimal string; null when empty or absent. */
  decimal(column: string): string | null {
    return this.parse(column, toDecimal);
  }

  /** A numeric column as a JavaScript number; null when empty or absent. */
  number(column: string): number | null {
    return this.parse(column, toNumber);
  }

  /** Throw a SourceFormatError naming this row, the column and its value. */
  fail(column: string, reason: string): never {
    const value = this.text(column);
    const shown = value === null ? 'empty' : `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`;
    throw new SourceFormatError(
      `${this.table} row ${this.index} (line ${this.line}), column ${column}: ${reason}: ${shown}`,
      { ...this.place, column },
    );
  }

  /** Text of a column that must be present. */
  required(column: string): string {
    return this.text(column) ?? this.fail(column, 'a value is required');
  }

  private parse<T>(column: string, read: (raw: string) => T): T | null {
    const raw = this.cells.get(column);
    if (raw === undefined || raw === null || raw.trim() === '') return null;
    try {
      return read(raw);
    } catch (error) {
      if (error instanceof ValueError) this.fail(column, error.message);
      throw error;
    }
  }
}

/**
 * Reports each column of a modelled table that the reader does not know, once per table,
 * and collects their values so nothing is lost.
 */
export class ColumnCheck {
  private readonly reported = new Set<string>();

  /** Unknown columns of the row go into `legacy`; returns a notice for each one seen for the first time. */
  collect(row: Row, known: ReadonlySet<string>, legacy: Legacy): NoticeItem[] {
    const notices: NoticeItem[] = [];
    for (const [column, value] of row.cells) {
      if (known.has(column)) continue;
      // defineProperty: a column named __proto__ must stay a plain key.
      Object.defineProperty(legacy, column, { value, enumerable: true, writable: true, configurable: true });
      const id = `${row.table}.${column}`;
      if (this.reported.has(id)) continue;
      this.reported.add(id);
      notices.push({
        kind: 'notice',
        level: 'info',
        code: 'unknown_column',
        message: `column ${column} of table ${row.table} has no mapping; its values are kept as legacy data`,
        place: row.place,
      });
    }
    return notices;
  }
}

/** Names per language: the local name under the tenant language, the English one under 'en'. */
export function localNames(
  local: string | null,
  english: string | null,
  language: string,
): Record<string, string> {
  const names: Record<string, string> = {};
  if (english !== null) names.en = english;
  if (local !== null) names[language] = local;
  return names;
}
