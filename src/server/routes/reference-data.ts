/** Reference data: a tenant's baselines (read, upsert), and the global exchange rates and CPI (read). */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { listBaselines, putBaselines } from '../../services/reference-data/baselines.ts';
import { listCpi } from '../../services/reference-data/cpi.ts';
import { listRates } from '../../services/reference-data/rates.ts';
import {
  BaselinePutSchema,
  BaselineQuerySchema,
  BaselineSchema,
  BaselineWriteResultSchema,
  CpiQuerySchema,
  CpiSchema,
  ExchangeRateQuerySchema,
  ExchangeRateSchema,
} from '../../shared/schemas/reference-data.ts';
import { errors, jsonBody, jsonResponse, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';

const tags = ['Reference data'];

const getBaselines = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/baselines',
  tags,
  summary: 'List baselines (population, GDP, households …) by unit, metric and year',
  request: { params: TenantParams, query: BaselineQuerySchema },
  responses: {
    200: jsonResponse(z.array(BaselineSchema), 'The matching baselines'),
    400: errors[400],
    404: errors[404],
  },
});
const putBaselinesRoute = createRoute({
  method: 'put',
  path: '/api/tenants/{code}/baselines',
  tags,
  summary: 'Upsert baselines by (unit, year, metric); absent fields are kept, null clears',
  request: { params: TenantParams, body: jsonBody(BaselinePutSchema) },
  responses: {
    200: jsonResponse(BaselineWriteResultSchema, 'What changed'),
    400: errors[400],
    404: errors[404],
  },
});
const getRates = createRoute({
  method: 'get',
  path: '/api/exchange-rates',
  tags,
  summary: 'List yearly exchange rates (local currency units per US dollar)',
  request: { query: ExchangeRateQuerySchema },
  responses: { 200: jsonResponse(z.array(ExchangeRateSchema), 'The matching rates'), 400: errors[400] },
});
const getCpi = createRoute({
  method: 'get',
  path: '/api/cpi',
  tags,
  summary: 'List consumer price index values by country (ISO3) and year',
  request: { query: CpiQuerySchema },
  responses: { 200: jsonResponse(z.array(CpiSchema), 'The matching values'), 400: errors[400] },
});

/** The reference data routes. */
export const referenceDataRoutes = newRouter()
  .openapi(getBaselines, async (c) =>
    c.json(await listBaselines(c.var.db, c.var.ctx, c.req.valid('query')), 200),
  )
  .openapi(putBaselinesRoute, async (c) =>
    c.json(await putBaselines(c.var.db, c.var.ctx, c.req.valid('json').values), 200),
  )
  .openapi(getRates, async (c) => c.json(await listRates(c.var.db, c.req.valid('query')), 200))
  .openapi(getCpi, async (c) => c.json(await listCpi(c.var.db, c.req.valid('query')), 200));
