import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { systemContext } from '../context.ts';
import { type LoaderContext, ProgressTracker } from './loader-context.ts';
import { ReportBuilder } from './report.ts';
import { insertRows } from './rows.ts';
import { writeSafely } from './safe-write.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const context = (tx: Executor, mode: LoaderContext['mode']): LoaderContext => ({
  tx,
  ctx: systemContext('test'),
  tenantId: 0,
  importId: '00000000-0000-4000-8000-000000000000',
  actor: 'system:test',
  mode,
  report: new ReportBuilder('x', 'test', 'test'),
  progress: new ProgressTracker(undefined),
  hadCards: false,
  detailsNameItsCards: false,
  bulk: null,
});

/** Write 1, -1, 2 into a table that refuses negative numbers; returns what was kept and the loader context. */
async function write(mode: LoaderContext['mode']) {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`create temp table positives (a int check (a > 0)) on commit drop`);
    const lc = context(tx, mode);
    const failed = await writeSafely(
      lc,
      [1, -1, 2],
      (n) => `row ${n}`,
      (n) => ({ a: n }),
      (ex, rows) => insertRows(ex, 'positives', rows),
    );
    const kept = await queryRows<{ a: number }>(tx, sql`select a from positives order by a`);
    return { failed: [...failed], kept: kept.map((r) => r.a), errors: lc.report.errors.items };
  });
}

describe('writeSafely', () => {
  test('per-row: a batch the database refuses is retried row by row; only the bad row is skipped and listed', async () => {
    const { failed, kept, errors } = await write('per-row');
    assert.deepEqual(failed, [-1]);
    assert.deepEqual(kept, [1, 2]);
    assert.deepEqual(
      errors.map((e) => [e.place, e.code]),
      [['row -1', 'database_error']],
    );
  });

  test('all-or-nothing: the error names the row at fault', async () => {
    await assert.rejects(write('all-or-nothing'), /row -1: .*positives/);
  });
});
