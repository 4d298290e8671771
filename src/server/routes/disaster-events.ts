/** Disaster events: groupings of datacards into one disaster, under /api/tenants/{code}/disaster-events. */
import { createRoute } from '@hono/zod-openapi';
import {
  createDisasterEvent,
  deleteDisasterEvent,
  getDisasterEvent,
  updateDisasterEvent,
} from '../../services/disaster-events/disaster-events.ts';
import { listDisasterEvents } from '../../services/disaster-events/list.ts';
import { pageOf } from '../../shared/schemas/common.ts';
import {
  DisasterEventCreateSchema,
  DisasterEventListQuerySchema,
  DisasterEventPatchSchema,
  DisasterEventSchema,
} from '../../shared/schemas/disaster-events.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const base = '/api/tenants/{code}/disaster-events';
const tags = ['Disaster events'];

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'List disaster events (paged; latest start first)',
  request: { params: TenantParams, query: DisasterEventListQuerySchema },
  responses: {
    200: jsonResponse(pageOf(DisasterEventSchema, 'DisasterEventPage'), 'A page of disaster events'),
    400: errors[400],
    404: errors[404],
  },
});
const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Create a disaster event',
  request: { params: TenantParams, body: jsonBody(DisasterEventCreateSchema) },
  responses: { 201: jsonResponse(DisasterEventSchema, 'Created'), 400: errors[400], 404: errors[404] },
});
const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags,
  summary: 'Get a disaster event',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(DisasterEventSchema, 'The disaster event'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags,
  summary: 'Update a disaster event (optimistic locking on version)',
  request: { params: TenantIdParams, body: jsonBody(DisasterEventPatchSchema) },
  responses: {
    200: jsonResponse(DisasterEventSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  tags,
  summary: 'Delete a disaster event no datacard or cascading event uses (409 in_use otherwise)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The disaster event routes. */
export const disasterEventRoutes = newRouter()
  .openapi(list, async (c) =>
    c.json(await listDisasterEvents(c.var.db, c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(create, async (c) =>
    c.json(await createDisasterEvent(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(get, async (c) =>
    c.json(await getDisasterEvent(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateDisasterEvent(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(remove, async (c) => {
    await deleteDisasterEvent(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
