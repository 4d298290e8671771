import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { readCsv, readXlsx } from '../../formats/table-export/read-back.ts';
import {
  type AnalyticsFixture,
  seedAnalyticsFixture,
  seedOtherTenant,
} from '../../testing/analytics-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import type { SeededTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let f: AnalyticsFixture;
let other: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  f = await seedAnalyticsFixture(database.db);
  other = await seedOtherTenant(database.db);
});
after(() => database.close());

const query = (kind: string, suffix = '') => `/api/tenants/AAA/query/${kind}${suffix}`;
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
const download = async (path: string, body?: unknown) => {
  const res = await api.app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};
const csvOf = async (path: string, body?: unknown) => {
  const { res, bytes } = await download(path, body);
  assert.equal(res.status, 200, bytes.toString());
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  return readCsv(Readable.from(bytes));
};

describe('POST and GET /api/tenants/{code}/query/statistics', () => {
  const body = { filter: { status: 'all' }, by: ['event'], measures: ['count', 'deaths', 'lossesUsd'] };
  const expected = [
    { event: 'Earthquake', count: 1, deaths: 10, lossesUsd: 0 },
    { event: 'Fire', count: 1, deaths: 1, lossesUsd: 0 },
    { event: 'Flood', count: 3, deaths: 3, lossesUsd: 1250.5 },
  ];

  test('JSON rows with hand-computed figures; the GET form gives the same', async () => {
    const post = await api.post(query('statistics'), body);
    assert.equal(post.status, 200, JSON.stringify(post.body));
    assert.deepEqual((post.body as { rows: unknown[] }).rows, expected);
    const get = await api.get(
      query('statistics', q({ filter: '{"status":"all"}', by: 'event', measures: 'count,deaths,lossesUsd' })),
    );
    assert.deepEqual(get.body, post.body);
  });

  test('CSV and XLSX downloads of the same table', async () => {
    const [header, ...rows] = await csvOf(query('statistics', '?format=csv'), body);
    assert.deepEqual(header, ['event', 'count', 'deaths', 'lossesUsd']);
    assert.deepEqual(rows, [
      ['Earthquake', '1', '10', '0'],
      ['Fire', '1', '1', '0'],
      ['Flood', '3', '3', '1250.5'],
    ]);
    const { res, bytes } = await download(query('statistics', '?format=xlsx'), body);
    assert.match(res.headers.get('content-disposition') ?? '', /AAA-statistics-\d{4}-\d\d-\d\d\.xlsx/);
    const [sheet] = await readXlsx(Readable.from(bytes));
    assert.equal(sheet?.name, 'statistics');
    assert.deepEqual(sheet?.rows[3], ['Flood', 3, 3, 1250.5]);
  });

  test('400 names each bad field', async () => {
    const bad = await api.post(query('statistics'), {
      filter: { from: '2020-13', effects: [{ field: 'bogus', min: 1 }] },
      by: ['event', 'year', 'month', 'status'],
      measures: [],
      extra: 1,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad).sort(), [
      '(body)',
      'by',
      'filter.effects.0.field',
      'filter.from',
      'measures',
    ]);
    const unknown = await api.post(query('statistics'), {
      filter: { eventTypes: ['NOPE'] },
      by: ['weekday'],
      measures: ['median:deaths'],
      sort: { by: 'nothing' },
    });
    assert.deepEqual(issuePaths(unknown).sort(), ['by.0', 'filter.eventTypes.0', 'measures.0']);
    const sort = await api.post(query('statistics'), {
      by: ['event'],
      measures: ['count'],
      sort: { by: 'deaths' },
    });
    assert.deepEqual(issuePaths(sort), ['sort.by']);
    const json = await api.get(query('statistics', q({ filter: '{nope', measures: 'count' })));
    assert.deepEqual(issuePaths(json), ['filter']);
    const format = await api.get(query('totals', '?format=pdf'));
    assert.deepEqual(issuePaths(format), ['format']);
  });
});

describe('every query kind, JSON and CSV', () => {
  test('totals', async () => {
    const res = await api.post(query('totals'), { filter: { eventTypes: ['FLOOD'] } });
    assert.equal(res.status, 200);
    const totals = res.body as {
      cards: number;
      sums: Record<string, number>;
      cardsWith: Record<string, number>;
    };
    assert.deepEqual([totals.cards, totals.sums.deaths, totals.cardsWith.deaths], [2, 3, 2]);
    const [header, row] = await csvOf(query('totals', '?format=csv'));
    assert.equal(row![header!.indexOf('deaths')], '13');
  });

  test('list with keyset paging; the CSV holds every card, not one page', async () => {
    const first = await api.get(
      query('list', q({ columns: 'serial,deaths', sort: 'deaths', order: 'desc', pageSize: '2' })),
    );
    const page = first.body as { items: { serial: string }[]; total: number; nextCursor: string };
    assert.deepEqual([page.total, page.items.map((i) => i.serial)], [3, ['S3', 'S1']]);
    const next = await api.post(query('list'), {
      columns: ['serial'],
      sort: 'deaths',
      pageSize: 2,
      cursor: page.nextCursor,
    });
    assert.deepEqual(
      (next.body as { items: { serial: string }[] }).items.map((i) => i.serial),
      ['S2'],
    );
    const [header, ...rows] = await csvOf(
      query(
        'list',
        q({ format: 'csv', columns: 'serial,deaths', sort: 'serial', order: 'asc', pageSize: '1' }),
      ),
    );
    assert.deepEqual(header, ['id', 'serial', 'deaths']);
    assert.deepEqual(
      rows.map((r) => [r[1], r[2]]),
      [
        ['S1', '3'],
        ['S2', ''],
        ['S3', '10'],
      ],
    );
    const bad = await api.post(query('list'), { columns: ['serial', 'nope'], sort: 'nope' });
    assert.deepEqual(issuePaths(bad).sort(), ['columns.1', 'sort']);
  });

  test('crosstab', async () => {
    const res = await api.get(query('crosstab', q({ rows: 'event', columns: 'year', measure: 'count' })));
    assert.equal(res.status, 200);
    assert.equal((res.body as { total: number }).total, 3);
    const csv = await csvOf(
      query('crosstab', q({ format: 'csv', rows: 'event', columns: 'year', measure: 'count' })),
    );
    assert.deepEqual(csv, [
      ['event', '2020', '2021', 'total'],
      ['Earthquake', '0', '1', '1'],
      ['Flood', '2', '0', '2'],
      ['total', '2', '1', '3'],
    ]);
    const same = await api.post(query('crosstab'), { rows: 'year', columns: 'year', measure: 'count' });
    assert.deepEqual(issuePaths(same), ['columns']);
  });

  test('timeseries', async () => {
    const res = await api.post(query('timeseries'), { interval: 'month', measures: ['count'] });
    assert.equal((res.body as { points: unknown[] }).points.length, 10);
    const csv = await csvOf(query('timeseries', q({ format: 'csv', measures: 'deaths' })));
    assert.deepEqual(csv, [
      ['period', 'year', 'deaths'],
      ['2020', '2020', '3'],
      ['2021', '2021', '10'],
    ]);
  });

  test('map: a FeatureCollection with boundaries on request; CSV without them', async () => {
    const res = await api.get(query('map', q({ level: '1', measures: 'count,deaths', geometry: 'false' })));
    const map = res.body as {
      type: string;
      features: { properties: Record<string, unknown>; geometry: unknown }[];
    };
    assert.equal(map.type, 'FeatureCollection');
    assert.deepEqual(
      map.features.map((x) => [x.properties.code, x.properties.deaths, x.geometry]),
      [
        ['AAA-P1', 3, null],
        ['AAA-P2', 10, null],
      ],
    );
    const csv = await csvOf(query('map', q({ format: 'csv', level: '2', measures: 'count' })));
    assert.deepEqual(csv.slice(1), [
      [String(f.districtId), 'AAA-P1-D1', 'AAA-P1-D1', '1'],
      ['', '', '', '2'],
    ]);
    const bad = await api.get(query('map', q({ level: '9', measures: 'count' })));
    assert.deepEqual(issuePaths(bad), ['level']);
  });

  test('profile', async () => {
    const res = await api.get('/api/tenants/AAA/profile?largest=1&language=ru');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const p = res.body as {
      totals: { cards: number };
      byEvent: { rows: { event: string }[] };
      largest: { disaster: string }[];
    };
    assert.equal(p.totals.cards, 3);
    assert.deepEqual(
      p.byEvent.rows.map((r) => r.event),
      ['Flood', 'Землетрясение'],
    );
    assert.deepEqual(
      p.largest.map((c) => c.disaster),
      ['S3 · 2021-02 · Землетрясение'],
    );
  });
});

describe('tenants are isolated', () => {
  test('an unknown tenant is 404; another tenant never counts; its units are unknown references', async () => {
    const missing = await api.post('/api/tenants/NOPE/query/totals', {});
    assert.equal(missing.status, 404);
    assert.equal(errorOf(missing).code, 'not_found');
    const mine = await api.post(query('totals'), {});
    assert.equal((mine.body as { sums: { deaths: number } }).sums.deaths, 13);
    const theirs = await api.post('/api/tenants/BBB/query/totals', {});
    assert.equal((theirs.body as { sums: { deaths: number } }).sums.deaths, 1000);
    const foreign = await api.post(query('totals'), { filter: { geoUnits: [other.provinceId] } });
    assert.deepEqual(issuePaths(foreign), ['filter.geoUnits.0']);
  });
});

test('the OpenAPI document lists every analytics route', async () => {
  const doc = (await api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  for (const kind of ['list', 'totals', 'statistics', 'crosstab', 'timeseries', 'map']) {
    const path = doc.paths[`/api/tenants/{code}/query/${kind}`];
    assert.ok(path?.get && path.post, kind);
  }
  assert.ok(doc.paths['/api/tenants/{code}/profile']?.get);
  assert.ok(doc.paths['/api/tenants/{code}/saved-queries/{id}/result']?.get);
  assert.ok(doc.paths['/api/tenants/{code}/saved-queries']?.post);
});
