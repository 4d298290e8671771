/** Small value rules shared by the DesInventar row shapers. */
import { EXTRA_FIELD_TYPE_VALUES } from '../../shared/schemas/extra-fields.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import type { Legacy, Names } from '../model.ts';

/** A cell of a DesInventar row. */
export type DiCell = string | number | null;

/** DesInventar `approved` codes: 0 published, 1 draft, 2 submitted, 3 rejected, 4 support. */
export const APPROVED: Record<DatacardStatus, number> = {
  published: 0,
  draft: 1,
  submitted: 2,
  rejected: 3,
  support: 4,
};

/** diccionario.fieldtype of an extra-field type (0..8). */
export const fieldTypeCode = (type: string): number => {
  const code = (EXTRA_FIELD_TYPE_VALUES as readonly string[]).indexOf(type);
  return Math.max(code, 0);
};

/** A legacy value as a cell (booleans as DesInventar's -1 / 0). */
export function legacyCell(value: Legacy[string] | undefined): DiCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? -1 : 0;
  return value;
}

/** The legacy value when the source had the column (even empty), else the fallback. */
export function fromLegacy(legacy: Legacy, key: string, fallback: DiCell): DiCell {
  return Object.hasOwn(legacy, key) ? legacyCell(legacy[key]) : fallback;
}

/**
 * The local-language name: the export's language, else a name in any other language than
 * English (an import may have filed local names under another code), else English, or null.
 */
export function localName(names: Names, language: string): string | null {
  const other = Object.entries(names).find(([lang]) => lang !== 'en')?.[1];
  return names[language] ?? other ?? names.en ?? null;
}

/** The English name, or null. */
export const englishName = (names: Names): string | null => names.en ?? null;

/**
 * Source columns DesInventar's table does not define, kept in legacy by the reader: written back
 * as columns of their own. `known` are the table's columns, `internal` the reader's own notes.
 */
export function unknownColumns(
  legacy: Legacy,
  known: readonly string[],
  internal: readonly string[] = [],
): [string, DiCell][] {
  return Object.entries(legacy)
    .filter(([key]) => !known.includes(key) && !internal.includes(key))
    .map(([key, value]) => [key, legacyCell(value)]);
}
