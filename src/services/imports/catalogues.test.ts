import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { eventHazardCrosswalk, hazards } from '../../db/schema/index.ts';
import type { ImportItem } from '../../formats/model.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { card, countryItems, importTenant, itemSource, unit } from '../../testing/import-factories.ts';
import type { RequestContext } from '../context.ts';
import { runImport } from './run-import.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const load = (
  ctx: RequestContext,
  items: ImportItem[],
  mode: 'all-or-nothing' | 'per-row' = 'all-or-nothing',
) => runImport(database.db, ctx, itemSource(items), { dryRun: false, mode });
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);

interface UnitRow {
  code: string;
  id: number;
  level: number;
  parent_id: number | null;
  path: string;
  placeholder: boolean;
}
const unitsOf = (ctx: RequestContext) =>
  rows<UnitRow>(
    sql`select code, id, level, parent_id, path, placeholder from geo_units where tenant_id = ${ctx.tenant!.id} order by level, code`,
  );

describe('runImport: geography', () => {
  test('a unit whose parent code is missing gets a flagged placeholder parent under the only unit above', async () => {
    const ctx = await importTenant(database.db, 'ORPHAN');
    const report = await load(ctx, [
      { kind: 'geoLevel', level: 1, names: { en: 'Country' }, codeLength: null, legacy: {} },
      unit(1, 'GRD', null),
      unit(2, 'GRD01', 'GRD'),
      unit(3, '010101', '0101'),
    ]);
    const units = await unitsOf(ctx);
    const placeholder = units.find((u) => u.code === '0101')!;
    const top = units.find((u) => u.code === 'GRD')!;
    const orphan = units.find((u) => u.code === '010101')!;
    assert.equal(placeholder.placeholder, true);
    assert.equal(placeholder.level, 2);
    assert.equal(placeholder.parent_id, top.id);
    assert.equal(orphan.path, `/${top.id}/${placeholder.id}/${orphan.id}/`);
    assert.ok(report.warnings.some((w) => w.code === 'placeholder_created'));
    assert.ok(
      report.warnings.some((w) => w.code === 'level_created'),
      'levels 2 and 3 were not in the stream',
    );
  });

  test('without a single unit above, placeholders hang under a shared UNKNOWN unit; a later real item replaces a placeholder', async () => {
    const ctx = await importTenant(database.db, 'ORPHAN2');
    await load(ctx, [unit(1, 'A', null), unit(1, 'B', null), unit(3, 'X1', 'X')]);
    let units = await unitsOf(ctx);
    const unknown = units.find((u) => u.code === 'UNKNOWN-1')!;
    const x = units.find((u) => u.code === 'X')!;
    assert.equal(unknown.placeholder, true);
    assert.equal(x.parent_id, unknown.id);
    await load(ctx, [unit(1, 'A', null), unit(2, 'X', 'A')]);
    units = await unitsOf(ctx);
    const a = units.find((u) => u.code === 'A')!;
    const moved = units.find((u) => u.code === 'X')!;
    const child = units.find((u) => u.code === 'X1')!;
    assert.equal(moved.placeholder, false);
    assert.equal(moved.parent_id, a.id);
    assert.equal(child.path, `/${a.id}/${moved.id}/${child.id}/`, 'the subtree moved with it');
  });

  test('a code used at another level is refused', async () => {
    const ctx = await importTenant(database.db, 'LEVELS');
    await assert.rejects(
      load(ctx, [unit(1, 'A', null), unit(2, 'A', 'A')]),
      /geoUnit A: code A is already used at level 1/,
    );
  });
});

describe('runImport: catalogues', () => {
  test('an event type without hazard gets the crosswalk suggestion, listed in the report', async () => {
    await database.db
      .insert(hazards)
      .values({ code: 'TL0305', names: { en: 'Fire' } })
      .onConflictDoNothing();
    await database.db
      .insert(eventHazardCrosswalk)
      .values({ name: 'FIRE', hazardCode: 'TL0305' })
      .onConflictDoNothing();
    const ctx = await importTenant(database.db, 'HAZARD');
    const report = await load(ctx, countryItems());
    const [fire] = await rows<{ hazard_code: string | null }>(
      sql`select hazard_code from event_types where tenant_id = ${ctx.tenant!.id} and code = 'FIRE'`,
    );
    assert.equal(fire?.hazard_code, 'TL0305');
    assert.deepEqual(
      report.warnings.filter((w) => w.code === 'hazard_suggested').map((w) => w.message),
      ['event type FIRE: hazard TL0305 suggested from the crosswalk (check it)'],
    );
  });

  test('an event type hangs under an earlier one; a parent that would close a cycle is dropped with a warning', async () => {
    const ctx = await importTenant(database.db, 'PARENTS');
    const event = (code: string, parentCode: string | null): ImportItem => ({
      kind: 'eventType',
      code,
      names: { en: code },
      description: null,
      parentCode,
      sortOrder: 0,
      hazardCode: null,
      legacy: {},
    });
    const report = await load(ctx, [
      event('FLOOD', null),
      event('FLASH', 'FLOOD'),
      event('FLOOD', 'FLASH'),
      event('X', 'NONE'),
    ]);
    const types = await rows<{ code: string; parent: string | null }>(
      sql`select e.code, p.code as parent from event_types e left join event_types p on p.tenant_id = e.tenant_id and p.id = e.parent_id
          where e.tenant_id = ${ctx.tenant!.id} order by e.code`,
    );
    assert.deepEqual(types, [
      { code: 'FLASH', parent: 'FLOOD' },
      { code: 'FLOOD', parent: null },
      { code: 'X', parent: null },
    ]);
    assert.equal(report.warnings.filter((w) => w.code === 'unknown_parent').length, 2);
  });

  test('changed names are counted as updates with one audit row; stored names in other languages are kept', async () => {
    const ctx = await importTenant(database.db, 'RENAME');
    await load(ctx, countryItems());
    await database.db.execute(
      sql`update event_types set names = names || '{"ru": "НАВОДНЕНИЕ"}' where tenant_id = ${ctx.tenant!.id} and code = 'FLOOD'`,
    );
    const items = countryItems().map((i) => (i.kind === 'cause' ? { ...i, names: { en: 'Heavy rain' } } : i));
    const report = await load(ctx, items);
    assert.deepEqual(report.counts.causes, { created: 0, updated: 1, unchanged: 0 });
    assert.deepEqual(report.counts.eventTypes, { created: 0, updated: 0, unchanged: 2 });
    const [flood] = await rows<{ names: unknown }>(
      sql`select names from event_types where tenant_id = ${ctx.tenant!.id} and code = 'FLOOD'`,
    );
    assert.deepEqual(flood?.names, { en: 'FLOOD', es: 'INUNDACION', ru: 'НАВОДНЕНИЕ' });
    const audit = await rows<{ entity: string; before: { names: unknown } }>(
      sql`select entity, before from audit_log where tenant_id = ${ctx.tenant!.id} and action = 'update'`,
    );
    assert.deepEqual(audit, [
      { entity: 'cause', before: { names: { en: 'Rain' }, sort_order: 1, legacy: {} } },
    ]);
  });

  test('baselines upsert by unit, year and metric; legacy rows replace their table', async () => {
    const ctx = await importTenant(database.db, 'BASE');
    const file = (population: string, rowsOfTable: number): ImportItem[] => [
      ...countryItems(),
      {
        kind: 'baseline',
        unitCode: 'P1',
        year: 2010,
        metric: 'population',
        value: population,
        valueUsd: null,
        source: null,
      },
      {
        kind: 'baseline',
        unitCode: null,
        year: 2010,
        metric: 'gdp',
        value: '1000.50',
        valueUsd: '400',
        source: 'WB',
      },
      ...Array.from(
        { length: rowsOfTable },
        (_, i): ImportItem => ({
          kind: 'legacyRow',
          table: 'lec_cpi',
          position: i + 1,
          data: { lec_year: String(2000 + i) },
        }),
      ),
    ];
    await load(ctx, file('5000', 3));
    const report = await load(ctx, file('5100', 2));
    assert.deepEqual(report.counts.baselines, { created: 0, updated: 1, unchanged: 1 });
    assert.deepEqual(report.counts.legacyRows, { created: 0, updated: 0, unchanged: 2 });
    const legacy = await rows<{ position: number }>(
      sql`select position from legacy_rows where tenant_id = ${ctx.tenant!.id} order by position`,
    );
    assert.deepEqual(
      legacy,
      [{ position: 1 }, { position: 2 }],
      'the latest copy of the table replaced the earlier one',
    );
  });
});

describe('runImport: card identity', () => {
  test('cards sharing an identity in one file stay distinct, with a warning, and re-import without duplicates', async () => {
    const ctx = await importTenant(database.db, 'DUPES');
    const cards = [
      card(1),
      card(2, { sourceUuid: 'uuid-1', comments: 'second' }),
      card(3, { sourceUuid: null }),
    ];
    const first = await load(ctx, [...countryItems(), ...cards]);
    assert.equal(first.counts.datacards!.created, 3);
    const duplicates = first.warnings.filter((w) => w.code === 'duplicate_identity');
    assert.deepEqual(
      duplicates.map((w) => w.place),
      ['fichas row 2 (line 102)'],
    );
    const again = await load(ctx, [...countryItems(), ...cards.reverse()]);
    assert.deepEqual(again.counts.datacards, { created: 0, updated: 0, unchanged: 3 });
  });

  test('without uu_id the identity is serial, start date and unit', async () => {
    const ctx = await importTenant(database.db, 'SERIAL');
    const plain = (n: number, more = {}) => card(n, { sourceUuid: null, ...more });
    await load(ctx, [...countryItems(), plain(1), plain(2)]);
    const report = await load(ctx, [
      ...countryItems(),
      plain(1, { comments: 'x' }),
      plain(2, { startDay: 11 }),
    ]);
    assert.deepEqual(report.counts.datacards, { created: 1, updated: 1, unchanged: 0 });
  });
});
