/** Read geographic units: one by id (optionally with its boundary), or a filtered, paged list. */
import { and, asc, count, eq, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { geoUnitLinks, geoUnits } from '../../db/schema/index.ts';
import { notFound } from '../../shared/errors.ts';
import type { GeoUnit, GeoUnitSummary } from '../../shared/schemas/geography.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import {
  type GeoUnitLightRow,
  toDetail,
  toSummary,
  type UnitLinks,
  unitColumnsWithoutGeometry,
} from './mapping.ts';

/** A unit id from a URL; anything but a positive 32-bit integer names no unit (404, not 400). */
export function parseUnitId(id: string | number): number {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) throw notFound('geographic unit', id);
  return n;
}

/** The unit of the tenant without its boundary, or 404; `lock` holds it for update until the transaction ends. */
export async function loadUnitRow(
  tx: Executor,
  tenantId: number,
  id: number,
  lock = false,
): Promise<GeoUnitLightRow> {
  const query = tx
    .select(unitColumnsWithoutGeometry)
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound('geographic unit', id);
  return row;
}

/** Which units a unit replaced and which replaced it. */
export async function loadLinks(tx: Executor, tenantId: number, id: number): Promise<UnitLinks> {
  const rows = await tx
    .select()
    .from(geoUnitLinks)
    .where(
      and(
        eq(geoUnitLinks.tenantId, tenantId),
        or(eq(geoUnitLinks.predecessorId, id), eq(geoUnitLinks.successorId, id)),
      ),
    )
    .orderBy(asc(geoUnitLinks.predecessorId), asc(geoUnitLinks.successorId));
  return {
    predecessorIds: rows.filter((r) => r.successorId === id).map((r) => r.predecessorId),
    successorIds: rows.filter((r) => r.predecessorId === id).map((r) => r.successorId),
  };
}

/** One unit of the tenant; its GeoJSON boundary only when asked for. */
export async function getGeoUnit(
  db: Db,
  ctx: RequestContext,
  id: string | number,
  opts: { geometry?: boolean } = {},
): Promise<GeoUnit> {
  const tenant = tenantOf(ctx);
  const unitId = parseUnitId(id);
  const row = await loadUnitRow(db, tenant.id, unitId);
  const links = await loadLinks(db, tenant.id, unitId);
  if (!opts.geometry) return toDetail(row, links);
  const [shape] = await db
    .select({ geometry: geoUnits.geometry })
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.id, unitId)));
  return toDetail({ ...row, geometry: shape?.geometry ?? null }, links);
}

/** Options of a unit list. */
export interface ListGeoUnitsOptions {
  page: number;
  pageSize: number;
  level?: number;
  parentId?: number;
  q?: string;
}

/** `%text%` for LIKE, with the user's own wildcards taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** List units of the tenant (no boundaries), by level then code, paged. */
export async function listGeoUnits(
  db: Db,
  ctx: RequestContext,
  opts: ListGeoUnitsOptions,
): Promise<{ items: GeoUnitSummary[]; total: number; page: number; pageSize: number }> {
  const tenant = tenantOf(ctx);
  const conditions: SQL[] = [eq(geoUnits.tenantId, tenant.id)];
  if (opts.level !== undefined) conditions.push(eq(geoUnits.level, opts.level));
  if (opts.parentId !== undefined) {
    await loadUnitRow(db, tenant.id, opts.parentId);
    conditions.push(eq(geoUnits.parentId, opts.parentId));
  }
  if (opts.q) {
    const pattern = containsPattern(opts.q);
    conditions.push(
      sql`(${geoUnits.code} ilike ${pattern} or exists (select 1 from jsonb_each_text(${geoUnits.names}) as n(lang, name) where n.name ilike ${pattern}))`,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select(unitColumnsWithoutGeometry)
      .from(geoUnits)
      .where(where)
      .orderBy(asc(geoUnits.level), asc(geoUnits.code), asc(geoUnits.id))
      .limit(opts.pageSize)
      .offset((opts.page - 1) * opts.pageSize),
    db.select({ n: count() }).from(geoUnits).where(where),
  ]);
  return { items: rows.map(toSummary), total: total?.n ?? 0, page: opts.page, pageSize: opts.pageSize };
}
