/**
 * Resolves /api/tenants/{code}/… into the request context's tenant, with the caller's role and
 * geographic scope there (services/tenants/access.ts decides; 401/403/404 when they may not enter).
 * On PostgreSQL the rest of the request then runs inside the tenant's row-level security wall.
 */
import type { MiddlewareHandler } from 'hono';
import type { Database } from '../db/engine.ts';
import { insideTenantWall } from '../db/tenant-wall.ts';
import { enterTenant } from '../services/tenants/access.ts';
import type { AppEnv } from './env.ts';

/** Middleware for every tenant-scoped route. */
export function tenantScope(database: Database): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const code = c.req.param('code');
    if (!code || c.var.ctx.tenant) return next();
    const ctx = await enterTenant(c.var.db, c.var.ctx, code);
    c.set('ctx', ctx);
    if (await database.tenantWall()) return insideTenantWall(ctx.tenant!.id, next);
    await next();
  };
}
