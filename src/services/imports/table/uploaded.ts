/** The spreadsheet workflow over uploads: preview an uploaded file, then check or run it by token. */
import type { Db } from '../../../db/engine.ts';
import type { TableMapping } from '../../../formats/table/mapping.ts';
import { requireTenantAdmin } from '../../authz.ts';
import type { RequestContext } from '../../context.ts';
import { startImportJob } from '../jobs.ts';
import type { ImportOptions } from '../types.ts';
import { importTable, type TableImportResult, tableSource } from './import.ts';
import { mappingOf } from './mappings.ts';
import { previewTable, type TablePreview } from './preview.ts';
import { adoptUpload, findUpload, saveUpload } from './uploads.ts';

/** Spreadsheet imports are for tenant admins (checked before an upload is even received). */
export const assertMayUploadTables = (ctx: RequestContext) => requireTenantAdmin(ctx, 'import spreadsheets');

/** Keep an uploaded spreadsheet and preview it; the token names it in check and run. */
export async function previewUpload(
  ctx: RequestContext,
  name: string,
  content: Uint8Array | { tempPath: string },
  options: { sheet?: string; headerRow?: number } = {},
): Promise<TablePreview & { token: string }> {
  requireTenantAdmin(ctx, 'import spreadsheets');
  const { token, file } =
    content instanceof Uint8Array
      ? await saveUpload(ctx, name, content)
      : await adoptUpload(ctx, name, content.tempPath);
  return { token, ...(await previewTable(file, options)) };
}

/** Dry-run an upload through a mapping (object, or the name of a saved one). */
export async function checkUpload(
  db: Db,
  ctx: RequestContext,
  token: string,
  mapping: TableMapping | string,
): Promise<TableImportResult> {
  requireTenantAdmin(ctx, 'import spreadsheets');
  return runUpload(db, ctx, token, mapping, { dryRun: true, mode: 'per-row' });
}

/** Import an upload through a mapping (object, or the name of a saved one). */
export async function runUpload(
  db: Db,
  ctx: RequestContext,
  token: string,
  mapping: TableMapping | string,
  options: ImportOptions,
): Promise<TableImportResult> {
  requireTenantAdmin(ctx, 'import spreadsheets');
  const file = await findUpload(ctx, token);
  return importTable(db, ctx, file, await mappingOf(db, ctx, mapping), options);
}

/** Start importing an upload in the background (the loader's job registry); mapping problems fail at once. */
export async function startUploadJob(
  db: Db,
  ctx: RequestContext,
  token: string,
  mapping: TableMapping | string,
  options: Omit<ImportOptions, 'onProgress'>,
  owner: string,
): Promise<{ jobId: string }> {
  requireTenantAdmin(ctx, 'import spreadsheets');
  const file = await findUpload(ctx, token);
  const source = await tableSource(db, ctx, file, await mappingOf(db, ctx, mapping), options.mode);
  return { jobId: startImportJob(db, ctx, source, options, owner).jobId };
}
