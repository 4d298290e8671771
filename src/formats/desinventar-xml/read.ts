/**
 * Entry point: a DesInventar XML export (.xml, or a .zip holding one) read as a stream of import
 * items. Small catalogue blocks (eventos; geography; extra-field definitions; asset metadata) are
 * buffered until the block ends, so their items come out complete and in dependency order; fichas
 * and extension rows are yielded one by one, so memory stays flat whatever the file size.
 */
import { basename } from 'node:path';
import { type ImportItem, type ImportSource, SourceFormatError } from '../model.ts';
import { EventCatalogue, readCause } from './catalogues.ts';
import { DetailReader } from './details.ts';
import { EXTENSION_DEFINITION_TABLES, ExtensionDefinitions } from './extension.ts';
import { FichasReader } from './fichas.ts';
import { GEOGRAPHY_TABLES, GeographyReader } from './geography.ts';
import { type Input, openInput } from './input.ts';
import { ASSET_TABLES, AssetMetadata } from './metadata.ts';
import { NATIONAL_TABLES, NationalMetadata } from './national.ts';
import { ColumnCheck, type Row } from './row.ts';
import { readXmlTables, type XmlEvent } from './xml-stream.ts';
import { DEFAULT_ZIP_LIMITS } from './zip.ts';

/** Options of the reader. */
export interface DesInventarXmlOptions {
  /** Language of the local names (eventos.nombre, lev*_name, label_campo…); default datamodel.slanguage, else 'es'. */
  language?: string;
  /** Largest uncompressed size of the XML member of a zip (default 2 GiB). */
  maxUncompressedBytes?: number;
  /** Largest uncompressed / compressed ratio of the XML member of a zip (default 200). */
  maxCompressionRatio?: number;
  /** Bytes between two progress items (default 4 MiB). */
  progressBytes?: number;
}

/** Known tables LossLedger does not model: every row is kept as a legacy row. */
const LEGACY_TABLES = new Set([
  ...['datamodel', 'level_maps', 'info_maps', 'level_attributes', 'attribute_metadata'],
  ...['media_type', 'media_file', 'lec_cpi', 'lec_exchange', 'event_grouping'],
]);
/** DesInventar's home-made full-text index: derived from the cards, rebuilt by DesInventar itself. */
const DERIVED_TABLES = new Set(['words', 'wordsdocs']);

/** Read a DesInventar export; nothing is opened until the items are iterated. */
export function readDesInventarXml(path: string, options: DesInventarXmlOptions = {}): ImportSource {
  // Extension rows whose clave is no ficha's are reported and dropped (details.ts).
  return {
    format: 'desinventar-xml',
    name: basename(path),
    items: readItems(path, options),
    detailsNameItsCards: true,
  };
}

async function* readItems(path: string, options: DesInventarXmlOptions): AsyncGenerator<ImportItem> {
  const input: Input = await openInput(path, {
    maxBytes: options.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxBytes,
    maxRatio: options.maxCompressionRatio ?? DEFAULT_ZIP_LIMITS.maxRatio,
  });
  const every = options.progressBytes ?? 4 * 1024 * 1024;
  const reader = new ExportReader(options.language ?? null);
  let reported = 0;
  let bytesRead = 0;
  try {
    for await (const batch of readXmlTables(input.chunks, input.name)) {
      for (const event of batch.events) yield* reader.event(event);
      bytesRead = batch.bytesRead;
      if (bytesRead - reported >= every) {
        reported = bytesRead;
        yield { kind: 'progress', bytesRead, bytesTotal: input.bytesTotal };
      }
    }
    yield* reader.finish();
  } catch (error) {
    // Row-level errors know table, row and column; add the file.
    if (error instanceof SourceFormatError && !error.message.startsWith(input.name)) {
      throw new SourceFormatError(`${input.name}, ${error.message}`, error.place);
    }
    // Input/output failures (EIO, a file cut while read) are the source's fault too.
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw Object.assign(new SourceFormatError(`${input.name}: ${error.message}`), { cause: error });
    }
    throw error;
  }
  yield { kind: 'progress', bytesRead, bytesTotal: input.bytesTotal };
}

interface Block {
  tables: ReadonlySet<string>;
  reader: { pending: boolean; flush(): Iterable<ImportItem> };
}

/** Turns tokenizer events into items, table by table. */
class ExportReader {
  private slanguage: string | null = null;
  private readonly columns = new ColumnCheck();
  private readonly language = () => this.optionLanguage ?? this.slanguage ?? 'es';
  private readonly events = new EventCatalogue(this.language, this.columns);
  private readonly geography = new GeographyReader(this.language, this.columns);
  private readonly definitions = new ExtensionDefinitions(this.language, this.columns);
  private readonly assets = new AssetMetadata();
  private readonly national = new NationalMetadata();
  private readonly fichas = new FichasReader(this.columns);
  private readonly details = new DetailReader(this.definitions, this.fichas.claves);
  private readonly blocks: Block[] = [
    { tables: new Set(['eventos']), reader: this.events },
    { tables: GEOGRAPHY_TABLES, reader: this.geography },
    { tables: EXTENSION_DEFINITION_TABLES, reader: this.definitions },
    { tables: ASSET_TABLES, reader: this.assets },
  ];

  constructor(private readonly optionLanguage: string | null) {}

  /** Items for one tokenizer event. */
  *event(event: XmlEvent): Generator<ImportItem> {
    if (event.kind === 'notice') yield event.notice;
    else if (event.kind === 'row') yield* this.row(event.row);
    else if (event.kind === 'tableStart') yield* this.tableStart(event.table, event.line);
  }

  /** Everything still buffered, at the end of the document. */
  *finish(): Generator<ImportItem> {
    for (const block of this.blocks) if (block.reader.pending) yield* block.reader.flush();
    yield* this.details.finish();
  }

  private *tableStart(table: string, line: number): Generator<ImportItem> {
    // A block ends when a table outside it starts: its items are then complete.
    for (const block of this.blocks) {
      if (!block.tables.has(table) && block.reader.pending) yield* block.reader.flush();
    }
    const place = { table, row: 0, line };
    if (DERIVED_TABLES.has(table)) {
      const message = `table ${table} is DesInventar's full-text index, derived from the cards; not imported`;
      yield { kind: 'notice', level: 'info', code: 'derived_table', message, place };
    } else if (!this.isKnown(table)) {
      const message = `table ${table} is not a DesInventar table LossLedger knows; its rows are kept as legacy rows`;
      yield { kind: 'notice', level: 'info', code: 'unknown_table', message, place };
    }
  }

  private isKnown(table: string): boolean {
    return (
      ['eventos', 'causas', 'fichas', 'extension'].includes(table) ||
      LEGACY_TABLES.has(table) ||
      this.blocks.some((b) => b.tables.has(table)) ||
      NATIONAL_TABLES.has(table)
    );
  }

  private *row(row: Row): Generator<ImportItem> {
    const { table } = row;
    if (table === 'fichas') yield* this.fichas.read(row);
    else if (table === 'extension') yield* this.details.read(row);
    else if (table === 'eventos') yield* this.events.add(row);
    else if (table === 'causas') yield* readCause(row, this.language(), this.columns);
    else if (GEOGRAPHY_TABLES.has(table)) yield* this.geography.add(row);
    else if (EXTENSION_DEFINITION_TABLES.has(table)) yield* this.definitions.add(row);
    else if (ASSET_TABLES.has(table)) yield* this.assets.add(row);
    else if (NATIONAL_TABLES.has(table)) yield* this.national.read(row);
    else if (!DERIVED_TABLES.has(table)) {
      const slanguage = table === 'datamodel' ? row.text('slanguage')?.trim().toLowerCase() : undefined;
      // Only a two-letter code is trusted as the language of the local names.
      if (slanguage && /^[a-z]{2}$/.test(slanguage)) this.slanguage ??= slanguage;
      yield { kind: 'legacyRow', table, position: row.index, data: Object.fromEntries(row.cells) };
    }
  }
}
