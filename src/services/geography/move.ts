/**
 * Moving a unit under another parent: the materialised paths of its whole subtree change, and so
 * do the denormalised geo_ancestors of every datacard in that subtree (geo_ancestors = path ids).
 */
import { and, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { geoUnits } from '../../db/schema/index.ts';
import { childPath } from './mapping.ts';

/** What a move changed. */
export interface MoveResult {
  path: string;
  unitsMoved: number;
  datacardsUpdated: number;
}

/** Re-root the subtree of `unit` under the parent with `parentPath` (null = top); inside the caller's transaction. */
export async function moveSubtree(
  tx: Executor,
  tenantId: number,
  unit: { id: number; path: string },
  parentPath: string | null,
): Promise<MoveResult> {
  const path = childPath(parentPath, unit.id);
  if (path === unit.path) return { path, unitsMoved: 0, datacardsUpdated: 0 };
  const subtree = and(eq(geoUnits.tenantId, tenantId), like(geoUnits.path, `${unit.path}%`));
  // Lock the subtree first: units being added below it wait, and the update below then sees them all.
  await tx.select({ id: geoUnits.id }).from(geoUnits).where(subtree).for('update');
  const moved = await tx
    .update(geoUnits)
    .set({ path: sql`${path}::text || substr(${geoUnits.path}, ${unit.path.length + 1}::int)` })
    .where(subtree)
    .returning({ id: geoUnits.id });
  const [cards] = await queryRows<{ n: number }>(
    tx,
    sql`with updated as (
          update datacards d
             set geo_ancestors = string_to_array(trim(both '/' from u.path), '/')::int[]
            from geo_units u
           where d.tenant_id = ${tenantId} and u.tenant_id = d.tenant_id
             and u.id = d.geo_unit_id and u.path like ${`${path}%`}
          returning 1)
        select count(*)::int as n from updated`,
  );
  return { path, unitsMoved: moved.length, datacardsUpdated: cards?.n ?? 0 };
}
