/**
 * Passwords and members over HTTP: changing one's password, an admin's reset and the forced change
 * after it, and a tenant's members (added, changed, removed, within an admin's geographic scope).
 * Accounts from testing/accounts.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUser } from '../../services/auth/users.ts';
import { systemContext } from '../../services/context.ts';
import type { Role } from '../../shared/roles.ts';
import {
  ADMIN,
  accountsFixture,
  CHANGER,
  NEW_PASSWORD,
  OTHER,
  RESET,
  ROOT,
  reason,
  SAVED,
  SCOPED,
  type Session,
  savedQuery,
  VIEWER,
} from '../../testing/accounts.ts';
import { errorOf, TEST_PASSWORD } from '../../testing/http.ts';

const accounts = accountsFixture();
const { ids, login, meOf, secrets, signIn } = accounts;

let root: Session;
let admin: Session;
let viewer: Session;

before(async () => {
  ({ root, admin, viewer } = await accounts.open(CHANGER, RESET, SCOPED, OTHER));
});
after(() => accounts.close());

describe('POST /api/auth/password', () => {
  test('400 for a wrong current password, and for a weak new one naming the rule', async () => {
    const session = await signIn(CHANGER);
    const wrong = await session.post('/api/auth/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual(
      errorOf(wrong).details?.issues?.map((i) => [i.path, i.code]),
      [['currentPassword', 'wrong_password']],
    );
    const weak = await session.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    assert.equal(weak.status, 400);
    assert.deepEqual(
      errorOf(weak).details?.issues?.map((i) => [i.path, i.code]),
      [['newPassword', 'too_short']],
    );
    assert.match(errorOf(weak).message, /newPassword: use at least 10 characters/);
  });

  test('changes the password: the other sessions end, this one stays', async () => {
    const [here, elsewhere] = [await signIn(CHANGER), await signIn(CHANGER)];
    const res = await here.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(res.status, 204, JSON.stringify(res.body));
    assert.equal((await meOf({ cookie: here.cookie })).user?.email, CHANGER);
    assert.equal((await meOf({ cookie: elsewhere.cookie })).user, null);
    assert.equal((await login(CHANGER, TEST_PASSWORD)).status, 401);
    assert.equal((await login(CHANGER, NEW_PASSWORD)).status, 200);
  });

  test('after an admin reset, every route but the password ones is 403 password_change_required', async () => {
    const reset = await admin.post(`/api/tenants/AAA/members/${ids[RESET]}/password-reset`);
    assert.equal(reset.status, 200, JSON.stringify(reset.body));
    const { oneTimePassword } = reset.body as { oneTimePassword: string };
    secrets.add(oneTimePassword);
    assert.ok(oneTimePassword.length >= 10);
    const session = await signIn(RESET, oneTimePassword);
    assert.equal((await meOf({ cookie: session.cookie })).user?.mustChangePassword, true);
    const again = await login(RESET, oneTimePassword, { cookie: session.cookie });
    assert.equal(again.status, 200, `signing in again is open: ${JSON.stringify(again.body)}`);
    for (const res of [
      await session.get('/api/tenants/AAA'),
      await session.post(SAVED, savedQuery('reset')),
    ]) {
      assert.equal(res.status, 403);
      assert.equal(reason(res), 'password_change_required');
    }
    const changed = await session.post('/api/auth/password', {
      currentPassword: oneTimePassword,
      newPassword: NEW_PASSWORD,
    });
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    assert.equal((await session.get('/api/tenants/AAA')).status, 200);
    assert.equal((await meOf({ cookie: session.cookie })).user?.mustChangePassword, false);
  });
});

describe('/api/tenants/{code}/members', () => {
  const members = '/api/tenants/AAA/members';
  interface Member {
    user: { id: string; email: string; mustChangePassword: boolean };
    role: Role;
    scope: { code: string } | null;
    version: number;
  }

  test('an admin adds a new e-mail (an account with a one-time password), changes role and scope by version, removes', async () => {
    const added = await admin.post(members, {
      email: 'New@AAA.test ',
      role: 'contributor',
      scope: { code: 'AAA-P1' },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const { member, oneTimePassword } = added.body as { member: Member; oneTimePassword: string };
    secrets.add(oneTimePassword);
    assert.equal(member.user.email, 'new@aaa.test');
    assert.equal(member.user.mustChangePassword, true);
    assert.equal(member.scope?.code, 'AAA-P1');
    assert.equal((await login('new@aaa.test', oneTimePassword)).status, 200);
    const one = `${members}/${member.user.id}`;
    const patched = await admin.patch(one, { role: 'validator', scope: null, version: 1 });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(
      [(patched.body as Member).role, (patched.body as Member).scope, (patched.body as Member).version],
      ['validator', null, 2],
    );
    const stale = await admin.patch(one, { role: 'viewer', version: 1 });
    assert.equal(stale.status, 409);
    assert.equal((await admin.delete(`${one}?version=1`)).status, 409);
    assert.equal((await admin.delete(`${one}?version=2`)).status, 204);
    assert.equal((await admin.get(one)).status, 404);
  });

  test('a duplicate member is 409; an unknown scope 400', async () => {
    const duplicate = await admin.post(members, { email: VIEWER, role: 'admin' });
    assert.equal(duplicate.status, 409);
    assert.match(errorOf(duplicate).message, /already a member \(viewer\)/);
    const unknown = await admin.post(members, {
      email: 'x@aaa.test',
      role: 'viewer',
      scope: { code: 'NOPE' },
    });
    assert.equal(unknown.status, 400);
    assert.equal(errorOf(unknown).details?.issues?.[0]?.code, 'unknown_unit');
  });

  test('a viewer cannot list or add members (403)', async () => {
    assert.equal((await viewer.get(members)).status, 403);
    assert.equal((await viewer.post(members, { email: 'y@aaa.test', role: 'viewer' })).status, 403);
  });

  test('an admin scoped to a province manages only members inside it', async () => {
    const scoped = await signIn(SCOPED);
    const added = await scoped.post(members, {
      email: 'district@aaa.test',
      role: 'viewer',
      scope: { code: 'AAA-P1-D1' },
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const { member, oneTimePassword } = added.body as { member: Member; oneTimePassword: string };
    secrets.add(oneTimePassword);
    const inside = await scoped.patch(`${members}/${member.user.id}`, { role: 'contributor', version: 1 });
    assert.equal(inside.status, 200, JSON.stringify(inside.body));
    const wide = (await admin.get(`${members}/${ids[VIEWER]}`)).body as Member;
    assert.equal(wide.scope, null);
    const refusals = [
      await scoped.patch(`${members}/${ids[VIEWER]}`, { role: 'admin', version: wide.version }),
      await scoped.post(`${members}/${ids[ADMIN]}/password-reset`),
      await scoped.delete(`${members}/${ids[VIEWER]}?version=${wide.version}`),
      await scoped.post(members, { email: 'wide@aaa.test', role: 'viewer' }),
    ];
    for (const res of refusals) {
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.match(errorOf(res).message, /inside your own geographic scope/);
    }
    assert.equal(((await admin.get(`${members}/${ids[VIEWER]}`)).body as Member).role, 'viewer');
    assert.equal((await login(ADMIN, TEST_PASSWORD)).status, 200, 'the admin keeps the password');
    // Tenant-wide work is for an admin of the whole tenant.
    for (const res of [
      await scoped.get('/api/tenants/AAA/audit'),
      await scoped.post('/api/tenants/AAA/event-types', { code: 'SCOPED', names: { en: 'Scoped' } }),
      await scoped.get('/api/tenants/AAA/imports'),
    ]) {
      assert.equal(res.status, 403, JSON.stringify(res.body));
      assert.match(errorOf(res).message, /Only an admin of the whole tenant/);
    }
  });

  test('existing accounts join without a password; a tenant admin cannot reset a superadmin or an account of another tenant too; a superadmin can', async () => {
    for (const email of [ROOT, OTHER]) {
      const added = await admin.post(members, { email, role: 'viewer' });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal('oneTimePassword' in (added.body as object), false);
    }
    const superadmin = await admin.post(`${members}/${ids[ROOT]}/password-reset`);
    assert.equal(superadmin.status, 403);
    assert.match(errorOf(superadmin).message, /Only a superadmin/);
    const shared = await admin.post(`${members}/${ids[OTHER]}/password-reset`);
    assert.equal(shared.status, 403);
    assert.match(errorOf(shared).message, /also a member of another database/);
    assert.equal((await login(OTHER, TEST_PASSWORD)).status, 200, 'the password is unchanged');
    const byRoot = await root.post(`${members}/${ids[OTHER]}/password-reset`);
    assert.equal(byRoot.status, 200, JSON.stringify(byRoot.body));
    secrets.add((byRoot.body as { oneTimePassword: string }).oneTimePassword);
    // An account made elsewhere and added here is not this tenant's to take over.
    const loner = await createUser(accounts.database.db, systemContext('test'), {
      email: 'loner@elsewhere.test',
      password: TEST_PASSWORD,
    });
    assert.equal((await admin.post(members, { email: loner.email, role: 'viewer' })).status, 201);
    const takeover = await admin.post(`${members}/${loner.id}/password-reset`);
    assert.equal(takeover.status, 403);
    assert.match(errorOf(takeover).message, /not created in this database/);
    assert.equal((await login(loner.email, TEST_PASSWORD)).status, 200, 'the password is unchanged');
  });
});

describe('secrets stay out of logs and the audit log', () => {
  test('no log line or audit row holds a password, one-time password, session cookie or CSRF token', async () => {
    assert.ok(secrets.size > 20);
    await accounts.assertNoSecretLeaked();
  });
});
