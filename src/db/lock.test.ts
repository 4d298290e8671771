import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { testEngine } from '../testing/db.ts';
import { openDatabase } from './engine.ts';
import { acquireDataDirLock, DataDirLockedError } from './lock.ts';
import { queryRows } from './query.ts';

const skip = testEngine() !== 'pglite' ? 'the embedded-database lock only matters on PGlite' : false;
const root = join(import.meta.dirname, '..', '..');

describe('embedded data directory lock', () => {
  test('a second open of the same folder fails with a clear error; data survives a reopen', {
    skip,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-lock-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      await first.db.execute(sql`create table t (n int)`);
      await first.db.execute(sql`insert into t values (1), (2)`);
      await assert.rejects(openDatabase({ kind: 'pglite', dataDir: dir }), (error: unknown) => {
        assert.ok(error instanceof DataDirLockedError);
        assert.match(error.message, /in use by another LossLedger process/);
        return true;
      });
      await first.close();
      const again = await openDatabase({ kind: 'pglite', dataDir: dir });
      const rows = await queryRows<{ n: number }>(again.db, sql`select count(*)::int as n from t`);
      assert.equal(rows[0]?.n, 2);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the CLI refuses a folder held by another process, naming it, with exit code 1', {
    skip,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-lock-cli-'));
    const release = acquireDataDirLock(dir, 'test holder');
    try {
      const env = { ...process.env, DATABASE_URL: '' };
      const res = spawnSync(
        process.execPath,
        [join(root, 'bin/lossledger.js'), 'migrate', '--data-dir', dir],
        { env, encoding: 'utf8' },
      );
      assert.equal(res.status, 1, res.stderr);
      assert.match(res.stderr, /in use by another LossLedger process \(pid \d+: test holder\)/);
    } finally {
      release();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stale lock left by a dead process is taken over', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'll-lock-stale-'));
    try {
      writeFileSync(join(dir, 'lossledger.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'gone' }));
      const release = acquireDataDirLock(dir, 'new owner');
      assert.throws(() => acquireDataDirLock(dir, 'third'), DataDirLockedError);
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
