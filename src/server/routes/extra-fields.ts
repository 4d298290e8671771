/**
 * Extra fields: tenant-defined datacard fields and the tabs grouping them, under
 * /api/tenants/{code}/extra-fields and /api/tenants/{code}/extra-field-tabs.
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createExtraField,
  deleteExtraField,
  getExtraField,
  listExtraFields,
  updateExtraField,
} from '../../services/extra-fields/definitions.ts';
import {
  createExtraFieldTab,
  deleteExtraFieldTab,
  listExtraFieldTabs,
  updateExtraFieldTab,
} from '../../services/extra-fields/tabs.ts';
import {
  ExtraFieldCreateSchema,
  ExtraFieldPatchSchema,
  ExtraFieldSchema,
  ExtraFieldTabCreateSchema,
  ExtraFieldTabPatchSchema,
  ExtraFieldTabSchema,
} from '../../shared/schemas/extra-fields.ts';
import { errors, jsonBody, jsonResponse, TenantIdParams, TenantParams, VersionQuery } from '../openapi.ts';
import { newRouter } from '../router.ts';

const fields = '/api/tenants/{code}/extra-fields';
const tabs = '/api/tenants/{code}/extra-field-tabs';
const tags = ['Extra fields'];
const written = { 400: errors[400], 404: errors[404], 409: errors[409] };

const listTabs = createRoute({
  method: 'get',
  path: tabs,
  tags,
  summary: 'List the tabs of the datacard form (by sort order)',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.array(ExtraFieldTabSchema), 'The tabs'), 404: errors[404] },
});
const createTab = createRoute({
  method: 'post',
  path: tabs,
  tags,
  summary: 'Create a tab',
  request: { params: TenantParams, body: jsonBody(ExtraFieldTabCreateSchema) },
  responses: { 201: jsonResponse(ExtraFieldTabSchema, 'Created'), 400: errors[400], 404: errors[404] },
});
const patchTab = createRoute({
  method: 'patch',
  path: `${tabs}/{id}`,
  tags,
  summary: 'Update a tab (tabs carry no version)',
  request: { params: TenantIdParams, body: jsonBody(ExtraFieldTabPatchSchema) },
  responses: { 200: jsonResponse(ExtraFieldTabSchema, 'Updated'), 400: errors[400], 404: errors[404] },
});
const removeTab = createRoute({
  method: 'delete',
  path: `${tabs}/{id}`,
  tags,
  summary: 'Delete a tab that holds no field (409 in_use otherwise)',
  request: { params: TenantIdParams },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});
const list = createRoute({
  method: 'get',
  path: fields,
  tags,
  summary: 'List extra-field definitions with their tabs and options',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.array(ExtraFieldSchema), 'The definitions'), 404: errors[404] },
});
const create = createRoute({
  method: 'post',
  path: fields,
  tags,
  summary: 'Define an extra field (409 for a key already used)',
  request: { params: TenantParams, body: jsonBody(ExtraFieldCreateSchema) },
  responses: { 201: jsonResponse(ExtraFieldSchema, 'Created'), ...written },
});
const get = createRoute({
  method: 'get',
  path: `${fields}/{id}`,
  tags,
  summary: 'Get an extra-field definition',
  request: { params: TenantIdParams },
  responses: { 200: jsonResponse(ExtraFieldSchema, 'The definition'), 404: errors[404] },
});
const patch = createRoute({
  method: 'patch',
  path: `${fields}/{id}`,
  tags,
  summary: 'Update a definition (key and type are fixed while datacards hold values: 409 in_use)',
  request: { params: TenantIdParams, body: jsonBody(ExtraFieldPatchSchema) },
  responses: { 200: jsonResponse(ExtraFieldSchema, 'Updated'), ...written },
});
const remove = createRoute({
  method: 'delete',
  path: `${fields}/{id}`,
  tags,
  summary: 'Delete a definition no datacard holds a value for (409 in_use otherwise)',
  request: { params: TenantIdParams, query: VersionQuery },
  responses: { 204: { description: 'Deleted' }, 404: errors[404], 409: errors[409] },
});

/** The extra-field and tab routes. */
export const extraFieldRoutes = newRouter()
  .openapi(listTabs, async (c) => c.json(await listExtraFieldTabs(c.var.db, c.var.ctx), 200))
  .openapi(createTab, async (c) =>
    c.json(await createExtraFieldTab(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(patchTab, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateExtraFieldTab(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(removeTab, async (c) => {
    await deleteExtraFieldTab(c.var.db, c.var.ctx, c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(list, async (c) => c.json(await listExtraFields(c.var.db, c.var.ctx), 200))
  .openapi(create, async (c) => c.json(await createExtraField(c.var.db, c.var.ctx, c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getExtraField(c.var.db, c.var.ctx, c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateExtraField(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(remove, async (c) => {
    await deleteExtraField(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
