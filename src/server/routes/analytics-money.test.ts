/**
 * The money option over HTTP (POST body and GET `money=currency,basis,baseYear`), on the figures
 * of src/testing/money-factories.ts, and its place in the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { issuePaths, testClient } from '../../testing/http.ts';
import { seedMoneyFixture } from '../../testing/money-factories.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  await seedMoneyFixture(database.db);
});
after(() => database.close());

const query = (kind: string, params?: Record<string, string>) =>
  `/api/tenants/MNY/query/${kind}${params ? `?${new URLSearchParams(params)}` : ''}`;

interface Money {
  currency: string;
  basis: string;
  baseYear: number | null;
  counts: Record<string, number>;
  missingRateYears: number[];
  missingCpiYears: number[];
}
type Rows = { rows: Record<string, unknown>[]; money?: Money };

describe('the money option of /query/statistics', () => {
  test('POST: USD at constant 2020 prices, a missing rate or index left out and counted', async () => {
    const body = {
      by: ['year'],
      measures: ['lossesUsd'],
      money: { currency: 'usd', basis: 'constant', baseYear: 2020 },
    };
    const post = await api.post(query('statistics'), body);
    assert.equal(post.status, 200, JSON.stringify(post.body));
    const r = post.body as Rows;
    assert.deepEqual(r.rows, [
      { year: 2019, lossesUsd: 4 },
      { year: 2020, lossesUsd: 15 },
      { year: 2021, lossesUsd: null },
    ]);
    assert.deepEqual(
      [
        r.money?.currency,
        r.money?.basis,
        r.money?.baseYear,
        r.money?.missingRateYears,
        r.money?.missingCpiYears,
      ],
      ['usd', 'constant', 2020, [2021], [2021]],
    );
    assert.deepEqual(r.money?.counts, {
      reported: 3,
      converted: 2,
      deflated: 4,
      missing_rate: 1,
      missing_cpi: 1,
    });
  });

  test('GET money=usd,constant,2020 (and usd,2020) answers as the POST body does', async () => {
    const post = await api.post(query('statistics'), {
      by: ['year'],
      measures: ['lossesUsd'],
      money: { currency: 'usd', basis: 'constant', baseYear: 2020 },
    });
    for (const money of [
      'usd,constant,2020',
      'usd,2020',
      '{"currency":"usd","basis":"constant","baseYear":2020}',
    ]) {
      const get = await api.get(query('statistics', { by: 'year', measures: 'lossesUsd', money }));
      assert.deepEqual(get.body, post.body, money);
    }
  });

  test('without money the figures are as stored, and money=usd converts (reported dollars win)', async () => {
    const plain = await api.get(query('statistics', { measures: 'lossesUsd' }));
    assert.deepEqual(plain.body, {
      dimensions: [],
      measures: ['lossesUsd'],
      rows: [{ lossesUsd: 20 }],
      keys: [{}],
    });
    const usd = (await api.get(query('statistics', { measures: 'lossesUsd', money: 'usd' }))).body as Rows;
    assert.deepEqual(usd.rows, [{ lossesUsd: 24 }]); // 2 + 10 + 3 + 7 + 2; G (no 2021 rate) left out
    assert.equal(usd.money?.counts.missing_rate, 1);
  });

  test('a malformed money option is a 400 naming the field', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ money: 'eur' }, ['money.currency']],
      [{ money: 'usd,constant' }, ['money.baseYear']],
      [{ money: 'usd,nominal,2015' }, ['money.baseYear']],
      [{ money: 'usd,real' }, ['money.basis']],
    ];
    for (const [params, paths] of cases) {
      const res = await api.get(query('statistics', { measures: 'lossesUsd', ...params }));
      assert.equal(res.status, 400, params.money);
      assert.deepEqual(issuePaths(res), paths, params.money);
    }
    const post = await api.post(query('totals'), { money: { currency: 'usd', basis: 'constant' } });
    assert.deepEqual(issuePaths(post), ['money.baseYear']);
  });
});

describe('money in the other results', () => {
  test('totals, crosstab, time series, map and list carry the converted figures and the block', async () => {
    const money = 'local,constant,2020';
    const totals = (await api.get(query('totals', { money }))).body as {
      sums: Record<string, number>;
      money: Money;
    };
    assert.equal(totals.sums.lossesLocal, 8480); // 1000 + 7000 + 480; D (no rate) left out
    assert.equal(totals.money.counts.missing_rate, 1);
    const crosstab = (
      await api.get(query('crosstab', { rows: 'geo1', columns: 'year', measure: 'lossesLocal', money }))
    ).body as { total: number; money: Money };
    assert.deepEqual([crosstab.total, crosstab.money.baseYear], [8480, 2020]);
    const series = (await api.get(query('timeseries', { measures: 'lossesLocal', money }))).body as {
      points: { lossesLocal: number }[];
      money: Money;
    };
    assert.deepEqual(
      series.points.map((p) => p.lossesLocal),
      [1000, 7000, 480],
    );
    const map = (await api.get(query('map', { measures: 'lossesLocal', geometry: 'false', money }))).body as {
      features: { properties: { lossesLocal: number } }[];
      money: Money;
    };
    assert.deepEqual(
      map.features.map((x) => x.properties.lossesLocal),
      [6000, 2480], // P1: A 1000 + B 5000; P2: C 1000 + E 1000 + G 480
    );
    const list = (
      await api.get(
        query('list', { columns: 'serial,lossesLocal,moneyFlags', sort: 'serial', order: 'asc', money }),
      )
    ).body as { items: Record<string, unknown>[]; money: Money };
    assert.deepEqual(list.items[4], {
      id: list.items[4]?.id,
      serial: 'E',
      lossesLocal: 1000,
      moneyFlags: ['reported', 'deflated'],
    });
    assert.equal(list.money.counts.deflated, 5);
  });

  test('GET /profile?money=usd converts every loss figure', async () => {
    const res = await api.get('/api/tenants/MNY/profile?money=usd');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const p = res.body as { totals: { sums: { lossesUsd: number } }; money: Money };
    assert.equal(p.totals.sums.lossesUsd, 24);
    assert.equal(p.money.currency, 'usd');
    const bad = await api.get('/api/tenants/MNY/profile?money=usd,constant');
    assert.deepEqual(issuePaths(bad), ['money.baseYear']);
  });
});

test('the OpenAPI document describes the money option and the money block', async () => {
  const doc = (await api.get('/api/openapi.json')).body as {
    paths: Record<string, { get: { parameters: { name: string }[] } }>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  assert.ok(doc.components.schemas.MoneyBasis?.properties?.basis);
  assert.ok(doc.components.schemas.MoneyResult?.properties?.counts);
  assert.ok(doc.components.schemas.StatisticsQuery?.properties?.money);
  assert.ok(doc.components.schemas.StatisticsResult?.properties?.money);
  const names = doc.paths['/api/tenants/{code}/query/statistics']?.get.parameters.map((p) => p.name);
  assert.ok(names?.includes('money'));
  assert.ok(doc.paths['/api/tenants/{code}/profile']?.get.parameters.some((p) => p.name === 'money'));
});
