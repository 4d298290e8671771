/**
 * Datacards: create, read, update, soft-delete and list, under /api/tenants/{code}/datacards;
 * workflow transitions and the review queue.
 */
import { createRoute } from '@hono/zod-openapi';
import { getDatacard, listDatacards } from '../../services/datacards/read.ts';
import { reviewQueue, transitionDatacard } from '../../services/datacards/workflow.ts';
import { createDatacard, deleteDatacard, updateDatacard } from '../../services/datacards/write.ts';
import { pageOf } from '../../shared/schemas/common.ts';
import {
  DatacardCreateSchema,
  DatacardListQuerySchema,
  DatacardPatchSchema,
  DatacardSchema,
} from '../../shared/schemas/datacard.ts';
import { ReviewQueueSchema, TransitionSchema } from '../../shared/schemas/workflow.ts';
import { crudRoutes } from '../crud-routes.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams } from '../openapi.ts';
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

const transition = createRoute({
  method: 'post',
  path: '/api/tenants/{code}/datacards/{id}/transitions',
  tags: ['Datacards'],
  summary:
    'Move a card through the workflow: submit (author or validator), publish and reject (validator, reject needs a comment), reopen a rejected card, unpublish (admin, with a comment)',
  request: { params: TenantIdParams, body: jsonBody(TransitionSchema) },
  responses: {
    200: jsonResponse(DatacardSchema, 'The card in its new state'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});
const queue = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/review-queue',
  tags: ['Datacards'],
  summary:
    'Waiting for my review: submitted cards in scope (validators), my rejected cards with the comment, my drafts',
  request: { params: TenantParams },
  responses: {
    200: jsonResponse(ReviewQueueSchema, 'The queue'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
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
  })
  .openapi(transition, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await transitionDatacard(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(queue, async (c) => c.json(await reviewQueue(c.var.db, c.var.ctx), 200));
