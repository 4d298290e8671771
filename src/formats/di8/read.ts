/**
 * readDi8: a DesInventar 8 region (folder of CSV tables, or SQLite .db) as import items, in
 * catalogue-first order: levels, units, event types, causes, extra tabs and fields, cards,
 * extra values (EEData), then the unmodelled tables as legacy rows, then summary notices.
 */
import { basename } from 'node:path';
import type { CardDetailItem, ImportItem, ImportSource, LegacyRowItem, NoticeItem } from '../model.ts';
import { SourceFormatError } from '../model.ts';
import { readCauses, readEventTypes, readExtraFields, readExtraTabs } from './catalogues.ts';
import { cardOf, LEGACY_COLUMNS, MAPPED_COLUMNS } from './disasters.ts';
import { extraValuesOf } from './extra-values.ts';
import { readGeoLevels, readGeoUnits } from './geography.ts';
import { type Di8Tables, openDi8Tables } from './tables.ts';
import { languageOf, textOf } from './values.ts';

/** Figures a caller (and a test) can check after reading. */
export interface Di8Stats {
  cards: number;
  /** Cells that held -2 ("don't know"), by effect key or sector.KEY; imported as not reported. */
  dontKnow: Record<string, number>;
  /** Rows skipped for bad values (badRows: 'skip'). */
  skippedRows: number;
}

/** A DI8 source; `stats` fills while `items` is read. */
export interface Di8Source extends ImportSource {
  stats: Di8Stats;
}

/** How to read. */
export interface Di8ReadOptions {
  /** 'fail' (default): a bad Disaster row throws; 'skip': it becomes a 'row_skipped' warning. */
  badRows?: 'fail' | 'skip';
}

const MODELLED = ['Disaster', 'Geography', 'GeoLevel', 'Event', 'Cause', 'EEField', 'EEGroup', 'EEData'];
/** DI8 tables kept verbatim as legacy rows. */
const KEPT = ['Info', 'GeoCarto', 'DatabaseLog', 'Sync'];

const notice = (code: string, message: string, level: NoticeItem['level'] = 'warning'): NoticeItem => ({
  kind: 'notice',
  level,
  code,
  message,
});

/** Read a DesInventar 8 region database (folder of CSV tables or SQLite file). */
export function readDi8(path: string, options: Di8ReadOptions = {}): Di8Source {
  const stats: Di8Stats = { cards: 0, dontKnow: {}, skippedRows: 0 };
  return { format: 'di8', name: basename(path), stats, items: generate(path, options, stats) };
}

/** The region's language (Info LangIsoCode), 'en' when absent. */
async function regionLanguage(tables: Di8Tables): Promise<string> {
  for await (const { row } of tables.rows('Info')) {
    if (textOf(row.InfoKey ?? null) === 'LangIsoCode') return languageOf(row.InfoValue ?? null, 'en');
  }
  return 'en';
}

async function* generate(path: string, options: Di8ReadOptions, stats: Di8Stats): AsyncGenerator<ImportItem> {
  const tables = await openDi8Tables(path);
  const progress = (bytesRead: number): ImportItem => ({
    kind: 'progress',
    bytesRead,
    bytesTotal: tables.bytesTotal,
  });
  try {
    const language = await regionLanguage(tables);
    yield* await readGeoLevels(tables, language);
    const geography = await readGeoUnits(tables, language);
    yield* geography.notices;
    yield* geography.units;
    yield* await readEventTypes(tables, language);
    yield* await readCauses(tables, language);
    const tabs = await readExtraTabs(tables, language);
    yield* tabs;
    const fields = await readExtraFields(tables, language, new Set(tabs.map((t) => t.key)));
    yield* fields;
    yield* await unknownDisasterColumns(tables);
    yield* cards(tables, options, stats, progress);
    yield* details(tables, fields);
    yield* legacyRows(tables);
    for (const [key, n] of Object.entries(stats.dontKnow)) {
      yield notice(
        'di8_dont_know',
        `${key}: ${n} card${n === 1 ? ' holds' : 's hold'} -2 ("don't know"), imported as not reported`,
      );
    }
    yield progress(tables.bytesTotal ?? 0);
  } finally {
    tables.close();
  }
}

async function unknownDisasterColumns(tables: Di8Tables): Promise<NoticeItem[]> {
  const columns = await tables.columns('Disaster');
  return columns
    .filter((c) => !MAPPED_COLUMNS.has(c) && !LEGACY_COLUMNS.has(c))
    .map((c) =>
      notice('unknown_column', `Disaster.${c}: not a DesInventar 8 column; kept in legacy`, 'info'),
    );
}

async function* cards(
  tables: Di8Tables,
  options: Di8ReadOptions,
  stats: Di8Stats,
  progress: (bytes: number) => ImportItem,
): AsyncGenerator<ImportItem> {
  for await (const { row, index, line, bytesRead } of tables.rows('Disaster')) {
    const place = { table: 'Disaster', row: index, line };
    let converted: ReturnType<typeof cardOf>;
    try {
      converted = cardOf(row, place);
    } catch (error) {
      if (!(error instanceof SourceFormatError) || options.badRows !== 'skip') throw error;
      stats.skippedRows++;
      yield { ...notice('row_skipped', `${error.message}; row skipped`), place };
      continue;
    }
    const { card, findings } = converted;
    stats.cards++;
    for (const key of findings.dontKnow) stats.dontKnow[key] = (stats.dontKnow[key] ?? 0) + 1;
    if (findings.unknownStatus !== null) {
      yield {
        ...notice('unknown_status', `unknown RecordStatus '${findings.unknownStatus}'; imported as support`),
        place,
      };
    }
    if (findings.dayDropped) yield { ...notice('day_dropped', 'a day without a month; day dropped'), place };
    yield { kind: 'card', place, card };
    if (index % 1000 === 0 && bytesRead !== undefined) yield progress(bytesRead);
  }
}

async function* details(
  tables: Di8Tables,
  fields: Awaited<ReturnType<typeof readExtraFields>>,
): AsyncGenerator<ImportItem> {
  if (!tables.find('EEData')) return;
  const known = new Set(['DisasterId', 'RegionId', 'RecordCreation', 'RecordSync', 'RecordUpdate']);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const column of await tables.columns('EEData')) {
    if (!known.has(column) && !byKey.has(column)) {
      yield notice(
        'unknown_column',
        `column ${column} of table EEData: no EEField defines it; values not imported`,
      );
    }
  }
  for await (const { row, index, line } of tables.rows('EEData')) {
    const sourceKey = textOf(row.DisasterId ?? null);
    const place = { table: 'EEData', row: index, line };
    if (sourceKey === null) continue;
    const { extra, dropped } = extraValuesOf(row, byKey);
    for (const d of dropped) yield { ...notice('value_dropped', d), place };
    if (Object.keys(extra).length === 0) continue;
    const item: CardDetailItem = {
      kind: 'cardDetail',
      place,
      sourceKey,
      humanEffects: [],
      assetEffects: [],
      extra,
    };
    yield item;
  }
}

async function* legacyRows(tables: Di8Tables): AsyncGenerator<ImportItem> {
  const isModelled = new Set(MODELLED.map((t) => t.toLowerCase()));
  for (const name of tables.names) {
    if (isModelled.has(name.toLowerCase()) || name.toLowerCase().startsWith('sqlite_')) continue;
    if (!KEPT.some((k) => k.toLowerCase() === name.toLowerCase())) {
      yield notice(
        'unknown_table',
        `table ${name}: not a DesInventar 8 region table; kept as legacy rows`,
        'info',
      );
    }
    for await (const { row, index } of tables.rows(name)) {
      const data: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(row)) data[k] = v === null ? null : String(v);
      const item: LegacyRowItem = { kind: 'legacyRow', table: name, position: index, data };
      yield item;
    }
  }
}
