/** Bulk load of a first import into an empty database: indexes and summary triggers off, then rebuilt. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { openTestDatabase } from '../../testing/db.ts';
import {
  assetType,
  card,
  countryItems,
  detail,
  importTenant,
  itemSource,
} from '../../testing/import-factories.ts';
import { summaryCardCount, summaryDrift } from '../../testing/summary-checks.ts';
import { startBulkLoad } from './bulk-load.ts';
import { isSuperuser } from './deferred-references.ts';
import { runImport } from './run-import.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

type Executor = Parameters<typeof queryRows>[0];
const indexes = (db: Executor) =>
  queryRows<{ name: string; definition: string }>(
    db,
    sql`select indexname as name, indexdef as definition from pg_indexes where tablename = 'datacards' order by 1`,
  );
const triggers = (db: Executor) =>
  queryRows<{ name: string; enabled: string }>(
    db,
    sql`select tgname as name, tgenabled as enabled from pg_trigger
        where tgrelid = 'datacards'::regclass and tgname like 'card_summary%' order by 1`,
  );
const storage = async (db: Executor) =>
  (
    await queryRows<{ options: string[] | null }>(
      db,
      sql`select reloptions as options from pg_class where oid = 'datacards'::regclass`,
    )
  )[0]?.options ?? null;
const superuser = () => isSuperuser(database.db);

describe('bulk load', () => {
  test('inside its transaction: secondary indexes dropped, summary triggers off; finish() puts both back', async () => {
    const before = await indexes(database.db);
    assert.ok(before.length > 5, 'datacards has its secondary indexes');
    const ctx = await importTenant(database.db, 'BULK0');
    await database.db.transaction(async (tx) => {
      const bulk = await startBulkLoad(tx, ctx.tenant!.id);
      assert.ok(bulk, 'the datacards table is empty');
      const during = await indexes(tx);
      assert.deepEqual(
        during.map((i) => i.name),
        before.filter((i) => /UNIQUE/.test(i.definition)).map((i) => i.name),
        'only the primary key and unique indexes stay',
      );
      assert.deepEqual(
        (await triggers(tx)).map((t) => t.enabled),
        ['D', 'D', 'D', 'D'],
      );
      assert.deepEqual(await storage(tx), ['fillfactor=90'], 'pages keep room for the extension values');
      await bulk.finish();
      assert.equal(await storage(tx), null, 'the table is left with its own storage settings');
      assert.deepEqual(await indexes(tx), before);
      assert.deepEqual(
        (await triggers(tx)).map((t) => t.enabled),
        ['A', 'A', 'A', 'A'],
      );
    });
  });

  test('a first import loads in bulk: the same indexes after, the summary adds up to the cards', async (t) => {
    if (!(await superuser()))
      return t.skip('the test database role is not a superuser: imports never bulk-load');
    const before = await indexes(database.db);
    const ctx = await importTenant(database.db, 'BULK1');
    const cards = Array.from({ length: 1500 }, (_, i) => card(i + 1, { startYear: 1990 + (i % 30) }));
    const report = await runImport(
      database.db,
      ctx,
      itemSource([...countryItems(), ...cards, detail(1), detail(2), assetType('HOUSE')]),
      { dryRun: false, mode: 'all-or-nothing' },
    );
    assert.equal(report.counts.datacards!.created, 1500);
    assert.deepEqual(await indexes(database.db), before);
    assert.deepEqual(
      (await triggers(database.db)).map((t) => t.enabled),
      ['A', 'A', 'A', 'A'],
    );
    assert.equal(await summaryCardCount(database.db, ctx.tenant!.id), 1500);
    assert.deepEqual(await summaryDrift(database.db), []);
    // The table is no longer empty: a second tenant's import takes the ordinary path and keeps the summary too.
    const other = await importTenant(database.db, 'BULK2');
    await database.db.transaction(async (tx) => {
      assert.equal(await startBulkLoad(tx, other.tenant!.id), null);
    });
    await runImport(database.db, other, itemSource([...countryItems(), card(1), card(2)]), {
      dryRun: false,
      mode: 'all-or-nothing',
    });
    assert.deepEqual(await summaryDrift(database.db), []);
  });
});

describe('bulk load that fails', () => {
  test('a first import failing after its cards are written rolls back to the indexes and triggers it found', async (t) => {
    if (!(await superuser()))
      return t.skip('the test database role is not a superuser: imports never bulk-load');
    // Its own database, so that the datacards table is empty for it.
    const fresh = await openTestDatabase();
    try {
      const before = await indexes(fresh.db);
      const ctx = await importTenant(fresh.db, 'BULKF');
      const bad = detail(1, { assetEffects: [{ ...detail(1).assetEffects[0]!, assetCode: 'YACHT' }] });
      await assert.rejects(
        runImport(fresh.db, ctx, itemSource([...countryItems(), card(1), card(2), bad]), {
          dryRun: false,
          mode: 'all-or-nothing',
        }),
        /extension row 1: unknown asset type 'YACHT'/,
      );
      assert.deepEqual(await indexes(fresh.db), before);
      assert.deepEqual(
        (await triggers(fresh.db)).map((t) => t.enabled),
        ['A', 'A', 'A', 'A'],
      );
      const [{ n }] = (await queryRows<{ n: number }>(
        fresh.db,
        sql`select count(*)::int as n from datacards`,
      )) as [{ n: number }];
      assert.equal(n, 0);
      assert.deepEqual(await summaryDrift(fresh.db), []);
    } finally {
      await fresh.close();
    }
  });
});
