/**
 * Sendai Framework and SDG indicators of a tenant: JSON, CSV and XLSX downloads (Sendai Framework
 * Monitor rows with their SFM codes; the SDG view), and the readable report with its national metadata.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { TABLE_MEDIA, type TableFormat } from '../../services/analytics/tables.ts';
import { computeIndicators } from '../../services/sendai/indicators.ts';
import { indicatorMarkdown } from '../../services/sendai/markdown.ts';
import { loadNationalMetadata } from '../../services/sendai/metadata.ts';
import { sdgReport } from '../../services/sendai/sdg.ts';
import { indicatorFileName, writeIndicatorTable } from '../../services/sendai/table.ts';
import {
  type IndicatorQuery,
  IndicatorQuerySchema,
  type IndicatorReport,
  IndicatorReportSchema,
  indicatorOptions,
} from '../../shared/schemas/indicators.ts';
import { attachment } from '../download.ts';
import type { AppEnv } from '../env.ts';
import { errors, jsonResponse, TenantParams } from '../openapi.ts';
import { moneyFromParam } from '../query-params.ts';
import { newRouter } from '../router.ts';

const request = { params: TenantParams, query: IndicatorQuerySchema };
const text = (type: string, description: string) => ({
  content: { [type]: { schema: z.string() } },
  description,
});
const binary = (format: TableFormat, description: string) => ({
  content: { [TABLE_MEDIA[format]]: { schema: z.string().meta({ format: 'binary' }) } },
  description,
});
type Ok = ReturnType<typeof text> | ReturnType<typeof binary> | ReturnType<typeof jsonResponse>;
const route = <R extends Ok>(path: string, summary: string, ok: R) =>
  createRoute({
    method: 'get',
    path: `/api/tenants/{code}/indicators${path}`,
    tags: ['Indicators'],
    summary,
    request,
    responses: { 200: ok, 400: errors[400], 404: errors[404] },
  });

const SFM_COLUMNS = 'indicator,year,dimension,category,value,numerator,denominator,unit,flags,sfmCode';
const SDG_COLUMNS = 'indicator,year,dimension,category,value,numerator,denominator,unit,flags';
const SDG = 'SDG 1.5.1 = 11.5.1 = 13.1.1, 1.5.2, 11.5.2 and 11.5.3 from the Sendai indicators';

const jsonRoute = route(
  '',
  'Sendai indicators A-1..D-8 per year, with numerator, denominator and flags per value',
  jsonResponse(IndicatorReportSchema, 'One row per indicator x year x disaggregation'),
);
const csvRoute = route(
  '.csv',
  'The same rows as CSV, shaped for the Sendai Framework Monitor (sfmCode = the SFM field of the numerator)',
  binary('csv', SFM_COLUMNS),
);
const xlsxRoute = route(
  '.xlsx',
  'The same rows as an Excel workbook (one sheet, the columns of the CSV)',
  binary('xlsx', `One sheet "indicators": ${SFM_COLUMNS}`),
);
const reportRoute = route(
  '/report',
  'A readable report (Markdown): national metadata (states, exchange rates, valuation, household size), definitions, flags, then each year',
  text('text/markdown', 'The report'),
);
const sdgRoute = route(
  '/sdg',
  SDG,
  jsonResponse(IndicatorReportSchema, 'One row per SDG indicator x year x disaggregation'),
);
const sdgCsvRoute = route('/sdg.csv', `${SDG}, as CSV`, binary('csv', SDG_COLUMNS));
const sdgXlsxRoute = route(
  '/sdg.xlsx',
  `${SDG}, as an Excel workbook`,
  binary('xlsx', `One sheet "sdg": ${SDG_COLUMNS}`),
);

/** Engine options of a query: `money=usd,constant,2015` as in the analytics GET forms (400 at money.*). */
const optionsOf = (query: IndicatorQuery) => ({
  ...indicatorOptions(query),
  money: moneyFromParam(query.money),
});

/** The report a request asks for (validated query, the caller's context). */
const reportOf = (c: Context<AppEnv>, query: IndicatorQuery) =>
  computeIndicators(c.var.db, c.var.ctx, optionsOf(query));

/** Sendai rows (with SFM codes) or the SDG view as a CSV or XLSX attachment. */
function download(report: IndicatorReport, view: 'sendai' | 'sdg', format: TableFormat): Response {
  const sendai = view === 'sendai';
  const rows = sendai ? report : sdgReport(report);
  const file = indicatorFileName(report, sendai ? 'sendai-indicators' : 'sdg-indicators', format);
  return attachment(TABLE_MEDIA[format], file, (out) =>
    writeIndicatorTable(format, out, rows, sendai ? 'indicators' : 'sdg', { sfmCodes: sendai }),
  );
}

/** The indicator routes. */
export const indicatorRoutes = newRouter()
  .openapi(jsonRoute, async (c) => c.json(await reportOf(c, c.req.valid('query')), 200))
  .openapi(csvRoute, async (c) => download(await reportOf(c, c.req.valid('query')), 'sendai', 'csv'))
  .openapi(xlsxRoute, async (c) => download(await reportOf(c, c.req.valid('query')), 'sendai', 'xlsx'))
  .openapi(reportRoute, async (c) => {
    const report = await reportOf(c, c.req.valid('query'));
    const metadata = await loadNationalMetadata(c.var.db, c.var.ctx, report);
    return new Response(indicatorMarkdown(report, undefined, metadata), {
      headers: { 'content-type': 'text/markdown; charset=utf-8' },
    });
  })
  .openapi(sdgRoute, async (c) => c.json(sdgReport(await reportOf(c, c.req.valid('query'))), 200))
  .openapi(sdgCsvRoute, async (c) => download(await reportOf(c, c.req.valid('query')), 'sdg', 'csv'))
  .openapi(sdgXlsxRoute, async (c) => download(await reportOf(c, c.req.valid('query')), 'sdg', 'xlsx'));
