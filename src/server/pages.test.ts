import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/engine.ts';
import { tenants } from '../db/schema/index.ts';
import { openTestDatabase } from '../testing/db.ts';
import { seedTenant } from '../testing/factories.ts';
import { testClient } from '../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
});
after(() => database.close());

describe('pages and documents', () => {
  test('GET / shows each public tenant with card counts by status and by year; private ones are not named', async () => {
    const t = await seedTenant(database.db, 'PAGE');
    await database.db.update(tenants).set({ isPublic: true }).where(eq(tenants.code, 'PAGE'));
    await seedTenant(database.db, 'HIDDEN');
    for (const status of ['published', 'published', 'draft']) {
      const res = await api.post(`/api/tenants/${t.code}/datacards`, {
        eventTypeId: t.eventTypeId,
        geoUnitId: t.provinceId,
        startYear: 2001,
        status,
      });
      assert.equal(res.status, 201);
    }
    const res = await api.app.request('/');
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<section data-tenant="PAGE">/);
    assert.match(page, /<strong data-testid="card-count">3<\/strong>/);
    assert.match(page, /<tr><td>published<\/td><td>2<\/td><\/tr>/);
    assert.match(page, /title="2001: 3"/);
    assert.equal(page.includes('HIDDEN'), false, 'a private tenant is not even named');
  });

  test('GET / escapes tenant names', async () => {
    await api.post('/api/tenants', {
      code: 'XSS',
      names: { en: '<script>alert(1)</script>' },
      currency: 'USD',
      isPublic: true,
    });
    const page = await (await api.app.request('/')).text();
    assert.ok(!page.includes('<script>alert(1)</script>'));
    assert.match(page, /&lt;script&gt;/);
  });

  test('GET /api/openapi.json documents every resource with the error schema', async () => {
    const doc = (await api.get('/api/openapi.json')).body as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/tenants',
      '/api/tenants/{code}/datacards',
      '/api/tenants/{code}/datacards/{id}',
      '/api/health',
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    assert.ok(doc.components.schemas.Error);
    assert.ok(doc.components.schemas.Datacard);
  });

  test('GET /api/docs serves the docs page and its bundled assets, no CDN', async () => {
    const html = await (await api.app.request('/api/docs')).text();
    assert.ok(!/https?:\/\//.test(html), 'the docs page must not reference remote URLs');
    const css = await api.app.request('/api/docs/assets/swagger-ui.css');
    assert.equal(css.status, 200);
    const js = await api.app.request('/api/docs/assets/swagger-ui-bundle.js');
    assert.equal(js.status, 200);
    assert.equal((await api.app.request('/api/docs/assets/..%2Fpackage.json')).status, 404);
  });

  test('GET /api/datacard-fields lists the registry with DesInventar columns', async () => {
    const fields = (await api.get('/api/datacard-fields')).body as {
      key: string;
      diXml?: string;
      hasPresentFlag: boolean;
    }[];
    const deaths = fields.find((f) => f.key === 'deaths');
    assert.equal(deaths?.diXml, 'muertos');
    assert.equal(deaths?.hasPresentFlag, true);
    assert.ok(fields.length >= 40);
  });

  test('unknown routes give the error format with 404', async () => {
    const res = await api.get('/api/nothing-here');
    assert.equal(res.status, 404);
    assert.equal((res.body as { error: { code: string } }).error.code, 'not_found');
  });
});
