import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openScratchPostgres, testEngine } from '../testing/db.ts';
import { type Database, openDatabase } from './engine.ts';
import { listMigrations, migrate } from './migrate.ts';
import { queryRows } from './query.ts';

const expectedTables = [
  'asset_effects',
  'asset_type_prices',
  'asset_types',
  'audit_log',
  'baselines',
  'cpi',
  'exchange_rates',
  'saved_queries',
  'event_hazard_crosswalk',
  'human_effects',
  'import_mappings',
  'legacy_rows',
  'causes',
  'datacards',
  'disaster_events',
  'event_types',
  'extra_field_definitions',
  'extra_field_tabs',
  'geo_levels',
  'geo_unit_links',
  'geo_units',
  'hazards',
  'import_runs',
  'tenants',
];

/** An empty database (no template) on the engine under test. */
async function emptyDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') return openDatabase({ kind: 'pglite', dataDir: null });
  return openScratchPostgres(process.env.TEST_DATABASE_URL!, 'll_empty', { poolSize: 2 });
}

test(`migrations apply from an empty database and are idempotent (${testEngine()})`, async () => {
  const database = await emptyDatabase();
  try {
    const applied = await migrate(database.db);
    assert.deepEqual(
      applied,
      listMigrations().map((m) => m.tag),
    );
    const tables = await queryRows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = tables.map((t) => t.table_name);
    for (const table of expectedTables) assert.ok(names.includes(table), `missing table ${table}`);
    assert.deepEqual(await migrate(database.db), []);
  } finally {
    await database.close();
  }
});

test('a migration edited after it was applied is refused', async () => {
  const database = await emptyDatabase();
  try {
    await migrate(database.db);
    const first = listMigrations()[0]!.tag;
    await database.db.execute(sql`update lossledger_migrations set hash = 'tampered' where tag = ${first}`);
    await assert.rejects(migrate(database.db), /was changed after it was applied/);
  } finally {
    await database.close();
  }
});

test('every tenant-owned table leads its primary key with tenant_id', async () => {
  const database = await emptyDatabase();
  try {
    await migrate(database.db);
    const rows = await queryRows<{ table_name: string; first: string }>(
      database.db,
      sql`select tc.table_name, kcu.column_name as first
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
          where tc.constraint_type = 'PRIMARY KEY' and tc.table_schema = 'public' and kcu.ordinal_position = 1
          order by tc.table_name`,
    );
    const global = new Set([
      'tenants',
      'hazards',
      'event_hazard_crosswalk',
      'exchange_rates',
      'cpi',
      'audit_log',
      'lossledger_migrations',
      'users',
      'sessions',
    ]);
    for (const row of rows.filter((r) => !global.has(r.table_name))) {
      assert.equal(row.first, 'tenant_id', `${row.table_name} primary key starts with ${row.first}`);
    }
  } finally {
    await database.close();
  }
});

test('every foreign key is covered by an index that starts with its columns', async () => {
  const database = await emptyDatabase();
  try {
    await migrate(database.db);
    const fks = await queryRows<{ tbl: string; name: string; cols: string }>(
      database.db,
      sql`select conrelid::regclass::text as tbl, conname as name, array_to_string(conkey, ' ') as cols
          from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by 1, 2`,
    );
    const indexes = await queryRows<{ tbl: string; cols: string }>(
      database.db,
      sql`select indrelid::regclass::text as tbl, indkey::text as cols
          from pg_index where indrelid::regclass::text in (select tablename from pg_tables where schemaname = 'public')`,
    );
    assert.ok(fks.length > 10);
    const uncovered = fks.filter((fk) => {
      const want = fk.cols.split(' ');
      return !indexes.some((ix) => {
        const have = ix.cols.split(' ');
        return ix.tbl === fk.tbl && want.every((c, i) => have[i] === c);
      });
    });
    assert.deepEqual(
      uncovered.map((fk) => `${fk.tbl}.${fk.name}`),
      [],
    );
  } finally {
    await database.close();
  }
});
