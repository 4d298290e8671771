/**
 * Export a tenant as a DesInventar XML file (DI_export_<code>.xml) that a DesInventar server
 * imports and LossLedger's own reader reads back into the same records: every table in
 * DesInventar's order, modelled rows rebuilt from LossLedger's tables, verbatim rows (legacy_rows)
 * written back where the source had them. Cards are read in keyset-paged batches; their extension
 * rows are spooled to a temporary file during the same pass, so memory stays flat.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Db, Executor } from '../../db/engine.ts';
import { refreshCardStatistics } from '../../db/statistics.ts';
import {
  causasRow,
  diccionarioRow,
  eventosRow,
  extensioncodesRows,
  extensiontabsRow,
  levRow,
  nivelesRow,
  regionesRow,
} from '../../formats/desinventar-export/catalogues.ts';
import { ExtensionShaper } from '../../formats/desinventar-export/extension.ts';
import { fichasRow } from '../../formats/desinventar-export/fichas.ts';
import { DI_DATAMODEL, DI_TABLES, type DiRow, orderedRow } from '../../formats/desinventar-export/tables.ts';
import { DesInventarXmlWriter } from '../../formats/desinventar-export/xml-writer.ts';
import { isStaff } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { type CardRow, cardBatches } from './card-batches.ts';
import type { ExportResult } from './cards.ts';
import { ClaveAllocator, fichaUnits, loadBatchEffects, toCardInput } from './desinventar-cards.ts';
import { type DiCatalogue, loadDiCatalogue } from './desinventar-catalogue.ts';
import { allLegacyRows, legacyRowsOf, legacyTables } from './desinventar-legacy.ts';
import { type MetadataRows, metadataRows } from './desinventar-metadata.ts';
import { type CardExportFilter, cardConditions, type ExportReadOptions, readConsistently } from './read.ts';

/** Options of a DesInventar export. */
export interface DesInventarExportOptions extends ExportReadOptions {
  /** Which cards (default: every live card, all states — the export is a full copy). */
  filter?: CardExportFilter;
  /** Called as tables and card batches are written. */
  onProgress?: (table: string, rows: number) => void;
  /** Language of the local names (nombre, lev*_name, label_campo…); default: the source's, else the tenant's. */
  language?: string;
}

/** What a DesInventar export wrote. */
export interface DesInventarExportResult extends ExportResult {
  /** Rows per table. */
  tables: Record<string, number>;
  /** What DesInventar's format could not hold. */
  warnings: string[];
}

interface Job {
  ex: Executor;
  tenantId: number;
  language: string;
  catalogue: DiCatalogue;
  metadata: MetadataRows;
  legacy: Map<string, number>;
  w: DesInventarXmlWriter;
  counts: Record<string, number>;
  warnings: string[];
  progress: (table: string, rows: number) => void;
}

/** Write the tenant as DesInventar XML to `out` (ended when done). */
export async function exportDesInventar(
  db: Db,
  ctx: RequestContext,
  out: Writable,
  options: DesInventarExportOptions = {},
): Promise<DesInventarExportResult> {
  const started = performance.now();
  const tenant = tenantOf(ctx);
  await refreshCardStatistics(db);
  const spoolDir = await mkdtemp(join(tmpdir(), 'lossledger-export-'));
  try {
    return await readConsistently(db, options.snapshot ?? false, async (ex) => {
      const where = await cardConditions(ex, ctx, options.filter ?? { status: 'all' });
      // Verbatim tables kept from a DesInventar import may hold anything (per-card rows too): they
      // go only to staff of the whole tenant; others get the tables LossLedger rebuilds.
      const legacy =
        isStaff(ctx) && !ctx.geoScope ? await legacyTables(ex, tenant.id) : new Map<string, number>();
      const job: Job = {
        ex,
        tenantId: tenant.id,
        language: options.language ?? (await sourceLanguage(ex, tenant.id, legacy)) ?? tenant.defaultLanguage,
        catalogue: await loadDiCatalogue(ex, tenant.id),
        metadata: await metadataRows(ex, tenant.id, tenant.code),
        legacy,
        w: new DesInventarXmlWriter(out),
        counts: {},
        warnings: [],
        progress: options.onProgress ?? (() => {}),
      };
      await job.w.begin();
      let cards = 0;
      for (const table of DI_TABLES) {
        if (table === 'extension') continue;
        if (table === 'fichas') {
          const spool = join(spoolDir, 'extension.xml');
          cards = await writeCards(
            job,
            await ClaveAllocator.load(ex, where),
            where,
            spool,
            options.batchSize,
          );
          await job.w.copyFrom(createReadStream(spool));
        } else await writeTable(job, table, modelledRows(job, table));
      }
      for (const table of job.legacy.keys()) {
        if (!(DI_TABLES as readonly string[]).includes(table)) await writeTable(job, table, []);
      }
      await job.w.end();
      out.end();
      await finished(out);
      return { cards, tables: job.counts, warnings: job.warnings, durationMs: performance.now() - started };
    });
  } catch (error) {
    out.destroy(error as Error);
    throw error;
  } finally {
    await rm(spoolDir, { recursive: true, force: true });
  }
}

/** The language a DesInventar source declared (datamodel.slanguage), if it did. */
async function sourceLanguage(
  ex: Executor,
  tenantId: number,
  legacy: Map<string, number>,
): Promise<string | null> {
  if (!legacy.has('datamodel')) return null;
  const [row] = await allLegacyRows(ex, tenantId, 'datamodel');
  const language = row?.slanguage?.trim().toLowerCase();
  return language && /^[a-z]{2,3}$/.test(language) ? language : null;
}

/** One table: its modelled rows, then the verbatim rows of the same table, if any. */
async function writeTable(job: Job, table: string, rows: DiRow[] | Promise<DiRow[]>): Promise<void> {
  await job.w.startTable(table);
  for (const row of await rows) await job.w.row(row);
  if (job.legacy.has(table) && !REPLACED_BY_VERBATIM.has(table) && table !== 'niveles') {
    for await (const data of legacyRowsOf(job.ex, job.tenantId, table))
      await job.w.row(orderedRow(table, data, false));
  }
  job.counts[table] = await job.w.endTable();
  job.progress(table, job.counts[table]);
}

/** Tables whose verbatim rows, when present, replace what LossLedger would derive. */
const REPLACED_BY_VERBATIM = new Set(['datamodel', 'regiones']);

function modelledRows(job: Job, table: string): DiRow[] | Promise<DiRow[]> {
  const { catalogue, language } = job;
  switch (table) {
    case 'datamodel':
    case 'regiones':
      return job.legacy.has(table)
        ? verbatim(job, table)
        : table === 'datamodel'
          ? [orderedRow(table, DI_DATAMODEL)]
          : regiones(job);
    case 'eventos':
      return catalogue.eventTypes.map((e) => eventosRow(e.item, e.position));
    case 'causas':
      return catalogue.causes.map(causasRow);
    case 'niveles':
      return niveles(job);
    case 'lev0':
    case 'lev1':
    case 'lev2':
      return exportedUnits(job, Number(table.slice(3)) + 1).map((u) => levRow(u, language));
    case 'extensiontabs':
      return catalogue.tabs.map((t) => extensiontabsRow(t, language));
    case 'diccionario':
      return dictionary(catalogue).map((f) => diccionarioRow(f, language));
    case 'extensioncodes':
      return dictionary(catalogue).flatMap((f) => extensioncodesRows(f, language));
    default:
      return job.metadata.get(table) ?? [];
  }
}

async function verbatim(job: Job, table: string): Promise<DiRow[]> {
  return (await allLegacyRows(job.ex, job.tenantId, table)).map((data) => orderedRow(table, data, false));
}

/** Fields with a diccionario row (the reader invents a text field for a column diccionario lacks). */
const dictionary = (catalogue: DiCatalogue) => catalogue.fields.filter((f) => f.legacy.synthesized !== true);

/** Levels from the source or made here, and the unnamed ones kept verbatim, by nivel. */
async function niveles(job: Job): Promise<DiRow[]> {
  const rows: { nivel: number; row: DiRow }[] = job.catalogue.levels
    .filter((l) => l.legacy.synthesized !== true && l.level <= 3)
    .map((l) => ({ nivel: l.level, row: nivelesRow(l, job.language) }));
  if (job.legacy.has('niveles')) {
    for (const data of await allLegacyRows(job.ex, job.tenantId, 'niveles')) {
      rows.push({ nivel: Number(data.nivel), row: orderedRow('niveles', data, false) });
    }
  }
  if (job.catalogue.levels.some((l) => l.level > 3)) {
    job.warnings.push(
      'DesInventar has 3 levels: units below level 3 are left out; their cards are filed under level 3.',
    );
  }
  return rows.sort((a, b) => a.nivel - b.nivel).map((r) => r.row);
}

/** Units of one level as DesInventar had them: no placeholders LossLedger invented, one row per code. */
function exportedUnits(job: Job, level: number) {
  const seen = new Set<string>();
  return [...job.catalogue.units.values()].filter((u) => {
    if (u.level !== level || u.placeholder || seen.has(u.code)) return false;
    seen.add(u.code);
    return true;
  });
}

/** regiones derived from the units' boxes and centroids (when the source gave none to keep). */
function regiones(job: Job): DiRow[] {
  return [1, 2, 3].flatMap((level) =>
    exportedUnits(job, level).flatMap((u) => {
      const row = regionesRow(u, job.language);
      return row ? [row] : [];
    }),
  );
}

/** fichas to the document and extension rows to the spool file, in one pass over the cards. */
async function writeCards(
  job: Job,
  claves: ClaveAllocator,
  where: Parameters<typeof cardBatches>[1],
  spoolFile: string,
  batchSize?: number,
): Promise<number> {
  const spoolStream = createWriteStream(spoolFile);
  const spool = new DesInventarXmlWriter(spoolStream);
  const shaper = new ExtensionShaper(job.catalogue.fields);
  await job.w.startTable('fichas');
  await spool.startTable('extension');
  let cards = 0;
  const load = async (rows: CardRow[]) =>
    shaper.needsEffects
      ? loadBatchEffects(
          job.ex,
          job.tenantId,
          rows.map((r) => r.id),
        )
      : null;
  for await (const { rows, extra: effects } of cardBatches(job.ex, where, { batchSize, load })) {
    for (const row of rows) {
      const card = toCardInput(row, job.catalogue);
      const clave = claves.clave(card.legacy);
      await job.w.row(
        fichasRow({ clave, card, id: row.id, units: fichaUnits(row, job.catalogue, job.language) }),
      );
      await spool.row(
        shaper.row({
          clave,
          extra: row.extra,
          humanEffects: effects?.human.get(row.id) ?? [],
          assetEffects: effects?.assets.get(row.id) ?? [],
        }),
      );
    }
    cards += rows.length;
    job.progress('fichas', cards);
  }
  job.counts.fichas = await job.w.endTable();
  job.counts.extension = await spool.endTable();
  await spool.flush();
  spoolStream.end();
  await finished(spoolStream);
  return cards;
}
