/**
 * How exports read: in a consistent snapshot where the engine allows it, and in keyset-paged
 * batches (ORDER BY id) so memory stays flat whatever the number of cards.
 */
import { and, eq, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { datacards, geoUnits } from '../../db/schema/index.ts';
import { notFound } from '../../shared/errors.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { requireStaffFor } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';

/** Which cards to export. */
export interface CardExportFilter {
  /** 'published' (default, what the public sees), one state, or 'all'. */
  status?: DatacardStatus | 'all';
  eventTypeId?: number;
  /** This unit and every unit below it. */
  geoUnitId?: number;
  yearFrom?: number;
  yearTo?: number;
}

/** How an export reads. */
export interface ExportReadOptions {
  /**
   * Read in one REPEATABLE READ transaction (PostgreSQL). Leave it off on PGlite: its single
   * session would make every other query wait until the export ends.
   */
  snapshot?: boolean;
  /** Cards per query (default EXPORT_BATCH). */
  batchSize?: number;
}

/** Run fn in a read-only REPEATABLE READ transaction when asked, else on the database itself. */
export function readConsistently<T>(db: Db, snapshot: boolean, fn: (ex: Executor) => Promise<T>): Promise<T> {
  if (!snapshot) return fn(db);
  return db.transaction((tx) => fn(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/** Only staff see cards that are not published. */
function checkStatusAllowed(ctx: RequestContext, status: CardExportFilter['status']): void {
  if (status === undefined || status === 'published') return;
  requireStaffFor(ctx, 'export cards that are not published');
}

/** The WHERE clause of live cards of the tenant matching the filter (and the caller's geographic scope). */
export async function cardConditions(
  ex: Executor,
  ctx: RequestContext,
  filter: CardExportFilter,
): Promise<SQL> {
  const tenant = tenantOf(ctx);
  checkStatusAllowed(ctx, filter.status);
  const conditions: SQL[] = [eq(datacards.tenantId, tenant.id), isNull(datacards.deletedAt)];
  const status = filter.status ?? 'published';
  if (status !== 'all') conditions.push(eq(datacards.status, status));
  if (filter.eventTypeId !== undefined) conditions.push(eq(datacards.eventTypeId, filter.eventTypeId));
  if (filter.yearFrom !== undefined) conditions.push(sql`${datacards.startYear} >= ${filter.yearFrom}`);
  if (filter.yearTo !== undefined) conditions.push(sql`${datacards.startYear} <= ${filter.yearTo}`);
  if (filter.geoUnitId !== undefined) {
    const [unit] = await ex
      .select({ path: geoUnits.path })
      .from(geoUnits)
      .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.id, filter.geoUnitId)));
    if (!unit) throw notFound('geographic unit', filter.geoUnitId);
    const below = ex
      .select({ id: geoUnits.id })
      .from(geoUnits)
      .where(and(eq(geoUnits.tenantId, tenant.id), like(geoUnits.path, `${unit.path}%`)));
    conditions.push(sql`${datacards.geoUnitId} in ${below}`);
  }
  if (ctx.geoScope) {
    const scope = sql.join(
      ctx.geoScope.map((id) => sql`${id}`),
      sql`, `,
    );
    conditions.push(sql`${datacards.geoAncestors} && array[${scope}]::int[]`);
  }
  return and(...conditions)!;
}

/** Check a filter before streaming starts (permission, unit exists), so errors can still be a JSON 4xx. */
export async function checkCardExport(db: Db, ctx: RequestContext, filter: CardExportFilter): Promise<void> {
  await cardConditions(db, ctx, filter);
}
