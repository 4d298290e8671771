/**
 * API tokens and the audit log over HTTP: tokens shown once, scoped, revoked, expired, walled in
 * their tenant and revoked by a password reset; the tenant and instance logs; and no secret in a
 * log line or an audit row. Accounts from testing/accounts.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { apiTokens, users } from '../../db/schema/index.ts';
import { secretHash } from '../../services/auth/secrets.ts';
import {
  ADMIN,
  accountsFixture,
  HOLDER,
  LOCKED,
  LOGS,
  NEW_PASSWORD,
  RESET,
  SAVED,
  type Session,
  savedQuery,
  type Token,
  VIEWER,
} from '../../testing/accounts.ts';
import { errorOf, TEST_PASSWORD } from '../../testing/http.ts';

const accounts = accountsFixture();
const { bearer, caller, ids, logLines, login, newToken, secrets, send, signIn } = accounts;

let root: Session;
let admin: Session;
let viewer: Session;

before(async () => {
  ({ root, admin, viewer } = await accounts.open(LOGS, RESET, LOCKED, HOLDER));
});
after(() => accounts.close());

describe('API tokens', () => {
  test('shown once with an llt_ prefix, stored only as its hash, listed without the secret', async () => {
    const created = await newToken(admin, ['read', 'write'], 'nightly export');
    assert.match(created.token, /^llt_[\w-]{40,}$/);
    assert.equal(created.prefix, created.token.slice(0, 10));
    const [row] = await accounts.database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    assert.equal(row?.tokenHash, secretHash(created.token));
    assert.equal(JSON.stringify(row).includes(created.token.slice(4)), false);
    const listed = await admin.get('/api/tenants/AAA/tokens');
    assert.equal(listed.status, 200);
    const mine = (listed.body as Token[]).find((t) => t.id === created.id);
    assert.equal(mine?.prefix, created.prefix);
    assert.equal(JSON.stringify(listed.body).includes(created.token.slice(4)), false);
    assert.equal(mine && 'token' in mine, false);
  });

  test('a token reads with Bearer and no CSRF header; only a write token writes', async () => {
    const [read, write] = [await newToken(admin, ['read']), await newToken(admin, ['read', 'write'])];
    assert.equal((await bearer(read.token).get('/api/tenants/AAA/members')).status, 200);
    const refused = await bearer(read.token).post(SAVED, savedQuery('by read token'));
    assert.equal(refused.status, 403);
    assert.match(errorOf(refused).message, /read-only/);
    const written = await bearer(write.token).post(SAVED, savedQuery('by write token'));
    assert.equal(written.status, 201, JSON.stringify(written.body));
    const [row] = await accounts.database.db.select().from(apiTokens).where(eq(apiTokens.id, write.id));
    assert.ok(row?.lastUsedAt, 'use is recorded');
  });

  test('a revoked token is 401; an expired one is 401 saying when it expired', async () => {
    const [revoked, expired] = [await newToken(admin, ['read']), await newToken(admin, ['read'])];
    const res = await admin.delete(`/api/tenants/AAA/tokens/${revoked.id}`);
    assert.equal(res.status, 200);
    assert.ok((res.body as Token).revokedAt);
    const afterRevoke = await bearer(revoked.token).get('/api/tenants/AAA');
    assert.equal(afterRevoke.status, 401);
    assert.match(errorOf(afterRevoke).message, /unknown or revoked/);
    await accounts.database.db
      .update(apiTokens)
      .set({ expiresAt: '2024-03-01T00:00:00Z' })
      .where(eq(apiTokens.id, expired.id));
    const afterExpiry = await bearer(expired.token).get('/api/tenants/AAA');
    assert.equal(afterExpiry.status, 401);
    assert.match(errorOf(afterExpiry).message, /expired on 2024-03-01/);
    assert.equal((await bearer('llt_not-a-token').get('/api/tenants/AAA')).status, 401);
    assert.equal((await caller({ authorization: 'Basic abc' }).get('/api/tenants/AAA')).status, 401);
  });

  test('a token works only in its own tenant, and cannot create tokens', async () => {
    const [mine, roots] = [await newToken(admin, ['read', 'write']), await newToken(root, ['read', 'write'])];
    for (const token of [mine, roots]) {
      const other = await bearer(token.token).get('/api/tenants/BBB');
      assert.equal(other.status, 403);
      assert.match(errorOf(other).message, /belongs to another database/);
    }
    const global = await bearer(roots.token).post('/api/tenants', {
      code: 'TOK',
      names: { en: 'By token' },
      currency: 'USD',
      languages: ['en'],
    });
    assert.equal(global.status, 403, 'a superadmin token for AAA cannot act outside AAA');
    assert.match(errorOf(global).message, /only in its own database/);
    assert.equal((await bearer(roots.token).get('/api/audit')).status, 403, 'nor read the instance log');
    assert.equal((await root.get('/api/tenants/TOK')).status, 404);
    const nested = await bearer(mine.token).post('/api/tenants/AAA/tokens', {
      name: 'nested',
      scopes: ['read'],
    });
    assert.equal(nested.status, 403);
    assert.match(errorOf(nested).message, /signed-in session/);
  });

  test('an admin’s password reset of a member revokes the tokens that member made: Bearer is 401 after', async () => {
    const holder = await signIn(HOLDER);
    const [held, kept] = [await newToken(holder, ['read']), await newToken(admin, ['read'])];
    assert.equal((await bearer(held.token).get('/api/tenants/AAA')).status, 200, 'works before the reset');
    const reset = await admin.post(`/api/tenants/AAA/members/${ids[HOLDER]}/password-reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    secrets.add((reset.body as { oneTimePassword: string }).oneTimePassword);
    const afterReset = await bearer(held.token).get('/api/tenants/AAA');
    assert.equal(afterReset.status, 401);
    assert.match(errorOf(afterReset).message, /unknown or revoked/);
    const listed = (await admin.get('/api/tenants/AAA/tokens')).body as Token[];
    assert.ok(listed.find((t) => t.id === held.id)?.revokedAt, 'listed as revoked');
    assert.equal(
      (await bearer(kept.token).get('/api/tenants/AAA')).status,
      200,
      'other members’ tokens stay',
    );
  });
});

describe('audit log', () => {
  interface Page {
    items: { id: number; actor: string; action: string; entity: string; after: unknown }[];
    next: number | null;
  }
  const audit = async (who: Session, query: Record<string, string>, path = '/api/tenants/AAA/audit') => {
    const res = await who.get(`${path}?${new URLSearchParams(query)}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as Page;
  };

  // The events these tests read, made here so that this file stands alone: a reset and a lockout.
  before(async () => {
    const reset = await admin.post(`/api/tenants/AAA/members/${ids[RESET]}/password-reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    secrets.add((reset.body as { oneTimePassword: string }).oneTimePassword);
    for (let i = 1; i < 5; i++) assert.equal((await login(LOCKED, `wrong password ${i}`)).status, 401);
    assert.equal((await login(LOCKED, 'wrong password 5')).status, 423);
  });

  test('a tenant admin lists member and token events, filtered by actor, action, entity and time, paged with before', async () => {
    const from = new Date().toISOString();
    const token = await newToken(admin, ['read']);
    assert.equal((await admin.delete(`/api/tenants/AAA/tokens/${token.id}`)).status, 200);
    const member = (await admin.get(`/api/tenants/AAA/members/${ids[LOGS]}`)).body as { version: number };
    assert.equal(
      (
        await admin.patch(`/api/tenants/AAA/members/${ids[LOGS]}`, {
          scope: { code: 'AAA-P2' },
          version: member.version,
        })
      ).status,
      200,
    );
    const actions = (page: Page) => page.items.map((i) => `${i.action} ${i.entity}`);
    const all = await audit(admin, { from });
    assert.deepEqual(actions(all), ['update membership', 'revoke api_token', 'create api_token']);
    assert.ok(all.items.every((i) => i.actor === `user:${ids[ADMIN]}`));
    assert.deepEqual(actions(await audit(admin, { from, entity: 'api_token' })), [
      'revoke api_token',
      'create api_token',
    ]);
    assert.deepEqual(actions(await audit(admin, { from, action: 'revoke' })), ['revoke api_token']);
    assert.deepEqual(actions(await audit(admin, { from, actor: `user:${ids[VIEWER]}` })), []);
    assert.ok((await audit(admin, { to: from })).items.every((i) => i.id < all.items.at(-1)!.id));
    const earlier = await audit(admin, { entity: 'membership', action: 'create' });
    assert.ok(earlier.items.length >= 5, 'the members added before');
    const first = await audit(admin, { from, limit: '2' });
    assert.deepEqual(actions(first), ['update membership', 'revoke api_token']);
    assert.equal(first.next, first.items[1]!.id);
    const second = await audit(admin, { from, limit: '2', before: String(first.next) });
    assert.deepEqual(actions(second), ['create api_token']);
    assert.equal(second.next, null);
  });

  test('a password reset is in the tenant log; a non-admin member gets 403', async () => {
    const resets = await audit(admin, { action: 'password_reset', entityId: ids[RESET]! });
    assert.equal(resets.items.length, 1);
    assert.equal((await viewer.get('/api/tenants/AAA/audit')).status, 403);
  });

  test('sign-ins are in the instance log (GET /api/audit), which only a superadmin reads', async () => {
    const logins = await audit(root, { action: 'login', actor: `user:${ids[VIEWER]}` }, '/api/audit');
    assert.ok(logins.items.length > 0);
    const failed = await audit(root, { action: 'login_failed', entityId: ids[LOCKED]! }, '/api/audit');
    assert.ok(failed.items.length >= 5);
    assert.ok(failed.items.some((i) => (i.after as { locked?: boolean }).locked === true));
    assert.equal((await admin.get('/api/audit')).status, 403);
    assert.equal((await send('GET', '/api/audit')).status, 401);
  });
});

describe('secrets stay out of logs and the audit log', () => {
  test('no log line or audit row holds a password, token, session cookie or CSRF token', async () => {
    const session = await signIn(LOGS);
    const token = await newToken(admin, ['read']);
    assert.equal((await bearer(token.token).get(`/api/tenants/AAA/audit?actor=${token.token}`)).status, 200);
    const changed = await session.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(changed.status, 204);
    for (const line of [
      'POST /api/auth/login 200',
      'POST /api/auth/password 204',
      'GET /api/tenants/AAA/audit 200',
    ])
      assert.ok(
        logLines.some((l) => l.startsWith(line)),
        line,
      );
    assert.ok(
      logLines.some((l) => l.includes(`user:${ids[ADMIN]}`)),
      'lines name the actor',
    );
    assert.ok(secrets.size > 20);
    await accounts.assertNoSecretLeaked();
    const [user] = await accounts.database.db.select().from(users).where(eq(users.id, ids[LOGS]!));
    assert.match(user!.passwordHash, /^\$argon2id\$/);
  });
});
