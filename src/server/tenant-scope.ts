/** Resolves /api/tenants/{code}/… into the request context's tenant (404 for an unknown code). */
import type { MiddlewareHandler } from 'hono';
import { withTenant } from '../services/context.ts';
import { resolveTenant } from '../services/tenants/tenants.ts';
import type { AppEnv } from './env.ts';

/** Middleware for every tenant-scoped route. */
export const tenantScope: MiddlewareHandler<AppEnv> = async (c, next) => {
  const code = c.req.param('code');
  if (!code) return next();
  const tenant = await resolveTenant(c.var.db, code);
  c.set('ctx', withTenant(c.var.ctx, tenant));
  await next();
};
