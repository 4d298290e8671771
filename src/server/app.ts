/** Builds the Hono application: middleware, every route module, the OpenAPI document and the docs page. */
import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '../db/engine.ts';
import { sessionPolicy } from '../services/auth/sessions.ts';
import { anonymousContext } from '../services/context.ts';
import { authenticate } from './auth.ts';
import type { AppEnv } from './env.ts';
import { renderError } from './errors.ts';
import { LoginLimiter } from './rate-limit.ts';
import { analyticsRoutes } from './routes/analytics.ts';
import { assetTypeRoutes } from './routes/asset-types.ts';
import { authRoutes } from './routes/auth.ts';
import { causeRoutes } from './routes/causes.ts';
import { datacardRoutes } from './routes/datacards.ts';
import { disasterEventRoutes } from './routes/disaster-events.ts';
import { docsRoutes } from './routes/docs.ts';
import { eventTypeRoutes } from './routes/event-types.ts';
import { exportRoutes } from './routes/exports.ts';
import { extraFieldRoutes } from './routes/extra-fields.ts';
import { fieldRoutes } from './routes/fields.ts';
import { geographyRoutes } from './routes/geography.ts';
import { hazardRoutes } from './routes/hazards.ts';
import { healthRoutes } from './routes/health.ts';
import { importJobRoutes, importRoutes } from './routes/imports.ts';
import { indicatorRoutes } from './routes/indicators.ts';
import { referenceDataRoutes } from './routes/reference-data.ts';
import { statusRoutes } from './routes/status.ts';
import { tableImportRoutes } from './routes/table-imports.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { tenantScope } from './tenant-scope.ts';

/** Knobs of the application (defaults from the environment). */
export interface AppOptions {
  /** Sign-in attempts per address; tests pass their own to exercise the limit. */
  limiter?: LoginLimiter;
  /** One line per request (method, path, status, time, actor): never a query string, header or body. */
  log?: (line: string) => void;
}

/** The application bound to an open database. */
export function createApp(database: Database, options: AppOptions = {}) {
  const limiter = options.limiter ?? new LoginLimiter();
  const policy = sessionPolicy();
  const app = new OpenAPIHono<AppEnv>();
  app.onError(renderError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route ${c.req.method} ${c.req.path}.` } }, 404),
  );
  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('db', database.db);
    c.set('ctx', anonymousContext(requestId));
    c.header('x-request-id', requestId);
    c.header('x-content-type-options', 'nosniff');
    c.header('referrer-policy', 'same-origin');
    const started = performance.now();
    await next();
    options.log?.(
      `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(0)}ms ${c.var.ctx.actor.kind}:${c.var.ctx.actor.id} ${requestId}`,
    );
  });
  // Import job status answers from memory, ahead of sign-in and tenant lookups (the embedded
  // database may be busy importing); it answers only the credential that started the job.
  app.route('/', importJobRoutes);
  app.use('/api/*', authenticate(policy));
  app.use('/api/tenants/:code', tenantScope(database));
  app.use('/api/tenants/:code/*', tenantScope(database));

  app.route('/', authRoutes(limiter, policy));
  app.route('/', healthRoutes(database.engine));
  app.route('/', fieldRoutes);
  app.route('/', tenantRoutes);
  app.route('/', hazardRoutes);
  app.route('/', referenceDataRoutes);
  app.route('/', assetTypeRoutes);
  app.route('/', geographyRoutes);
  app.route('/', eventTypeRoutes);
  app.route('/', causeRoutes);
  app.route('/', disasterEventRoutes);
  app.route('/', extraFieldRoutes);
  app.route('/', datacardRoutes);
  app.route('/', importRoutes);
  app.route('/', tableImportRoutes);
  app.route('/', exportRoutes(database.engine));
  app.route('/', analyticsRoutes);
  app.route('/', indicatorRoutes);
  app.route('/', docsRoutes());
  app.route('/', statusRoutes());

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (llt_…) made under /api/tenants/{code}/tokens',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'll_session',
    description: 'Set by POST /api/auth/login; mutations also need the X-CSRF-Token header',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    // Either credential, or none: anonymous callers read public tenants.
    security: [{ apiToken: [] }, { session: [] }, {}],
    info: {
      title: 'LossLedger API',
      version: '0.1.0',
      description: 'Disaster loss and damage database. Errors are { error: { code, message, details } }.',
    },
  });
  return app;
}

/** The application type, for typed clients (hc<AppType>). */
export type AppType = ReturnType<typeof createApp>;
