/**
 * Accounts for the HTTP tests of sign-in, members and API tokens: one app per test file (with its
 * log lines), tenants AAA and BBB, a superadmin and the members the file asks for, signed-in
 * sessions, and every secret handed out, which no log line or audit row may hold. argon2 makes
 * every new password cost, so a file seeds only the members it uses.
 */
import assert from 'node:assert/strict';
import type { Database } from '../db/engine.ts';
import { auditLog } from '../db/schema/index.ts';
import { createApp } from '../server/app.ts';
import { LoginLimiter } from '../server/rate-limit.ts';
import { addMember } from '../services/auth/members.ts';
import { systemContext, withTenant } from '../services/context.ts';
import { resolveTenant } from '../services/tenants/tenants.ts';
import type { Role } from '../shared/roles.ts';
import { openTestDatabase } from './db.ts';
import { seedTenant } from './factories.ts';
import { ensureSuperadmin, errorOf, TEST_PASSWORD, type TestResponse } from './http.ts';

/** The superadmin (ensureSuperadmin's default e-mail). */
export const ROOT = 'root@lossledger.test';
/** An admin of AAA for the whole tenant; always seeded and signed in. */
export const ADMIN = 'admin@aaa.test';
/** A viewer of AAA; always seeded and signed in. */
export const VIEWER = 'viewer@aaa.test';
/** A viewer of AAA who changes their password. */
export const CHANGER = 'changer@aaa.test';
/** A contributor of AAA whose account gets locked. */
export const LOCKED = 'locked@aaa.test';
/** A viewer of AAA whose password an admin resets. */
export const RESET = 'reset@aaa.test';
/** A viewer of AAA whose actions are checked against the logs. */
export const LOGS = 'logs@aaa.test';
/** A viewer of AAA holding an API token when an admin resets the password. */
export const HOLDER = 'holder@aaa.test';
/** A viewer of BBB only. */
export const OTHER = 'other@bbb.test';
/** An admin of AAA scoped to province AAA-P1. */
export const SCOPED = 'scoped-admin@aaa.test';

/** Tenant, role and geographic scope of each member a test file may seed. */
const ROSTER = {
  [CHANGER]: { tenant: 'AAA', role: 'viewer' },
  [RESET]: { tenant: 'AAA', role: 'viewer' },
  [LOGS]: { tenant: 'AAA', role: 'viewer' },
  [HOLDER]: { tenant: 'AAA', role: 'viewer' },
  [LOCKED]: { tenant: 'AAA', role: 'contributor' },
  [SCOPED]: { tenant: 'AAA', role: 'admin', scope: 'AAA-P1' },
  [OTHER]: { tenant: 'BBB', role: 'viewer' },
} satisfies Record<string, { tenant: string; role: Role; scope?: string }>;

/** A member a test file may seed besides ADMIN and VIEWER. */
export type RosterEmail = keyof typeof ROSTER;

/** A valid new password, different from TEST_PASSWORD. */
export const NEW_PASSWORD = 'a brand new passphrase';
/** A tenant route any member may write to with a session or a write token. */
export const SAVED = '/api/tenants/AAA/saved-queries';
/** A valid body for POST SAVED. */
export const savedQuery = (name: string) => ({
  name,
  filter: {},
  options: { kind: 'statistics', by: ['year'], measures: ['deaths'] },
});

/** The app under test. */
export type App = ReturnType<typeof createApp>;
/** Request headers carrying a credential (cookie and CSRF token, or a bearer token). */
export type Creds = Record<string, string>;
/** A response with its headers. */
export interface Res extends TestResponse {
  headers: Headers;
}
/** The body of GET /api/auth/me. */
export interface Me {
  user: { id: string; email: string; mustChangePassword: boolean } | null;
  memberships: { tenant: string; role: Role; scope: number | null }[];
  csrfToken: string | null;
}
/** An API token as created or listed (`token` only at creation). */
export interface Token {
  id: string;
  token: string;
  prefix: string;
  revokedAt: string | null;
}
/** Requests sent with one credential. */
export interface Caller {
  get: (path: string, body?: unknown) => Promise<Res>;
  post: (path: string, body?: unknown) => Promise<Res>;
  patch: (path: string, body?: unknown) => Promise<Res>;
  delete: (path: string, body?: unknown) => Promise<Res>;
}
/** A signed-in browser: its cookie, CSRF token and user id, sending both on every request. */
export interface Session extends Caller {
  cookie: string;
  csrf: string;
  userId: string;
}

/** The `details.reason` of an error response (e.g. 'csrf'). */
export const reason = (res: Res) => (errorOf(res).details as { reason?: string } | undefined)?.reason;

/** The accounts of one test file: call open() in before() and close() in after(). */
export function accountsFixture() {
  let database: Database | undefined;
  let app: App | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('accountsFixture: call open() first (in before())');
    return value;
  };
  /** Log lines of the app, one per request. */
  const logLines: string[] = [];
  /** Every secret the tests handled: none may reach a log line or an audit row. */
  const secrets = new Set<string>([TEST_PASSWORD, NEW_PASSWORD]);
  /** User ids by e-mail. */
  const ids: Record<string, string> = {};

  /** One JSON request to `via` (the file's app by default). */
  async function send(
    method: string,
    path: string,
    options: { body?: unknown; headers?: Creds; via?: App } = {},
  ): Promise<Res> {
    const { body, headers = {}, via = opened(app) } = options;
    const res = await via.request(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  }

  /** A caller presenting `creds` (cookie and CSRF token, or a bearer token) on every request. */
  function caller(creds: Creds, via?: App): Caller {
    const call = (method: string) => (path: string, body?: unknown) =>
      send(method, path, { body, headers: creds, via });
    return { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
  }

  /** POST /api/auth/login, whatever the answer. */
  const login = (email: string, password: string, headers: Creds = {}, via?: App) =>
    send('POST', '/api/auth/login', { body: { email, password }, headers, via });

  /** Sign in (asserting 200) and keep the cookie and CSRF token as secrets. */
  async function signIn(email: string, password = TEST_PASSWORD, via?: App): Promise<Session> {
    const res = await login(email, password, {}, via);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken, user } = res.body as { csrfToken: string; user: { id: string } };
    secrets.add(cookie.slice('ll_session='.length));
    secrets.add(csrfToken);
    return {
      cookie,
      csrf: csrfToken,
      userId: user.id,
      ...caller({ cookie, 'x-csrf-token': csrfToken }, via),
    };
  }

  /** GET /api/auth/me with `creds`. */
  const meOf = async (creds: Creds, via?: App) =>
    (await send('GET', '/api/auth/me', { headers: creds, via })).body as Me;

  /** A caller presenting an API token. */
  const bearer = (token: string) => caller({ authorization: `Bearer ${token}` });

  /** Create an API token in AAA from `session` (asserting 201) and keep its secret. */
  async function newToken(session: Session, scopes: string[], name = 'script'): Promise<Token> {
    const res = await session.post('/api/tenants/AAA/tokens', { name, scopes });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const token = res.body as Token;
    secrets.add(token.token);
    return token;
  }

  /** Assert that no log line or audit row holds a secret handed out so far, nor a password hash. */
  async function assertNoSecretLeaked(): Promise<void> {
    const rows = JSON.stringify(await opened(database).db.select().from(auditLog));
    for (const secret of secrets) {
      assert.ok(secret.length >= 10, secret);
      const leaked = logLines.find((l) => l.includes(secret));
      assert.equal(leaked, undefined, `a log line holds a secret: ${leaked}`);
      assert.equal(rows.includes(secret), false, 'an audit row holds a secret');
    }
    assert.doesNotMatch(rows, /argon2/);
  }

  /** Seed the tenants, the superadmin, ADMIN, VIEWER and `members`; sign in the first three. */
  async function open(
    ...members: RosterEmail[]
  ): Promise<{ root: Session; admin: Session; viewer: Session }> {
    const db = await openTestDatabase();
    database = db;
    app = createApp(db, { limiter: new LoginLimiter(1000), log: (line) => logLines.push(line) });
    await seedTenant(db.db, 'AAA');
    await seedTenant(db.db, 'BBB');
    await ensureSuperadmin(db);
    const seat = async (email: string, place: { tenant: string; role: Role; scope?: string }) => {
      const ctx = withTenant(systemContext('test'), await resolveTenant(db.db, place.tenant));
      const scope = place.scope ? { code: place.scope } : undefined;
      const input = { email, role: place.role, password: TEST_PASSWORD, scope };
      ids[email] = (await addMember(db.db, ctx, input)).member.user.id;
    };
    await seat(ADMIN, { tenant: 'AAA', role: 'admin' });
    await seat(VIEWER, { tenant: 'AAA', role: 'viewer' });
    for (const email of members) await seat(email, ROSTER[email]);
    const [root, admin, viewer] = [await signIn(ROOT), await signIn(ADMIN), await signIn(VIEWER)];
    ids[ROOT] = root.userId;
    return { root, admin, viewer };
  }

  return {
    open,
    /** Close (and on PostgreSQL drop) the database. */
    close: () => database?.close(),
    /** The file's database (after open()). */
    get database() {
      return opened(database);
    },
    logLines,
    secrets,
    ids,
    send,
    caller,
    login,
    signIn,
    meOf,
    bearer,
    newToken,
    assertNoSecretLeaked,
  };
}
