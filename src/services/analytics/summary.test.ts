/**
 * The card summary: every write path keeps it equal to a fresh grouping of the live datacards
 * (services, unit moves, imports with per-row triggers off, truncation), and analytics read it
 * only when it gives what the cards give.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { datacards } from '../../db/schema/index.ts';
import {
  CrosstabQuerySchema,
  ListQuerySchema,
  MapQuerySchema,
  StatisticsQuerySchema,
  TimeseriesQuerySchema,
} from '../../shared/schemas/analytics.ts';
import {
  type AnalyticsFixture,
  seedAnalyticsFixture,
  seedOtherTenant,
} from '../../testing/analytics-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { card, countryFile, importTenant, itemSource } from '../../testing/import-factories.ts';
import { summaryCardCount, summaryDrift } from '../../testing/summary-checks.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { createDatacard, deleteDatacard, updateDatacard } from '../datacards/write.ts';
import { seedDemo } from '../demo/seed.ts';
import { updateGeoUnit } from '../geography/write.ts';
import { runImport } from '../imports/run-import.ts';
import { resolveTenant } from '../tenants/tenants.ts';
import { cardCrosstab } from './crosstab.ts';
import { listCards } from './list.ts';
import { cardMap } from './map.ts';
import { cardStatistics } from './statistics.ts';
import { setSummaryRouting } from './summary.ts';
import { cardTimeseries } from './timeseries.ts';
import { filteredTotals } from './totals.ts';

let database: Database;
let db: Db;
let f: AnalyticsFixture;
let demo: RequestContext;
before(async () => {
  database = await openTestDatabase();
  db = database.db;
  f = await seedAnalyticsFixture(db);
  await seedOtherTenant(db);
  await seedDemo(db, { tenantCode: 'DEMO', cards: 600, seed: 5 });
  demo = withTenant(systemContext('test'), await resolveTenant(db, 'DEMO'));
});
after(() => database.close());

const drift = () => summaryDrift(db);
const summaryCards = (tenantId: number) => summaryCardCount(db, tenantId);

describe('card_summary follows the datacards', () => {
  test('seeded cards count once each; deleted ones never', async () => {
    assert.deepEqual(await drift(), []);
    assert.equal(await summaryCards(f.tenantId), 5);
  });

  test('cards created, updated (status, effect, unit) and deleted through the services', async () => {
    const base = { eventTypeId: f.eventTypeId, startYear: 2022, status: 'published' as const };
    const a = await createDatacard(db, f.ctx, {
      ...base,
      geoUnitId: f.districtId,
      effects: { deaths: { value: 4, present: false } },
    });
    const b = await createDatacard(db, f.ctx, {
      ...base,
      geoUnitId: f.provinceId,
      effects: { injured: { value: null, present: true } },
    });
    assert.deepEqual(await drift(), []);
    const a2 = await updateDatacard(db, f.ctx, a.id, { version: a.version, status: 'draft' });
    const a3 = await updateDatacard(db, f.ctx, a.id, {
      version: a2.version,
      effects: { deaths: { value: 9, present: true }, lossesUsd: { value: 12.5, present: false } },
    });
    await updateDatacard(db, f.ctx, a.id, { version: a3.version, geoUnitId: f.otherProvinceId });
    await updateDatacard(db, f.ctx, b.id, { version: b.version, comments: 'no figure changes' });
    assert.deepEqual(await drift(), []);
    await deleteDatacard(db, f.ctx, b.id, b.version + 1);
    assert.deepEqual(await drift(), []);
    assert.equal(await summaryCards(f.tenantId), 6);
  });

  test('a unit moving to another parent re-files its cards', async () => {
    const [unit] = await queryRows<{ version: number }>(
      db,
      sql`select version from geo_units where id = ${f.districtId}`,
    );
    await updateGeoUnit(db, f.ctx, f.districtId, { version: unit!.version, parentId: f.otherProvinceId });
    assert.deepEqual(await drift(), []);
    const [moved] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from card_summary where geo1 = ${f.otherProvinceId} and geo2 = ${f.districtId}`,
    );
    assert.ok(moved!.n > 0);
  });

  test('a first import (per-row triggers off), a re-import and a replica-mode insert', async () => {
    const ctx = await importTenant(db);
    const run = (items: Parameters<typeof itemSource>[0], mode: 'all-or-nothing' | 'per-row') =>
      runImport(db, ctx, itemSource(items), { dryRun: false, mode });
    await run(countryFile(), 'all-or-nothing');
    assert.equal(await summaryCards(ctx.tenant!.id), 3);
    assert.deepEqual(await drift(), []);
    await run([...countryFile(), card(1, { status: 'draft' }), card(4)], 'per-row');
    assert.deepEqual(await drift(), []);
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.insert(datacards).values({
        tenantId: f.tenantId,
        eventTypeId: f.eventTypeId,
        geoUnitId: f.provinceId,
        geoAncestors: [f.provinceId],
        startYear: 1999,
        deaths: 2,
        createdBy: 'test',
        updatedBy: 'test',
      });
    });
    assert.deepEqual(await drift(), []);
  });
});

/** Run a query with the summary allowed and with the cards forced; returns both results. */
async function bothWays<T>(run: () => Promise<T>): Promise<[T, T]> {
  const fast = await run();
  setSummaryRouting(false);
  try {
    return [fast, await run()];
  } finally {
    setSummaryRouting(true);
  }
}

const MEASURES = [
  'count',
  'deaths',
  'count:deaths',
  'directlyAffected',
  'lossesLocal',
  'cropsHa',
  'count:roadsM',
];

interface Ids {
  province: number;
  district: number;
  commune: number;
  event: string;
  cause: string;
  hazard: string;
  cluster: string;
}

async function demoIds(): Promise<Ids> {
  const [row] = await queryRows<Ids>(
    db,
    sql`select (select geo_ancestors[1] from datacards where tenant_id = ${demo.tenant!.id} limit 1) as province,
               (select geo_ancestors[2] from datacards where tenant_id = ${demo.tenant!.id} and geo_ancestors[2] is not null limit 1) as district,
               (select geo_ancestors[3] from datacards where tenant_id = ${demo.tenant!.id} and geo_ancestors[3] is not null limit 1) as commune,
               (select code from event_types where tenant_id = ${demo.tenant!.id} and hazard_code is not null order by id limit 1) as event,
               (select code from causes where tenant_id = ${demo.tenant!.id} order by id limit 1) as cause,
               (select hazard_code from event_types where tenant_id = ${demo.tenant!.id} and hazard_code is not null order by id limit 1) as hazard,
               (select h.cluster_name from event_types e join hazards h on h.code = e.hazard_code
                 where e.tenant_id = ${demo.tenant!.id} order by e.id limit 1) as cluster`,
  );
  return row!;
}

/** Queries the summary answers, by name. */
function eligible(ids: Ids, scoped: RequestContext): [string, () => Promise<unknown>][] {
  const stats =
    (body: unknown, ctx = demo) =>
    () =>
      cardStatistics(db, ctx, StatisticsQuerySchema.parse(body));
  const dims = ['event', 'hazard', 'hazardType', 'hazardCluster', 'cause', 'geo1', 'geo2', 'year', 'month'];
  return [
    ['no dimension', stats({ measures: MEASURES })],
    ...dims.map((d): [string, () => Promise<unknown>] => [`by ${d}`, stats({ by: [d], measures: MEASURES })]),
    [
      'decade, season, status',
      stats({ filter: { status: 'all' }, by: ['decade', 'season', 'status'], measures: MEASURES }),
    ],
    ['sorted and limited', stats({ by: ['geo2'], measures: MEASURES, sort: { by: 'deaths' }, limit: 5 })],
    ['statuses', stats({ filter: { status: ['draft', 'published'] }, by: ['status'], measures: ['count'] })],
    [
      'event types and causes',
      stats({ filter: { eventTypes: [ids.event], causes: [ids.cause] }, by: ['year'], measures: MEASURES }),
    ],
    [
      'hazards and clusters',
      stats({ filter: { hazards: [ids.hazard], hazardClusters: [ids.cluster] }, measures: MEASURES }),
    ],
    [
      'units of levels 1 and 2',
      stats({ filter: { geoUnits: [ids.province, ids.district] }, by: ['geo2'], measures: MEASURES }),
    ],
    [
      'years and months',
      stats({ filter: { from: '2000-03', to: '2010' }, by: ['year'], measures: MEASURES }),
    ],
    ['a level-1 scope', stats({ by: ['geo2'], measures: MEASURES }, scoped)],
    ['totals', () => filteredTotals(db, demo, { status: 'all', from: '2001' })],
    ['yearly series', () => cardTimeseries(db, demo, TimeseriesQuerySchema.parse({ measures: MEASURES }))],
    [
      'monthly series',
      () =>
        cardTimeseries(
          db,
          demo,
          TimeseriesQuerySchema.parse({ interval: 'month', measures: ['count', 'deaths'] }),
        ),
    ],
    [
      'map level 2',
      () => cardMap(db, demo, MapQuerySchema.parse({ level: 2, measures: MEASURES, geometry: false })),
    ],
    [
      'cross-tab',
      () =>
        cardCrosstab(
          db,
          demo,
          CrosstabQuerySchema.parse({ rows: 'hazardCluster', columns: 'season', measure: 'deaths' }),
        ),
    ],
    [
      'list total',
      () => listCards(db, demo, ListQuerySchema.parse({ filter: { geoUnits: [ids.district] }, pageSize: 5 })),
    ],
  ];
}

/** Queries the summary cannot answer, by name. */
function ineligible(ids: Ids, scoped: RequestContext): [string, () => Promise<unknown>][] {
  const stats =
    (body: unknown, ctx = demo) =>
    () =>
      cardStatistics(db, ctx, StatisticsQuerySchema.parse(body));
  return [
    ['money basis', stats({ measures: ['lossesLocal'], money: { currency: 'usd' } })],
    ['text filter', stats({ filter: { text: 'a' }, measures: ['count'] })],
    ['effect filter', stats({ filter: { effects: [{ field: 'deaths', min: 1 }] }, measures: ['count'] })],
    ['day range', stats({ filter: { from: '2001-03-02' }, measures: ['count'] })],
    ['average', stats({ measures: ['count', 'avg:deaths'] })],
    ['sector count', stats({ measures: ['count', 'count:water'] })],
    ['geo3', stats({ by: ['geo3'], measures: ['count'] })],
    ['level-3 unit', stats({ filter: { geoUnits: [ids.commune] }, measures: ['count'] })],
    ['current geography', stats({ by: ['geo1'], measures: ['count'], geography: 'current' })],
    ['level-3 scope', stats({ measures: ['count'] }, { ...scoped, geoScope: [ids.commune] })],
    ['totals under a money basis', () => filteredTotals(db, demo, {}, { currency: 'usd', basis: 'nominal' })],
    [
      'list total with text',
      () => listCards(db, demo, ListQuerySchema.parse({ filter: { text: 'a' }, pageSize: 5 })),
    ],
  ];
}

describe('analytics read the summary only when it gives the same answer', () => {
  test('eligible queries: the summary and the cards agree', async () => {
    const ids = await demoIds();
    for (const [name, run] of eligible(ids, { ...demo, geoScope: [ids.province] })) {
      const [fast, slow] = await bothWays(run);
      assert.deepEqual(fast, slow, name);
    }
  });

  test('eligible queries read the summary, the others the cards', async () => {
    const ids = await demoIds();
    const scoped = { ...demo, geoScope: [ids.province] };
    // Skew the summary: a query that reads it now disagrees with the cards.
    const skew = (by: number) =>
      db.execute(sql`update card_summary set cards = cards + ${by}, deaths_sum = deaths_sum + ${by}
                     where tenant_id = ${demo.tenant!.id}`);
    await skew(1000);
    try {
      assert.notDeepEqual(await drift(), []);
      for (const [name, run] of eligible(ids, scoped)) {
        const [fast, slow] = await bothWays(run);
        assert.notDeepEqual(fast, slow, name);
      }
      for (const [name, run] of ineligible(ids, scoped)) {
        const [fast, slow] = await bothWays(run);
        assert.deepEqual(fast, slow, name);
      }
    } finally {
      await skew(-1000);
    }
  });
});

test('truncating the datacards empties the summary', async () => {
  await db.execute(sql`truncate datacards cascade`);
  assert.equal(await summaryCards(demo.tenant!.id), 0);
  assert.deepEqual(await queryRows(db, sql`select * from card_summary`), []);
});
