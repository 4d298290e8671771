import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { readCsv } from '../../formats/table-export/read-back.ts';
import { seedAnalyticsFixture, seedOtherTenant } from '../../testing/analytics-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  await seedAnalyticsFixture(database.db);
  await seedOtherTenant(database.db);
});
after(() => database.close());

const csvOf = async (path: string) => {
  const res = await api.app.request(path);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  return readCsv(Readable.from(Buffer.from(await res.arrayBuffer())));
};

describe('/api/tenants/{code}/saved-queries', () => {
  const base = '/api/tenants/AAA/saved-queries';
  const saved = {
    name: 'Flood deaths by year',
    filter: { eventTypes: ['FLOOD'] },
    options: { kind: 'statistics', by: ['year'], measures: ['deaths'] },
  };

  test('create, list, get, run (JSON and CSV), update with version, delete', async () => {
    const created = await api.post(base, saved);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const item = created.body as { id: number; version: number; owner: string };
    assert.equal(item.version, 1);
    assert.match(item.owner, /^user:[0-9a-f-]{36}$/);
    assert.equal(((await api.get(base)).body as unknown[]).length, 1);
    assert.equal((await api.get(`${base}/${item.id}`)).status, 200);
    const run = await api.get(`${base}/${item.id}/result`);
    assert.deepEqual((run.body as { rows: unknown[] }).rows, [{ year: 2020, deaths: 3 }]);
    const csv = await csvOf(`${base}/${item.id}/result?format=csv`);
    assert.deepEqual(csv, [
      ['year', 'deaths'],
      ['2020', '3'],
    ]);
    const patched = await api.patch(`${base}/${item.id}`, {
      version: 1,
      options: { kind: 'totals', money: { currency: 'local', basis: 'nominal' } },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const stale = await api.patch(`${base}/${item.id}`, { version: 1, name: 'x' });
    assert.equal(stale.status, 409);
    const totals = await api.get(`${base}/${item.id}/result`);
    assert.equal((totals.body as { cards: number }).cards, 2);
    assert.ok((totals.body as { money?: unknown }).money, 'a saved totals query keeps its money basis');
    assert.equal((await api.delete(`${base}/${item.id}?version=2`)).status, 204);
    assert.equal((await api.get(`${base}/${item.id}`)).status, 404);
  });

  test('400 for bad options, 409 for a duplicate name, 404 from another tenant', async () => {
    const bad = await api.post(base, {
      name: ' ',
      filter: { from: 'x' },
      options: { kind: 'statistics', by: 'year' },
    });
    assert.deepEqual([...new Set(issuePaths(bad))].sort(), [
      'filter.from',
      'name',
      'options.by',
      'options.measures',
    ]);
    const kind = await api.post(base, { name: 'k', options: { kind: 'pie' } });
    assert.deepEqual(issuePaths(kind), ['options.kind']);
    const first = await api.post(base, { ...saved, name: 'Mine' });
    assert.equal(first.status, 201);
    assert.equal((await api.post(base, { ...saved, name: 'Mine' })).status, 409);
    const id = (first.body as { id: number }).id;
    assert.equal((await api.get(`/api/tenants/BBB/saved-queries/${id}`)).status, 404);
    assert.equal((await api.get(`/api/tenants/BBB/saved-queries/${id}/result`)).status, 404);
    assert.equal((await api.delete(`/api/tenants/BBB/saved-queries/${id}?version=1`)).status, 404);
  });
});
