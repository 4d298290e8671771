import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { cpi, exchangeRates } from '../../db/schema/index.ts';
import type { Baseline } from '../../shared/schemas/reference-data.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;
let other: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'REF');
  other = await seedTenant(database.db, 'REF2');
  await database.db.insert(exchangeRates).values([
    { currency: 'KZT', year: 2020, perUsd: '412.95', source: 'NBK' },
    { currency: 'KZT', year: 2021, perUsd: '426.06', source: 'NBK' },
    { currency: 'KGS', year: 2020, perUsd: '77.35' },
  ]);
  await database.db.insert(cpi).values([
    { country: 'KAZ', year: 2020, value: '100', baseYear: 2020 },
    { country: 'USA', year: 2020, value: '258.811' },
  ]);
});
after(() => database.close());

const base = (code = t.code) => `/api/tenants/${code}/baselines`;

describe('PUT /api/tenants/{code}/baselines', () => {
  test('upserts national and per-unit values; GET lists them by unit, metric and year', async () => {
    const res = await api.put(base(), {
      values: [
        { year: 2020, metric: 'population', value: 19482117, source: 'WB' },
        { year: 2020, metric: 'gdp', value: 70.6e12, valueUsd: 171.08e9 },
        { unitCode: 'REF-P1', year: 2020, metric: 'population_female', value: 1000000 },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { total: 3, created: 3, updated: 0, unchanged: 0, deleted: 0 });
    const list = (await api.get(base())).body as Baseline[];
    assert.deepEqual(
      list.map((b) => [b.unitCode, b.metric, b.year, b.value, b.valueUsd, b.source]),
      [
        [null, 'gdp', 2020, 70.6e12, 171.08e9, null],
        [null, 'population', 2020, 19482117, null, 'WB'],
        ['REF-P1', 'population_female', 2020, 1000000, null, null],
      ],
    );
    const again = await api.put(base(), { values: [{ year: 2020, metric: 'population', value: 19500000 }] });
    assert.deepEqual(again.body, { total: 1, created: 0, updated: 1, unchanged: 0, deleted: 0 });
  });

  test('400 names each bad field', async () => {
    const res = await api.put(base(), {
      values: [
        { year: 2020.5, metric: 'population', value: 1 },
        { year: 2020, metric: 'popluation', value: 1 },
        { year: 2020, metric: 'households', value: 1, valueUsd: 2 },
        { year: 2020, metric: 'population', value: -1 },
        { year: 2020, metric: 'population_male', value: 1.5 },
        { year: 2020, metric: 'roads_paved_pct', value: 120 },
        { year: 2020, metric: 'gdp' },
      ],
    });
    assert.equal(res.status, 400);
    assert.deepEqual(issuePaths(res), [
      'values.0.year',
      'values.1.metric',
      'values.2.valueUsd',
      'values.3.value',
      'values.4.value',
      'values.5.value',
      'values.6.value',
    ]);
    assert.deepEqual(issuePaths(await api.put(base(), { values: [] })), ['values']);
    assert.equal(
      (await api.put(base(), { values: [{ year: 2020, metric: 'gdp', value: 1, extra: 1 }] })).status,
      400,
    );
  });

  test("400 for an unknown unit or another tenant's, naming the value; nothing is written", async () => {
    const res = await api.put(base(), {
      values: [
        { year: 2040, metric: 'population', value: 1 },
        { unitCode: `${other.code}-P1`, year: 2040, metric: 'population', value: 1 },
      ],
    });
    assert.equal(res.status, 400);
    assert.deepEqual(issuePaths(res), ['values.1.unitCode']);
    assert.deepEqual((await api.get(`${base()}?yearFrom=2040`)).body, []);
  });

  test('404 for an unknown tenant', async () => {
    const res = await api.put(base('NOPE'), { values: [{ year: 2020, metric: 'population', value: 1 }] });
    assert.equal(res.status, 404);
  });
});

describe('GET /api/tenants/{code}/baselines', () => {
  test('filters by metric, unit (or national) and years', async () => {
    const metric = (await api.get(`${base()}?metric=population_female`)).body as Baseline[];
    assert.deepEqual(
      metric.map((b) => b.unitCode),
      ['REF-P1'],
    );
    const national = (await api.get(`${base()}?unit=national&yearFrom=2020&yearTo=2020`)).body as Baseline[];
    assert.deepEqual(
      national.map((b) => b.metric),
      ['gdp', 'population'],
    );
    assert.deepEqual(issuePaths(await api.get(`${base()}?yearFrom=abc`)), ['yearFrom']);
  });

  test("another tenant sees none of them, and naming this tenant's unit there is 404", async () => {
    assert.deepEqual((await api.get(base(other.code))).body, []);
    const res = await api.get(`${base(other.code)}?unit=REF-P1`);
    assert.equal(res.status, 404);
    assert.match(errorOf(res).message, /REF-P1/);
    assert.equal((await api.get(base('NOPE'))).status, 404);
  });
});

describe('GET /api/exchange-rates and /api/cpi', () => {
  test('list rates by currency and year range', async () => {
    assert.deepEqual((await api.get('/api/exchange-rates?currency=kzt&yearFrom=2021')).body, [
      { currency: 'KZT', year: 2021, perUsd: 426.06, source: 'NBK' },
    ]);
    assert.equal(((await api.get('/api/exchange-rates')).body as unknown[]).length, 3);
    assert.deepEqual(issuePaths(await api.get('/api/exchange-rates?currency=KZ1')), ['currency']);
  });

  test('list CPI by country', async () => {
    assert.deepEqual((await api.get('/api/cpi?country=KAZ')).body, [
      { country: 'KAZ', year: 2020, value: 100, baseYear: 2020, source: null },
    ]);
    assert.deepEqual(issuePaths(await api.get('/api/cpi?country=KZ&yearTo=x')).sort(), ['country', 'yearTo']);
  });

  test('the routes are in the OpenAPI document', async () => {
    const doc = (await api.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    assert.ok(doc.paths['/api/tenants/{code}/baselines']?.put);
    assert.ok(doc.paths['/api/tenants/{code}/baselines']?.get);
    assert.ok(doc.paths['/api/exchange-rates']?.get);
    assert.ok(doc.paths['/api/cpi']?.get);
  });
});
