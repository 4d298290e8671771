/**
 * Signing in over HTTP: the session cookie and GET /me, logout, CSRF, lockout and the sign-in rate
 * limit, session expiry, and no secret of these in the logs. Accounts from testing/accounts.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, type SQL, sql } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import { secretHash } from '../../services/auth/secrets.ts';
import {
  ADMIN,
  accountsFixture,
  type Creds,
  LOCKED,
  type Me,
  type Res,
  reason,
  SAVED,
  type Session,
  savedQuery,
  VIEWER,
} from '../../testing/accounts.ts';
import { errorOf, TEST_PASSWORD } from '../../testing/http.ts';
import { createApp } from '../app.ts';
import { LoginLimiter } from '../rate-limit.ts';

const accounts = accountsFixture();
const { ids, login, meOf, secrets, send, signIn } = accounts;

/** The Set-Cookie attributes, lower-cased names to values ('' for flags). */
function cookieAttributes(header: string): Map<string, string> {
  return new Map(
    header
      .split(';')
      .slice(1)
      .map((part) => {
        const [name, ...value] = part.trim().split('=');
        return [name!.toLowerCase(), value.join('=')] as const;
      }),
  );
}

/** Run `fn` with `env` set in process.env (undefined unsets), then restore it. */
async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(env);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

/** An app reading the session policy from `env` (createApp reads it once). */
const appWith = (env: Record<string, string>) =>
  withEnv(env, async () => createApp(accounts.database, { limiter: new LoginLimiter(1000) }));

/** Age a session's row in the database. */
const setSession = (session: Session, values: { lastSeenAt?: SQL; expiresAt?: SQL }) =>
  accounts.database.db
    .update(sessions)
    .set(values)
    .where(eq(sessions.id, secretHash(session.cookie.slice('ll_session='.length))));

let admin: Session;
let viewer: Session;

before(async () => {
  ({ admin, viewer } = await accounts.open(LOCKED));
});
after(() => accounts.close());

describe('POST /api/auth/login and GET /api/auth/me', () => {
  test('sets an HttpOnly, SameSite=Lax, site-wide session cookie (not Secure over http) and returns the CSRF token', async () => {
    const res = await login(VIEWER, TEST_PASSWORD);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const header = res.headers.get('set-cookie')!;
    const secret = /^ll_session=([^;]+);/.exec(header)?.[1];
    assert.ok(secret && secret.length >= 40, header);
    secrets.add(secret);
    const attributes = cookieAttributes(header);
    assert.equal(attributes.get('httponly'), '');
    assert.equal(attributes.get('samesite'), 'Lax');
    assert.equal(attributes.get('path'), '/');
    assert.equal(attributes.has('secure'), false);
    const body = res.body as { user: { email: string }; csrfToken: string; expiresAt: string };
    assert.equal(body.user.email, VIEWER);
    assert.equal(
      Date.parse(attributes.get('expires')!),
      Math.floor(Date.parse(body.expiresAt) / 1000) * 1000,
    );
    assert.ok(body.csrfToken.length >= 20 && body.csrfToken !== secret);
    assert.doesNotMatch(JSON.stringify(body), /argon2|passwordHash|failedLogins/);
    // Only the secret's hash is stored.
    const stored = (id: string) => accounts.database.db.select().from(sessions).where(eq(sessions.id, id));
    assert.equal((await stored(secret)).length, 0);
    assert.equal((await stored(secretHash(secret))).length, 1);
  });

  test('the cookie is Secure over HTTPS, and behind a proxy only when TRUST_PROXY=1', async () => {
    const proxied = { 'x-forwarded-proto': 'https' };
    const secure = (res: Res) => cookieAttributes(res.headers.get('set-cookie')!).has('secure');
    const behind = (trust: string | undefined) =>
      withEnv({ TRUST_PROXY: trust }, () => login(VIEWER, TEST_PASSWORD, proxied));
    assert.equal(secure(await behind(undefined)), false);
    assert.equal(secure(await behind('1')), true);
    const direct = await send('POST', 'https://lossledger.test/api/auth/login', {
      body: { email: VIEWER, password: TEST_PASSWORD },
    });
    assert.equal(secure(direct), true);
  });

  test('timestamps are ISO 8601 (the last sign-in of a returning user)', async () => {
    await login(VIEWER, TEST_PASSWORD);
    const again = await login(VIEWER, TEST_PASSWORD);
    const { lastLoginAt } = (again.body as { user: { lastLoginAt: string | null } }).user;
    assert.match(lastLoginAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test('a wrong password and an unknown e-mail get the same 401 message', async () => {
    const wrong = await login(VIEWER, 'not the password at all');
    const unknown = await login('nobody@aaa.test', TEST_PASSWORD);
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(errorOf(wrong).message, 'Wrong e-mail address or password.');
    assert.deepEqual(unknown.body, wrong.body);
    assert.equal(wrong.headers.get('set-cookie'), null);
    await signIn(VIEWER); // clears the failure count
  });

  test('GET /me: user null when anonymous; the user, memberships and CSRF token when signed in', async () => {
    assert.deepEqual(await meOf({}), { user: null, memberships: [], csrfToken: null });
    const me = await meOf({ cookie: admin.cookie });
    assert.equal(me.user?.email, ADMIN);
    assert.deepEqual(me.memberships, [{ tenant: 'AAA', role: 'admin', scope: null }]);
    assert.equal(me.csrfToken, admin.csrf);
  });

  test('signing in again from a browser that holds a live session needs no CSRF token', async () => {
    const res = await login(ADMIN, TEST_PASSWORD, { cookie: viewer.cookie });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    secrets.add((res.body as { csrfToken: string }).csrfToken);
    secrets.add(res.headers.get('set-cookie')!.split(';')[0]!.slice('ll_session='.length));
  });
});

describe('POST /api/auth/logout', () => {
  test('ends the session: the cookie is cleared and no longer signs in', async () => {
    const session = await signIn(VIEWER);
    const forged = await send('POST', '/api/auth/logout', { headers: { cookie: session.cookie } });
    assert.equal(forged.status, 403);
    assert.equal(reason(forged), 'csrf');
    const out = await session.post('/api/auth/logout');
    assert.equal(out.status, 204);
    assert.match(out.headers.get('set-cookie')!, /^ll_session=;.*Max-Age=0/i);
    assert.equal((await meOf({ cookie: session.cookie })).user, null);
    assert.equal((await session.get('/api/tenants/AAA')).status, 401);
    assert.equal((await meOf({ cookie: viewer.cookie })).user?.email, VIEWER, 'other sessions stay');
  });
});

describe('CSRF', () => {
  test('a session mutation without or with a wrong X-CSRF-Token is 403 csrf; the right token passes', async () => {
    const attempts: Creds[] = [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': viewer.csrf }];
    for (const headers of attempts) {
      const res = await send('POST', SAVED, {
        body: savedQuery('csrf'),
        headers: { cookie: admin.cookie, ...headers },
      });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(reason(res), 'csrf');
      assert.match(errorOf(res).message, /x-csrf-token/);
    }
    const ok = await admin.post(SAVED, savedQuery('csrf'));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  test('reads need no CSRF token', async () => {
    const res = await send('GET', SAVED, { headers: { cookie: admin.cookie } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});

describe('lockout and rate limit', () => {
  test('5 wrong passwords lock the account (423 saying until when); the right one is refused too; a reset lifts it', async () => {
    const earlier = await signIn(LOCKED);
    for (let i = 1; i < 5; i++) assert.equal((await login(LOCKED, `wrong password ${i}`)).status, 401);
    const fifth = await login(LOCKED, 'wrong password 5');
    assert.equal(fifth.status, 423);
    assert.equal(errorOf(fifth).code, 'locked');
    assert.match(errorOf(fifth).message, /locked for 15 minutes/);
    const right = await login(LOCKED, TEST_PASSWORD);
    assert.equal(right.status, 423);
    assert.match(errorOf(right).message, /locked until \d\d:\d\d UTC/);
    const until = Date.parse((errorOf(right).details as { lockedUntil: string }).lockedUntil);
    assert.ok(Math.abs(until - Date.now() - 15 * 60_000) < 60_000, String(until));
    const reset = await admin.post(`/api/tenants/AAA/members/${ids[LOCKED]}/password-reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const { oneTimePassword } = reset.body as { oneTimePassword: string };
    secrets.add(oneTimePassword);
    assert.equal((await meOf({ cookie: earlier.cookie })).user, null, 'a reset ends the sessions');
    assert.equal((await login(LOCKED, TEST_PASSWORD)).status, 401, 'the old password is gone');
    const after = await login(LOCKED, oneTimePassword);
    assert.equal(after.status, 200, JSON.stringify(after.body));
  });

  test('an e-mail without an account is locked the same way: a 423 does not tell which addresses exist', async () => {
    const nobody = 'nobody-here@example.org';
    for (let i = 1; i < 5; i++) assert.equal((await login(nobody, `wrong password ${i}`)).status, 401);
    const fifth = await login(nobody, 'wrong password 5');
    assert.equal(fifth.status, 423);
    assert.match(errorOf(fifth).message, /this account is locked for 15 minutes/);
    const sixth = await login(nobody, TEST_PASSWORD);
    assert.equal(sixth.status, 423);
    assert.match(errorOf(sixth).message, /locked until \d\d:\d\d UTC/);
    const until = Date.parse((errorOf(sixth).details as { lockedUntil: string }).lockedUntil);
    assert.ok(Math.abs(until - Date.now() - 15 * 60_000) < 60_000, String(until));
  });

  test('too many sign-in attempts from one address: 429 with Retry-After; other addresses go on; successes count', async () => {
    const limited = createApp(accounts.database, { limiter: new LoginLimiter(2, 60_000) });
    await withEnv({ TRUST_PROXY: '1' }, async () => {
      // The proxy appends the address it saw; what the client wrote before it is not believed.
      const from = (address: string, password: string, spoofed = '198.51.100.1') =>
        login(VIEWER, password, { 'x-forwarded-for': `${spoofed}, ${address}` }, limited);
      assert.equal((await from('203.0.113.7', 'wrong password 1')).status, 401);
      assert.equal((await from('203.0.113.7', 'wrong password 2', '198.51.100.2')).status, 401);
      const third = await from('203.0.113.7', TEST_PASSWORD, '198.51.100.3');
      assert.equal(third.status, 429, 'a forged left-hand address does not reset the count');
      assert.match(errorOf(third).message, /Too many sign-in attempts.*wait 1 minute/);
      const retry = Number(third.headers.get('retry-after'));
      assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 60, String(retry));
      assert.equal((await from('203.0.113.8', TEST_PASSWORD)).status, 200, 'another address');
      // A success does not clear the count: an attacker's own account cannot buy more guesses.
      assert.equal((await from('203.0.113.9', 'wrong password 3')).status, 401);
      assert.equal((await from('203.0.113.9', TEST_PASSWORD)).status, 200);
      assert.equal((await from('203.0.113.9', 'wrong password 4')).status, 429);
    });
    await signIn(VIEWER); // clears the account's failure count
  });
});

describe('session expiry', () => {
  test('an idle session ends after SESSION_IDLE_MINUTES; a request within it renews it', async () => {
    const short = await appWith({ SESSION_IDLE_MINUTES: '5' });
    const session = await signIn(VIEWER, TEST_PASSWORD, short);
    await setSession(session, { lastSeenAt: sql`now() - interval '4 minutes'` });
    assert.equal((await meOf({ cookie: session.cookie }, short)).user?.email, VIEWER);
    await setSession(session, { lastSeenAt: sql`now() - interval '6 minutes'` });
    assert.equal(
      (await meOf({ cookie: session.cookie })).user?.email,
      VIEWER,
      '6 minutes is not idle by default',
    );
    // That request renewed it; idle again for 6 minutes it ends.
    await setSession(session, { lastSeenAt: sql`now() - interval '6 minutes'` });
    const res = await send('GET', '/api/auth/me', { headers: { cookie: session.cookie }, via: short });
    assert.equal((res.body as Me).user, null);
    assert.match(res.headers.get('set-cookie')!, /^ll_session=;/);
  });

  test('the default idle time is 2 hours', async () => {
    const session = await signIn(VIEWER);
    await setSession(session, { lastSeenAt: sql`now() - interval '119 minutes'` });
    assert.equal((await meOf({ cookie: session.cookie })).user?.email, VIEWER);
    await setSession(session, { lastSeenAt: sql`now() - interval '121 minutes'` });
    assert.equal((await meOf({ cookie: session.cookie })).user, null);
  });

  test('a session ends at its absolute expiry (SESSION_MAX_HOURS) however active', async () => {
    const res = await login(VIEWER, TEST_PASSWORD, {}, await appWith({ SESSION_MAX_HOURS: '1' }));
    const { expiresAt } = res.body as { expiresAt: string };
    assert.ok(Math.abs(Date.parse(expiresAt) - Date.now() - 3_600_000) < 60_000, expiresAt);
    const session = await signIn(VIEWER);
    await setSession(session, { expiresAt: sql`now() - interval '1 second'` });
    assert.equal((await meOf({ cookie: session.cookie })).user, null);
    const left = await accounts.database.db.select().from(sessions).where(eq(sessions.userId, ids[VIEWER]!));
    assert.ok(
      left.every((s) => Date.parse(s.expiresAt) > Date.now()),
      'the dead session row is deleted',
    );
  });
});

describe('secrets stay out of logs and the audit log', () => {
  test('no log line or audit row holds a password, session cookie or CSRF token of these sign-ins', async () => {
    assert.ok(secrets.size > 20);
    await accounts.assertNoSecretLeaked();
  });
});
