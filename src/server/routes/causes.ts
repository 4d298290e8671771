/** Causes: the tenant's catalogue of causes, under /api/tenants/{code}/causes. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createCause,
  deleteCause,
  getCause,
  listCauses,
  updateCause,
} from '../../services/catalogues/causes.ts';
import { CauseCreateSchema, CausePatchSchema, CauseSchema } from '../../shared/schemas/causes.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const base = '/api/tenants/{code}/causes';
const tags = ['Causes'];

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'List causes (by sort order, then code)',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.array(CauseSchema), 'The causes'), 404: errors[404] },
});
const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Create a cause',
  request: { params: TenantParams, body: jsonBody(CauseCreateSchema) },
  responses: {
    201: jsonResponse(CauseSchema, 'Created'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags,
  summary: 'Get a cause',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(CauseSchema, 'The cause'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags,
  summary: 'Update a cause (optimistic locking on version)',
  request: { params: TenantIdParams, body: jsonBody(CausePatchSchema) },
  responses: {
    200: jsonResponse(CauseSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  tags,
  summary: 'Delete a cause no datacard uses (409 in_use otherwise)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The cause routes. */
export const causeRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listCauses(c.var.db, c.var.ctx), 200))
  .openapi(create, async (c) => c.json(await createCause(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getCause(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateCause(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(remove, async (c) => {
    await deleteCause(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
