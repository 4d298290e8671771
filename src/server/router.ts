/** Factory for route modules: every router validates with zod and reports failures in our error format. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationFailed } from '../shared/errors.ts';
import type { AppEnv } from './env.ts';
import { zodIssues } from './errors.ts';

/** A new OpenAPI router whose validation failures throw our 400. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(zodIssues(result.error));
    },
  });
}
