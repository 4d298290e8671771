/** Administrative levels of a tenant: list, create (contiguous from 1), rename. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { geoLevels } from '../../db/schema/index.ts';
import { notFound, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { GeoLevel, GeoLevelCreateSchema, GeoLevelPatchSchema } from '../../shared/schemas/geography.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';

type Row = typeof geoLevels.$inferSelect;
/** Body of a level creation. */
export type GeoLevelCreate = z.infer<typeof GeoLevelCreateSchema>;

const present = (r: Row): GeoLevel => ({
  level: r.level,
  names: r.names,
  codeLength: r.codeLength,
  version: r.version,
});

/** A level number from a URL; anything but a positive integer names no level (404). */
function parseLevel(level: string | number): number {
  const n = Number(level);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw notFound('geographic level', level);
  return n;
}

/** One level of the tenant, or null. */
export async function findGeoLevel(tx: Executor, tenantId: number, level: number): Promise<GeoLevel | null> {
  const [row] = await tx
    .select()
    .from(geoLevels)
    .where(and(eq(geoLevels.tenantId, tenantId), eq(geoLevels.level, level)));
  return row ? present(row) : null;
}

/** The tenant's levels, top level first. */
export async function listGeoLevels(db: Db, ctx: RequestContext): Promise<{ items: GeoLevel[] }> {
  const tenant = tenantOf(ctx);
  const rows = await db
    .select()
    .from(geoLevels)
    .where(eq(geoLevels.tenantId, tenant.id))
    .orderBy(asc(geoLevels.level));
  return { items: rows.map(present) };
}

/** Insert a level inside the caller's transaction; level N needs level N-1 (a duplicate gives 409). */
export async function insertGeoLevel(
  tx: Executor,
  ctx: RequestContext,
  input: GeoLevelCreate,
): Promise<GeoLevel> {
  const tenant = tenantOf(ctx);
  if (input.level > 1 && !(await findGeoLevel(tx, tenant.id, input.level - 1))) {
    throw validationFailed([
      {
        path: 'level',
        code: 'missing_parent_level',
        message: `level ${input.level - 1} does not exist yet; levels are numbered from 1 without gaps`,
      },
    ]);
  }
  const [row] = await tx
    .insert(geoLevels)
    .values({
      tenantId: tenant.id,
      level: input.level,
      names: input.names,
      codeLength: input.codeLength ?? null,
    })
    .returning();
  const created = present(row!);
  await recordAudit(tx, ctx, {
    tenantId: tenant.id,
    action: 'create',
    entity: 'geo_level',
    entityId: created.level,
    after: created,
  });
  return created;
}

/** Create a level in the context's tenant. */
export async function createGeoLevel(db: Db, ctx: RequestContext, input: GeoLevelCreate): Promise<GeoLevel> {
  requireTenantAdmin(ctx, 'change geographic levels');
  return db.transaction((tx) => insertGeoLevel(tx, ctx, input));
}

/** Rename a level or change its code length; `version` must be the one the caller read. */
export async function updateGeoLevel(
  db: Db,
  ctx: RequestContext,
  level: string | number,
  patch: z.infer<typeof GeoLevelPatchSchema>,
): Promise<GeoLevel> {
  requireTenantAdmin(ctx, 'change geographic levels');
  const tenant = tenantOf(ctx);
  const n = parseLevel(level);
  return db.transaction(async (tx) => {
    const where = and(eq(geoLevels.tenantId, tenant.id), eq(geoLevels.level, n));
    const [current] = await tx.select().from(geoLevels).where(where).for('update');
    if (!current) throw notFound('geographic level', n);
    if (current.version !== patch.version) throw versionConflict('geographic level', n, current.version);
    const { version: _v, ...fields } = patch;
    const [row] = await tx
      .update(geoLevels)
      .set({ ...fields, version: sql`${geoLevels.version} + 1` })
      .where(where)
      .returning();
    const after = present(row!);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'update',
      entity: 'geo_level',
      entityId: n,
      before: present(current),
      after,
    });
    return after;
  });
}
