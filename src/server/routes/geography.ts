/** Geography: levels and units (tree, children, descendants, boundaries) under /api/tenants/{code}. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createGeoLevel, listGeoLevels, updateGeoLevel } from '../../services/geography/levels.ts';
import { getGeoUnit, listGeoUnits } from '../../services/geography/read.ts';
import { geoUnitTree, listGeoUnitChildren, listGeoUnitDescendants } from '../../services/geography/tree.ts';
import { createGeoUnit, deleteGeoUnit, updateGeoUnit } from '../../services/geography/write.ts';
import { pageOf } from '../../shared/schemas/common.ts';
import {
  GeoLevelCreateSchema,
  GeoLevelPatchSchema,
  GeoLevelSchema,
  GeoUnitCreateSchema,
  GeoUnitGetQuerySchema,
  GeoUnitListQuerySchema,
  GeoUnitPatchSchema,
  GeoUnitSchema,
  GeoUnitSummarySchema,
  GeoUnitTreeNodeSchema,
  itemsOf,
} from '../../shared/schemas/geography.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const levels = '/api/tenants/{code}/geo-levels';
const units = '/api/tenants/{code}/geo-units';
const tags = ['Geography'];
const LevelParams = TenantParams.extend({ level: z.string().meta({ description: 'Level number, 1 = top' }) });
const UnitList = itemsOf(GeoUnitSummarySchema, 'GeoUnitList');

const listLevels = createRoute({
  method: 'get',
  path: levels,
  tags,
  summary: 'List the administrative levels, top first',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(itemsOf(GeoLevelSchema, 'GeoLevelList'), 'The levels'), 404: errors[404] },
});
const createLevel = createRoute({
  method: 'post',
  path: levels,
  tags,
  summary: 'Create a level (level N needs level N-1)',
  request: { params: TenantParams, body: jsonBody(GeoLevelCreateSchema) },
  responses: {
    201: jsonResponse(GeoLevelSchema, 'Created'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const patchLevel = createRoute({
  method: 'patch',
  path: `${levels}/{level}`,
  tags,
  summary: 'Rename a level or change its code length (optimistic locking on version)',
  request: { params: LevelParams, body: jsonBody(GeoLevelPatchSchema) },
  responses: {
    200: jsonResponse(GeoLevelSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const listUnits = createRoute({
  method: 'get',
  path: units,
  tags,
  summary: 'List units (paged, without boundaries)',
  request: { params: TenantParams, query: GeoUnitListQuerySchema },
  responses: {
    200: jsonResponse(pageOf(GeoUnitSummarySchema, 'GeoUnitPage'), 'A page of units'),
    400: errors[400],
    404: errors[404],
  },
});
const tree = createRoute({
  method: 'get',
  path: `${units}/tree`,
  tags,
  summary: 'The current units as a nested tree (without boundaries)',
  request: { params: TenantParams },
  responses: {
    200: jsonResponse(itemsOf(GeoUnitTreeNodeSchema, 'GeoUnitTree'), 'Top-level units with their children'),
    404: errors[404],
  },
});
const getUnit = createRoute({
  method: 'get',
  path: `${units}/{id}`,
  tags,
  summary: 'Get a unit (its GeoJSON boundary with ?geometry=true)',
  request: { params: TenantIdParams, query: GeoUnitGetQuerySchema },
  responses: { 200: jsonResponse(GeoUnitSchema, 'The unit'), 400: errors[400], 404: errors[404] },
});
const children = createRoute({
  method: 'get',
  path: `${units}/{id}/children`,
  tags,
  summary: 'The direct children of a unit',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(UnitList, 'Child units by code'), 404: errors[404] },
});
const descendants = createRoute({
  method: 'get',
  path: `${units}/{id}/descendants`,
  tags,
  summary: 'Every unit below a unit',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(UnitList, 'Units below, by level and code'), 404: errors[404] },
});
const createUnit = createRoute({
  method: 'post',
  path: units,
  tags,
  summary: 'Create a unit (bbox and centroid are computed from its boundary)',
  request: { params: TenantParams, body: jsonBody(GeoUnitCreateSchema) },
  responses: {
    201: jsonResponse(GeoUnitSchema, 'Created'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const patchUnit = createRoute({
  method: 'patch',
  path: `${units}/{id}`,
  tags,
  summary: 'Update a unit; a new parentId moves its subtree and re-files its datacards',
  request: { params: TenantIdParams, body: jsonBody(GeoUnitPatchSchema) },
  responses: {
    200: jsonResponse(GeoUnitSchema, 'Updated'),
    400: errors[400],
    404: errors[404],
    409: errors[409],
  },
});
const deleteUnit = createRoute({
  method: 'delete',
  path: `${units}/{id}`,
  tags,
  summary: 'Delete a unit without children or datacards (optimistic locking on version)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The geography routes. */
export const geographyRoutes = newRouter()
  .openapi(listLevels, async (c) => c.json(await listGeoLevels(c.var.db, c.var.ctx), 200))
  .openapi(createLevel, async (c) =>
    c.json(await createGeoLevel(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(patchLevel, async (c) => {
    const { level } = c.req.valid('param');
    return c.json(await updateGeoLevel(c.var.db, c.var.ctx, level, c.req.valid('json')), 200);
  })
  .openapi(listUnits, async (c) => c.json(await listGeoUnits(c.var.db, c.var.ctx, c.req.valid('query')), 200))
  .openapi(tree, async (c) => c.json(await geoUnitTree(c.var.db, c.var.ctx), 200))
  .openapi(getUnit, async (c) => {
    const { id } = c.req.valid('param');
    const geometry = c.req.valid('query').geometry === 'true';
    return c.json(await getGeoUnit(c.var.db, c.var.ctx, id, { geometry }), 200);
  })
  .openapi(children, async (c) =>
    c.json(await listGeoUnitChildren(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(descendants, async (c) =>
    c.json(await listGeoUnitDescendants(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(createUnit, async (c) =>
    c.json(await createGeoUnit(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(patchUnit, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateGeoUnit(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(deleteUnit, async (c) => {
    const { id } = c.req.valid('param');
    await deleteGeoUnit(c.var.db, c.var.ctx, id, c.req.valid('query').version);
    return c.body(null, 204);
  });
