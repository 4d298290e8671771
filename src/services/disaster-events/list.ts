/** The paged, filtered list of a tenant's disaster events. */
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { disasterEvents } from '../../db/schema/index.ts';
import type { DisasterEvent, DisasterEventListQuery } from '../../shared/schemas/disaster-events.ts';
import { containsPattern } from '../catalogues/references.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { presentDisasterEvent, selectDisasterEvents } from './disaster-events.ts';

function conditions(opts: DisasterEventListQuery): SQL[] {
  const out: SQL[] = [];
  if (opts.q) {
    const pattern = containsPattern(opts.q);
    out.push(or(ilike(disasterEvents.name, pattern), ilike(disasterEvents.glide, pattern))!);
  }
  if (opts.hazardCode) out.push(eq(disasterEvents.hazardCode, opts.hazardCode));
  if (opts.year) {
    // The event's period (a missing end = its start day) touches the year.
    out.push(sql`${disasterEvents.startDate} <= make_date(${opts.year}::int, 12, 31)`);
    out.push(
      sql`coalesce(${disasterEvents.endDate}, ${disasterEvents.startDate}) >= make_date(${opts.year}::int, 1, 1)`,
    );
  }
  return out;
}

/** Disaster events of the tenant, latest start first (undated last), then by name. */
export async function listDisasterEvents(
  db: Db,
  ctx: RequestContext,
  opts: DisasterEventListQuery,
): Promise<{ items: DisasterEvent[]; total: number; page: number; pageSize: number }> {
  const tenantId = tenantOf(ctx).id;
  const where = conditions(opts);
  const [rows, counted] = await Promise.all([
    selectDisasterEvents(db, tenantId, and(...where))
      .orderBy(
        sql`${disasterEvents.startDate} desc nulls last`,
        asc(disasterEvents.name),
        desc(disasterEvents.id),
      )
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db
      .select({ n: count() })
      .from(disasterEvents)
      .where(and(eq(disasterEvents.tenantId, tenantId), ...where)),
  ]);
  return {
    items: rows.map(presentDisasterEvent),
    total: counted[0]?.n ?? 0,
    page: opts.page,
    pageSize: opts.pageSize,
  };
}
