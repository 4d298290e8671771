/**
 * In-process HTTP calls against the Hono app, returning status and parsed JSON. A client signs in
 * through the real /api/auth/login (as a superadmin unless told otherwise) and then sends its
 * session cookie and CSRF token with every request, as the web app does.
 */
import type { Database } from '../db/engine.ts';
import { type AppOptions, createApp } from '../server/app.ts';
import { secretHash } from '../services/auth/secrets.ts';
import { createUser, findUserByEmail } from '../services/auth/users.ts';
import { systemContext } from '../services/context.ts';

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

/** The password of accounts tests create. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Who a test client is: a superadmin (default), nobody, an account, or an API token. */
export type TestIdentity =
  | 'superadmin'
  | 'anonymous'
  | { email: string; password?: string }
  | { token: string };

/** Create the tests' superadmin once per database. */
export async function ensureSuperadmin(database: Database, email = 'root@lossledger.test'): Promise<void> {
  if (await findUserByEmail(database.db, email)) return;
  await createUser(database.db, systemContext('test'), { email, password: TEST_PASSWORD, superadmin: true });
}

/** A small client for one app instance, signed in as `as`. */
export function testClient(database: Database, as: TestIdentity = 'superadmin', options: AppOptions = {}) {
  const hono = createApp(database, options);
  let auth: Promise<Record<string, string>> | null = null;
  const signIn = async (): Promise<Record<string, string>> => {
    if (as === 'anonymous') return {};
    if (typeof as === 'object' && 'token' in as) return { authorization: `Bearer ${as.token}` };
    const email = as === 'superadmin' ? 'root@lossledger.test' : as.email;
    if (as === 'superadmin') await ensureSuperadmin(database, email);
    const password = as === 'superadmin' ? TEST_PASSWORD : (as.password ?? TEST_PASSWORD);
    const res = await hono.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200)
      throw new Error(`test sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return { cookie, 'x-csrf-token': csrfToken };
  };
  /** app.request with this client's credentials added. */
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    auth ??= signIn();
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(await auth)) if (!headers.has(k)) headers.set(k, v);
    return hono.request(path, { ...init, headers });
  };
  const call = async (method: string, path: string, body?: unknown): Promise<TestResponse> => {
    const res = await request(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  /** The owner key the server derives from this client's credential (see credentialFingerprint). */
  const fingerprint = async (): Promise<string> => {
    auth ??= signIn();
    const headers = await auth;
    const secret = headers.authorization?.replace(/^Bearer\s+/, '') ?? headers.cookie?.split('=')[1];
    return secret ? secretHash(secret) : 'anonymous';
  };
  return {
    fingerprint,
    /** The app, with request() sending this client's credentials; `hono` is the bare app. */
    app: { request },
    hono,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}
