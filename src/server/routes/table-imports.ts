import { rm } from 'node:fs/promises';
/**
 * Spreadsheet imports under /api/tenants/{code}: upload and preview, check (dry run), run, and
 * the saved column mappings (/import-mappings).
 */
import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import {
  createImportMapping,
  deleteImportMapping,
  getImportMapping,
  listImportMappings,
  updateImportMapping,
} from '../../services/imports/table/mappings.ts';
import {
  ImportMappingCreateSchema,
  ImportMappingPatchSchema,
  ImportMappingSchema,
  PreviewQuerySchema,
  TableCheckSchema,
  TableImportResultSchema,
  TablePreviewSchema,
  TableRunSchema,
} from '../../services/imports/table/schemas.ts';
import {
  assertMayUploadTables,
  checkUpload,
  previewUpload,
  startUploadJob,
} from '../../services/imports/table/uploaded.ts';
import { maxTableBytes } from '../../services/imports/table/uploads.ts';
import { AppError, validationFailed } from '../../shared/errors.ts';
import { credentialFingerprint } from '../auth.ts';
import { crudRoutes, NoQuery } from '../crud-routes.ts';
import { zodIssues } from '../errors.ts';
import { errors, jsonBody, jsonResponse, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';
import { receiveUpload } from '../upload.ts';

const base = '/api/tenants/{code}/table-imports';
const tags = ['Imports'];

const UploadSchema = z.object({
  file: z
    .custom<File>((v) => v instanceof File, 'must be a .csv or .xlsx file')
    .meta({ type: 'string', format: 'binary', description: 'A .csv or .xlsx file' }),
});

const tooLarge = () => {
  throw new AppError('payload_too_large', `The upload is larger than ${maxTableBytes()} bytes.`);
};

const preview = createRoute({
  method: 'post',
  path: `${base}/preview`,
  tags,
  summary: 'Upload a spreadsheet: its headers, first 20 rows, a suggested mapping and an upload token',
  request: {
    params: TenantParams,
    query: PreviewQuerySchema,
    body: { content: { 'multipart/form-data': { schema: UploadSchema } }, required: true },
  },
  responses: {
    200: jsonResponse(TablePreviewSchema, 'The preview'),
    400: errors[400],
    404: errors[404],
    413: jsonResponse(
      z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
      'File too large',
    ),
  },
});

const check = createRoute({
  method: 'post',
  path: `${base}/check`,
  tags,
  summary: 'Dry-run an upload through a mapping: every bad row and every value to map or create',
  request: { params: TenantParams, body: jsonBody(TableCheckSchema) },
  responses: {
    200: jsonResponse(TableImportResultSchema, 'The dry-run report'),
    400: errors[400],
    404: errors[404],
  },
});

const run = createRoute({
  method: 'post',
  path: `${base}/run`,
  tags,
  summary: 'Import an upload through a mapping in the background; follow GET /imports/{jobId}',
  request: { params: TenantParams, body: jsonBody(TableRunSchema) },
  responses: {
    202: jsonResponse(z.object({ jobId: z.string() }), 'Import started'),
    400: errors[400],
    404: errors[404],
  },
});

const mappings = crudRoutes({
  base: '/api/tenants/{code}/import-mappings',
  tag: 'Imports',
  noun: 'saved import mapping',
  item: ImportMappingSchema,
  create: ImportMappingCreateSchema,
  patch: ImportMappingPatchSchema,
  list: z.array(ImportMappingSchema),
  listQuery: NoQuery,
  listSummary: 'List saved spreadsheet column mappings (by name)',
});

const previewRouter = newRouter();
// Documented from the route declaration, served without its form validator: the file is streamed
// to disk by receiveUpload (a validator would buffer the whole file in memory first).
previewRouter.openAPIRegistry.registerPath(preview);

/** The spreadsheet import routes. */
export const tableImportRoutes = previewRouter
  .openapi(check, async (c) => {
    const { token, mapping } = c.req.valid('json');
    return c.json(await checkUpload(c.var.db, c.var.ctx, token, mapping), 200);
  })
  .openapi(run, async (c) => {
    const { token, mapping, mode, dryRun } = c.req.valid('json');
    return c.json(
      await startUploadJob(c.var.db, c.var.ctx, token, mapping, { mode, dryRun }, credentialFingerprint(c)),
      202,
    );
  })
  .openapi(mappings.list, async (c) => c.json(await listImportMappings(c.var.db, c.var.ctx), 200))
  .openapi(mappings.create, async (c) =>
    c.json(await createImportMapping(c.var.db, c.var.ctx, c.req.valid('json')), 201),
  )
  .openapi(mappings.get, async (c) =>
    c.json(await getImportMapping(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
  )
  .openapi(mappings.patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await updateImportMapping(c.var.db, c.var.ctx, id, c.req.valid('json')), 200);
  })
  .openapi(mappings.remove, async (c) => {
    await deleteImportMapping(c.var.db, c.var.ctx, c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  })
  .post(
    '/api/tenants/:code/table-imports/preview',
    (c, next) => bodyLimit({ maxSize: maxTableBytes() + 64 * 1024, onError: tooLarge })(c, next),
    async (c) => {
      assertMayUploadTables(c.var.ctx);
      const query = PreviewQuerySchema.safeParse(c.req.query());
      if (!query.success) throw validationFailed(zodIssues(query.error));
      const { path, dir, name } = await receiveUpload(c.req.raw, {
        field: 'file',
        extensions: ['.csv', '.xlsx', '.xls'],
        maxBytes: maxTableBytes(),
        what: 'a spreadsheet is a .csv or .xlsx file',
      });
      try {
        return c.json(await previewUpload(c.var.ctx, name, { tempPath: path }, query.data), 200);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
