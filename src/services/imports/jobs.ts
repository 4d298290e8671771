/**
 * Imports started over HTTP run in the background of this process; their status and progress
 * live here, in memory, so they can be read while the import's transaction holds the embedded
 * database's only session. The outcome is also kept in import_runs.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/engine.ts';
import type { ImportSource } from '../../formats/model.ts';
import { AppError } from '../../shared/errors.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { executeImport } from './run-import.ts';
import type { ImportOptions, ImportProgress, ImportReport } from './types.ts';

/** One import job as the API shows it. */
export interface ImportJob {
  jobId: string;
  tenantCode: string;
  fileName: string;
  status: 'running' | ImportReport['status'];
  startedAt: string;
  finishedAt: string | null;
  progress: ImportProgress;
  report: ImportReport | null;
  error: { code: string; message: string; details?: unknown } | null;
}

/** Finished jobs kept in memory (the oldest are forgotten first; import_runs keeps them all). */
const MAX_FINISHED = 100;
const jobs = new Map<string, ImportJob>();
/** Job id -> fingerprint of the credential that started it: only that caller may read its status. */
const owners = new Map<string, string>();

function forgetOldJobs(): void {
  const finished = [...jobs.values()].filter((j) => j.status !== 'running');
  for (const job of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED))) {
    jobs.delete(job.jobId);
    owners.delete(job.jobId);
  }
}

function errorView(error: unknown): ImportJob['error'] {
  if (error instanceof AppError) return { code: error.code, message: error.message, details: error.details };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** Imports are for tenant admins (checked before an upload is even received). */
export const assertMayImport = (ctx: RequestContext) => requireTenantAdmin(ctx, 'import data');

/**
 * Start importing a source in the background; `cleanup` runs when the job ends (e.g. delete the
 * upload). `owner` fingerprints the caller's credential (see server/auth.ts credentialFingerprint).
 */
export function startImportJob(
  db: Db,
  ctx: RequestContext,
  source: ImportSource,
  options: Omit<ImportOptions, 'onProgress'>,
  owner: string,
  cleanup: () => Promise<void> = async () => {},
): ImportJob {
  assertMayImport(ctx);
  const job: ImportJob = {
    jobId: randomUUID(),
    tenantCode: tenantOf(ctx).code,
    fileName: source.name,
    status: 'running',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    progress: { phase: 'reading', cards: 0, bytesRead: 0, bytesTotal: null },
    report: null,
    error: null,
  };
  jobs.set(job.jobId, job);
  owners.set(job.jobId, owner);
  const onProgress = (p: ImportProgress) => {
    job.progress = p;
  };
  void executeImport(db, ctx, source, { ...options, onProgress })
    .then(({ report, error }) => {
      job.report = report;
      job.status = report.status;
      job.error = error ? errorView(error) : null;
    })
    .catch((error: unknown) => {
      job.status = 'failed';
      job.error = errorView(error);
    })
    .finally(async () => {
      await cleanup().catch(() => {});
      job.finishedAt = new Date().toISOString();
      forgetOldJobs();
    });
  return job;
}

/** A job of a tenant started by this credential, or null (anyone else's job names nothing). */
export function getImportJob(tenantCode: string, jobId: string, owner: string): ImportJob | null {
  const job = jobs.get(jobId);
  return job && job.tenantCode === tenantCode && owners.get(jobId) === owner ? job : null;
}

/** Resolves when the job has ended (tests and graceful shutdown). */
export async function waitForImportJob(jobId: string, timeoutMs = 60_000): Promise<ImportJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = jobs.get(jobId);
    if (!job) throw new Error(`no import job ${jobId}`);
    if (job.finishedAt) return job;
    if (Date.now() > deadline) throw new Error(`import job ${jobId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
