/** Read datacards: one by id, or a sorted, paged list. Always scoped to the context's tenant. */
import { and, asc, count, desc, eq, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { datacards, geoUnits } from '../../db/schema/index.ts';
import { isUuid, notFound } from '../../shared/errors.ts';
import { columnProp, EFFECT_FIELDS } from '../../shared/fields.ts';
import type { DATACARD_SORTS, Datacard } from '../../shared/schemas/datacard.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { assertMaySeeStatus, canSee, visibleCards } from './access.ts';
import { rowToDatacard } from './mapping.ts';

/** Get one live datacard of the tenant. */
export async function getDatacard(db: Db, ctx: RequestContext, id: string): Promise<Datacard> {
  if (!isUuid(id)) throw notFound('datacard', id);
  const tenant = tenantOf(ctx);
  const [row] = await db
    .select()
    .from(datacards)
    .where(and(eq(datacards.tenantId, tenant.id), eq(datacards.id, id), isNull(datacards.deletedAt)));
  if (!row || !canSee(ctx, row)) throw notFound('datacard', id);
  return rowToDatacard(row);
}

/** Options of a datacard list. */
export interface ListDatacardsOptions {
  page: number;
  pageSize: number;
  sort: (typeof DATACARD_SORTS)[number];
  order: 'asc' | 'desc';
  status?: DatacardStatus;
  eventTypeId?: number;
  geoUnitId?: number;
  year?: number;
}

function sortColumn(sort: ListDatacardsOptions['sort']) {
  const effect = EFFECT_FIELDS.find((f) => f.key === sort);
  if (effect) return datacards[columnProp(effect.column) as keyof typeof datacards.$inferSelect];
  return datacards[sort];
}

/** List live datacards of the tenant, sorted (ties broken by id) and paged. */
export async function listDatacards(db: Db, ctx: RequestContext, opts: ListDatacardsOptions) {
  const tenant = tenantOf(ctx);
  assertMaySeeStatus(ctx, opts.status);
  const conditions: SQL[] = [
    eq(datacards.tenantId, tenant.id),
    isNull(datacards.deletedAt),
    visibleCards(ctx),
  ];
  if (opts.status) conditions.push(eq(datacards.status, opts.status));
  if (opts.eventTypeId) conditions.push(eq(datacards.eventTypeId, opts.eventTypeId));
  if (opts.year) conditions.push(eq(datacards.startYear, opts.year));
  if (opts.geoUnitId) {
    const [unit] = await db
      .select({ path: geoUnits.path })
      .from(geoUnits)
      .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.id, opts.geoUnitId)));
    if (!unit) throw notFound('geographic unit', opts.geoUnitId);
    const below = db
      .select({ id: geoUnits.id })
      .from(geoUnits)
      .where(and(eq(geoUnits.tenantId, tenant.id), like(geoUnits.path, `${unit.path}%`)));
    conditions.push(sql`${datacards.geoUnitId} in ${below}`);
  }
  const where = and(...conditions);
  const column = sortColumn(opts.sort) as Parameters<typeof asc>[0];
  const direction = opts.order === 'asc' ? asc : desc;
  const nulls = opts.order === 'asc' ? sql`nulls first` : sql`nulls last`;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(datacards)
      .where(where)
      .orderBy(sql`${direction(column)} ${nulls}`, direction(datacards.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db.select({ n: count() }).from(datacards).where(where),
  ]);
  return { items: rows.map(rowToDatacard), total: total?.n ?? 0, page: opts.page, pageSize: opts.pageSize };
}
