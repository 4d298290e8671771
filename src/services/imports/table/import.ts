/**
 * Spreadsheet imports through the loader: checkTable (a per-row dry run that lists every bad
 * row and every value the catalogues lack) and importTable (the real run).
 */
import type { Db } from '../../../db/engine.ts';
import type { TableMapping } from '../../../formats/table/mapping.ts';
import { assertMapping, readTable, type TableSource, type TableStats } from '../../../formats/table/read.ts';
import { openTable } from '../../../formats/table/rows.ts';
import { requireTenantAdmin } from '../../authz.ts';
import { type RequestContext, tenantOf } from '../../context.ts';
import { runImport } from '../run-import.ts';
import type { ImportOptions, ImportReport } from '../types.ts';
import { loadTableCatalogue } from './catalogue.ts';
import { asAppError } from './preview.ts';
import type { TableFile } from './uploads.ts';

/** Values the file uses that the tenant's catalogues lack: map them (mapping.values) or create them. */
export interface UnknownTableValues {
  eventTypes: string[];
  causes: string[];
  geoUnits: string[];
}

/** The outcome of a spreadsheet import or check. */
export interface TableImportResult {
  report: ImportReport;
  rows: number;
  cards: number;
  skippedRows: number;
  unknown: UnknownTableValues;
}

/** Check the mapping against the file's headers before the loader starts (400 listing the problems). */
async function checkedMapping(file: TableFile, mapping: unknown): Promise<TableMapping> {
  try {
    const raw = (mapping ?? {}) as Partial<TableMapping>;
    const o = raw.options ?? {};
    const table = await openTable(file.path, {
      sheet: o.sheet,
      delimiter: o.delimiter,
      headerRow: o.headerRow,
    });
    await table.rows.return(undefined);
    return assertMapping(file.name, mapping, table.headers);
  } catch (error) {
    throw asAppError(error, file);
  }
}

const sorted = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b));

function result(report: ImportReport, stats: TableStats): TableImportResult {
  return {
    report,
    rows: stats.rows,
    cards: stats.cards,
    skippedRows: stats.skippedRows,
    unknown: {
      eventTypes: sorted(stats.unknown.eventTypes),
      causes: sorted(stats.unknown.causes),
      geoUnits: sorted(stats.unknown.geoUnits),
    },
  };
}

/** A checked mapping and the tenant's catalogue bound into a source the loader can run. */
export async function tableSource(
  db: Db,
  ctx: RequestContext,
  file: TableFile,
  rawMapping: unknown,
  mode: ImportOptions['mode'],
): Promise<TableSource> {
  const mapping = await checkedMapping(file, rawMapping);
  return readTable(file.path, mapping, {
    name: file.name,
    catalogue: await loadTableCatalogue(db, ctx),
    badRows: mode === 'per-row' ? 'skip' : 'fail',
    language: tenantOf(ctx).defaultLanguage,
  });
}

/** Import a spreadsheet through a mapping; per-row mode skips bad rows, the report lists them. */
export async function importTable(
  db: Db,
  ctx: RequestContext,
  file: TableFile,
  rawMapping: unknown,
  options: ImportOptions,
): Promise<TableImportResult> {
  requireTenantAdmin(ctx, 'import spreadsheets');
  const source = await tableSource(db, ctx, file, rawMapping, options.mode);
  const report = await runImport(db, ctx, source, options);
  return result(report, source.stats);
}

/** A dry run in per-row mode: every bad row and every unknown value, nothing written. */
export function checkTable(
  db: Db,
  ctx: RequestContext,
  file: TableFile,
  mapping: unknown,
): Promise<TableImportResult> {
  return importTable(db, ctx, file, mapping, { dryRun: true, mode: 'per-row' });
}
