import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { legacyRows, tenants } from '../../db/schema/index.ts';
import { readCsv, readXlsx } from '../../formats/table-export/read-back.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, testClient } from '../../testing/http.ts';
import { exportRoutes } from './exports.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'XPT');
  for (const [serial, status] of [
    ['A-1', 'published'],
    ['A-2', 'draft'],
  ]) {
    const res = await api.post(`/api/tenants/${t.code}/datacards`, {
      serial,
      status,
      eventTypeId: t.eventTypeId,
      geoUnitId: t.districtId,
      startYear: 2021,
      effects: { deaths: { value: 2, present: true } },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});
after(() => database.close());

const download = (path: string) => api.app.request(`/api/tenants/${t.code}/exports/${path}`);

describe('GET /api/tenants/{code}/exports/…', () => {
  test('datacards.csv streams published cards as an attachment', async () => {
    const res = await download('datacards.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /^attachment; filename="XPT-datacards-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const [header, ...rows] = await readCsv(Readable.from(Buffer.from(await res.arrayBuffer())));
    assert.equal(rows.length, 1);
    assert.equal(rows[0]![header!.indexOf('serial')], 'A-1');
  });

  test('status=all and the year filter reach the export', async () => {
    const all = await readCsv(
      Readable.from(Buffer.from(await (await download('datacards.csv?status=all')).arrayBuffer())),
    );
    assert.equal(all.length, 3);
    const none = await readCsv(
      Readable.from(
        Buffer.from(await (await download('datacards.csv?status=all&yearFrom=2022')).arrayBuffer()),
      ),
    );
    assert.equal(none.length, 1);
  });

  test('datacards.xlsx and datacards.geojson download', async () => {
    const xlsx = await download('datacards.xlsx');
    assert.equal(xlsx.status, 200);
    const [sheet] = await readXlsx(Readable.from(Buffer.from(await xlsx.arrayBuffer())));
    assert.equal(sheet!.rows.length, 2);
    const geo = await download('datacards.geojson?status=all');
    assert.equal(geo.headers.get('content-type'), 'application/geo+json');
    assert.equal((await geo.json()).features.length, 2);
  });

  test('desinventar.xml streams the DesInventar export', async () => {
    const res = await download('desinventar.xml?status=all');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /filename="DI_export_xpt\.xml"/);
    const xml = await res.text();
    assert.ok(xml.startsWith('<?xml version="1.0"  encoding="UTF-8" ?>\n<DESINVENTAR>'));
    assert.equal(xml.match(/<TR><serial>A-/g)?.length, 2);
    assert.ok(xml.trimEnd().endsWith('</DESINVENTAR>'));
  });

  test('errors before streaming are JSON: 400 for a bad status, 404 for an unknown unit or tenant', async () => {
    const bad = await api.get(`/api/tenants/${t.code}/exports/datacards.csv?status=maybe`);
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad).code, 'validation_failed');
    const unit = await api.get(`/api/tenants/${t.code}/exports/datacards.csv?geoUnitId=999999`);
    assert.equal(unit.status, 404);
    assert.equal(errorOf(unit).code, 'not_found');
    assert.equal((await api.get('/api/tenants/NOPE/exports/desinventar.xml')).status, 404);
  });

  test('the downloads are described for the OpenAPI document', () => {
    const doc = exportRoutes('pglite').getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 't', version: '0' },
    });
    for (const path of ['datacards.csv', 'datacards.xlsx', 'datacards.geojson', 'desinventar.xml'])
      assert.ok(doc.paths?.[`/api/tenants/{code}/exports/${path}`]?.get, path);
  });
});

test('verbatim tables kept from a DesInventar import go only to staff of the whole tenant', async () => {
  await database.db.insert(legacyRows).values({
    tenantId: t.tenantId,
    tableName: 'wordsdocs',
    position: 1,
    data: { docs: 'KEPT-VERBATIM-ROW' },
  });
  await database.db.update(tenants).set({ isPublic: true }).where(eq(tenants.id, t.tenantId));
  try {
    const staff = await (await download('desinventar.xml')).text();
    assert.match(staff, /KEPT-VERBATIM-ROW/);
    const anonymous = testClient(database, 'anonymous');
    const res = await anonymous.app.request(`/api/tenants/${t.code}/exports/desinventar.xml`);
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.equal(text.includes('KEPT-VERBATIM-ROW'), false);
    assert.match(text, /<fichas>/);
  } finally {
    await database.db.update(tenants).set({ isPublic: false }).where(eq(tenants.id, t.tenantId));
  }
});
