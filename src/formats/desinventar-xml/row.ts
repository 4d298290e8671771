/** One row of a DesInventar table with typed accessors whose errors name table, row, column and value. */
import { type Legacy, type NoticeItem, SourceFormatError, type SourcePlace } from '../model.ts';
import { toDecimal, toInteger, toNumber, ValueError } from './values.ts';

/**
 * The columns of a row in document order: raw tag names, their lower-case names, and for each
 * position the slot of its value (a column given twice keeps its first slot; the later value wins,
 * as it would in a map). Rows of a table share one layout while their columns do not change.
 */
export class Layout {
  /** Lower-case names, one per slot. */
  readonly names: string[] = [];
  /** Slot of each position. */
  readonly slot: number[] = [];
  readonly index = new Map<string, number>();
  private readonly repeats: boolean;

  constructor(
    readonly raw: string[],
    lower: string[],
  ) {
    for (const name of lower) {
      let slot = this.index.get(name);
      if (slot === undefined) {
        slot = this.names.length;
        this.names.push(name);
        this.index.set(name, slot);
      }
      this.slot.push(slot);
    }
    this.repeats = this.names.length !== lower.length;
  }

  private readonly unknown = new Map<ReadonlySet<string>, number[]>();

  /** Slots whose names are not in `known` (worked out once per layout and set). */
  slotsOutside(known: ReadonlySet<string>): number[] {
    let slots = this.unknown.get(known);
    if (!slots) {
      slots = this.names.flatMap((name, slot) => (known.has(name) ? [] : [slot]));
      this.unknown.set(known, slots);
    }
    return slots;
  }

  /** Values by position -> values by slot. */
  remap(values: (string | null)[]): (string | null)[] {
    if (!this.repeats) return values;
    const out = new Array<string | null>(this.names.length).fill(null);
    for (let i = 0; i < values.length; i++) out[this.slot[i]!] = values[i]!;
    return out;
  }
}

/** A table row as the tokenizer reads it: lower-case column name -> text (null = empty element). */
export class Cells implements Iterable<[string, string | null]> {
  constructor(
    readonly layout: Layout,
    readonly values: (string | null)[],
  ) {}

  get size(): number {
    return this.values.length;
  }

  /** The text of a column: undefined when the row has no such column, null when it is empty. */
  get(column: string): string | null | undefined {
    const slot = this.layout.index.get(column);
    return slot === undefined ? undefined : this.values[slot];
  }

  has(column: string): boolean {
    return this.layout.index.has(column);
  }

  *[Symbol.iterator](): Iterator<[string, string | null]> {
    const { names } = this.layout;
    for (let i = 0; i < names.length; i++) yield [names[i]!, this.values[i]!];
  }
}

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
    const { layout, values } = row.cells;
    for (const slot of layout.slotsOutside(known)) {
      const column = layout.names[slot]!;
      const value = values[slot]!;
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
