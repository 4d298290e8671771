/** Disaster events: groupings of datacards into one disaster, under /api/tenants/{code}/disaster-events. */
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
import { crudRoutes } from '../crud-routes.ts';
import { newRouter } from '../router.ts';

const r = crudRoutes({
  base: '/api/tenants/{code}/disaster-events',
  tag: 'Disaster events',
  noun: 'disaster event',
  item: DisasterEventSchema,
  create: DisasterEventCreateSchema,
  patch: DisasterEventPatchSchema,
  list: pageOf(DisasterEventSchema, 'DisasterEventPage'),
  listQuery: DisasterEventListQuerySchema,
  listSummary: 'List disaster events (paged; latest start first)',
  deleteSummary: 'Delete a disaster event no datacard or cascading event uses (409 in_use otherwise)',
});

/** The disaster event routes. */
export const disasterEventRoutes = newRouter()
  .openapi(r.list, async (c) =>
    c.json(await listDisasterEvents(c.var.db, c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(r.create, async (c) =>
    c.json(await createDisasterEvent(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(r.get, async (c) =>
    c.json(await getDisasterEvent(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateDisasterEvent(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(r.remove, async (c) => {
    await deleteDisasterEvent(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
