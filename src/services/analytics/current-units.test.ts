/**
 * Statistics, cross-tabs and maps by historical units vs re-aggregated onto today's units, over the
 * Kazakhstan-2022-like change of src/testing/boundary-factories.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import {
  CrosstabQuerySchema,
  MapQuerySchema,
  StatisticsQuerySchema,
} from '../../shared/schemas/analytics.ts';
import { seedBoundaryChange } from '../../testing/boundary-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import type { RequestContext } from '../context.ts';
import { cardCrosstab } from './crosstab.ts';
import { cardMap } from './map.ts';
import { cardStatistics } from './statistics.ts';

let database: Database;
let ctx: RequestContext;

const HIST = ' (historical unit, until 2022-06-08)';

before(async () => {
  database = await openTestDatabase();
  ({ ctx } = await seedBoundaryChange(database.db));
});
after(() => database.close());

const stats = (geography?: string) =>
  cardStatistics(
    database.db,
    ctx,
    StatisticsQuerySchema.parse({ by: ['geo1'], measures: ['count', 'deaths'], geography }),
  );
const rows = (r: Awaited<ReturnType<typeof stats>>) => r.rows.map((x) => [x.geo1, x.count, x.deaths]);

describe('geography: historical vs current', () => {
  test('historical (the default): each card under the unit valid at its date', async () => {
    const r = await stats();
    assert.deepEqual(rows(r), [
      ['Abai', 1, 1],
      ['Akmola', 1, 1],
      ['Almaty', 1, 4],
      ['East Kazakhstan', 3, 10],
      ['East Merge', 1, 3],
      ['Karaganda', 2, 8],
      ['West Merge', 1, 2],
    ]);
    assert.deepEqual(rows(await stats('historical')), rows(r));
  });

  test('current: renamed and merged units add up; a split places each card by its district or point, else keeps it under the historical unit', async () => {
    assert.deepEqual(rows(await stats('current')), [
      ['Abai', 3, 9],
      ['Akmola', 1, 1],
      [`Almaty${HIST}`, 1, 4],
      [`East Kazakhstan${HIST}`, 1, 2],
      ['Karaganda', 1, 7],
      [`Karaganda${HIST}`, 1, 1],
      ['Merged', 2, 5],
    ]);
  });

  test('current at level 2: the district re-versioned under Abai collects its old cards', async () => {
    const r = await cardStatistics(
      database.db,
      ctx,
      StatisticsQuerySchema.parse({ by: ['geo2'], measures: ['count'], geography: 'current' }),
    );
    assert.deepEqual(
      r.rows.map((x) => [x.geo2, x.count]),
      [
        ['Western district', 1],
        [null, 9],
      ],
    );
  });

  test('the map at level 1 in both modes', async () => {
    const map = async (geography: 'historical' | 'current') => {
      const q = MapQuerySchema.parse({ level: 1, measures: ['count', 'deaths'], geometry: false, geography });
      const r = await cardMap(database.db, ctx, q);
      return r.features.map((f) => {
        const p = f.properties;
        return [p.code, p.historical ?? '-', p.count, p.deaths].join(' ');
      });
    };
    assert.deepEqual(await map('historical'), [
      'ABY - 1 1',
      'AKM - 1 1',
      'ALM - 1 4',
      'ALM - 0 0',
      'KAR - 2 8',
      'KAR - 0 0',
      'M1 - 1 2',
      'M2 - 1 3',
      'MRG - 0 0',
      'ULT - 0 0',
      'VOS - 3 10',
      'VOS - 0 0',
      'ZHT - 0 0',
    ]);
    assert.deepEqual(await map('current'), [
      'ABY false 3 9',
      'AKM false 1 1',
      'ALM true 1 4',
      'ALM false 0 0',
      'KAR true 1 1',
      'KAR false 1 7',
      'MRG false 2 5',
      'ULT false 0 0',
      'VOS true 1 2',
      'VOS false 0 0',
      'ZHT false 0 0',
    ]);
  });

  test('a cross-tab by geo1 and year in current mode: the same placement, row, column and grand totals', async () => {
    const tab = async (rows: string, columns: string, measure: string, geography?: string) =>
      cardCrosstab(database.db, ctx, CrosstabQuerySchema.parse({ rows, columns, measure, geography }));
    const current = await tab('geo1', 'year', 'deaths', 'current');
    assert.deepEqual(
      current.columns.map((c) => c.label),
      [2019, 2020, 2021, 2023],
    );
    assert.deepEqual(
      current.rows.map((r) => [r.label, ...r.cells, r.total]),
      [
        ['Abai', 0, 8, 0, 1, 9],
        ['Akmola', 0, 1, 0, 0, 1],
        [`Almaty${HIST}`, 4, 0, 0, 0, 4],
        [`East Kazakhstan${HIST}`, 0, 0, 2, 0, 2],
        ['Karaganda', 0, 7, 0, 0, 7],
        [`Karaganda${HIST}`, 0, 1, 0, 0, 1],
        ['Merged', 0, 2, 3, 0, 5],
      ],
    );
    assert.deepEqual([...current.columnTotals, current.total], [4, 19, 5, 1, 29]);
    const historical = await tab('geo1', 'year', 'deaths');
    assert.deepEqual(
      historical.rows.map((r) => [r.label, r.total]),
      (await stats()).rows.map((x) => [x.geo1, x.deaths]),
    );
    // Both headings re-aggregate: the columns are today's districts too.
    const both = await tab('geo1', 'geo2', 'count', 'current');
    assert.deepEqual(
      both.columns.map((c) => c.label),
      ['Western district', null],
    );
    assert.deepEqual(both.rows[0], { key: both.rows[0]!.key, label: 'Abai', cells: [1, 2], total: 3 });
  });

  test('a filter on a unit follows the mode: in current mode it takes the cards placed in it from its predecessors', async () => {
    const q = (geoUnits: string[], by: string[], geography?: string) =>
      cardStatistics(
        database.db,
        ctx,
        StatisticsQuerySchema.parse({ filter: { geoUnits }, by, measures: ['count', 'deaths'], geography }),
      );
    const figures = (r: Awaited<ReturnType<typeof q>>) => r.rows.map((x) => [x.event, x.count, x.deaths]);
    // By event: a question the card summary could answer in historical mode, but not in current mode.
    assert.deepEqual(figures(await q(['ABY'], ['event'])), [['Flood', 1, 1]]);
    assert.deepEqual(figures(await q(['ABY'], ['event'], 'current')), [['Flood', 3, 9]]);
    assert.deepEqual(figures(await q(['MRG'], ['event'])), []);
    assert.deepEqual(figures(await q(['MRG'], ['event'], 'current')), [['Flood', 2, 5]]);
    // Grouped by today's units the filtered unit is its own row, as without the filter.
    assert.deepEqual(rows(await q(['ABY', 'MRG'], ['geo1'], 'current')), [
      ['Abai', 3, 9],
      ['Merged', 2, 5],
    ]);
  });
});
