/** Event types: the tenant's catalogue of kinds of events, under /api/tenants/{code}/event-types. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createEventType,
  deleteEventType,
  getEventType,
  listEventTypes,
  updateEventType,
} from '../../services/catalogues/event-types.ts';
import {
  EventTypeCreateSchema,
  EventTypePatchSchema,
  EventTypeSchema,
} from '../../shared/schemas/event-types.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const base = '/api/tenants/{code}/event-types';
const tags = ['Event types'];

const list = createRoute({
  method: 'get',
  path: base,
  tags,
  summary: 'List event types (by sort order, then code)',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.array(EventTypeSchema), 'The event types'), 404: errors[404] },
});
const create = createRoute({
  method: 'post',
  path: base,
  tags,
  summary: 'Create an event type',
  request: { params: TenantParams, body: jsonBody(EventTypeCreateSchema) },
  responses: {
    201: jsonResponse(EventTypeSchema, 'Created'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const get = createRoute({
  method: 'get',
  path: `${base}/{id}`,
  tags,
  summary: 'Get an event type',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(EventTypeSchema, 'The event type'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: `${base}/{id}`,
  tags,
  summary: 'Update an event type (optimistic locking on version)',
  request: { params: TenantIdParams, body: jsonBody(EventTypePatchSchema) },
  responses: {
    200: jsonResponse(EventTypeSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const remove = createRoute({
  method: 'delete',
  path: `${base}/{id}`,
  tags,
  summary: 'Delete an event type no datacard or narrower type uses (409 in_use otherwise)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The event type routes. */
export const eventTypeRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listEventTypes(c.var.db, c.var.ctx), 200))
  .openapi(create, async (c) => c.json(await createEventType(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getEventType(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateEventType(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(remove, async (c) => {
    await deleteEventType(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
