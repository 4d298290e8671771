/**
 * Statistics, cross-tabs, time series, maps and totals against figures computed by hand from the
 * fixture table in src/testing/analytics-factories.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { StatisticsQuerySchema } from '../../shared/schemas/analytics.ts';
import {
  type AnalyticsFixture,
  seedAnalyticsFixture,
  seedOtherTenant,
} from '../../testing/analytics-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { cardCrosstab } from './crosstab.ts';
import { cardMap } from './map.ts';
import { cardStatistics } from './statistics.ts';
import { cardTimeseries } from './timeseries.ts';
import { filteredTotals } from './totals.ts';

let database: Database;
let f: AnalyticsFixture;
before(async () => {
  database = await openTestDatabase();
  f = await seedAnalyticsFixture(database.db);
  await seedOtherTenant(database.db);
});
after(() => database.close());

const stats = (body: unknown) => cardStatistics(database.db, f.ctx, StatisticsQuerySchema.parse(body));

describe('statistics', () => {
  test('no dimension: one row of totals over published cards', async () => {
    const r = await stats({ measures: ['count', 'deaths', 'injured', 'housesDestroyed', 'lossesUsd'] });
    assert.deepEqual(r.rows, [{ count: 3, deaths: 13, injured: 15, housesDestroyed: 9, lossesUsd: 1200.5 }]);
    const all = await stats({ filter: { status: 'all' }, measures: ['count', 'deaths', 'lossesUsd'] });
    assert.deepEqual(all.rows, [{ count: 5, deaths: 14, lossesUsd: 1250.5 }]);
  });

  test('by event: names in the request language (falling back to English), ids in keys', async () => {
    const r = await stats({ by: ['event'], measures: ['count', 'deaths', 'injured', 'lossesUsd'] });
    assert.deepEqual(r.rows, [
      { event: 'Earthquake', count: 1, deaths: 10, injured: 0, lossesUsd: 0 },
      { event: 'Flood', count: 2, deaths: 3, injured: 15, lossesUsd: 1200.5 },
    ]);
    assert.deepEqual(r.keys, [{ event: f.quakeId }, { event: f.eventTypeId }]);
    const ru = await cardStatistics(
      database.db,
      { ...f.ctx, language: 'ru' },
      StatisticsQuerySchema.parse({ by: ['event'], measures: ['count'] }),
    );
    assert.deepEqual(
      ru.rows.map((row) => row.event),
      ['Flood', 'Землетрясение'],
    );
  });

  test('avg, max, min and cards-with ignore nulls; extra numeric fields are measures', async () => {
    const r = await stats({
      measures: [
        'count:deaths',
        'avg:deaths',
        'max:deaths',
        'min:injured',
        'extra.RAIN_MM',
        'avg:extra.RAIN_MM',
      ],
    });
    assert.deepEqual(r.rows, [
      {
        'count:deaths': 3,
        'avg:deaths': 6.5,
        'max:deaths': 10,
        'min:injured': 0,
        'extra.RAIN_MM': 200.5,
        'avg:extra.RAIN_MM': 100.25,
      },
    ]);
    const all = await stats({ filter: { status: 'all' }, measures: ['count:deaths', 'max:extra.COUNT_N'] });
    assert.deepEqual(all.rows, [{ 'count:deaths': 4, 'max:extra.COUNT_N': 10 }]);
  });

  test('geo levels: the ancestor at level k; cards above the level are the null bucket', async () => {
    const l1 = await stats({ by: ['geo1'], measures: ['count', 'deaths'] });
    assert.deepEqual(l1.rows, [
      { geo1: 'AAA-P1', count: 2, deaths: 3 },
      { geo1: 'AAA-P2', count: 1, deaths: 10 },
    ]);
    const l2 = await stats({ by: ['geo2'], measures: ['count'] });
    assert.deepEqual(l2.rows, [
      { geo2: 'AAA-P1-D1', count: 1 },
      { geo2: null, count: 2 },
    ]);
  });

  test('time dimensions: year, month with an unknown-month bucket, decade, season', async () => {
    const rows = async (by: string) => (await stats({ by: [by], measures: ['count'] })).rows;
    assert.deepEqual(await rows('year'), [
      { year: 2020, count: 2 },
      { year: 2021, count: 1 },
    ]);
    assert.deepEqual(await rows('month'), [
      { month: 2, count: 1 },
      { month: 5, count: 1 },
      { month: null, count: 1 },
    ]);
    assert.deepEqual(await rows('decade'), [{ decade: 2020, count: 3 }]);
    assert.deepEqual(await rows('season'), [
      { season: 'DJF', count: 1 },
      { season: 'MAM', count: 1 },
      { season: null, count: 1 },
    ]);
  });

  test('hazard, hazard type, hazard cluster, cause and status', async () => {
    const rows = async (by: string, status: string = 'published') =>
      (await stats({ filter: { status }, by: [by], measures: ['count'] })).rows;
    assert.deepEqual(await rows('hazard'), [
      { hazard: 'Earthquake', count: 1 },
      { hazard: 'Flooding', count: 2 },
    ]);
    assert.deepEqual(await rows('hazardType'), [
      { hazardType: 'Geological', count: 1 },
      { hazardType: 'Meteorological and Hydrological', count: 2 },
    ]);
    assert.deepEqual(await rows('hazardCluster'), [
      { hazardCluster: 'Seismic', count: 1 },
      { hazardCluster: 'Water-related', count: 2 },
    ]);
    assert.deepEqual(await rows('cause'), [
      { cause: 'Rain', count: 2 },
      { cause: null, count: 1 },
    ]);
    assert.deepEqual(await rows('status', 'all'), [
      { status: 'draft', count: 1 },
      { status: 'published', count: 3 },
      { status: 'support', count: 1 },
    ]);
    assert.deepEqual(await rows('hazard', 'draft'), [{ hazard: null, count: 1 }]);
  });

  test('three dimensions, a sort by measure and a limit', async () => {
    const r = await stats({
      filter: { status: 'all' },
      by: ['event', 'year', 'status'],
      measures: ['deaths'],
      sort: { by: 'deaths', order: 'desc' },
      limit: 2,
    });
    assert.deepEqual(r.rows, [
      { event: 'Earthquake', year: 2021, status: 'published', deaths: 10 },
      { event: 'Flood', year: 2020, status: 'published', deaths: 3 },
    ]);
  });

  test('by disaster: the cards of a disaster event together, other cards alone; a cross-tab refuses it', async () => {
    const r = await stats({ filter: { status: 'all' }, by: ['disaster'], measures: ['count', 'deaths'] });
    const rows = r.rows.map((row, i) => [row.disaster, row.count, row.deaths, r.keys[i]!.disaster]);
    assert.equal(rows.length, 5, 'one disaster event (S1) and four lone cards (S2 to S5)');
    assert.ok(rows.some((x) => x[0] === 'Spring floods 2020' && x[1] === 1 && x[3] === f.disasterId));
    assert.ok(rows.some((x) => x[0] === 'S3 · 2021-02 · Earthquake' && x[2] === 10));
    // Published only: the draft card S4 is not there.
    const published = await stats({ by: ['disaster'], measures: ['count'] });
    assert.ok(!published.rows.some((row) => String(row.disaster).startsWith('S4')));
    await assert.rejects(
      cardCrosstab(database.db, f.ctx, { rows: 'year', columns: 'disaster', measure: 'count' }),
      (error: unknown) =>
        error instanceof AppError &&
        (error.details as { issues: FieldIssue[] }).issues[0]?.path === 'columns' &&
        /a value per card/.test((error.details as { issues: FieldIssue[] }).issues[0]!.message),
    );
  });

  test('one 400 names every bad dimension and measure', async () => {
    try {
      await stats({
        filter: { eventTypes: ['NOPE'] },
        by: ['event', 'geo3', 'weekday'],
        measures: ['deaths', 'place', 'median:deaths', 'extra.NOTE', 'deaths'],
      });
      assert.fail('expected a 400');
    } catch (error) {
      assert.ok(error instanceof AppError, String(error));
      const paths = (error.details as { issues: FieldIssue[] }).issues.map((i) => i.path);
      assert.deepEqual(paths.sort(), [
        'by.1',
        'by.2',
        'filter.eventTypes.0',
        'measures.1',
        'measures.2',
        'measures.3',
        'measures.4',
      ]);
    }
  });
});

describe('cross-tab, time series, map, totals', () => {
  test('cross-tab with row, column and grand totals; empty cells are 0 for counts', async () => {
    const r = await cardCrosstab(database.db, f.ctx, {
      filter: { status: 'all' },
      rows: 'event',
      columns: 'year',
      measure: 'deaths',
    });
    assert.deepEqual(
      r.columns.map((c) => c.label),
      [2019, 2020, 2021],
    );
    assert.deepEqual(
      r.rows.map((row) => [row.label, row.cells, row.total]),
      [
        ['Earthquake', [0, 0, 10], 10],
        ['Fire', [1, 0, 0], 1],
        ['Flood', [0, 3, 0], 3],
      ],
    );
    assert.deepEqual(r.columnTotals, [1, 3, 10]);
    assert.equal(r.total, 14);
    const avg = await cardCrosstab(database.db, f.ctx, {
      rows: 'event',
      columns: 'year',
      measure: 'avg:injured',
    });
    assert.deepEqual(avg.rows.find((row) => row.label === 'Flood')?.cells, [7.5, null]);
    assert.equal(avg.total, 5, 'the grand average is over all cards: (10 + 5 + 0) / 3');
  });

  test('yearly series fills gaps; monthly series keeps year-only cards apart', async () => {
    const yearly = await cardTimeseries(database.db, f.ctx, {
      filter: { status: 'all' },
      interval: 'year',
      measures: ['count', 'deaths'],
    });
    assert.deepEqual(yearly.points, [
      { period: '2019', year: 2019, count: 1, deaths: 1 },
      { period: '2020', year: 2020, count: 2, deaths: 3 },
      { period: '2021', year: 2021, count: 2, deaths: 10 },
    ]);
    const monthly = await cardTimeseries(database.db, f.ctx, { interval: 'month', measures: ['count'] });
    assert.equal(monthly.points.length, 10, '2020-05 to 2021-02');
    assert.deepEqual(monthly.points[0], { period: '2020-05', year: 2020, month: 5, count: 1 });
    assert.deepEqual(monthly.points[1], { period: '2020-06', year: 2020, month: 6, count: 0 });
    assert.deepEqual(monthly.unknownMonth, [{ year: 2020, count: 1 }]);
    const ranged = await cardTimeseries(database.db, f.ctx, {
      filter: { from: '2018', to: '2022' },
      interval: 'year',
      measures: ['count'],
    });
    assert.deepEqual(
      ranged.points.map((p) => p.count),
      [0, 0, 2, 1, 0],
    );
  });

  test('map: every current unit of the level (zero when no card), boundaries, and the cards above it', async () => {
    const l2 = await cardMap(database.db, f.ctx, { level: 2, measures: ['count', 'deaths'], geometry: true });
    assert.equal(l2.type, 'FeatureCollection');
    assert.deepEqual(
      l2.features.map((x) => x.properties),
      [{ unitId: f.districtId, code: 'AAA-P1-D1', name: 'AAA-P1-D1', count: 1, deaths: 3 }],
    );
    assert.deepEqual(l2.unlocated, { count: 2, deaths: 10 });
    const l1 = await cardMap(database.db, f.ctx, { level: 1, measures: ['max:deaths'], geometry: false });
    assert.deepEqual(
      l1.features.map((x) => [x.properties.code, x.properties['max:deaths']]),
      [
        ['AAA-P1', 3],
        ['AAA-P2', 10],
      ],
    );
    await assert.rejects(
      cardMap(database.db, f.ctx, { level: 3, measures: ['count'], geometry: false }),
      /level/,
    );
  });

  test('totals under a filter: sums and cards with each effect', async () => {
    const t = await filteredTotals(database.db, f.ctx, { eventTypes: ['FLOOD'] });
    assert.equal(t.cards, 2);
    assert.equal(t.sums.deaths, 3);
    assert.equal(t.sums.lossesUsd, 1200.5);
    assert.equal(t.cardsWith.deaths, 2);
    assert.equal(t.cardsWith.injured, 2);
  });
});
