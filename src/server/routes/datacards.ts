/** Datacards: create, read, update, soft-delete and list, under /api/tenants/{code}/datacards. */
import { getDatacard, listDatacards } from '../../services/datacards/read.ts';
import { createDatacard, deleteDatacard, updateDatacard } from '../../services/datacards/write.ts';
import { pageOf } from '../../shared/schemas/common.ts';
import {
  DatacardCreateSchema,
  DatacardListQuerySchema,
  DatacardPatchSchema,
  DatacardSchema,
} from '../../shared/schemas/datacard.ts';
import { crudRoutes } from '../crud-routes.ts';
import { newRouter } from '../router.ts';

const r = crudRoutes({
  base: '/api/tenants/{code}/datacards',
  tag: 'Datacards',
  noun: 'datacard',
  item: DatacardSchema,
  create: DatacardCreateSchema,
  patch: DatacardPatchSchema,
  list: pageOf(DatacardSchema, 'DatacardPage'),
  listQuery: DatacardListQuerySchema,
  listSummary: 'List datacards (paged, sorted, filtered by status, event type, unit with descendants, year)',
  deleteSummary: 'Soft-delete a datacard (optimistic locking on version)',
});

/** The datacard routes. */
export const datacardRoutes = newRouter()
  .openapi(r.list, async (c) => c.json(await listDatacards(c.var.db, c.var.ctx, c.req.valid('query')), 200))
  .openapi(r.create, async (c) => c.json(await createDatacard(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(r.get, async (c) => c.json(await getDatacard(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateDatacard(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(r.remove, async (c) => {
    await deleteDatacard(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
