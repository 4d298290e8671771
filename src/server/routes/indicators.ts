/** Sendai Framework and SDG indicators of a tenant: JSON, CSV (Sendai Framework Monitor rows), readable report. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { indicatorCsv } from '../../services/sendai/csv.ts';
import { computeIndicators } from '../../services/sendai/indicators.ts';
import { indicatorMarkdown } from '../../services/sendai/markdown.ts';
import { sdgReport } from '../../services/sendai/sdg.ts';
import {
  type IndicatorQuery,
  IndicatorQuerySchema,
  IndicatorReportSchema,
  indicatorOptions,
} from '../../shared/schemas/indicators.ts';
import { errors, jsonResponse, TenantParams } from '../openapi.ts';
import { moneyFromParam } from '../query-params.ts';
import { newRouter } from '../router.ts';

const request = { params: TenantParams, query: IndicatorQuerySchema };
const text = (type: string, description: string) => ({
  content: { [type]: { schema: z.string() } },
  description,
});
const route = <Ok extends ReturnType<typeof text> | ReturnType<typeof jsonResponse>>(
  path: string,
  summary: string,
  ok: Ok,
) =>
  createRoute({
    method: 'get',
    path: `/api/tenants/{code}/indicators${path}`,
    tags: ['Indicators'],
    summary,
    request,
    responses: { 200: ok, 400: errors[400], 404: errors[404] },
  });

const jsonRoute = route(
  '',
  'Sendai indicators A-1..D-8 per year, with numerator, denominator and flags per value',
  jsonResponse(IndicatorReportSchema, 'One row per indicator x year x disaggregation'),
);
const csvRoute = route(
  '.csv',
  'The same rows as CSV, shaped for the Sendai Framework Monitor',
  text('text/csv', 'indicator,year,dimension,category,value,numerator,denominator,unit,flags'),
);
const reportRoute = route(
  '/report',
  'A readable report (Markdown): definitions, flags, then each year',
  text('text/markdown', 'The report'),
);
const sdgRoute = route(
  '/sdg',
  'SDG 1.5.1 = 11.5.1 = 13.1.1, 1.5.2, 11.5.2 and 11.5.3 from the Sendai indicators',
  jsonResponse(IndicatorReportSchema, 'One row per SDG indicator x year x disaggregation'),
);

/** Engine options of a query: `money=usd,constant,2015` as in the analytics GET forms (400 at money.*). */
const optionsOf = (query: IndicatorQuery) => ({
  ...indicatorOptions(query),
  money: moneyFromParam(query.money),
});

/** The indicator routes. */
export const indicatorRoutes = newRouter()
  .openapi(jsonRoute, async (c) => {
    const options = optionsOf(c.req.valid('query'));
    return c.json(await computeIndicators(c.var.db, c.var.ctx, options), 200);
  })
  .openapi(csvRoute, async (c) => {
    const report = await computeIndicators(c.var.db, c.var.ctx, optionsOf(c.req.valid('query')));
    const file = `${report.tenant}-sendai-indicators-${report.from ?? ''}-${report.to ?? ''}.csv`;
    return new Response(indicatorCsv(report.rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}"`,
      },
    });
  })
  .openapi(reportRoute, async (c) => {
    const report = await computeIndicators(c.var.db, c.var.ctx, optionsOf(c.req.valid('query')));
    return new Response(indicatorMarkdown(report), {
      headers: { 'content-type': 'text/markdown; charset=utf-8' },
    });
  })
  .openapi(sdgRoute, async (c) => {
    const report = await computeIndicators(c.var.db, c.var.ctx, optionsOf(c.req.valid('query')));
    return c.json(sdgReport(report), 200);
  });
