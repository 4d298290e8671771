/**
 * readTable: a CSV or XLSX sheet read through a column mapping into card items, preceded by
 * event type, cause and unit items only for values the mapping says to create.
 */
import { basename } from 'node:path';
import { type ImportItem, type ImportSource, type NoticeItem, SourceFormatError } from '../model.ts';
import { bindMapping, convertRow } from './convert.ts';
import { mappingProblems, type TableMapping, TableMappingSchema } from './mapping.ts';
import { type TableCatalogue, type UnknownValues, ValueResolver } from './resolve.ts';
import { openTable } from './rows.ts';

/** How to read. */
export interface TableReadOptions {
  /** 'fail' (default): a bad row throws; 'skip': it becomes a 'row_skipped' warning. */
  badRows?: 'fail' | 'skip';
  /**
   * The tenant's catalogue: resolves names, finds unknown values, types extra fields. Without it
   * values pass as given, and `options.create` makes an item for every distinct value.
   */
  catalogue?: TableCatalogue;
  /** Name for messages and the report (default: the file's base name). */
  name?: string;
  /** Language of names created from the file, unless the mapping says (default 'en'). */
  language?: string;
}

/** Figures a caller can check after reading. */
export interface TableStats {
  rows: number;
  cards: number;
  skippedRows: number;
  unknown: UnknownValues;
  created: { eventTypes: number; causes: number; geoUnits: number };
}

/** A spreadsheet source; `stats` fills while `items` is read. */
export interface TableSource extends ImportSource {
  stats: TableStats;
}

/** Read a spreadsheet through a mapping (the mapping is checked against the file's headers first). */
export function readTable(path: string, mapping: TableMapping, options: TableReadOptions = {}): TableSource {
  const name = options.name ?? basename(path);
  const stats: TableStats = {
    rows: 0,
    cards: 0,
    skippedRows: 0,
    unknown: { eventTypes: new Set(), causes: new Set(), geoUnits: new Set() },
    created: { eventTypes: 0, causes: 0, geoUnits: 0 },
  };
  return { format: 'table', name, stats, items: generate(path, name, mapping, options, stats) };
}

/** Throws a SourceFormatError listing what is wrong with a mapping, for these headers. */
export function assertMapping(name: string, mapping: unknown, headers: string[]): TableMapping {
  const parsed = TableMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(mapping)'}: ${i.message}`);
    throw new SourceFormatError(`${name}: invalid mapping: ${issues.join('; ')}`);
  }
  const problems = mappingProblems(parsed.data, headers);
  if (problems.length > 0)
    throw new SourceFormatError(`${name}: the mapping does not fit: ${problems.join('; ')}`);
  return parsed.data;
}

async function* generate(
  path: string,
  name: string,
  rawMapping: TableMapping,
  options: TableReadOptions,
  stats: TableStats,
): AsyncGenerator<ImportItem> {
  const o = rawMapping.options ?? {};
  const table = await openTable(path, { sheet: o.sheet, delimiter: o.delimiter, headerRow: o.headerRow });
  let mapping: TableMapping;
  try {
    mapping = assertMapping(name, rawMapping, table.headers);
  } catch (error) {
    await table.rows.return(undefined);
    throw error;
  }
  const bound = bindMapping(name, mapping, table.headers, options.catalogue?.extraFields ?? null);
  for (const i of bound.unmapped) {
    yield notice(
      'info',
      'unknown_column',
      `column ${table.headers[i]} of table ${name}: not mapped; kept in legacy`,
    );
  }
  const resolver = new ValueResolver(mapping, options.catalogue, o.language ?? options.language ?? 'en');
  stats.unknown = resolver.unknown;
  for await (const row of table.rows) {
    stats.rows++;
    const place = { table: name, row: stats.rows, line: row.row };
    let items: ImportItem[];
    try {
      const converted = convertRow(bound, row.cells, place);
      const event = resolver.eventType(converted.event!);
      const cause = converted.cause === null ? null : resolver.cause(converted.cause);
      const geo = resolver.geoUnit(converted.geo);
      const card = {
        ...converted.card,
        eventCode: event.code,
        causeCode: cause?.code ?? null,
        geoCode: geo.code,
      };
      items = [...event.created, ...(cause?.created ?? []), ...geo.created, { kind: 'card', place, card }];
    } catch (error) {
      if (!(error instanceof SourceFormatError) || options.badRows !== 'skip') throw error;
      stats.skippedRows++;
      yield { ...notice('warning', 'row_skipped', `${error.message}; row skipped`), place };
      continue;
    }
    for (const item of items) {
      if (item.kind === 'eventType') stats.created.eventTypes++;
      if (item.kind === 'cause') stats.created.causes++;
      if (item.kind === 'geoUnit') stats.created.geoUnits++;
    }
    stats.cards++;
    yield* items;
    if (stats.rows % 1000 === 0 && row.bytesRead !== null) {
      yield { kind: 'progress', bytesRead: row.bytesRead, bytesTotal: null };
    }
  }
}

function notice(level: NoticeItem['level'], code: string, message: string): NoticeItem {
  return { kind: 'notice', level, code, message };
}
