/**
 * Resolves /api/tenants/{code}/… into the request context's tenant, with the caller's role and
 * geographic scope there (services/tenants/access.ts decides; 401/403/404 when they may not enter).
 */
import type { MiddlewareHandler } from 'hono';
import { enterTenant } from '../services/tenants/access.ts';
import type { AppEnv } from './env.ts';

/** Middleware for every tenant-scoped route. */
export const tenantScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  const code = c.req.param('code');
  if (!code) return next();
  c.set('ctx', await enterTenant(c.var.db, c.var.ctx, code));
  await next();
};
