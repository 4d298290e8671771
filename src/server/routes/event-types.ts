/** Event types: the tenant's catalogue of kinds of events, under /api/tenants/{code}/event-types. */
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
import { crudRoutes, NoQuery } from '../crud-routes.ts';
import { newRouter } from '../router.ts';

const r = crudRoutes({
  base: '/api/tenants/{code}/event-types',
  tag: 'Event types',
  noun: 'event type',
  item: EventTypeSchema,
  create: EventTypeCreateSchema,
  patch: EventTypePatchSchema,
  list: z.array(EventTypeSchema),
  listQuery: NoQuery,
  listSummary: 'List event types (by sort order, then code) with their hazard',
  deleteSummary: 'Delete an event type no datacard or narrower event type uses (409 in_use otherwise)',
});

/** The event type routes. */
export const eventTypeRoutes = newRouter()
  .openapi(r.list, async (c) => c.json(await listEventTypes(c.var.db, c.var.ctx), 200))
  .openapi(r.create, async (c) =>
    c.json(await createEventType(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(r.get, async (c) => c.json(await getEventType(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateEventType(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(r.remove, async (c) => {
    await deleteEventType(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
