/** Helpers for this folder's tests: temp fixture files, collecting items, exact decimal sums. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportItem, SourceFormatError } from '../model.ts';
import { type DesInventarXmlOptions, readDesInventarXml } from './read.ts';
import { desinventarXml, type FixtureTable } from './synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'di-xml-'));
let counter = 0;

/** Write bytes or text to a fresh temp file; returns its path. */
export function tempFile(content: string | Uint8Array, name = 'fixture.xml'): string {
  const path = join(dir, `${++counter}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** Every item the reader yields for a file. */
export async function readAll(path: string, options?: DesInventarXmlOptions): Promise<ImportItem[]> {
  const items: ImportItem[] = [];
  for await (const item of readDesInventarXml(path, options).items) items.push(item);
  return items;
}

/** Every item for a fixture document built from tables. */
export const readTables = (tables: FixtureTable[], options?: DesInventarXmlOptions) =>
  readAll(tempFile(desinventarXml(tables)), options);

/** The items of one kind. */
export function ofKind<K extends ImportItem['kind']>(
  items: ImportItem[],
  kind: K,
): Extract<ImportItem, { kind: K }>[] {
  return items.filter((i): i is Extract<ImportItem, { kind: K }> => i.kind === kind);
}

/** Assert that reading rejects with a SourceFormatError whose message matches every pattern. */
export async function rejectsWith(read: Promise<unknown>, ...patterns: RegExp[]): Promise<SourceFormatError> {
  let caught: unknown;
  await read.catch((error: unknown) => {
    caught = error;
  });
  assert.ok(
    caught instanceof Error && caught.name === 'SourceFormatError',
    `expected a SourceFormatError, got ${caught}`,
  );
  for (const pattern of patterns) assert.match(caught.message, pattern);
  return caught as SourceFormatError;
}

/** Exact sum of decimal strings or numbers, as a decimal string (no floating point). */
export function sumDecimals(values: (string | number | null | undefined)[]): string {
  const scale = 6;
  let total = 0n;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const [whole = '0', fraction = ''] = String(value).replace('-', '').split('.');
    const scaled = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
    total += String(value).startsWith('-') ? -scaled : scaled;
  }
  const text = total.toString().padStart(scale + 1, '0');
  const result = `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '');
  return result === '' ? '0' : result;
}

/** The real exports of the shared test corpus, and a skip message when one is absent. */
export function realExport(code: 'grd' | 'nga' | 'bdi'): { path: string; skip: string | false } {
  const path = join(
    import.meta.dirname,
    '../../../../shared/data/desinventar',
    code,
    `DI_export_${code}.xml`,
  );
  return { path, skip: existsSync(path) ? false : `real export not present: ${path}` };
}
