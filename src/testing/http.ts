/** In-process HTTP calls against the Hono app, returning status and parsed JSON. */
import type { Database } from '../db/engine.ts';
import { createApp } from '../server/app.ts';

/** A response as tests read it; cast `body` to the DTO type the route returns. */
export interface TestResponse {
  status: number;
  body: unknown;
}

/** The error body of a failed response. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: { issues?: { path: string; code: string; message: string }[] } & Record<string, unknown>;
}

/** The error of a failed response (throws when the body has none). */
export function errorOf(res: TestResponse): ErrorBody {
  const error = (res.body as { error?: ErrorBody } | null)?.error;
  if (!error) throw new Error(`expected an error body, got ${res.status} ${JSON.stringify(res.body)}`);
  return error;
}

/** The field paths named by a 400 response. */
export const issuePaths = (res: TestResponse) => (errorOf(res).details?.issues ?? []).map((i) => i.path);

/** A small client for one app instance. */
export function testClient(database: Database) {
  const app = createApp(database);
  const call = async (method: string, path: string, body?: unknown): Promise<TestResponse> => {
    const res = await app.request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    app,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}
