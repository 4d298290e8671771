/** Datacards: create, read, update, soft-delete and list, under /api/tenants/{code}/datacards. */
import { createRoute } from '@hono/zod-openapi';
import { getDatacard, listDatacards } from '../../services/datacards/read.ts';
import { createDatacard, deleteDatacard, updateDatacard } from '../../services/datacards/write.ts';
import { pageOf } from '../../shared/schemas/common.ts';
import {
  DatacardCreateSchema,
  DatacardListQuerySchema,
  DatacardPatchSchema,
  DatacardSchema,
} from '../../shared/schemas/datacard.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const base = '/api/tenants/{code}/datacards';
const tags = ['Datacards'];

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'List datacards (paged, sorted)',
  request: { params: TenantParams, query: DatacardListQuerySchema },
  responses: {
    200: jsonResponse(pageOf(DatacardSchema, 'DatacardPage'), 'A page of datacards'),
    400: errors[400],
    404: errors[404],
  },
});
const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Create a datacard',
  request: { params: TenantParams, body: jsonBody(DatacardCreateSchema) },
  responses: { 201: jsonResponse(DatacardSchema, 'Created'), 400: errors[400], 404: errors[404] },
});
const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags,
  summary: 'Get a datacard',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(DatacardSchema, 'The datacard'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags,
  summary: 'Update fields of a datacard (optimistic locking on version)',
  request: { params: TenantIdParams, body: jsonBody(DatacardPatchSchema) },
  responses: {
    200: jsonResponse(DatacardSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  tags,
  summary: 'Soft-delete a datacard (optimistic locking on version)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The datacard routes. */
export const datacardRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listDatacards(c.var.db, c.var.ctx, c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await createDatacard(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getDatacard(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateDatacard(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    await deleteDatacard(c.var.db, c.var.ctx, id, c.req.valid('query').version);
    return c.body(null, 204);
  });
