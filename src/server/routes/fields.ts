/** The datacard field registry, published for clients that build forms, columns and mappings from it. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ALL_FIELDS } from '../../shared/fields.ts';
import { jsonResponse } from '../openapi.ts';
import { newRouter } from '../router.ts';

const FieldSchema = z
  .object({
    key: z.string(),
    kind: z.string(),
    group: z.string(),
    unit: z.string().optional(),
    labelKey: z.string(),
    diXml: z.string().optional(),
    diXmlFlag: z.string().optional(),
    di8: z.string().optional(),
    di8Quantity: z.string().optional(),
    sendai: z.array(z.string()).optional(),
    hasPresentFlag: z.boolean(),
  })
  .meta({ id: 'DatacardField' });

const list = createRoute({
  method: 'get',
  path: '/api/datacard-fields',
  tags: ['System'],
  summary: 'The datacard field registry (keys, kinds, units, DesInventar columns, Sendai indicators)',
  responses: { 200: jsonResponse(z.array(FieldSchema), 'Every datacard field, in form order') },
});

const fields = ALL_FIELDS.map(({ column: _c, presentColumn, validation: _v, ...rest }) => ({
  ...rest,
  sendai: rest.sendai ? [...rest.sendai] : undefined,
  hasPresentFlag: presentColumn !== undefined,
}));

/** The field-registry route. */
export const fieldRoutes = newRouter().openapi(list, (c) => c.json(fields, 200));
