import { rm } from 'node:fs/promises';
import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { assertMayImport, getImportJob, startImportJob } from '../../services/imports/jobs.ts';
import { listImportRuns } from '../../services/imports/runs.ts';
import { DESINVENTAR_EXTENSIONS, openDesInventarSource } from '../../services/imports/sources.ts';
import { ImportReportSchema } from '../../services/imports/table/schemas.ts';
import { AppError, notFound, validationFailed } from '../../shared/errors.ts';
import { credentialFingerprint } from '../auth.ts';
import type { AppEnv } from '../env.ts';
import { zodIssues } from '../errors.ts';
import { errors, jsonResponse, TenantParams } from '../openapi.ts';
import { newRouter } from '../router.ts';
import { receiveUpload } from '../upload.ts';

/** The largest upload accepted (LOSSLEDGER_MAX_IMPORT_BYTES, default 1 GiB). */
const maxBytes = () => Number(process.env.LOSSLEDGER_MAX_IMPORT_BYTES ?? 1024 ** 3);
const tags = ['Imports'];
const path = '/api/tenants/{code}/imports';

const ImportJobSchema = z
  .object({
    jobId: z.string(),
    status: z.enum(['running', 'succeeded', 'failed', 'dry_run']),
    fileName: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z.object({
      phase: z.enum(['reading', 'catalogues', 'cards', 'details', 'finishing']),
      cards: z.number(),
      bytesRead: z.number(),
      bytesTotal: z.number().nullable(),
    }),
    report: ImportReportSchema.nullable(),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(),
  })
  .meta({ id: 'ImportJob' });

const ImportRunSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    fileName: z.string().nullable(),
    status: z.string(),
    actor: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    counts: z.record(z.string(), z.number()),
  })
  .meta({ id: 'ImportRun' });

const UploadQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional().meta({ description: 'Import, report, then roll back' }),
  mode: z.enum(['all-or-nothing', 'per-row']).optional().meta({ description: 'per-row skips bad cards' }),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional()
    .meta({ description: "Language of the file's local names" }),
});

const UploadForm = z.object({
  file: z
    .custom<File>((v) => v instanceof File, 'must be a file (a .xml or .zip DesInventar export)')
    .meta({ type: 'string', format: 'binary', description: 'The DesInventar export' }),
});

/** 413 as soon as the streamed body passes the limit (read per request, so it can be configured at run time). */
const tooLarge: MiddlewareHandler<AppEnv> = (c, next) =>
  bodyLimit({
    maxSize: maxBytes(),
    onError: () => {
      throw new AppError('payload_too_large', `The upload is larger than ${maxBytes()} bytes.`);
    },
  })(c, next);

const upload = createRoute({
  method: 'post',
  path,
  tags,
  summary: 'Upload a DesInventar export (.xml or .zip) and import it in the background',
  request: {
    params: TenantParams,
    query: UploadQuery,
    body: { content: { 'multipart/form-data': { schema: UploadForm } }, required: true },
  },
  responses: {
    202: jsonResponse(z.object({ jobId: z.string() }).meta({ id: 'ImportStarted' }), 'Import started'),
    400: errors[400],
    404: errors[404],
    413: jsonResponse(z.object({ error: z.unknown() }), 'The file is too large'),
  },
});

const list = createRoute({
  method: 'get',
  path,
  tags,
  summary: 'The import history of the tenant, newest first',
  request: { params: TenantParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(ImportRunSchema) }), 'Import runs'),
    404: errors[404],
  },
});

/** The upload's query string, validated (400 naming each bad parameter). */
function parseQuery(query: Record<string, string>): z.infer<typeof UploadQuery> {
  const parsed = UploadQuery.safeParse(query);
  if (!parsed.success) throw validationFailed(zodIssues(parsed.error));
  return parsed.data;
}

/** Upload and history routes (mounted after the tenant middleware). */
const uploadRouter = newRouter();
// Documented from the route declaration, served without its form validator: the body is streamed
// to disk by receiveUpload (a validator would buffer the whole file in memory first).
uploadRouter.openAPIRegistry.registerPath(upload);

export const importRoutes = uploadRouter
  .openapi(list, async (c) => c.json({ items: await listImportRuns(c.var.db, c.var.ctx) }, 200))
  .post('/api/tenants/:code/imports', tooLarge, async (c) => {
    assertMayImport(c.var.ctx);
    const query = parseQuery(c.req.query());
    const { path: file, dir } = await receiveUpload(c.req.raw, {
      field: 'file',
      extensions: DESINVENTAR_EXTENSIONS,
      maxBytes: maxBytes(),
      what: 'a DesInventar export is a .xml or .zip file',
    });
    const cleanup = () => rm(dir, { recursive: true, force: true });
    try {
      const source = openDesInventarSource(file, query.language);
      const options = { dryRun: query.dryRun === 'true', mode: query.mode ?? 'all-or-nothing' };
      const job = startImportJob(c.var.db, c.var.ctx, source, options, credentialFingerprint(c), cleanup);
      return c.json({ jobId: job.jobId }, 202);
    } catch (error) {
      await cleanup();
      throw error;
    }
  });

const jobRouter = newRouter();
jobRouter.openAPIRegistry.registerPath({
  method: 'get',
  path: `${path}/{jobId}`,
  tags,
  summary: 'Status, progress and (when done) report of an import job',
  request: {
    params: TenantParams.extend({ jobId: z.string().meta({ description: 'Job id from the upload' }) }),
  },
  responses: { 200: jsonResponse(ImportJobSchema, 'The job'), 404: errors[404] },
});

/** The job status route: answered from memory, without the database (mounted before the tenant middleware). */
export const importJobRoutes = jobRouter.get('/api/tenants/:code/imports/:jobId{[0-9a-fA-F-]{36}}', (c) => {
  const job = getImportJob(c.req.param('code'), c.req.param('jobId').toLowerCase(), credentialFingerprint(c));
  if (!job) throw notFound('import job', c.req.param('jobId'));
  return c.json(job, 200);
});
