import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { datacards, extraFieldDefinitions, geoUnits } from '../../db/schema/index.ts';
import { readCsv, readXlsx } from '../../formats/table-export/read-back.ts';
import { AppError } from '../../shared/errors.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { createDatacard, deleteDatacard } from '../datacards/write.ts';
import { resolveTenant } from '../tenants/tenants.ts';
import { type CardExportFormat, exportCards } from './cards.ts';
import type { CardExportFilter } from './read.ts';

let database: Database;
let t: SeededTenant;
let ctx: RequestContext;
const ids: Record<string, string> = {};

const NOTE = 'Rain, "heavy"\nsecond line — Қызылорда';

before(async () => {
  database = await openTestDatabase();
  t = await seedTenant(database.db, 'EXP');
  await seedTenant(database.db, 'OTH');
  ctx = withTenant(systemContext(), await resolveTenant(database.db, 'EXP'));
  await database.db
    .update(geoUnits)
    .set({ centroidLon: 11, centroidLat: 41 })
    .where(and(eq(geoUnits.tenantId, t.tenantId), eq(geoUnits.id, t.districtId)));
  await database.db
    .insert(extraFieldDefinitions)
    .values({ tenantId: t.tenantId, key: 'RAIN_MM', type: 'decimal', labels: { en: 'Rain (mm)' } });
  const card = async (name: string, input: Record<string, unknown>) => {
    const created = await createDatacard(database.db, ctx, {
      eventTypeId: t.eventTypeId,
      geoUnitId: t.districtId,
      startYear: 2020,
      ...input,
    });
    ids[name] = created.id;
    return created;
  };
  await card('published', {
    serial: 'P-1',
    status: 'published',
    causeId: t.causeId,
    comments: NOTE,
    latitude: 40.5,
    longitude: 10.5,
    effects: { deaths: { value: 3, present: true }, lossesLocal: { value: 1234567.89, present: false } },
    sectors: { water: { value: null, present: true } },
    extra: { RAIN_MM: 12.5 },
  });
  await card('draft', { serial: 'D-1', status: 'draft', startYear: 2010 });
  await card('otherProvince', {
    serial: 'P-2',
    status: 'published',
    geoUnitId: t.otherProvinceId,
    startYear: 2015,
  });
  const deleted = await card('deleted', { serial: 'X-1', status: 'published' });
  await deleteDatacard(database.db, ctx, deleted.id, deleted.version);
});
after(() => database.close());

async function run(format: CardExportFormat, filter: CardExportFilter = {}, context = ctx): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportCards(database.db, context, format, out, filter);
  return Buffer.concat(chunks);
}

/** CSV rows as objects keyed by header. */
async function csvRows(filter: CardExportFilter = {}): Promise<Record<string, string>[]> {
  const [header, ...rows] = await readCsv(Readable.from(await run('csv', filter)));
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

describe('exportCards', () => {
  test('CSV holds published live cards of the tenant only, with names resolved and exact values', async () => {
    const rows = await csvRows();
    assert.deepEqual(rows.map((r) => r.serial).sort(), ['P-1', 'P-2']);
    const p = rows.find((r) => r.serial === 'P-1')!;
    assert.equal(p.id, ids.published);
    assert.equal(p.comments, NOTE);
    assert.deepEqual(
      [p.eventTypeCode, p.eventTypeName, p.causeCode, p.causeName],
      ['FLOOD', 'Flood', 'RAIN', 'Rain'],
    );
    assert.deepEqual([p.level1Code, p.level2Code, p.geoUnitCode], ['EXP-P1', 'EXP-P1-D1', 'EXP-P1-D1']);
    assert.deepEqual([p.deaths, p.deaths_present, p.injured, p.injured_present], ['3', 'true', '', 'false']);
    assert.equal(p.lossesLocal, '1234567.89');
    assert.deepEqual([p.water, p.water_present], ['', 'true']);
    assert.equal(p['extra.RAIN_MM'], '12.5');
  });

  test('filters by status (or all), year range, event type and unit with descendants', async () => {
    const serials = async (filter: CardExportFilter) => (await csvRows(filter)).map((r) => r.serial).sort();
    assert.deepEqual(await serials({ status: 'draft' }), ['D-1']);
    assert.deepEqual(await serials({ status: 'all' }), ['D-1', 'P-1', 'P-2']);
    assert.deepEqual(await serials({ status: 'all', yearFrom: 2011, yearTo: 2016 }), ['P-2']);
    assert.deepEqual(await serials({ status: 'all', geoUnitId: t.provinceId }), ['D-1', 'P-1']);
    assert.deepEqual(await serials({ eventTypeId: t.eventTypeId + 1000 }), []);
  });

  test('an unknown unit is a 404 and only staff export unpublished cards', async () => {
    await assert.rejects(
      run('csv', { geoUnitId: 999_999 }),
      (e) => e instanceof AppError && e.code === 'not_found',
    );
    const anonymous: RequestContext = { ...ctx, roles: ['viewer'], superadmin: false };
    await assert.rejects(
      run('csv', { status: 'all' }, anonymous),
      (e) => e instanceof AppError && e.code === 'forbidden',
    );
    assert.equal((await readCsv(Readable.from(await run('csv', {}, anonymous)))).length, 3);
  });

  test('XLSX and GeoJSON carry the same cards; GeoJSON points come from the card, else the unit centroid', async () => {
    const [sheet] = await readXlsx(Readable.from(await run('xlsx', { status: 'all' })));
    assert.equal(sheet!.rows.length, 4);
    const header = sheet!.rows[0] as string[];
    const p = sheet!.rows.find((r) => r[header.indexOf('serial')] === 'P-1')!;
    assert.equal(p[header.indexOf('lossesLocal')], 1234567.89);
    assert.equal(p[header.indexOf('comments')], NOTE);
    const doc = JSON.parse((await run('geojson', { status: 'all' })).toString('utf8'));
    const bySerial = new Map(
      doc.features.map((f: { properties: { serial: string } }) => [f.properties.serial, f]),
    );
    assert.deepEqual((bySerial.get('P-1') as { geometry: unknown }).geometry, {
      type: 'Point',
      coordinates: [10.5, 40.5],
    });
    assert.deepEqual((bySerial.get('D-1') as { geometry: unknown }).geometry, {
      type: 'Point',
      coordinates: [11, 41],
    });
    assert.equal((bySerial.get('P-2') as { geometry: unknown }).geometry, null);
  });

  test('soft-deleted cards are never exported', async () => {
    const [row] = await database.db.select().from(datacards).where(eq(datacards.id, ids.deleted!));
    assert.ok(row?.deletedAt);
    assert.ok(!(await run('csv', { status: 'all' })).toString('utf8').includes('X-1'));
  });
});
