/** The analytics list (columns, sorts, offset and keyset paging) and the country profile. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { AppError } from '../../shared/errors.ts';
import { type ListQuery, ListQuerySchema } from '../../shared/schemas/analytics.ts';
import {
  type AnalyticsFixture,
  seedAnalyticsFixture,
  seedOtherTenant,
} from '../../testing/analytics-factories.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { listCards } from './list.ts';
import { countryProfile } from './profile.ts';

let database: Database;
let f: AnalyticsFixture;
before(async () => {
  database = await openTestDatabase();
  f = await seedAnalyticsFixture(database.db);
  await seedOtherTenant(database.db);
});
after(() => database.close());

const list = (body: Partial<ListQuery>) => listCards(database.db, f.ctx, ListQuerySchema.parse(body));

/** Serials of every page, following cursors. */
async function walk(body: Partial<ListQuery>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ ...body, columns: ['serial'], pageSize: 2, cursor });
    seen.push(...page.items.map((i) => String(i.serial)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('analytics list', () => {
  test('chosen columns: registry fields, flags, resolved names, levels, extra fields', async () => {
    const page = await list({
      filter: { serial: ['S1'] },
      columns: [
        'serial',
        'startDate',
        'deaths',
        'deaths_present',
        'lossesUsd',
        'eventTypeName',
        'level1Code',
        'level2Name',
        'hazardCode',
        'disasterEventGlide',
        'extra.TAGS',
        'extra.RAIN_MM',
        'createdAt',
      ],
    });
    const item = page.items[0]!;
    assert.equal(page.total, 1);
    assert.match(String(item.id), /^[0-9a-f-]{36}$/);
    assert.match(String(item.createdAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    delete item.id;
    delete item.createdAt;
    assert.deepEqual(item, {
      serial: 'S1',
      startDate: '2020-05-14',
      deaths: 3,
      deaths_present: false,
      lossesUsd: 1000.5,
      eventTypeName: 'Flood',
      level1Code: 'AAA-P1',
      level2Name: 'AAA-P1-D1',
      hazardCode: 'MH0600',
      disasterEventGlide: 'FL-2020-000001-TST',
      'extra.TAGS': ['x', 'y'],
      'extra.RAIN_MM': 120.5,
    });
  });

  test('any sort; null is the smallest value; offset pages', async () => {
    const serials = async (body: Partial<ListQuery>) =>
      (await list({ ...body, columns: ['serial'] })).items.map((i) => i.serial);
    assert.deepEqual(await serials({ sort: 'deaths', order: 'desc' }), ['S3', 'S1', 'S2']);
    assert.deepEqual(await serials({ sort: 'deaths', order: 'asc' }), ['S2', 'S1', 'S3']);
    assert.deepEqual(await serials({ sort: 'eventTypeName', order: 'asc' }).then((s) => s[0]), 'S3');
    assert.deepEqual(await serials({ sort: 'extra.RAIN_MM', order: 'desc' }), ['S1', 'S2', 'S3']);
    assert.deepEqual(await serials({ sort: 'startDate', order: 'asc', pageSize: 2, page: 2 }), ['S3']);
  });

  test('keyset cursors walk every card once, whatever the sort, with nulls and ties', async () => {
    const all = { filter: { status: 'all' as const } };
    for (const [sort, order] of [
      ['startDate', 'desc'],
      ['startDate', 'asc'],
      ['deaths', 'desc'],
      ['deaths', 'asc'],
      ['lossesUsd', 'asc'],
      ['causeName', 'desc'],
      ['extra.COUNT_N', 'asc'],
      ['status', 'asc'],
    ] as const) {
      const seen = await walk({ ...all, sort, order });
      assert.deepEqual([...seen].sort(), ['S1', 'S2', 'S3', 'S4', 'S5'], `${sort} ${order}: ${seen}`);
      const offset = (await list({ ...all, sort, order, columns: ['serial'], pageSize: 10 })).items.map(
        (i) => i.serial,
      );
      assert.deepEqual(seen, offset, `${sort} ${order}: keyset and offset agree`);
    }
  });

  test('400 for an unknown column or sort, or a cursor of another sort', async () => {
    const paths = async (body: Partial<ListQuery>) => {
      try {
        await list(body);
        return [];
      } catch (error) {
        assert.ok(error instanceof AppError);
        return (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
      }
    };
    assert.deepEqual(await paths({ columns: ['serial', 'bogus', 'extra.NOPE'] }), ['columns.1', 'columns.2']);
    assert.deepEqual(await paths({ sort: 'bogus' }), ['sort']);
    const first = await list({ pageSize: 1 });
    assert.deepEqual(await paths({ sort: 'deaths', cursor: first.nextCursor! }), ['cursor']);
    assert.deepEqual(await paths({ cursor: 'garbage' }), ['cursor']);
  });
});

describe('country profile', () => {
  test('totals, by event, by top-level unit, by year and the largest disasters', async () => {
    const p = await countryProfile(database.db, f.ctx, { status: 'published', largest: 2 });
    assert.deepEqual(p.tenant, { code: 'AAA', name: 'Tenant AAA' });
    assert.equal(p.totals.cards, 3);
    assert.equal(p.totals.sums.deaths, 13);
    assert.deepEqual(
      p.byEvent.rows.map((r) => [r.event, r.count, r.deaths]),
      [
        ['Earthquake', 1, 10],
        ['Flood', 2, 3],
      ],
    );
    assert.deepEqual(
      p.byTopUnit.rows.map((r) => [r.geo1, r.count]),
      [
        ['AAA-P1', 2],
        ['AAA-P2', 1],
      ],
    );
    assert.deepEqual(
      p.byYear.points.map((r) => [r.year, r.count]),
      [
        [2020, 2],
        [2021, 1],
      ],
    );
    assert.deepEqual(
      p.largest.map((c) => [c.disaster, c.count, c.deaths]),
      [
        ['S3 · 2021-02 · Earthquake', 1, 10],
        ['Spring floods 2020', 1, 3],
      ],
    );
    assert.equal(p.largest[1]!.id, f.disasterId);
  });

  test('the largest disasters add up the cards of a disaster event; a card without one stands alone', async () => {
    const g = await seedAnalyticsFixture(database.db, 'PRF');
    // A second card of the spring floods, in another province: 3 + 9 deaths outrank the earthquake's 10.
    await insertCard(database.db, g, {
      serial: 'S9',
      status: 'published',
      startYear: 2020,
      startMonth: 5,
      geoUnitId: g.otherProvinceId,
      deaths: 9,
      disasterEventId: g.disasterId,
    });
    const p = await countryProfile(database.db, g.ctx, { status: 'published', largest: 5 });
    assert.deepEqual(
      p.largest.map((c) => [c.disaster, c.count, c.deaths]),
      [
        ['Spring floods 2020', 2, 12],
        ['S3 · 2021-02 · Earthquake', 1, 10],
        ['S2 · 2020 · Flood', 1, 0],
      ],
    );
  });
});
