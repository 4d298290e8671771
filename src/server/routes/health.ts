/** Liveness: answers without touching the database, so it stays quick while a long query runs. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { jsonResponse } from '../openapi.ts';
import { newRouter } from '../router.ts';

const HealthSchema = z
  .object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']), uptimeSeconds: z.number() })
  .meta({ id: 'Health' });

const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['System'],
  summary: 'Liveness check',
  responses: { 200: jsonResponse(HealthSchema, 'The server is up') },
});

/** The health route for a server on the given engine. */
export function healthRoutes(engine: 'pglite' | 'postgres') {
  return newRouter().openapi(health, (c) =>
    c.json({ status: 'ok' as const, engine, uptimeSeconds: Math.round(process.uptime()) }, 200),
  );
}
