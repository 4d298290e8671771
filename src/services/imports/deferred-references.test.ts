import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { card, countryItems, importTenant, itemSource } from '../../testing/import-factories.ts';
import { checkDeferredReferences, deferReferenceChecks, isSuperuser } from './deferred-references.ts';
import { runImport } from './run-import.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const superuser = () => isSuperuser(database.db);

describe('deferred reference checks of first imports', () => {
  test('a row written while triggers are off with a broken reference is caught, naming the key', async (t) => {
    if (!(await superuser()))
      return t.skip('the test database role is not a superuser: checks are never deferred');
    const ctx = await importTenant(database.db, 'DEFER');
    await runImport(database.db, ctx, itemSource([...countryItems(), card(1)]), {
      dryRun: false,
      mode: 'all-or-nothing',
    });
    const tenantId = ctx.tenant!.id;
    await assert.rejects(
      database.db.transaction(async (tx) => {
        assert.equal(await deferReferenceChecks(tx), true);
        // Written without its trigger: the unit does not exist.
        await tx.execute(
          sql`update datacards set geo_unit_id = 999999 where tenant_id = ${tenantId} and source_uuid = 'uuid-1'`,
        );
        await checkDeferredReferences(tx, tenantId);
      }),
      /1 rows of datacards break foreign key .*geo_unit_id -> geo_units/,
    );
    const [stored] = await queryRows<{ geo_unit_id: number }>(
      database.db,
      sql`select geo_unit_id from datacards where tenant_id = ${tenantId}`,
    );
    assert.notEqual(stored?.geo_unit_id, 999999, 'the transaction rolled back');
  });

  test('the triggers are back on after the check: a broken reference then fails at once', async () => {
    const ctx = await importTenant(database.db, 'DEFER2');
    await runImport(database.db, ctx, itemSource([...countryItems(), card(1)]), {
      dryRun: false,
      mode: 'all-or-nothing',
    });
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await deferReferenceChecks(tx);
        await checkDeferredReferences(tx, ctx.tenant!.id);
        await tx.execute(sql`update datacards set geo_unit_id = 999999 where tenant_id = ${ctx.tenant!.id}`);
      }),
      (error: Error) =>
        /violates foreign key constraint/.test(String((error.cause as Error | undefined)?.message)),
    );
  });
});
