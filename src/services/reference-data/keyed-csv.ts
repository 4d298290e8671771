/** Reads a small CSV of global reference rows (rates, CPI): header check, numbers, zod, duplicate keys. */
import type { z } from 'zod';
import { checkHeader, headerOf, Problems, readCsvRecords, textCell } from './csv-file.ts';

/** How to read one file. */
export interface KeyedCsvSpec<T> {
  schema: z.ZodType<T>;
  required: string[];
  optional: string[];
  /** Columns read as numbers. */
  numbers: string[];
  /** Schema key -> CSV column. */
  fields: Record<string, string>;
  /** The identity of a row; a repeat is an error. */
  key: (row: T) => string;
  /** Source of every row when the file has no source column. */
  defaultSource: string;
}

/** The validated rows of the file, or an error naming every bad line and column. */
export function readKeyedCsv<T>(file: string, spec: KeyedCsvSpec<T>): T[] {
  const [head, ...records] = readCsvRecords(file);
  const header = headerOf(head);
  checkHeader(file, header, spec.required, spec.optional);
  const problems = new Problems();
  const firstSeen = new Map<string, number>();
  const out: T[] = [];
  for (const r of records) {
    if (r.fields.length !== header.length) {
      problems.add(r.line, null, `has ${r.fields.length} fields, the header ${header.length}`);
      continue;
    }
    const draft: Record<string, unknown> = {};
    let bad = false;
    for (const [key, column] of Object.entries(spec.fields)) {
      const text = header.includes(column) ? r.fields[header.indexOf(column)] : undefined;
      if (column === 'source' && !header.includes('source')) draft[key] = spec.defaultSource;
      else if (!spec.numbers.includes(column))
        draft[key] = textCell(text) ?? (spec.required.includes(column) ? '' : null);
      else {
        const n = problems.number(r.line, column, text);
        const missing = n === undefined && spec.required.includes(column);
        if (missing) problems.add(r.line, column, 'a value is required', 'required');
        if (n === null || missing) bad = true;
        draft[key] = n ?? null;
      }
    }
    if (bad) continue;
    const parsed = spec.schema.safeParse(draft);
    if (!parsed.success) {
      problems.zod(r.line, parsed.error, spec.fields);
      continue;
    }
    const key = spec.key(parsed.data);
    const first = firstSeen.get(key);
    if (first) problems.add(r.line, null, `${key} repeats line ${first}`, 'duplicate');
    else firstSeen.set(key, r.line);
    out.push(parsed.data);
  }
  if (records.length === 0) problems.add(1, null, 'the file has a header but no rows', 'empty');
  problems.throwIfAny(file);
  return out;
}
