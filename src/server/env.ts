/** Hono environment: what every handler finds on the context. */
import type { Db } from '../db/engine.ts';
import type { RequestContext } from '../services/context.ts';

/** Per-app dependencies and per-request values. */
export interface AppEnv {
  Variables: {
    db: Db;
    ctx: RequestContext;
  };
}
