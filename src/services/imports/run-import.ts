/**
 * The import loader: writes a stream of neutral import items (src/formats/model.ts) into the
 * context's tenant in one transaction. All-or-nothing by default; per-row mode skips bad rows;
 * a dry run does everything, reports, and rolls back. Every run leaves an import_runs row.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { mapDbError } from '../../db/errors.ts';
import { queryRows } from '../../db/query.ts';
import { importRuns } from '../../db/schema/index.ts';
import { refreshCardStatistics } from '../../db/statistics.ts';
import { type ImportSource, SourceFormatError } from '../../formats/model.ts';
import { AppError } from '../../shared/errors.ts';
import { requireTenantAdmin } from '../authz.ts';
import { actorLabel, type RequestContext, tenantOf } from '../context.ts';
import { startBulkLoad } from './bulk-load.ts';
import { checkDeferredReferences, deferReferenceChecks } from './deferred-references.ts';
import { loadItems } from './load-items.ts';
import { type LoaderContext, ProgressTracker } from './loader-context.ts';
import { flatCounts, ReportBuilder } from './report.ts';
import type { ImportOptions, ImportReport } from './types.ts';
import { describePlace } from './values.ts';

/** The result of a run: its report, and the error when it failed. */
export interface ImportOutcome {
  report: ImportReport;
  error: unknown;
}

/** Thrown inside the transaction to roll a dry run back with its report. */
class DryRunDone {
  constructor(readonly report: ImportReport) {}
}

/** The error a failed run reports: reader and validation problems as AppError naming the place. */
export function importError(thrown: unknown): unknown {
  if (thrown instanceof SourceFormatError) {
    const place = thrown.place
      ? `${describePlace(thrown.place)}${thrown.place.column ? `, column ${thrown.place.column}` : ''}`
      : undefined;
    return new AppError('validation_failed', thrown.message, { place });
  }
  return mapDbError(thrown) ?? thrown;
}

/** Import a source; resolves to the report, throws the run's error (after recording the failed run). */
export async function runImport(
  db: Db,
  ctx: RequestContext,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportReport> {
  requireTenantAdmin(ctx, 'import data');
  const outcome = await executeImport(db, ctx, source, options);
  if (outcome.error) throw outcome.error;
  return outcome.report;
}

/** Import a source; never throws for a failed run (the error comes with the failed report). */
export async function executeImport(
  db: Db,
  ctx: RequestContext,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportOutcome> {
  requireTenantAdmin(ctx, 'import data');
  const tenant = tenantOf(ctx);
  const importId = randomUUID();
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const report = new ReportBuilder(importId, source.format, source.name);
  const progress = new ProgressTracker(options.onProgress);
  const run = {
    tenantId: tenant.id,
    id: importId,
    kind: source.format,
    fileName: source.name,
    actor: actorLabel(ctx),
    startedAt,
  };
  let statisticsFresh = false;
  try {
    const built = await db.transaction(async (tx) => {
      // One import per tenant at a time: identities are matched against what is committed.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lossledger.import'), ${tenant.id})`);
      await tx.insert(importRuns).values({ ...run, status: 'running' });
      const [had] = await queryRows<{ any: boolean }>(
        tx,
        sql`select exists(select 1 from datacards where tenant_id = ${tenant.id} and deleted_at is null) as any`,
      );
      const lc: LoaderContext = {
        tx,
        ctx,
        tenantId: tenant.id,
        importId,
        actor: run.actor,
        mode: options.mode,
        report,
        progress,
        hadCards: Boolean(had?.any),
        detailsNameItsCards: source.detailsNameItsCards === true,
        bulk: null,
      };
      // A first all-or-nothing import checks its references once at the end (deferred-references.ts).
      const deferred = !lc.hadCards && options.mode === 'all-or-nothing' && (await deferReferenceChecks(tx));
      // …and the first import into an empty database loads like a restore (bulk-load.ts).
      if (deferred) lc.bulk = await startBulkLoad(tx, tenant.id);
      const { analyzed } = await loadItems(lc, source.items);
      statisticsFresh = analyzed;
      if (deferred) await checkDeferredReferences(tx, tenant.id);
      const done = report.build(options.dryRun ? 'dry_run' : 'succeeded', Date.now() - started);
      if (options.dryRun) throw new DryRunDone(done);
      await tx
        .update(importRuns)
        .set(finished('succeeded', done, progress))
        .where(sql`tenant_id = ${tenant.id} and id = ${importId}`);
      return done;
    });
    progress.flush();
    // A bulk load leaves the planner blind until the next analyze (unless the import ran one).
    if (!statisticsFresh) await refreshCardStatistics(db);
    return { report: built, error: null };
  } catch (thrown) {
    if (thrown instanceof DryRunDone) {
      await db.insert(importRuns).values({ ...run, ...finished('dry_run', thrown.report, progress) });
      progress.flush();
      return { report: thrown.report, error: null };
    }
    const error = importError(thrown);
    const failed = failedReport(report, error, Date.now() - started);
    // The transaction rolled back; keep a trace of the attempt without masking the error.
    await db
      .insert(importRuns)
      .values({ ...run, ...finished('failed', failed, progress) })
      .catch(() => {});
    return { report: failed, error };
  }
}

/** The columns of a finished run. */
function finished(
  status: 'succeeded' | 'failed' | 'dry_run',
  report: ImportReport,
  progress: ProgressTracker,
) {
  return {
    status,
    finishedAt: sql`now()`,
    counts: flatCounts(report.counts),
    report: report as unknown as Record<string, unknown>,
    progress: { ...progress.current },
  };
}

/** The report of a failed run: nothing was written, so no counts or totals; the error listed first. */
function failedReport(builder: ReportBuilder, error: unknown, durationMs: number): ImportReport {
  const report = builder.build('failed', durationMs);
  const details =
    error instanceof AppError ? (error.details as { place?: string; code?: string } | undefined) : undefined;
  const issue = {
    code: details?.code ?? (error instanceof AppError ? error.code : 'internal'),
    message: error instanceof Error ? error.message : String(error),
    ...(details?.place ? { place: details.place } : {}),
  };
  for (const c of Object.values(report.counts)) Object.assign(c, { created: 0, updated: 0, unchanged: 0 });
  const empty = { cards: 0, sums: {} };
  return { ...report, errors: [issue, ...report.errors], totals: { all: empty, published: empty } };
}
