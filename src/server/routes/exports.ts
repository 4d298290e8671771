/** Downloads: datacards as CSV, XLSX or GeoJSON, and the whole tenant as DesInventar XML, streamed. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { CARD_EXPORT_MEDIA, type CardExportFormat, exportCards } from '../../services/exports/cards.ts';
import { exportDesInventar } from '../../services/exports/desinventar.ts';
import { checkCardExport } from '../../services/exports/read.ts';
import { DATACARD_STATUS_VALUES } from '../../shared/status.ts';
import { attachment, fileName } from '../download.ts';
import { errors, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';

const optionalInt = z.coerce.number().int().positive().optional();

const ExportQuery = z.object({
  status: z
    .enum([...DATACARD_STATUS_VALUES, 'all'])
    .default('published')
    .meta({ description: "Workflow state of the cards, or 'all' (staff only for anything but published)" }),
  eventTypeId: optionalInt,
  geoUnitId: optionalInt.meta({ description: 'This unit and every unit below it' }),
  yearFrom: z.coerce.number().int().min(0).max(9999).optional(),
  yearTo: z.coerce.number().int().min(0).max(9999).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional()
    .meta({ description: 'Language of names (tables) or of DesInventar local names' }),
});

const download = (type: string, description: string) => ({
  200: { content: { [type]: { schema: z.string().meta({ format: 'binary' }) } }, description },
  400: errors[400],
  404: errors[404],
});

const cardRoute = (format: CardExportFormat) =>
  createRoute({
    method: 'get',
    path: `/api/tenants/{code}/exports/datacards.${format}`,
    tags: ['Exports'],
    summary: `Download datacards as ${format.toUpperCase()} (streamed; columns from the field registry)`,
    request: { params: TenantParams, query: ExportQuery },
    responses: download(CARD_EXPORT_MEDIA[format].type, `The datacards as ${format.toUpperCase()}`),
  });

const desinventarRoute = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/exports/desinventar.xml',
  tags: ['Exports'],
  summary: 'Download the tenant as a DesInventar XML export (importable by a DesInventar server)',
  request: { params: TenantParams, query: ExportQuery },
  responses: download('application/xml', 'The DesInventar XML export'),
});

/** The export routes of a server on the given engine (PostgreSQL reads each export in one snapshot). */
export function exportRoutes(engine: 'pglite' | 'postgres') {
  const snapshot = engine === 'postgres';
  let router = newRouter();
  for (const format of ['csv', 'xlsx', 'geojson'] as const) {
    router = router.openapi(cardRoute(format), async (c) => {
      const { language, ...filter } = c.req.valid('query');
      const ctx = language ? { ...c.var.ctx, language } : c.var.ctx;
      await checkCardExport(c.var.db, ctx, filter);
      const { type, extension } = CARD_EXPORT_MEDIA[format];
      return attachment(type, fileName(c.req.valid('param').code, 'datacards', extension), (out) =>
        exportCards(c.var.db, ctx, format, out, filter, { snapshot }),
      );
    }) as typeof router;
  }
  return router.openapi(desinventarRoute, async (c) => {
    const { language, ...filter } = c.req.valid('query');
    await checkCardExport(c.var.db, c.var.ctx, filter);
    return attachment('application/xml', `DI_export_${c.req.valid('param').code.toLowerCase()}.xml`, (out) =>
      exportDesInventar(c.var.db, c.var.ctx, out, { filter, snapshot, language }),
    );
  });
}
