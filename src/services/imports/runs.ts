/** The import history of a tenant (import_runs), newest first. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { importRuns } from '../../db/schema/index.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';

/** One import run as the API lists it (the full report is in the job, or in the run's report column). */
export interface ImportRunSummary {
  id: string;
  kind: string;
  fileName: string | null;
  status: string;
  actor: string;
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, number>;
}

/** The latest import runs of the context's tenant. */
export async function listImportRuns(db: Db, ctx: RequestContext, limit = 100): Promise<ImportRunSummary[]> {
  requireTenantAdmin(ctx, 'see import runs', false);
  const rows = await db
    .select()
    .from(importRuns)
    .where(eq(importRuns.tenantId, tenantOf(ctx).id))
    .orderBy(desc(importRuns.startedAt), desc(importRuns.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    status: r.status,
    actor: r.actor,
    startedAt: isoTimestamp(r.startedAt),
    finishedAt: r.finishedAt ? isoTimestamp(r.finishedAt) : null,
    counts: r.counts,
  }));
}
