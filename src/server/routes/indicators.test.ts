import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { readCsv, readXlsx } from '../../formats/table-export/read-back.ts';
import type { IndicatorReport, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';
import { insertBaselines, insertCpi } from '../../testing/sendai-factories.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;
let other: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'IND');
  other = await seedTenant(database.db, 'OTH');
  await insertBaselines(database.db, t, 2020, { population: 1_000_000 });
  await insertCard(database.db, t, { status: 'published', startYear: 2020, deaths: 3, missing: 1 });
  await insertCard(database.db, t, { status: 'draft', startYear: 2021, deaths: 7 });
  await insertCard(database.db, other, { status: 'published', startYear: 2020, deaths: 1000 });
});
after(() => database.close());

const base = () => `/api/tenants/${t.code}/indicators`;
const ROUTES = ['', '.csv', '.xlsx', '/report', '/sdg', '/sdg.csv', '/sdg.xlsx'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const download = async (path: string) => {
  const res = await api.app.request(path);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
};
const a1 = (rows: IndicatorRow[], year = 2020) =>
  rows.find((r) => r.indicator === 'A-1' && r.year === year && r.dimension === 'total');

describe('GET /api/tenants/{code}/indicators', () => {
  test('JSON: rows with numerator, denominator and flags; published cards of this tenant only', async () => {
    const res = await api.get(base());
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const report = res.body as IndicatorReport;
    assert.deepEqual(
      [report.tenant, report.from, report.to, report.status],
      ['IND', 2020, 2020, ['published']],
    );
    assert.deepEqual(a1(report.rows), {
      indicator: 'A-1',
      year: 2020,
      dimension: 'total',
      category: 'all',
      value: 0.4,
      numerator: 4,
      denominator: 1_000_000,
      unit: 'per_100000',
      flags: [],
    });
    assert.ok(report.definitions.some((d) => d.code === 'C-1'));
  });

  test('status, year range and disaggregations reach the engine', async () => {
    const res = await api.get(`${base()}?status=published,draft&from=2020&to=2021&by=sex,geo`);
    const report = res.body as IndicatorReport;
    assert.deepEqual(report.status, ['published', 'draft']);
    assert.deepEqual(a1(report.rows, 2021)?.flags, ['missing_denominator']);
    assert.equal(a1(report.rows, 2021)?.numerator, 7);
    assert.ok(report.rows.some((r) => r.dimension === 'sex' && r.category === 'female'));
    assert.ok(report.rows.some((r) => r.dimension === 'geo' && r.category === 'IND-P1'));
    const all = (await api.get(`${base()}?status=all&by=all`)).body as IndicatorReport;
    assert.equal(all.by.length, 10);
  });

  test('400 for each bad parameter', async () => {
    for (const [query, path] of [
      ['from=abc', 'from'],
      ['to=99999', 'to'],
      ['from=2021&to=2020', 'to'],
      ['from=1000&to=2000', 'to'],
      ['status=maybe', 'status'],
      ['status=published,nope', 'status'],
      ['by=colour', 'by'],
    ]) {
      for (const suffix of ROUTES) {
        const res = await api.get(`${base()}${suffix}?${query}`);
        assert.equal(res.status, 400, `${suffix}?${query}`);
        assert.deepEqual(issuePaths(res), [path], `${suffix}?${query}`);
      }
    }
  });

  test('404 for an unknown tenant on every route', async () => {
    for (const suffix of ROUTES) {
      const res = await api.get(`/api/tenants/NOPE/indicators${suffix}`);
      assert.equal(res.status, 404, suffix);
      assert.equal(errorOf(res).code, 'not_found');
    }
  });

  test('another tenant sees only its own cards', async () => {
    const report = (await api.get(`/api/tenants/${other.code}/indicators`)).body as IndicatorReport;
    assert.equal(a1(report.rows)?.numerator, 1000);
    assert.deepEqual(a1(report.rows)?.flags, ['missing_denominator']);
  });

  test('indicators.csv is an attachment of Sendai Framework Monitor rows', async () => {
    const res = await api.app.request(`${base()}.csv`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /filename="IND-sendai-indicators-2020-2020\.csv"/,
    );
    const lines = (await res.text()).trimEnd().split('\n');
    assert.equal(
      lines[0],
      'indicator,year,dimension,category,value,numerator,denominator,unit,flags,sfmCode',
    );
    assert.equal(lines[1], 'A-1,2020,total,all,0.4,4,1000000,per_100000,,A-1');
    assert.ok(lines.includes('A-2,2020,total,all,0.3,3,1000000,per_100000,,A-2a'), lines.join('\n'));
  });

  test('report is readable Markdown; sdg gives 1.5.1 from A-2 + A-3 + B-1', async () => {
    const res = await api.app.request(`${base()}/report`);
    assert.equal(res.headers.get('content-type'), 'text/markdown; charset=utf-8');
    const markdown = await res.text();
    assert.match(markdown, /^# Sendai Framework indicators — IND \(2020–2020\)/);
    assert.match(markdown, /\n## 2020\n/);
    // The national metadata the SFM asks for: states counted, household size and rate of each year.
    assert.match(markdown, /\n## National metadata\n\n- \*\*Datacard states counted\*\*: published;/);
    assert.match(markdown, /\| 2020 \| 4 \| default \| 1 \| accounts in USD \|\n/);
    const sdg = (await api.get(`${base()}/sdg`)).body as IndicatorReport;
    const row = sdg.rows.find((r) => r.indicator === '1.5.1' && r.year === 2020);
    assert.deepEqual([row?.numerator, row?.value], [4, 0.4]);
  });

  test('money=usd,constant,2015 reaches every route and each says the basis; a bad basis is 400', async () => {
    await insertCpi(database.db, 'USA', { 2015: 200, 2020: 250 });
    await insertCard(database.db, t, { status: 'published', startYear: 2020, lossesUsd: '500' });
    const query = '?money=usd,constant,2015';
    const report = (await api.get(`${base()}${query}`)).body as IndicatorReport;
    assert.deepEqual(
      [report.currency, report.money],
      ['USD (constant 2015)', { currency: 'usd', currencyCode: 'USD', basis: 'constant', baseYear: 2015 }],
    );
    const c1 = report.rows.find((r) => r.indicator === 'C-1' && r.year === 2020 && r.dimension === 'total');
    assert.deepEqual([c1?.numerator, c1?.flags], [400, ['deflated', 'missing_denominator']]);
    const csv = await (await api.app.request(`${base()}.csv${query}`)).text();
    assert.match(csv, /\nC-2,2020,total,all,0,0,,USD \(constant 2015\),,C-2\n/);
    const markdown = await (await api.app.request(`${base()}/report${query}`)).text();
    assert.match(markdown, /Money in USD \(constant 2015\)/);
    const sdg = (await api.get(`${base()}/sdg${query}`)).body as IndicatorReport;
    assert.equal(sdg.rows.find((r) => r.indicator === '1.5.2' && r.year === 2020)?.numerator, 400);
    for (const [money, path] of [
      ['eur', 'money.currency'],
      ['usd,constant', 'money.baseYear'],
    ]) {
      for (const suffix of ROUTES) {
        const res = await api.get(`${base()}${suffix}?money=${money}`);
        assert.equal(res.status, 400, `${suffix}?money=${money}`);
        assert.deepEqual(issuePaths(res), [path], `${suffix}?money=${money}`);
      }
    }
  });

  test('every route is in the OpenAPI document; downloads name their media type', async () => {
    type Op = { get?: { responses: Record<string, { content?: Record<string, unknown> }> } };
    const doc = (await api.get('/api/openapi.json')).body as { paths: Record<string, Op> };
    for (const suffix of ROUTES) assert.ok(doc.paths[`/api/tenants/{code}/indicators${suffix}`]?.get, suffix);
    const media = (suffix: string) =>
      Object.keys(doc.paths[`/api/tenants/{code}/indicators${suffix}`]!.get!.responses['200']!.content!);
    assert.deepEqual(media('.xlsx'), [XLSX]);
    assert.deepEqual(media('/sdg.csv'), ['text/csv; charset=utf-8']);
    assert.deepEqual(media('/sdg.xlsx'), [XLSX]);
  });

  test('indicators.xlsx: one sheet of the CSV rows, numbers as numbers', async () => {
    const { res, bytes } = await download(`${base()}.xlsx?from=2020&to=2020`);
    assert.equal(res.status, 200, bytes.toString());
    assert.equal(res.headers.get('content-type'), XLSX);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /filename="IND-sendai-indicators-2020-2020\.xlsx"/,
    );
    const [sheet, ...more] = await readXlsx(Readable.from(bytes));
    assert.equal(more.length, 0);
    assert.equal(sheet!.name, 'indicators');
    const csv = await readCsv(
      Readable.from(await (await api.app.request(`${base()}.csv?from=2020&to=2020`)).text()),
    );
    assert.deepEqual(sheet!.rows[0], csv[0]);
    assert.equal(sheet!.rows.length, csv.length);
    assert.deepEqual(sheet!.rows[1], [
      'A-1',
      2020,
      'total',
      'all',
      0.4,
      4,
      1_000_000,
      'per_100000',
      null,
      'A-1',
    ]);
  });

  test('sdg.csv and sdg.xlsx: the SDG rows of /sdg, without SFM codes', async () => {
    const sdg = (await api.get(`${base()}/sdg?from=2020&to=2020`)).body as IndicatorReport;
    const { res, bytes } = await download(`${base()}/sdg.csv?from=2020&to=2020`);
    assert.equal(res.status, 200, bytes.toString());
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /filename="IND-sdg-indicators-2020-2020\.csv"/,
    );
    const records = await readCsv(Readable.from(bytes));
    assert.deepEqual(records[0], [
      'indicator',
      'year',
      'dimension',
      'category',
      'value',
      'numerator',
      'denominator',
      'unit',
      'flags',
    ]);
    assert.deepEqual(
      records.slice(1).map((r) => r[0]),
      sdg.rows.map((r) => r.indicator),
    );
    assert.deepEqual(records[1], ['1.5.1', '2020', 'total', 'all', '0.4', '4', '1000000', 'per_100000', '']);
    const xlsx = await download(`${base()}/sdg.xlsx?from=2020&to=2020`);
    assert.equal(xlsx.res.headers.get('content-type'), XLSX);
    const [sheet] = await readXlsx(Readable.from(xlsx.bytes));
    assert.equal(sheet!.name, 'sdg');
    // An empty last cell (no flags) ends the row.
    assert.deepEqual(sheet!.rows[1], ['1.5.1', 2020, 'total', 'all', 0.4, 4, 1_000_000, 'per_100000']);
    assert.equal(sheet!.rows.length, records.length);
  });
});
