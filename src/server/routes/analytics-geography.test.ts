/**
 * `geography=current` through HTTP (cross-tab, country profile) and the profile's downloads, over
 * the Kazakhstan-2022-like boundary change of src/testing/boundary-factories.ts.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Database } from '../../db/engine.ts';
import { readCsv } from '../../formats/table-export/read-back.ts';
import { seedBoundaryChange } from '../../testing/boundary-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  await seedBoundaryChange(database.db);
});
after(() => database.close());

const HIST = ' (historical unit, until 2022-06-08)';
const CURRENT_UNITS = [
  ['Abai', 3, 9],
  ['Akmola', 1, 1],
  [`Almaty${HIST}`, 1, 4],
  [`East Kazakhstan${HIST}`, 1, 2],
  ['Karaganda', 1, 7],
  [`Karaganda${HIST}`, 1, 1],
  ['Merged', 2, 5],
];

const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
/**
 * Sheets by name, read whole: the streaming reader (read-back.ts) names sheets by position alone
 * when the sheet parts precede xl/workbook.xml, as exceljs's streaming writer puts them.
 */
async function workbookSheets(bytes: Buffer): Promise<[string, unknown[][]][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((w) => {
    const rows: unknown[][] = [];
    w.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return [w.name, rows];
  });
}

const download = async (path: string) => {
  const res = await api.app.request(path);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, bytes.toString());
  return { res, bytes };
};

test("GET /query/crosstab?geography=current > rows on today's units, also as CSV", async () => {
  const params = { rows: 'geo1', columns: 'year', measure: 'deaths', geography: 'current' };
  const res = await api.get(`/api/tenants/KZB/query/crosstab${q(params)}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const tab = res.body as { rows: { label: string; total: number }[]; total: number };
  assert.deepEqual(
    tab.rows.map((r) => [r.label, r.total]),
    CURRENT_UNITS.map(([name, , deaths]) => [name, deaths]),
  );
  const { bytes } = await download(`/api/tenants/KZB/query/crosstab${q({ ...params, format: 'csv' })}`);
  const csv = await readCsv(Readable.from(bytes));
  assert.deepEqual(csv[0], ['geo1', '2019', '2020', '2021', '2023', 'total']);
  assert.deepEqual(csv[1], ['Abai', '0', '8', '0', '1', '9']);
});

describe('GET /api/tenants/{code}/profile', () => {
  test('geography=current re-aggregates the top-level units; historical is the default', async () => {
    const profile = async (params: Record<string, string>) => {
      const res = await api.get(`/api/tenants/KZB/profile${q(params)}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as { geography: string; byTopUnit: { rows: Record<string, unknown>[] } };
    };
    const current = await profile({ geography: 'current' });
    assert.equal(current.geography, 'current');
    assert.deepEqual(
      current.byTopUnit.rows.map((r) => [r.geo1, r.count, r.deaths]),
      CURRENT_UNITS,
    );
    const historical = await profile({});
    assert.equal(historical.geography, 'historical');
    assert.deepEqual(
      historical.byTopUnit.rows.map((r) => r.geo1),
      ['Abai', 'Akmola', 'Almaty', 'East Kazakhstan', 'East Merge', 'Karaganda', 'West Merge'],
    );
  });

  test('format=xlsx: one sheet per table; table= keeps one', async () => {
    const { res, bytes } = await download('/api/tenants/KZB/profile?format=xlsx&geography=current');
    assert.match(res.headers.get('content-disposition') ?? '', /KZB-profile-\d{4}-\d\d-\d\d\.xlsx/);
    const sheets = new Map(await workbookSheets(bytes));
    assert.deepEqual([...sheets.keys()], ['totals', 'byEvent', 'byTopUnit', 'byYear', 'largest']);
    const sheet = (name: string) => sheets.get(name)!;
    assert.deepEqual(sheet('totals')[1]?.slice(0, 2), [10, 29]);
    assert.deepEqual(
      sheet('byTopUnit').map((r) => r.slice(0, 3)),
      [['geo1', 'count', 'deaths'], ...CURRENT_UNITS],
    );
    assert.deepEqual(
      sheet('byYear').map((r) => r[0]),
      ['period', '2019', '2020', '2021', '2022', '2023'],
    );
    assert.deepEqual(sheet('largest')[0], [
      'id',
      'disaster',
      'count',
      'deaths',
      'missing',
      'directlyAffected',
      'housesDestroyed',
      'lossesUsd',
    ]);
    assert.deepEqual(sheet('largest')[1]?.slice(3, 4), [7]);
    const one = await download('/api/tenants/KZB/profile?format=xlsx&table=largest');
    assert.deepEqual(
      (await workbookSheets(one.bytes)).map(([name]) => name),
      ['largest'],
    );
  });

  test('format=csv: the table chosen by table=, which a CSV needs (400 naming it)', async () => {
    const { res, bytes } = await download('/api/tenants/KZB/profile?format=csv&table=byEvent');
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') ?? '', /KZB-profile-byEvent-/);
    const [header, ...rows] = await readCsv(Readable.from(bytes));
    assert.deepEqual(header?.slice(0, 3), ['event', 'count', 'deaths']);
    assert.deepEqual(
      rows.map((r) => r.slice(0, 3)),
      [['Flood', '10', '29']],
    );
    assert.deepEqual(issuePaths(await api.get('/api/tenants/KZB/profile?format=csv')), ['table']);
    assert.deepEqual(issuePaths(await api.get('/api/tenants/KZB/profile?format=csv&table=nope')), ['table']);
  });
});
