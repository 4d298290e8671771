/** Causes: the tenant's catalogue of causes, under /api/tenants/{code}/causes. */
import { z } from 'zod';
import {
  createCause,
  deleteCause,
  getCause,
  listCauses,
  updateCause,
} from '../../services/catalogues/causes.ts';
import { CauseCreateSchema, CausePatchSchema, CauseSchema } from '../../shared/schemas/causes.ts';
import { crudRoutes, NoQuery } from '../crud-routes.ts';
import { newRouter } from '../router.ts';

const r = crudRoutes({
  base: '/api/tenants/{code}/causes',
  tag: 'Causes',
  noun: 'cause',
  item: CauseSchema,
  create: CauseCreateSchema,
  patch: CausePatchSchema,
  list: z.array(CauseSchema),
  listQuery: NoQuery,
  listSummary: 'List causes (by sort order, then code)',
  deleteSummary: 'Delete a cause no datacard uses (409 in_use otherwise)',
});

/** The cause routes. */
export const causeRoutes = newRouter()
  .openapi(r.list, async (c) => c.json(await listCauses(c.var.db, c.var.ctx), 200))
  .openapi(r.create, async (c) => c.json(await createCause(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(r.get, async (c) => c.json(await getCause(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateCause(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(r.remove, async (c) => {
    await deleteCause(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
