/**
 * The loader with the DesInventar XML reader on the real exports of ../shared/data/desinventar:
 * every figure of its MANIFEST.md is reproduced from the database after import.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { readDesInventarXml } from '../../formats/desinventar-xml/read.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { GRD_PUBLISHED_BY_EVENT } from '../../testing/desinventar-manifest.ts';
import { importTenant } from '../../testing/import-factories.ts';
import { cardTotals } from '../analytics/totals.ts';
import type { RequestContext } from '../context.ts';
import { runImport } from './run-import.ts';
import type { ImportReport } from './types.ts';

const DATA = join(import.meta.dirname, '../../../../shared/data/desinventar');
const file = (code: string) => join(DATA, code, `DI_export_${code}.xml`);
const skipWithout = (code: string) =>
  existsSync(file(code)) ? false : `${file(code)} is absent: real-file tests skipped`;

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const importFile = (ctx: RequestContext, code: string) =>
  runImport(database.db, ctx, readDesInventarXml(file(code)), { dryRun: false, mode: 'all-or-nothing' });
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

/** MANIFEST.md, GRD: all 162 fichas. */
const GRD_ALL = {
  deaths: 5209,
  injured: 1249,
  missing: 0,
  housesDestroyed: 434,
  housesDamaged: 33722,
  directlyAffected: 107584,
  indirectlyAffected: 266393,
  evacuated: 9504,
  relocated: 0,
  lossesLocal: 2702715000,
  lossesUsd: 1149060000,
  cropsHa: 741.34,
  livestock: 14394,
  roadsM: 449158.9,
};
/** MANIFEST.md, GRD: approved (published) only, 131 fichas. */
const GRD_PUBLISHED = {
  deaths: 5176,
  injured: 1223,
  housesDestroyed: 429,
  housesDamaged: 33719,
  directlyAffected: 102006,
  indirectlyAffected: 265208,
  evacuated: 9489,
  lossesLocal: 2702485000,
  lossesUsd: 1148974000,
};
/** MANIFEST.md, GRD approved by event: records / muertos / vivdest / vivafec / valorus (and afectados where given). */

describe('import of real DesInventar exports', () => {
  describe('Grenada (GRD)', { skip: skipWithout('grd') }, () => {
    let ctx: RequestContext;
    let report: ImportReport;
    before(async () => {
      ctx = await importTenant(database.db, 'GRD');
      report = await importFile(ctx, 'grd');
    });

    test('reproduces the MANIFEST totals over all 162 cards', async () => {
      const totals = await cardTotals(database.db, ctx, 'all');
      assert.equal(totals.cards, 162);
      for (const [key, value] of Object.entries(GRD_ALL))
        assert.equal(totals.sums[key as keyof typeof totals.sums], value, key);
      assert.deepEqual(report.totals.all, totals, 'the report totals are the database totals');
    });

    test('reproduces the MANIFEST totals over the 131 published cards', async () => {
      const totals = await cardTotals(database.db, ctx, 'published');
      assert.equal(totals.cards, 131);
      for (const [key, value] of Object.entries(GRD_PUBLISHED))
        assert.equal(totals.sums[key as keyof typeof totals.sums], value, key);
      const [support] = await rows<{ n: number }>(
        sql`select count(*)::int as n from datacards where tenant_id = ${ctx.tenant!.id} and status = 'support'`,
      );
      assert.equal(support?.n, 31);
    });

    test('reproduces the MANIFEST figures of every event type (published cards)', async () => {
      const byEvent = await rows<Record<string, number> & { code: string }>(
        sql`select e.code, count(*)::int as count, coalesce(sum(d.deaths), 0)::int as deaths,
                   coalesce(sum(d.houses_destroyed), 0)::int as "housesDestroyed",
                   coalesce(sum(d.houses_damaged), 0)::int as "housesDamaged",
                   coalesce(sum(d.losses_usd), 0)::float8 as "lossesUsd",
                   coalesce(sum(d.indirectly_affected), 0)::int as "indirectlyAffected"
            from datacards d join event_types e on e.tenant_id = d.tenant_id and e.id = d.event_type_id
            where d.tenant_id = ${ctx.tenant!.id} and d.status = 'published' and d.deleted_at is null
            group by e.code order by e.code`,
      );
      assert.deepEqual(byEvent.map((r) => r.code).sort(), Object.keys(GRD_PUBLISHED_BY_EVENT).sort());
      for (const row of byEvent) {
        for (const [key, value] of Object.entries(GRD_PUBLISHED_BY_EVENT[row.code]!))
          assert.equal(row[key], value, `${row.code} ${key}`);
      }
    });

    test('keeps the catalogue: 39 events, 32 causes, 146 extra fields, 3 levels of units', async () => {
      assert.equal(report.counts.eventTypes!.created, 39);
      assert.equal(report.counts.causes!.created, 32);
      assert.equal(report.counts.extraFields!.created, 146);
      const levels = await rows<{ level: number; n: number; placeholders: number }>(
        sql`select level, count(*)::int as n, count(*) filter (where placeholder)::int as placeholders
            from geo_units where tenant_id = ${ctx.tenant!.id} group by level order by level`,
      );
      assert.deepEqual(
        levels.map((l) => l.n - l.placeholders),
        [1, 2, 176],
      );
      assert.ok(levels[1]!.placeholders > 0, 'orphan lev2 units hang under placeholder lev1 units');
    });

    test('a second import of the same file creates and updates nothing', async () => {
      const again = await importFile(ctx, 'grd');
      for (const [kind, c] of Object.entries(again.counts))
        assert.equal(c.created + c.updated, 0, `${kind}: ${JSON.stringify(c)}`);
      assert.equal(again.counts.datacards!.unchanged, 162);
    });
  });

  test('Nigeria (NGA): 37 states, 773 LGAs, Sendai columns in human and asset effects', {
    skip: skipWithout('nga'),
  }, async () => {
    const ctx = await importTenant(database.db, 'NGA');
    const report = await importFile(ctx, 'nga');
    const levels = await rows<{ n: number }>(
      sql`select count(*)::int as n from geo_units where tenant_id = ${ctx.tenant!.id} and not placeholder group by level order by level`,
    );
    assert.deepEqual(
      levels.map((l) => l.n),
      [37, 773],
    );
    assert.equal(report.counts.extraFields!.created, 100);
    const [effects] = await rows<{ human: number; asset: number; storages: number }>(
      sql`select (select count(*)::int from human_effects where tenant_id = ${ctx.tenant!.id}) as human,
                 (select count(*)::int from asset_effects where tenant_id = ${ctx.tenant!.id}) as asset,
                 (select count(*)::int from extra_field_definitions where tenant_id = ${ctx.tenant!.id} and storage <> 'extra') as storages`,
    );
    assert.ok(effects!.human > 0 && effects!.asset > 0 && effects!.storages > 0, JSON.stringify(effects));
    const [bbox] = await rows<{ n: number }>(
      sql`select count(*)::int as n from geo_units where tenant_id = ${ctx.tenant!.id} and bbox_min_lon is not null and centroid_lon is not null`,
    );
    assert.equal(bbox?.n, 810, 'regiones added bbox and centroid to every unit');
  });

  test('Burundi (BDI): 18 provinces, 119 communes, French event names', {
    skip: skipWithout('bdi'),
  }, async () => {
    const ctx = await importTenant(database.db, 'BDI');
    await importFile(ctx, 'bdi');
    const levels = await rows<{ n: number }>(
      sql`select count(*)::int as n from geo_units where tenant_id = ${ctx.tenant!.id} and not placeholder group by level order by level`,
    );
    assert.deepEqual(
      levels.map((l) => l.n),
      [18, 119],
    );
    const [events] = await rows<{ n: number }>(
      sql`select count(*)::int as n from event_types where tenant_id = ${ctx.tenant!.id}`,
    );
    assert.equal(events?.n, 30);
  });
});
