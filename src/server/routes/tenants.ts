/** Tenants: list, create, read and update country/region databases. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createTenant, findTenant, listTenants, updateTenant } from '../../services/tenants/tenants.ts';
import { notFound } from '../../shared/errors.ts';
import { TenantCreateSchema, TenantPatchSchema, TenantSchema } from '../../shared/schemas/tenant.ts';
import { errors, jsonBody, jsonResponse, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';

const tags = ['Tenants'];

const list = createRoute({
  method: 'get',
  path: '/api/tenants',
  tags,
  summary: 'List the tenants you may enter (public ones, yours; all for a superadmin)',
  responses: { 200: jsonResponse(z.array(TenantSchema), 'Tenants') },
});
const create = createRoute({
  method: 'post',
  path: '/api/tenants',
  tags,
  summary: 'Create a tenant',
  request: { body: jsonBody(TenantCreateSchema) },
  responses: { 201: jsonResponse(TenantSchema, 'Created'), 400: errors[400], 409: errors[409] },
});
const get = createRoute({
  method: 'get',
  path: '/api/tenants/{code}',
  tags,
  summary: 'Get a tenant',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(TenantSchema, 'The tenant'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: '/api/tenants/{code}',
  tags,
  summary: 'Update a tenant (optimistic locking on version)',
  request: { params: TenantParams, body: jsonBody(TenantPatchSchema) },
  responses: {
    200: jsonResponse(TenantSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});

/** The tenant routes. */
export const tenantRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listTenants(c.var.db, c.var.ctx), 200))
  .openapi(create, async (c) => c.json(await createTenant(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(get, async (c) => {
    const { code } = c.req.valid('param');
    const tenant = await findTenant(c.var.db, code);
    if (!tenant) throw notFound('tenant', code);
    return c.json(tenant, 200);
  })
  .openapi(patch, async (c) =>
    c.json(await updateTenant(c.var.db, c.var.ctx, c.req.valid('param').code, c.req.valid('json')), 200),
  );
