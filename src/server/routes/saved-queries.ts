/** Saved queries under /api/tenants/{code}/saved-queries: CRUD, and the result of running one. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createSavedQuery,
  deleteSavedQuery,
  getSavedQuery,
  listSavedQueries,
  runSavedQuery,
  savedQueryTable,
  updateSavedQuery,
} from '../../services/analytics/saved-queries.ts';
import { TABLE_MEDIA, writeTable } from '../../services/analytics/tables.ts';
import {
  SavedQueryCreateSchema,
  SavedQueryPatchSchema,
  SavedQuerySchema,
} from '../../shared/schemas/saved-queries.ts';
import { crudRoutes, NoQuery } from '../crud-routes.ts';
import { attachment, fileName } from '../download.ts';
import { errors, TenantIdParams } from '../openapi.ts';
import { OutputQuery } from '../query-params.ts';
import { newRouter } from '../router.ts';

const base = '/api/tenants/{code}/saved-queries';
const r = crudRoutes({
  base,
  tag: 'Analytics',
  noun: 'saved query',
  item: SavedQuerySchema,
  create: SavedQueryCreateSchema,
  patch: SavedQueryPatchSchema,
  list: z.array(SavedQuerySchema),
  listQuery: NoQuery,
  listSummary: 'List saved queries (by name)',
});

const resultRoute = createRoute({
  method: 'get',
  path: `${base}/{id}/result`,
  tags: ['Analytics'],
  summary: 'Run a saved query: its result as /query/{kind} returns it, or a CSV/XLSX download',
  request: { params: TenantIdParams, query: OutputQuery },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.unknown() },
        [TABLE_MEDIA.csv]: { schema: z.string().meta({ format: 'binary' }) },
        [TABLE_MEDIA.xlsx]: { schema: z.string().meta({ format: 'binary' }) },
      },
      description: 'The result',
    },
    400: errors[400],
    404: errors[404],
  },
});

/** The saved-query routes. */
export const savedQueryRoutes = newRouter()
  .openapi(r.list, async (c) => c.json(await listSavedQueries(c.var.db, c.var.ctx), 200))
  .openapi(r.create, async (c) =>
    c.json(await createSavedQuery(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(r.get, async (c) => c.json(await getSavedQuery(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateSavedQuery(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(r.remove, async (c) => {
    await deleteSavedQuery(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  })
  .openapi(resultRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { format, language } = c.req.valid('query');
    const ctx = language ? { ...c.var.ctx, language } : c.var.ctx;
    if (format === 'json') return c.json((await runSavedQuery(c.var.db, ctx, id)) as never, 200);
    const { kind, table } = await savedQueryTable(c.var.db, ctx, id);
    return attachment(TABLE_MEDIA[format], fileName(ctx.tenant!.code, `saved-${id}`, format), (out) =>
      writeTable(format, out, table, kind),
    );
  });
