import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { ImportItem } from '../../formats/model.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { card, countryFile, countryItems, importTenant, itemSource } from '../../testing/import-factories.ts';
import { cardTotals } from '../analytics/totals.ts';
import type { RequestContext } from '../context.ts';
import { runImport } from './run-import.ts';
import type { ImportOptions } from './types.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const strict: ImportOptions = { dryRun: false, mode: 'all-or-nothing' };
const load = (ctx: RequestContext, items: ImportItem[], options: Partial<ImportOptions> = {}) =>
  runImport(database.db, ctx, itemSource(items), { ...strict, ...options });
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
const tenantId = (ctx: RequestContext) => ctx.tenant!.id;

describe('runImport: a first import', () => {
  let ctx: RequestContext;
  before(async () => {
    ctx = await importTenant(database.db, 'FIRST');
  });

  test('creates levels, units with paths, catalogues, cards, details, baselines and legacy rows', async () => {
    const report = await load(ctx, countryFile());
    assert.equal(report.status, 'succeeded');
    const created = Object.fromEntries(Object.entries(report.counts).map(([k, c]) => [k, c.created]));
    assert.deepEqual(created, {
      geoLevels: 2,
      geoUnits: 3,
      eventTypes: 2,
      causes: 1,
      extraTabs: 1,
      extraFields: 2,
      assetTypes: 1,
      baselines: 1,
      datacards: 3,
      humanEffects: 2,
      assetEffects: 1,
      legacyRows: 1,
    });
    assert.deepEqual(report.unknownTables, ['foo']);
    assert.deepEqual(report.unknownColumns, ['fichas.bar']);
    const units = await rows<{
      code: string;
      id: number;
      path: string;
      bbox_min_lon: number | null;
      legacy: unknown;
    }>(
      sql`select code, id, path, bbox_min_lon, legacy from geo_units where tenant_id = ${tenantId(ctx)} order by code`,
    );
    const p1 = units.find((u) => u.code === 'P1')!;
    const d1 = units.find((u) => u.code === 'P1-D1')!;
    assert.equal(p1.path, `/${p1.id}/`);
    assert.equal(d1.path, `/${p1.id}/${d1.id}/`);
    assert.equal(d1.bbox_min_lon, 1, 'the repeated unit item added its bbox');
    assert.deepEqual(d1.legacy, { x: 2 });
  });

  test('keeps everything of the card and sets its import id and ancestors', async () => {
    const [c] = await rows<Record<string, unknown>>(
      sql`select d.*, u.path from datacards d join geo_units u on u.tenant_id = d.tenant_id and u.id = d.geo_unit_id
          where d.tenant_id = ${tenantId(ctx)} and d.source_uuid = 'uuid-1'`,
    );
    assert.ok(c);
    assert.equal(c.serial, 'S1');
    assert.equal(c.recorded_by, 'clerk');
    assert.equal(c.recorded_on, '2001-01-01');
    assert.deepEqual(c.legacy, { clave: 1 });
    assert.equal(c.losses_local, '1.25');
    assert.equal(c.sector_water, null);
    assert.equal(c.sector_water_present, true);
    assert.deepEqual(c.geo_ancestors, String(c.path).split('/').filter(Boolean).map(Number));
    assert.deepEqual(c.extra, { RAINFALL: 12 }, 'detail extra merged into the card');
    const [run] = await rows<{ id: string; status: string }>(
      sql`select id, status from import_runs where tenant_id = ${tenantId(ctx)} and id = ${c.import_id as string}`,
    );
    assert.equal(run?.status, 'succeeded');
  });

  test('writes human and asset effects resolved by source key and asset code', async () => {
    const human = await rows<{ category: string; value: number; present: boolean }>(
      sql`select category, value, present from human_effects where tenant_id = ${tenantId(ctx)} order by category`,
    );
    assert.deepEqual(human, [
      { category: 'female', value: 1, present: true },
      { category: 'male', value: 0, present: false },
    ]);
    const [asset] = await rows<{ damaged: string; destroyed: string; loss_local: string; source: string }>(
      sql`select damaged, destroyed, loss_local, source from asset_effects where tenant_id = ${tenantId(ctx)}`,
    );
    assert.deepEqual(asset, { damaged: '3', destroyed: '1.5', loss_local: '1000', source: 'reported' });
  });

  test('reports totals equal to the database totals, all states and published', async () => {
    const report = (
      await rows<{ report: { totals: { all: unknown; published: unknown } } }>(
        sql`select report from import_runs where tenant_id = ${tenantId(ctx)} and status = 'succeeded'`,
      )
    )[0]!.report;
    assert.deepEqual(report.totals.all, await cardTotals(database.db, ctx, 'all'));
    assert.deepEqual(report.totals.published, await cardTotals(database.db, ctx, 'published'));
  });

  test('importing the same stream again creates and updates nothing', async () => {
    const report = await load(ctx, countryFile());
    for (const [kind, c] of Object.entries(report.counts)) {
      assert.equal(c.created + c.updated, 0, `${kind}: ${JSON.stringify(c)}`);
    }
    assert.equal(report.counts.datacards!.unchanged, 3);
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from datacards where tenant_id = ${tenantId(ctx)}`,
    );
    assert.equal(n?.n, 3);
  });

  test('a changed card is updated once, with version 2 and an audit row of the changed fields', async () => {
    const items = countryFile().map((i) =>
      i.kind === 'card' && i.card.serial === 'S1' ? card(1, { comments: 'revised' }) : i,
    );
    const report = await load(ctx, items);
    assert.deepEqual(report.counts.datacards, { created: 0, updated: 1, unchanged: 2 });
    const [c] = await rows<{ id: string; version: number; comments: string; import_id: string }>(
      sql`select id, version, comments, import_id from datacards where tenant_id = ${tenantId(ctx)} and source_uuid = 'uuid-1'`,
    );
    assert.equal(c?.version, 2);
    assert.equal(c?.import_id, report.importId);
    const audit = await rows<{ before: unknown; after: unknown }>(
      sql`select before, after from audit_log where tenant_id = ${tenantId(ctx)} and entity = 'datacard' and entity_id = ${c!.id}`,
    );
    assert.deepEqual(audit, [{ before: { comments: null }, after: { comments: 'revised' } }]);
  });
});

describe('runImport: values', () => {
  test('text with tabs, line breaks, backslashes and \\N survives the bulk load exactly', async () => {
    const ctx = await importTenant(database.db, 'TEXT');
    const comments = 'line 1\n\tindented \\ back\\slash \\N not null\r\nend';
    const legacy = { note: 'a\tb', quote: 'say "hi"', empty: null };
    await load(ctx, [...countryItems(), card(1, { comments, legacy, latitude: 12.5, longitude: -61.25 })]);
    const [c] = await rows<{ comments: string; legacy: unknown; latitude: number; geo_ancestors: number[] }>(
      sql`select comments, legacy, latitude, geo_ancestors from datacards where tenant_id = ${tenantId(ctx)}`,
    );
    assert.equal(c?.comments, comments);
    assert.deepEqual(c?.legacy, legacy);
    assert.equal(c?.latitude, 12.5);
    assert.equal(c?.geo_ancestors.length, 2);
  });

  test('a card is filed under the version of its unit valid at its date', async () => {
    const ctx = await importTenant(database.db, 'VERSIONS');
    await load(ctx, countryItems());
    // The district P1-D1 ends on 2010-01-01 and a new version of the same code starts that day.
    const id = tenantId(ctx);
    await database.db.execute(
      sql`update geo_units set valid_to = '2010-01-01' where tenant_id = ${id} and code = 'P1-D1'`,
    );
    await database.db.execute(
      sql`insert into geo_units (tenant_id, level, code, parent_id, path, names, valid_from)
          select tenant_id, level, code, parent_id, path, names, '2010-01-01' from geo_units
          where tenant_id = ${id} and code = 'P1-D1'`,
    );
    await load(ctx, [
      ...countryItems(),
      card(1, { startYear: 2009, startMonth: 12, startDay: 31 }),
      card(2, { startYear: 2010, startMonth: null, startDay: null }),
    ]);
    const filed = await rows<{ serial: string; valid_from: string | null }>(
      sql`select d.serial, g.valid_from::text from datacards d
          join geo_units g on g.tenant_id = d.tenant_id and g.id = d.geo_unit_id
          where d.tenant_id = ${id} order by d.serial`,
    );
    assert.deepEqual(filed, [
      { serial: 'S1', valid_from: null },
      { serial: 'S2', valid_from: '2010-01-01' },
    ]);
  });
});

describe('runImport: dry runs and failures', () => {
  test('a dry run reports what it would do and writes only a dry_run import_runs row', async () => {
    const ctx = await importTenant(database.db, 'DRY');
    const report = await load(ctx, countryFile(), { dryRun: true });
    assert.equal(report.status, 'dry_run');
    assert.equal(report.counts.datacards!.created, 3);
    assert.equal(report.totals.all.cards, 3);
    const [n] = await rows<{ cards: number; units: number; audit: number }>(
      sql`select (select count(*)::int from datacards where tenant_id = ${tenantId(ctx)}) as cards,
                 (select count(*)::int from geo_units where tenant_id = ${tenantId(ctx)}) as units,
                 (select count(*)::int from audit_log where tenant_id = ${tenantId(ctx)}) as audit`,
    );
    assert.deepEqual(n, { cards: 0, units: 0, audit: 0 });
    const runs = await rows<{ id: string; status: string }>(
      sql`select id, status from import_runs where tenant_id = ${tenantId(ctx)}`,
    );
    assert.deepEqual(runs, [{ id: report.importId, status: 'dry_run' }]);
  });

  test('all-or-nothing: a bad row rolls everything back and leaves a failed run naming the place', async () => {
    const ctx = await importTenant(database.db, 'ROLLBACK');
    const items = [...countryFile(), card(9, { startYear: 2021, startMonth: 4, startDay: 31 })];
    await assert.rejects(load(ctx, items), (e: Error) => {
      assert.match(e.message, /^fichas row 9 \(line 109\): startDay: 2021-04 has only 30 days/);
      return true;
    });
    const [n] = await rows<{ cards: number; units: number }>(
      sql`select (select count(*)::int from datacards where tenant_id = ${tenantId(ctx)}) as cards,
                 (select count(*)::int from geo_units where tenant_id = ${tenantId(ctx)}) as units`,
    );
    assert.deepEqual(n, { cards: 0, units: 0 });
    const [run] = await rows<{ status: string; report: { errors: { place: string; message: string }[] } }>(
      sql`select status, report from import_runs where tenant_id = ${tenantId(ctx)}`,
    );
    assert.equal(run?.status, 'failed');
    assert.equal(run?.report.errors[0]?.place, 'fichas row 9 (line 109)');
  });

  test('an unknown event type or unit is an error naming the place, and listed as unmapped', async () => {
    const ctx = await importTenant(database.db, 'UNKNOWN');
    await assert.rejects(
      load(ctx, [...countryItems(), card(4, { eventCode: 'METEOR' })]),
      /fichas row 4 \(line 104\): unknown event type 'METEOR'/,
    );
    await assert.rejects(
      load(ctx, [...countryItems(), card(5, { geoCode: 'NOWHERE' })]),
      /fichas row 5 \(line 105\): unknown geographic unit 'NOWHERE'/,
    );
    const [run] = await rows<{ report: { unmapped: { geoUnits: string[] } } }>(
      sql`select report from import_runs where tenant_id = ${tenantId(ctx)} order by started_at desc limit 1`,
    );
    assert.deepEqual(run?.report.unmapped.geoUnits, ['NOWHERE']);
  });

  test('per-row mode skips bad cards, lists them with their place and commits the rest', async () => {
    const ctx = await importTenant(database.db, 'PERROW');
    const items = [
      ...countryItems(),
      card(1),
      card(2, { startYear: 2999 }),
      card(3, { effects: { deaths: { value: -4, present: false } } }),
      card(4, { causeCode: 'ALIENS' }),
      card(5, { latitude: 95, longitude: 10 }),
      card(6, { extra: { RAINFALL: 'heavy' } }),
      card(7),
    ];
    const report = await load(ctx, items, { mode: 'per-row' });
    assert.equal(report.status, 'succeeded');
    assert.equal(report.counts.datacards!.created, 2);
    assert.deepEqual(
      report.errors.map((e) => [e.place, e.code]),
      [
        ['fichas row 2 (line 102)', 'future_date'],
        ['fichas row 3 (line 103)', 'invalid_value'],
        ['fichas row 4 (line 104)', 'unknown_cause'],
        ['fichas row 5 (line 105)', 'invalid_value'],
        ['fichas row 6 (line 106)', 'invalid_value'],
      ],
    );
    assert.deepEqual(report.unmapped.causes, ['ALIENS']);
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from datacards where tenant_id = ${tenantId(ctx)}`,
    );
    assert.equal(n?.n, 2);
  });
});
