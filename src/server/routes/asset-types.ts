/** A tenant's asset types (valuation parameters, prices by year): list, and replace one type's prices. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { listAssetTypes, putAssetTypePrices } from '../../services/reference-data/asset-types.ts';
import { AssetPricesPutSchema, AssetTypeSchema } from '../../shared/schemas/reference-data.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';

const tags = ['Reference data'];

const list = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/asset-types',
  tags,
  summary: 'List asset types with sector, Sendai indicator, unit, damage ratio, factors and prices by year',
  request: { params: TenantParams },
  responses: {
    200: jsonResponse(z.array(AssetTypeSchema), 'The asset types, by id'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
const putPrices = createRoute({
  method: 'put',
  path: '/api/tenants/{code}/asset-types/{id}/prices',
  tags,
  summary: "Replace an asset type's unit prices by year (years not listed are removed)",
  request: { params: TenantIdParams, body: jsonBody(AssetPricesPutSchema) },
  responses: {
    200: jsonResponse(AssetTypeSchema, 'The asset type with its new prices'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

/** The asset type routes. */
export const assetTypeRoutes = newRouter()
  .openapi(list, async (c) => c.json(await listAssetTypes(c.var.db, c.var.ctx), 200))
  .openapi(putPrices, async (c) =>
    c.json(await putAssetTypePrices(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  );
