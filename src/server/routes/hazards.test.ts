import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import type { Hazard } from '../../shared/schemas/hazards.ts';
import { seedHazards } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  await seedHazards(database.db);
});
after(() => database.close());

const codes = async (query = '') =>
  ((await api.get(`/api/hazards${query}`)).body as Hazard[]).map((h) => h.code);

describe('GET /api/hazards', () => {
  test('lists every hazard by code with its classification', async () => {
    const res = await api.get('/api/hazards');
    assert.equal(res.status, 200);
    const list = res.body as Hazard[];
    assert.deepEqual(
      list.map((h) => h.code),
      ['GH0101', 'MH0600', 'MH0601', 'MH0603'],
    );
    assert.deepEqual(list[1], {
      code: 'MH0600',
      names: { en: 'Flooding', ru: 'Наводнение' },
      typeName: 'Meteorological and Hydrological',
      clusterName: 'Water-related',
      clusterCode: 'MH-WATER',
      code2020: null,
      umbrella: true,
      definition: null,
    });
  });

  test('q searches codes and names in every language, ignoring case and LIKE wildcards', async () => {
    assert.deepEqual(await codes('?q=flash'), ['MH0603']);
    assert.deepEqual(await codes('?q=mh060'), ['MH0600', 'MH0601', 'MH0603']);
    assert.deepEqual(await codes(`?q=${encodeURIComponent('землетр')}`), ['GH0101']);
    assert.deepEqual(await codes('?q=_'), []);
  });

  test('filters by type name and by cluster code or name', async () => {
    assert.deepEqual(await codes('?type=geological'), ['GH0101']);
    assert.deepEqual(await codes('?cluster=MH-WATER'), ['MH0600', 'MH0601', 'MH0603']);
    assert.deepEqual(await codes('?cluster=seismic&q=earth'), ['GH0101']);
    assert.deepEqual(await codes('?type=Biological'), []);
  });

  test('400 naming q when it is too long', async () => {
    assert.deepEqual(issuePaths(await api.get(`/api/hazards?q=${'x'.repeat(101)}`)), ['q']);
  });
});

describe('GET /api/hazards/{code}', () => {
  test('returns the hazard (code case-insensitive)', async () => {
    assert.equal(((await api.get('/api/hazards/GH0101')).body as Hazard).names.en, 'Earthquake');
    assert.equal(((await api.get('/api/hazards/mh0601')).body as Hazard).code, 'MH0601');
  });

  test('404 for an unknown code', async () => {
    const res = await api.get('/api/hazards/ZZ9999');
    assert.equal(res.status, 404);
    assert.match(errorOf(res).message, /ZZ9999/);
  });
});
