/** Tenants: the country or region databases of this instance. */
import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { memberships, tenants } from '../../db/schema/index.ts';
import { AppError, notFound, versionConflict } from '../../shared/errors.ts';
import type { Tenant, TenantCreateSchema, TenantPatchSchema } from '../../shared/schemas/tenant.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import type { RequestContext, TenantRef } from '../context.ts';

type Row = typeof tenants.$inferSelect;

const present = (r: Row): Tenant => ({
  id: r.id,
  code: r.code,
  names: r.names,
  currency: r.currency,
  country: r.country,
  languages: r.languages,
  defaultLanguage: r.defaultLanguage,
  isPublic: r.isPublic,
  synthetic: r.synthetic,
  version: r.version,
});

/**
 * The tenants the caller may enter, by code: all for a superadmin, only its own for an API token,
 * else the public ones and those the caller is a member of.
 */
export async function listTenants(db: Db, ctx: RequestContext): Promise<Tenant[]> {
  const cred = ctx.credential;
  const where =
    cred.kind === 'token'
      ? eq(tenants.id, cred.tenantId)
      : ctx.superadmin
        ? undefined
        : ctx.actor.kind === 'user'
          ? or(
              eq(tenants.isPublic, true),
              inArray(
                tenants.id,
                db
                  .select({ id: memberships.tenantId })
                  .from(memberships)
                  .where(eq(memberships.userId, ctx.actor.id)),
              ),
            )
          : eq(tenants.isPublic, true);
  return (await db.select().from(tenants).where(where).orderBy(asc(tenants.code))).map(present);
}

/** The tenant with this code, or null. */
export async function findTenant(db: Executor, code: string): Promise<Tenant | null> {
  const [row] = await db.select().from(tenants).where(eq(tenants.code, code));
  return row ? present(row) : null;
}

/** Resolve a tenant code from a URL into the reference every tenant-scoped service needs. */
export async function resolveTenant(db: Db, code: string): Promise<TenantRef> {
  const t = await findTenant(db, code);
  if (!t) throw notFound('tenant', code);
  return { id: t.id, code: t.code, currency: t.currency, defaultLanguage: t.defaultLanguage };
}

/** Create a tenant (superadmin). */
export async function createTenant(
  db: Db,
  ctx: RequestContext,
  input: z.infer<typeof TenantCreateSchema> & { synthetic?: boolean },
): Promise<Tenant> {
  if (!ctx.superadmin) throw new AppError('forbidden', 'Only a superadmin can create a tenant.');
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(tenants).values(input).returning();
    const created = present(row!);
    await recordAudit(tx, ctx, {
      tenantId: created.id,
      action: 'create',
      entity: 'tenant',
      entityId: created.code,
      after: created,
    });
    return created;
  });
}

/** Update a tenant's settings; `version` must be the one the caller read. */
export async function updateTenant(
  db: Db,
  ctx: RequestContext,
  code: string,
  patch: z.infer<typeof TenantPatchSchema>,
): Promise<Tenant> {
  requireTenantAdmin(ctx, 'change this database’s settings');
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(tenants).where(eq(tenants.code, code)).for('update');
    if (!current) throw notFound('tenant', code);
    if (current.version !== patch.version) throw versionConflict('tenant', code, current.version);
    const { version: _v, ...fields } = patch;
    const [row] = await tx
      .update(tenants)
      .set({ ...fields, version: sql`${tenants.version} + 1`, updatedAt: sql`now()` })
      .where(eq(tenants.id, current.id))
      .returning();
    const after = present(row!);
    await recordAudit(tx, ctx, {
      tenantId: current.id,
      action: 'update',
      entity: 'tenant',
      entityId: code,
      before: present(current),
      after,
    });
    return after;
  });
}
