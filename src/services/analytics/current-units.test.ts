/**
 * Statistics and maps by historical units vs re-aggregated onto today's units, over the
 * Kazakhstan-2022-like change of src/testing/boundary-factories.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { MapQuerySchema, StatisticsQuerySchema } from '../../shared/schemas/analytics.ts';
import { importChange, seedBoundaryTenant } from '../../testing/boundary-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import type { RequestContext } from '../context.ts';
import { cardMap } from './map.ts';
import { cardStatistics } from './statistics.ts';

let database: Database;
let ctx: RequestContext;

const HIST = ' (historical unit, until 2022-06-08)';

before(async () => {
  database = await openTestDatabase();
  const seeded = await seedBoundaryTenant(database.db);
  ctx = seeded.ctx;
  const ids = async () =>
    new Map(
      (
        await queryRows<{ code: string; id: number }>(
          database.db,
          sql`select code, id from geo_units order by valid_from nulls first`,
        )
      ).map((r) => [r.code, r.id]),
    );
  const old = await ids();
  const { card } = seeded;
  await card(old.get('VOS-W')!, '2020-05-01', 5); // placed by its district, now in Abai
  await card(old.get('VOS')!, '2020-06-01', 3, [81, 49]); // placed by its point, in Abai
  await card(old.get('VOS')!, '2021-01-01', 2); // cannot be placed: stays under old East Kazakhstan
  await card(old.get('ALM')!, '2019-03-01', 4); // Almaty split without shares nor place
  await card(old.get('KAR')!, '2020-07-01', 7, [73, 47]); // in the new, smaller Karaganda
  await card(old.get('KAR')!, '2020-07-02', 1, [69, 47]); // a point outside every successor
  await card(old.get('AKM')!, '2020-08-01', 1); // Akmola continues
  await card(old.get('M1')!, '2020-09-01', 2); // merged
  await card(old.get('M2')!, '2021-09-01', 3); // merged
  await importChange(database.db, ctx);
  await card((await ids()).get('ABY')!, '2023-01-01', 1); // after the change, in Abai
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
});
