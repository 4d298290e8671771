/**
 * Spreadsheets uploaded for preview, check and run: kept for a day under the system temp folder,
 * one folder per tenant, named by a random token. A token only opens files of its own tenant.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { SourceFormatError } from '../../../formats/model.ts';
import { tableKind } from '../../../formats/table/rows.ts';
import { AppError } from '../../../shared/errors.ts';
import { requireTenantAdmin } from '../../authz.ts';
import { type RequestContext, tenantOf } from '../../context.ts';

/** A spreadsheet on disk and the name the user gave it. */
export interface TableFile {
  path: string;
  name: string;
}

/** Uploads older than this are removed. */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** The largest spreadsheet accepted (LOSSLEDGER_MAX_TABLE_BYTES, default 200 MiB; read per call). */
export const maxTableBytes = () => Number(process.env.LOSSLEDGER_MAX_TABLE_BYTES ?? 200 * 1024 * 1024);

const root = () => join(process.env.LOSSLEDGER_UPLOAD_DIR ?? join(tmpdir(), 'lossledger-uploads'));
const TOKEN = /^[0-9a-f-]{36}$/;

async function removeExpired(dir: string): Promise<void> {
  const now = Date.now();
  for (const entry of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > MAX_AGE_MS) await rm(path, { recursive: true, force: true });
  }
}

/** Keep an uploaded spreadsheet under a new token; `write` puts its bytes at the path given. */
async function storeUpload(
  ctx: RequestContext,
  name: string,
  write: (path: string) => Promise<void>,
): Promise<{ token: string; file: TableFile }> {
  requireTenantAdmin(ctx, 'upload spreadsheets');
  const tenantDir = join(root(), String(tenantOf(ctx).id));
  try {
    tableKind(name);
  } catch (error) {
    throw new AppError('validation_failed', (error as SourceFormatError).message);
  }
  await removeExpired(tenantDir);
  const token = randomUUID();
  const dir = join(tenantDir, token);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload${extname(name).toLowerCase()}`);
  await write(path);
  await writeFile(join(dir, 'name.txt'), name);
  return { token, file: { path, name } };
}

/** Keep a spreadsheet given as bytes. */
export function saveUpload(
  ctx: RequestContext,
  name: string,
  bytes: Uint8Array,
): Promise<{ token: string; file: TableFile }> {
  if (bytes.length > maxTableBytes())
    throw new AppError('payload_too_large', `${name} is larger than ${maxTableBytes()} bytes.`);
  return storeUpload(ctx, name, (path) => writeFile(path, bytes));
}

/** Keep a spreadsheet already streamed to a temporary file (moved, or copied across file systems). */
export function adoptUpload(
  ctx: RequestContext,
  name: string,
  tempPath: string,
): Promise<{ token: string; file: TableFile }> {
  return storeUpload(ctx, name, async (path) => {
    try {
      await rename(tempPath, path);
    } catch {
      await copyFile(tempPath, path);
    }
  });
}

/** The upload a token names in the context's tenant (404 when unknown or expired). */
export async function findUpload(ctx: RequestContext, token: string): Promise<TableFile> {
  const gone = new AppError(
    'not_found',
    `No uploaded file ${token} in this database (uploads expire after a day).`,
    {
      entity: 'upload',
      id: token,
    },
  );
  if (!TOKEN.test(token)) throw gone;
  const dir = join(root(), String(tenantOf(ctx).id), token);
  const files = await readdir(dir).catch(() => null);
  const data = files?.find((f) => f.startsWith('upload'));
  if (!data) throw gone;
  const name = await readFile(join(dir, 'name.txt'), 'utf8').catch(() => data);
  return { path: join(dir, data), name };
}
