/** Every operator of the filter spec on the hand-made fixture (src/testing/analytics-factories.ts). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { datacards, geoLevels, geoUnits } from '../../db/schema/index.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { type Filter, FilterSchema } from '../../shared/schemas/filter.ts';
import {
  type AnalyticsFixture,
  seedAnalyticsFixture,
  seedOtherTenant,
} from '../../testing/analytics-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { periodBegin, periodEnd } from './filter.ts';
import { listCards } from './list.ts';

let database: Database;
let f: AnalyticsFixture;
before(async () => {
  database = await openTestDatabase();
  f = await seedAnalyticsFixture(database.db);
  await seedOtherTenant(database.db);
});
after(() => database.close());

/** Serials of the cards matching a filter (validated by the API schema first), sorted. */
async function serials(filter: Filter): Promise<string[]> {
  const parsed = FilterSchema.parse(filter);
  const page = await listCards(database.db, f.ctx, {
    filter: parsed,
    columns: ['serial'],
    sort: 'serial',
    order: 'asc',
    pageSize: 100,
    page: 1,
  });
  return page.items.map((i) => String(i.serial));
}

/** The issues of the 400 a filter gives. */
async function issuesOf(filter: Filter): Promise<FieldIssue[]> {
  try {
    await serials(filter);
  } catch (error) {
    assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
    return (error.details as { issues: FieldIssue[] }).issues;
  }
  assert.fail('expected a 400');
}

describe('filter spec', () => {
  test('status: published by default; one state, several, or all; deleted cards never', async () => {
    assert.deepEqual(await serials({}), ['S1', 'S2', 'S3']);
    assert.deepEqual(await serials({ status: 'draft' }), ['S4']);
    assert.deepEqual(await serials({ status: ['draft', 'support'] }), ['S4', 'S5']);
    assert.deepEqual(await serials({ status: 'all' }), ['S1', 'S2', 'S3', 'S4', 'S5']);
    assert.deepEqual(await serials({ status: 'all', serial: ['S6'] }), []);
  });

  test('a viewer sees published cards only (403 for other states)', async () => {
    const viewer = { ...f.ctx, superadmin: false, roles: ['viewer' as const] };
    await assert.rejects(
      listCards(database.db, viewer, {
        columns: ['serial'],
        sort: 'serial',
        order: 'asc',
        pageSize: 9,
        page: 1,
        filter: { status: 'all' },
      }),
      (e: AppError) => e.code === 'forbidden',
    );
  });

  test('event types, causes and units by id or code; units include their descendants', async () => {
    assert.deepEqual(await serials({ eventTypes: [f.eventTypeId] }), ['S1', 'S2']);
    assert.deepEqual(await serials({ eventTypes: ['QUAKE', 'FIRE'], status: 'all' }), ['S3', 'S4']);
    assert.deepEqual(await serials({ causes: ['RAIN'] }), ['S1', 'S2']);
    assert.deepEqual(await serials({ geoUnits: [f.provinceId] }), ['S1', 'S2']);
    assert.deepEqual(await serials({ geoUnits: ['AAA-P1-D1'] }), ['S1']);
    assert.deepEqual(await serials({ geoUnits: ['AAA-P1-D1', f.otherProvinceId] }), ['S1', 'S3']);
  });

  test('hazard codes and clusters (by code or name) through the event types', async () => {
    assert.deepEqual(await serials({ hazards: ['GH0101'] }), ['S3']);
    assert.deepEqual(await serials({ hazards: ['MH0600', 'GH0101'] }), ['S1', 'S2', 'S3']);
    assert.deepEqual(await serials({ hazardClusters: ['Water-related'] }), ['S1', 'S2']);
    assert.deepEqual(await serials({ hazardClusters: ['GEO-SEIS'] }), ['S3']);
  });

  test('partial-date ranges compare the start of the period; a year-only card counts in its year', async () => {
    assert.deepEqual(await serials({ from: '2020', to: '2020' }), ['S1', 'S2']);
    assert.deepEqual(await serials({ from: '2020-05' }), ['S1', 'S3']);
    assert.deepEqual(await serials({ to: '2020-05' }), ['S1', 'S2']);
    assert.deepEqual(await serials({ from: '2020-05-15' }), ['S3']);
    assert.deepEqual(await serials({ to: '2020-05-14' }), ['S1', 'S2']);
    assert.deepEqual(await serials({ from: '2021-02-01', to: '2021-02-28' }), ['S3']);
    assert.deepEqual(await serials({ status: 'all', to: '2019' }), ['S4']);
    assert.equal(periodEnd('2019-12'), '2020-01-01');
    assert.equal(periodEnd('2020-02-29'), '2020-03-01');
    assert.equal(periodEnd('0999'), '1000-01-01');
    assert.equal(periodBegin('2020-05'), '2020-05-01');
  });

  test('effect conditions: min, max, there, present, joined by AND or OR', async () => {
    assert.deepEqual(await serials({ effects: [{ field: 'deaths', min: 3 }] }), ['S1', 'S3']);
    assert.deepEqual(await serials({ effects: [{ field: 'deaths', max: 3 }] }), ['S1']);
    assert.deepEqual(await serials({ effects: [{ field: 'lossesUsd', min: 200.5, max: 1000.5 }] }), ['S1']);
    assert.deepEqual(await serials({ effects: [{ field: 'deaths', there: true }] }), ['S1', 'S2', 'S3']);
    assert.deepEqual(await serials({ status: 'all', effects: [{ field: 'deaths', there: false }] }), ['S5']);
    assert.deepEqual(await serials({ effects: [{ field: 'deaths', present: true }] }), ['S2']);
    assert.deepEqual(
      await serials({ status: 'all', effects: [{ field: 'housesDestroyed', there: false }] }),
      ['S2', 'S5'],
    );
    const two = [
      { field: 'deaths' as const, min: 3 },
      { field: 'injured' as const, min: 5 },
    ];
    assert.deepEqual(await serials({ effects: two }), ['S1']);
    assert.deepEqual(await serials({ effects: two, effectsJoin: 'or' }), ['S1', 'S2', 'S3']);
  });

  test('sectors: any of them affected (count or flag)', async () => {
    assert.deepEqual(await serials({ sectors: ['water'] }), ['S1']);
    assert.deepEqual(await serials({ sectors: ['transport', 'water'] }), ['S1', 'S3']);
    assert.deepEqual(await serials({ effects: [{ field: 'transport', min: 2 }] }), ['S3']);
  });

  test('free text (case-insensitive, wildcards literal), GLIDE of card or disaster event, serial', async () => {
    assert.deepEqual(await serials({ text: 'riverside' }), ['S1']);
    assert.deepEqual(await serials({ text: 'AFTERSHOCK' }), ['S3']);
    assert.deepEqual(await serials({ text: '%' }), []);
    assert.deepEqual(await serials({ glide: ['fl-2020-000001-tst'] }), ['S1']);
    assert.deepEqual(await serials({ glide: ['EQ-2021-000002-TST'] }), ['S3']);
    assert.deepEqual(await serials({ serial: ['S2', 'S3', 'S4'] }), ['S2', 'S3']);
    assert.deepEqual(await serials({ disasterEvents: [f.disasterId] }), ['S1']);
  });

  test('extra fields: numbers, text, lists, multi-choice, yes/no, dates', async () => {
    const extra = async (
      condition: NonNullable<Filter['extra']>[number],
      status: Filter['status'] = 'published',
    ) => serials({ status, extra: [condition] });
    assert.deepEqual(await extra({ field: 'RAIN_MM', min: 100 }), ['S1']);
    assert.deepEqual(await extra({ field: 'RAIN_MM', max: 100 }), ['S2']);
    assert.deepEqual(await extra({ field: 'RAIN_MM', equals: 80 }), ['S2']);
    assert.deepEqual(await extra({ field: 'COUNT_N', max: 5 }, 'all'), ['S1']);
    assert.deepEqual(await extra({ field: 'NOTE', contains: 'BRIDGE' }), ['S1']);
    assert.deepEqual(await extra({ field: 'NOTE', equals: 'bridge washed' }), ['S1']);
    assert.deepEqual(await extra({ field: 'KIND', in: ['b'] }), ['S2']);
    assert.deepEqual(await extra({ field: 'KIND', equals: 'a' }), ['S1']);
    assert.deepEqual(await extra({ field: 'TAGS', in: ['y', 'z'] }), ['S1', 'S2']);
    assert.deepEqual(await extra({ field: 'TAGS', equals: 'x' }), ['S1']);
    assert.deepEqual(await extra({ field: 'ROAD_OK', is: false }), ['S2']);
    assert.deepEqual(await extra({ field: 'SEEN', min: '2020-05-01' }), ['S1']);
  });

  test('one 400 names every bad value: unknown references, misfit operators', async () => {
    const issues = await issuesOf({
      eventTypes: ['FLOOD', 'NOPE'],
      causes: [999999],
      geoUnits: ['BBB-P1'],
      hazards: ['XX9999'],
      hazardClusters: ['Nowhere'],
      disasterEvents: ['00000000-0000-4000-8000-000000000000'],
      extra: [
        { field: 'NOPE', equals: 1 },
        { field: 'RAIN_MM', contains: 'x' },
        { field: 'RAIN_MM', min: '2020-01-01' },
      ],
    });
    assert.deepEqual(issues.map((i) => i.path).sort(), [
      'filter.causes.0',
      'filter.disasterEvents.0',
      'filter.eventTypes.1',
      'filter.extra.0.field',
      'filter.extra.1.contains',
      'filter.extra.2.min',
      'filter.geoUnits.0',
      'filter.hazardClusters.0',
      'filter.hazards.0',
    ]);
  });

  test('the schema rejects malformed conditions', () => {
    const paths = (value: unknown) => {
      const r = FilterSchema.safeParse(value);
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    assert.deepEqual(paths({ from: '2020-13' }), ['from']);
    assert.deepEqual(paths({ to: '2021-02-30' }), ['to']);
    assert.deepEqual(paths({ status: 'approved' }), ['status']);
    assert.deepEqual(paths({ effects: [{ field: 'deaths', min: 5, max: 1 }] }), ['effects.0.min']);
    assert.deepEqual(paths({ effects: [{ field: 'bogus', min: 1 }] }), ['effects.0.field']);
    assert.deepEqual(paths({ effects: [{ field: 'deaths' }] }), ['effects.0']);
    assert.deepEqual(paths({ extra: [{ field: 'RAIN_MM' }] }), ['extra.0']);
    assert.deepEqual(paths({ sectors: ['roads'] }), ['sectors.0']);
    assert.deepEqual(paths({ bogus: 1 }), ['']);
  });
  test('(last: adds a card) a unit below the indexed levels includes its own subtree', async () => {
    const db = database.db;
    await db.insert(geoLevels).values({ tenantId: f.tenantId, level: 3, names: { en: 'Commune' } });
    const [commune] = await db
      .insert(geoUnits)
      .values({
        tenantId: f.tenantId,
        level: 3,
        code: 'AAA-C1',
        names: { en: 'C1' },
        parentId: f.districtId,
        path: 'pending',
      })
      .returning({ id: geoUnits.id });
    const path = `/${f.provinceId}/${f.districtId}/${commune!.id}/`;
    await db.update(geoUnits).set({ path }).where(eq(geoUnits.id, commune!.id));
    await db.insert(datacards).values({
      tenantId: f.tenantId,
      eventTypeId: f.eventTypeId,
      geoUnitId: commune!.id,
      geoAncestors: [f.provinceId, f.districtId, commune!.id],
      startYear: 2022,
      status: 'rejected',
      serial: 'S7',
      createdBy: 'test',
      updatedBy: 'test',
    });
    assert.deepEqual(await serials({ status: 'rejected', geoUnits: ['AAA-C1'] }), ['S7']);
    assert.deepEqual(await serials({ status: 'rejected', geoUnits: [f.provinceId] }), ['S7']);
    assert.deepEqual(await serials({ status: 'all', geoUnits: ['AAA-C1', f.otherProvinceId] }), [
      'S3',
      'S5',
      'S7',
    ]);
  });
});
