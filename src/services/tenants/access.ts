/**
 * Entering a tenant: the one place that decides who may reach a tenant's data and with which role
 * and geographic scope. Superadmins hold every role everywhere; members hold their membership's
 * role (and every lower one) limited to its unit; an API token works only in its own tenant, and
 * a read token never writes. Anyone else may read a public tenant's published data; a private
 * tenant is 401 to anonymous callers and 404 to signed-in non-members (its existence is not told).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { memberships } from '../../db/schema/auth.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { ROLE_VALUES, type Role } from '../../shared/roles.ts';
import { signInFirst } from '../authz.ts';
import { type RequestContext, rolesUpTo } from '../context.ts';
import { findTenant } from './tenants.ts';

/** The context of a request to tenant `code`, with the caller's role and scope there. */
export async function enterTenant(db: Db, ctx: RequestContext, code: string): Promise<RequestContext> {
  const tenant = await findTenant(db, code);
  if (!tenant) throw notFound('tenant', code);
  const ref = {
    id: tenant.id,
    code: tenant.code,
    currency: tenant.currency,
    defaultLanguage: tenant.defaultLanguage,
  };
  const cred = ctx.credential;
  if (cred.kind === 'token' && cred.tenantId !== tenant.id)
    throw new AppError(
      'forbidden',
      `This API token belongs to another database; it cannot be used for ${code}.`,
    );
  const readOnly = cred.kind === 'token' && !cred.scopes.includes('write');
  if (ctx.superadmin) return { ...ctx, tenant: ref, roles: [...ROLE_VALUES], readOnly };
  let role: Role | null = null;
  let scope: number | null = null;
  if (ctx.actor.kind === 'user') {
    const [m] = await db
      .select({ role: memberships.role, geoUnitId: memberships.geoUnitId })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, ctx.actor.id)));
    if (m) {
      role = m.role;
      scope = m.geoUnitId;
    }
  }
  if (!role && !tenant.isPublic) {
    if (ctx.actor.kind === 'anonymous') throw signInFirst(`see the ${code} database`);
    throw notFound('tenant', code);
  }
  return {
    ...ctx,
    tenant: ref,
    roles: role ? rolesUpTo(role) : [],
    geoScope: scope === null ? null : [scope],
    readOnly,
  };
}
