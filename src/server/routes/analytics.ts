/**
 * Analytics under /api/tenants/{code}: POST (filter spec in the body) and GET (the same fields in
 * the query string) /query/{list|totals|statistics|crosstab|timeseries|map}, each as JSON or a
 * CSV/XLSX download (?format=csv|xlsx); GET /profile (JSON, an XLSX sheet per table, or one table
 * as CSV); and the saved queries.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { countryProfile } from '../../services/analytics/profile.ts';
import { profileTable, profileTableNames } from '../../services/analytics/profile-tables.ts';
import { type QueryBody, queryTable, runQuery } from '../../services/analytics/queries.ts';
import { TABLE_MEDIA, writeTable, writeWorkbook } from '../../services/analytics/tables.ts';
import {
  CrosstabResultSchema,
  ListResultSchema,
  MapResultSchema,
  ProfileQuerySchema,
  ProfileResultSchema,
  QUERY_KINDS,
  QUERY_SCHEMAS,
  type QueryKind,
  StatisticsResultSchema,
  TimeseriesResultSchema,
  TotalsResultSchema,
} from '../../shared/schemas/analytics.ts';
import { attachment, fileName } from '../download.ts';
import type { AppEnv } from '../env.ts';
import { errors, jsonBody, jsonResponse, TenantParams } from '../openapi.ts';
import { bodyFromParams, getQuerySchema, moneyFromParam, OutputQuery } from '../query-params.ts';
import { newRouter } from '../router.ts';
import { savedQueryRoutes } from './saved-queries.ts';

const tags = ['Analytics'];

const RESULTS: Record<QueryKind, { schema: z.ZodType; summary: string }> = {
  list: {
    schema: ListResultSchema,
    summary: 'Cards matching a filter: chosen columns, any sort, offset or keyset pages',
  },
  totals: {
    schema: TotalsResultSchema,
    summary: 'Card count, effect sums and cards with each effect under a filter',
  },
  statistics: { schema: StatisticsResultSchema, summary: 'Measures grouped by up to 3 dimensions' },
  crosstab: {
    schema: CrosstabResultSchema,
    summary: 'One measure by a row and a column dimension, with totals',
  },
  timeseries: { schema: TimeseriesResultSchema, summary: 'Measures by year or month, without gaps' },
  map: {
    schema: MapResultSchema,
    summary: "Measures per unit of a level, with the units' GeoJSON boundaries",
  },
};

const binary = { schema: z.string().meta({ format: 'binary' }) };

const ok = (schema: z.ZodType, description: string) => ({
  content: { 'application/json': { schema }, [TABLE_MEDIA.csv]: binary, [TABLE_MEDIA.xlsx]: binary },
  description,
});

const responses = (kind: QueryKind) => ({
  200: ok(RESULTS[kind].schema, 'The result (JSON), or the table as CSV or XLSX'),
  400: errors[400],
  403: jsonResponse(z.object({ error: z.unknown() }), 'Only staff can query cards that are not published'),
  404: errors[404],
});

const path = (kind: QueryKind) => `/api/tenants/{code}/query/${kind}`;

const postRoute = (kind: QueryKind) =>
  createRoute({
    method: 'post',
    path: path(kind),
    tags,
    summary: RESULTS[kind].summary,
    request: { params: TenantParams, query: OutputQuery, body: jsonBody(QUERY_SCHEMAS[kind]) },
    responses: responses(kind),
  });

const getRoute = (kind: QueryKind) =>
  createRoute({
    method: 'get',
    path: path(kind),
    tags,
    summary: `${RESULTS[kind].summary} (query-string form)`,
    request: { params: TenantParams, query: getQuerySchema(kind) },
    responses: responses(kind),
  });

/** Answer a query as JSON or as a download. */
async function answer<K extends QueryKind>(
  c: Context<AppEnv>,
  kind: K,
  body: QueryBody<K>,
  output: z.infer<typeof OutputQuery>,
): Promise<Response> {
  const ctx = output.language ? { ...c.var.ctx, language: output.language } : c.var.ctx;
  if (output.format === 'json') return c.json(await runQuery(c.var.db, ctx, kind, body), 200);
  const format = output.format;
  const table = await queryTable(c.var.db, ctx, kind, body);
  return attachment(TABLE_MEDIA[format], fileName(ctx.tenant!.code, kind, format), (out) =>
    writeTable(format, out, table, kind),
  );
}

const profileRoute = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/profile',
  tags,
  summary: 'Country profile: totals, by event type, by top-level unit, by year, largest disasters',
  request: { params: TenantParams, query: ProfileQuerySchema },
  responses: {
    200: ok(ProfileResultSchema, 'The profile (JSON), its tables as XLSX sheets, or one table as CSV'),
    400: errors[400],
    404: errors[404],
  },
});

function queryRoutes() {
  let router = newRouter();
  for (const kind of QUERY_KINDS) {
    router = router.openapi(postRoute(kind), async (c) => {
      const { format, language } = c.req.valid('query');
      return answer(c as unknown as Context<AppEnv>, kind, c.req.valid('json'), { format, language });
    }) as unknown as typeof router;
    router = router.openapi(getRoute(kind), async (c) => {
      const params = c.req.valid('query') as Record<string, string | undefined>;
      const { format, language } = OutputQuery.parse(params);
      return answer(c as unknown as Context<AppEnv>, kind, bodyFromParams(kind, params), {
        format,
        language,
      });
    }) as unknown as typeof router;
  }
  return router;
}

/** The analytics routes. */
export const analyticsRoutes = queryRoutes()
  .openapi(profileRoute, async (c) => {
    const { language, money, format, table, ...opts } = c.req.valid('query');
    const ctx = language ? { ...c.var.ctx, language } : c.var.ctx;
    const names = format === 'json' ? [] : profileTableNames(format, table);
    const profile = await countryProfile(c.var.db, ctx, { ...opts, money: moneyFromParam(money) });
    if (format === 'json') return c.json(profile, 200);
    const sheets = names.map((name) => ({ name, table: profileTable(profile, name) }));
    const file = fileName(ctx.tenant!.code, table ? `profile-${table}` : 'profile', format);
    return attachment(TABLE_MEDIA[format], file, (out) =>
      format === 'csv' ? writeTable('csv', out, sheets[0]!.table, 'profile') : writeWorkbook(out, sheets),
    );
  })
  .route('/', savedQueryRoutes);
