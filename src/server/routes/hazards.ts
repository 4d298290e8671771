/** Hazards: the global UNDRR-ISC Hazard Information Profiles, read-only, under /api/hazards. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { getHazard, listHazards } from '../../services/hazards/read.ts';
import { HazardListQuerySchema, HazardParams, HazardSchema } from '../../shared/schemas/hazards.ts';
import { errors, jsonResponse } from '../openapi.ts';
import { newRouter } from '../router.ts';

const tags = ['Hazards'];

const list = createRoute({
  method: 'get',
  path: '/api/hazards',
  tags,
  summary: 'List hazards (by code), optionally searched and filtered by type or cluster',
  request: { query: HazardListQuerySchema },
  responses: { 200: jsonResponse(z.array(HazardSchema), 'The matching hazards'), 400: errors[400] },
});
const get = createRoute({
  method: 'get',
  path: '/api/hazards/{code}',
  tags,
  summary: 'Get a hazard by code',
  request: { params: HazardParams },
  responses: { 200: jsonResponse(HazardSchema, 'The hazard'), 404: errors[404] },
});

/** The hazard routes. */
export const hazardRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listHazards(c.var.db, c.var.ctx, c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getHazard(c.var.db, c.var.ctx, c.req.valid('param').code), 200));
