/**
 * suggestMapping: headers -> targets, from the field registry (keys, DesInventar XML and DI8
 * columns, "hay_" flags) and the alias list. A header matches a word when both agree ignoring
 * case, accents, spaces and punctuation; a 10-character header also matches a word cut to 10
 * characters as DBF field names are ("Dead_Peopl", "Losses__US"). Each target is used once.
 */
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import { ALIASES } from './aliases.ts';
import type { TableMapping } from './mapping.ts';

/** How one header was matched. */
export interface HeaderMatch {
  header: string;
  target: string | null;
  how: 'exact' | 'dbf' | null;
}

/** A suggested mapping and the match of every header. */
export interface MappingSuggestion {
  mapping: TableMapping;
  matches: HeaderMatch[];
}

const bare = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const compact = (s: string) => bare(s).replace(/[^\p{L}\p{N}]/gu, '');
const dbf = (s: string) =>
  bare(s)
    .replace(/[^a-z0-9]/g, '_')
    .slice(0, 10);

const REF_TARGETS: Record<string, string> = {
  eventTypeId: 'eventType',
  causeId: 'cause',
  geoUnitId: 'geoUnit',
};
const DATE_PARTS = new Set(['startYear', 'startMonth', 'startDay']);

/** Word -> target; aliases first, so they win over registry words that collide. */
function vocabulary(): [string, string][] {
  const words: [string, string][] = Object.entries(ALIASES).flatMap(([target, list]) =>
    list.map((w): [string, string] => [w, target]),
  );
  words.push(['DisasterBeginTime', 'date']);
  for (const f of DESCRIPTIVE_FIELDS) {
    const target = REF_TARGETS[f.key] ?? f.key;
    if (f.key === 'disasterEventId') continue;
    // DI8 keeps the whole date in one column, mapped to 'date' above.
    const di8 = DATE_PARTS.has(f.key) ? undefined : f.di8;
    for (const w of [f.key, f.diXml, di8]) if (w) words.push([w, target]);
  }
  for (const f of EFFECT_FIELDS) {
    for (const w of [f.key, f.diXml, f.di8]) if (w) words.push([w, f.key]);
    if (f.diXmlFlag) words.push([f.diXmlFlag, `${f.key}.present`]);
  }
  for (const f of SECTOR_FIELDS) {
    for (const w of [f.key, f.diXml, f.di8]) if (w) words.push([w, `sector.${f.key}`]);
  }
  return words;
}

let exactIndex: Map<string, string> | null = null;
let dbfIndex: Map<string, string> | null = null;

function indexes() {
  if (!exactIndex || !dbfIndex) {
    exactIndex = new Map();
    dbfIndex = new Map();
    for (const [word, target] of vocabulary()) {
      if (!exactIndex.has(compact(word))) exactIndex.set(compact(word), target);
      if (!dbfIndex.has(dbf(word))) dbfIndex.set(dbf(word), target);
    }
  }
  return { exact: exactIndex, dbf: dbfIndex };
}

/** The target a header suggests, and how it matched. */
export function matchHeader(header: string): Omit<HeaderMatch, 'header'> {
  const { exact, dbf: truncated } = indexes();
  const hit = exact.get(compact(header));
  if (hit) return { target: hit, how: 'exact' };
  if (header.trim().length === 10) {
    const cut = truncated.get(dbf(header.trim()));
    if (cut) return { target: cut, how: 'dbf' };
  }
  return { target: null, how: null };
}

/** Suggest a mapping for a file's headers. */
export function suggestMapping(headers: string[]): MappingSuggestion {
  const used = new Set<string>();
  const matches = headers.map((header): HeaderMatch => {
    const m = matchHeader(header);
    if (m.target === null || used.has(m.target)) return { header, target: null, how: null };
    used.add(m.target);
    return { header, ...m };
  });
  const columns = Object.fromEntries(matches.flatMap((m) => (m.target ? [[m.header, m.target]] : [])));
  return { mapping: { columns }, matches };
}
