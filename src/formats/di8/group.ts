/** DI8 catalogue tables hold one row per record and language: this folds them into one entry each. */
import type { Legacy, Names, SourcePlace } from '../model.ts';
import type { Di8TableRow } from './tables.ts';
import { type Di8Row, languageOf, textOf } from './values.ts';

/** One record with its names per language and its other columns kept for export. */
export interface LanguageGroup {
  id: string;
  names: Names;
  /** Shared columns, and per-language columns (the first language plain, others as 'Column.lng'). */
  legacy: Legacy;
  /** The first row of the record. */
  first: Di8Row;
  place: SourcePlace;
}

/** Which columns identify, name and describe the record. */
export interface GroupSpec {
  table: string;
  id: string;
  name: string;
  /** Text that differs per language (descriptions, keywords). */
  perLanguage: string[];
  /** Everything else worth keeping; taken from the record's first row. */
  shared: string[];
}

const scalar = (v: Di8Row[string] | undefined) => (v === undefined ? null : v);

/** Group rows by id, in order of first appearance; rows without an id are skipped and returned. */
export async function groupByLanguage(
  rows: AsyncIterable<Di8TableRow>,
  spec: GroupSpec,
  defaultLanguage: string,
): Promise<{ groups: LanguageGroup[]; skipped: SourcePlace[] }> {
  const groups = new Map<string, LanguageGroup & { languages: string[] }>();
  const skipped: SourcePlace[] = [];
  for await (const { row, index, line } of rows) {
    const place: SourcePlace = { table: spec.table, row: index, line };
    const id = textOf(row[spec.id]);
    if (id === null) {
      skipped.push(place);
      continue;
    }
    const lang = languageOf(row.LangIsoCode ?? null, defaultLanguage);
    let group = groups.get(id);
    if (!group) {
      const legacy: Legacy = {};
      for (const c of spec.shared) if (textOf(row[c] ?? null) !== null) legacy[c] = scalar(row[c]);
      if (textOf(row.LangIsoCode ?? null)) legacy.LangIsoCode = textOf(row.LangIsoCode ?? null);
      group = { id, names: {}, legacy, first: row, place, languages: [] };
      groups.set(id, group);
    }
    if (group.languages.includes(lang)) continue;
    const suffix = group.languages.length === 0 ? '' : `.${lang}`;
    group.languages.push(lang);
    const name = textOf(row[spec.name]);
    if (name !== null) group.names[lang] = name;
    for (const c of spec.perLanguage) if (c in row) group.legacy[`${c}${suffix}`] = scalar(row[c]);
  }
  return { groups: [...groups.values()], skipped };
}
