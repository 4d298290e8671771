import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { Tenant } from '../../shared/schemas/tenant.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
});
after(() => database.close());

const kz = {
  code: 'KZ',
  names: { en: 'Kazakhstan', ru: 'Казахстан' },
  currency: 'KZT',
  languages: ['ru', 'kk', 'en'],
};

describe('/api/tenants', () => {
  test('POST creates a tenant (201) and audits it; GET lists and reads it', async () => {
    const res = await api.post('/api/tenants', kz);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const tenant = res.body as Tenant;
    assert.equal(tenant.code, 'KZ');
    assert.equal(tenant.version, 1);
    const list = (await api.get('/api/tenants')).body as Tenant[];
    assert.ok(list.some((t) => t.code === 'KZ'));
    assert.equal(((await api.get('/api/tenants/KZ')).body as Tenant).names.ru, 'Казахстан');
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entityId, 'KZ'));
    assert.equal(audit[0]?.action, 'create');
  });

  test('POST 400 names each bad field', async () => {
    const res = await api.post('/api/tenants', {
      code: 'k z',
      names: { EN: 'x' },
      currency: 'tenge',
      languages: [],
    });
    assert.equal(res.status, 400);
    assert.deepEqual(issuePaths(res).sort(), ['code', 'currency', 'languages', 'names.EN']);
  });

  test('POST 409 for a duplicate code', async () => {
    await api.post('/api/tenants', { ...kz, code: 'DUP' });
    const res = await api.post('/api/tenants', { ...kz, code: 'DUP' });
    assert.equal(res.status, 409);
    assert.equal(errorOf(res).code, 'duplicate');
  });

  test('GET and PATCH 404 for an unknown tenant', async () => {
    assert.equal((await api.get('/api/tenants/NOPE')).status, 404);
    assert.equal((await api.patch('/api/tenants/NOPE', { version: 1, currency: 'USD' })).status, 404);
  });

  test('PATCH updates with the current version and 409s on a stale one', async () => {
    await api.post('/api/tenants', { ...kz, code: 'UPD' });
    const ok = await api.patch('/api/tenants/UPD', { version: 1, isPublic: true, names: { en: 'Updated' } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal((ok.body as Tenant).version, 2);
    assert.equal((ok.body as Tenant).isPublic, true);
    const stale = await api.patch('/api/tenants/UPD', { version: 1, isPublic: false });
    assert.equal(stale.status, 409);
    assert.equal(errorOf(stale).code, 'version_conflict');
  });

  test('PATCH 400 for a bad field and for a missing version', async () => {
    await api.post('/api/tenants', { ...kz, code: 'BAD' });
    assert.deepEqual(issuePaths(await api.patch('/api/tenants/BAD', { version: 1, currency: 'x' })), [
      'currency',
    ]);
    assert.deepEqual(issuePaths(await api.patch('/api/tenants/BAD', { currency: 'USD' })), ['version']);
  });

  test('the code in the URL cannot be changed through the body', async () => {
    await api.post('/api/tenants', { ...kz, code: 'KEEP' });
    const res = await api.patch('/api/tenants/KEEP', { version: 1, code: 'OTHER' });
    assert.equal(res.status, 400);
    assert.equal((await api.get('/api/tenants/OTHER')).status, 404);
  });

  test('country: ISO3, optional (null for a regional database), set on create or by PATCH', async () => {
    const created = await api.post('/api/tenants', { ...kz, code: 'CTRY', country: 'KAZ' });
    assert.equal((created.body as Tenant).country, 'KAZ');
    assert.equal(((await api.post('/api/tenants', { ...kz, code: 'REGN' })).body as Tenant).country, null);
    const patched = await api.patch('/api/tenants/REGN', { version: 1, country: 'KGZ' });
    assert.equal((patched.body as Tenant).country, 'KGZ');
    assert.deepEqual(issuePaths(await api.post('/api/tenants', { ...kz, code: 'C3', country: 'KZ' })), [
      'country',
    ]);
    assert.deepEqual(issuePaths(await api.patch('/api/tenants/REGN', { version: 2, country: 'kaz' })), [
      'country',
    ]);
  });
});
