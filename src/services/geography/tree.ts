/** The unit hierarchy: the nested tree of current units, a unit's children, its whole subtree. */
import { and, asc, eq, like, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { geoUnits } from '../../db/schema/index.ts';
import type { GeoUnitSummary, GeoUnitTreeNode } from '../../shared/schemas/geography.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { toSummary, unitColumnsWithoutGeometry } from './mapping.ts';
import { loadUnitRow, parseUnitId } from './read.ts';

/** Units valid today: started (or no start) and not ended (validity is [validFrom, validTo)). */
const currentUnits: SQL = sql`(${geoUnits.validFrom} is null or ${geoUnits.validFrom} <= current_date)
  and (${geoUnits.validTo} is null or ${geoUnits.validTo} > current_date)`;

/** All current units of the tenant as nested nodes, each level sorted by code. */
export async function geoUnitTree(db: Db, ctx: RequestContext): Promise<{ items: GeoUnitTreeNode[] }> {
  const tenant = tenantOf(ctx);
  const rows = await db
    .select({
      id: geoUnits.id,
      code: geoUnits.code,
      level: geoUnits.level,
      names: geoUnits.names,
      parentId: geoUnits.parentId,
    })
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenant.id), currentUnits))
    .orderBy(asc(geoUnits.level), asc(geoUnits.code), asc(geoUnits.id));
  const nodes = new Map<number, GeoUnitTreeNode>();
  for (const r of rows)
    nodes.set(r.id, { id: r.id, code: r.code, level: r.level, names: r.names, children: [] });
  const roots: GeoUnitTreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    // A current unit under an ended parent still shows, at the top, rather than vanishing.
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return { items: roots };
}

/** The direct children of a unit (current and historical), by code. */
export async function listGeoUnitChildren(
  db: Db,
  ctx: RequestContext,
  id: string | number,
): Promise<{ items: GeoUnitSummary[] }> {
  const tenant = tenantOf(ctx);
  const unit = await loadUnitRow(db, tenant.id, parseUnitId(id));
  const rows = await db
    .select(unitColumnsWithoutGeometry)
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.parentId, unit.id)))
    .orderBy(asc(geoUnits.code), asc(geoUnits.id));
  return { items: rows.map(toSummary) };
}

/** Every unit below a unit (not the unit itself), found by its materialised path; by level, then code. */
export async function listGeoUnitDescendants(
  db: Db,
  ctx: RequestContext,
  id: string | number,
): Promise<{ items: GeoUnitSummary[] }> {
  const tenant = tenantOf(ctx);
  const unit = await loadUnitRow(db, tenant.id, parseUnitId(id));
  const rows = await db
    .select(unitColumnsWithoutGeometry)
    .from(geoUnits)
    .where(
      and(eq(geoUnits.tenantId, tenant.id), like(geoUnits.path, `${unit.path}%`), ne(geoUnits.id, unit.id)),
    )
    .orderBy(asc(geoUnits.level), asc(geoUnits.code), asc(geoUnits.id));
  return { items: rows.map(toSummary) };
}
