/**
 * The `lossledger` command: a smoke test of the real binary in child processes (usage, and a first
 * run that migrates an empty database), then the command table and exit codes in-process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliTarget, cliTarget, runCli } from '../testing/cli.ts';
import { openScratchPostgres, testEngine } from '../testing/db.ts';

let cli: CliTarget;
before(async () => {
  cli = await cliTarget();
});
after(() => cli.close());

/** Environment and arguments that point the binary at an empty database of the engine under test. */
async function emptyDatabase() {
  if (testEngine() === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'll-cli-empty-'));
    return {
      env: { DATABASE_URL: undefined, DATA_DIR: undefined },
      args: ['--data-dir', dir],
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = await openScratchPostgres(process.env.TEST_DATABASE_URL!, 'll_cli_empty', { poolSize: 1 });
  return { env: { DATABASE_URL: database.location, DATA_DIR: undefined }, args: [], close: database.close };
}

describe('lossledger binary (child processes)', () => {
  test('no command prints usage and exits 2', async () => {
    const none = await runCli([], {});
    assert.equal(none.code, 2);
    assert.match(none.stdout, /Usage: lossledger <command>/);
  });

  test('a first run migrates an empty database and creates the tenant (exit 0)', async () => {
    const empty = await emptyDatabase();
    try {
      const args = ['tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT', ...empty.args];
      const created = await runCli(args, empty.env);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /Created tenant KZ/);
    } finally {
      await empty.close();
    }
  });
});

describe('lossledger CLI', () => {
  test('an unknown command exits 2 naming it', async () => {
    const unknown = await cli.run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate/);
  });

  test('bad input gives a clear usage error (exit 2)', async () => {
    const noTenant = await cli.run(['totals']);
    assert.equal(noTenant.code, 2);
    assert.match(noTenant.stderr, /--tenant is required/);
    const badStatus = await cli.run(['totals', '--tenant', 'X', '--status', 'approved']);
    assert.equal(badStatus.code, 2);
    assert.match(badStatus.stderr, /unknown --status approved/);
    const unknownFlag = await cli.run(['totals', '--tenant', 'X', '--bogus']);
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /Unknown option '--bogus'/);
    const badCode = await cli.run(['tenant', 'create', 'kz', '--name', 'Kazakhstan', '--currency', 'tenge']);
    assert.equal(badCode.code, 2);
    assert.match(badCode.stderr, /code: must be 2-20 upper-case/);
    assert.match(badCode.stderr, /currency: must be an ISO 4217 code/);
  });

  test('tenant create, totals, duplicate tenant and unknown tenant', async () => {
    const created = await cli.run([
      'tenant',
      'create',
      'KZ',
      '--name',
      'Kazakhstan',
      '--currency',
      'KZT',
      '--languages',
      'ru,kk,en',
    ]);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created tenant KZ/);
    const totals = await cli.run(['totals', '--tenant', 'KZ', '--status', 'all', '--format', 'json']);
    assert.equal(totals.code, 0, totals.stderr);
    const parsed = JSON.parse(totals.stdout) as { cards: number; sums: Record<string, number> };
    assert.equal(parsed.cards, 0);
    assert.equal(parsed.sums.deaths, 0);
    assert.equal(Object.keys(parsed.sums).length, 16);
    const again = await cli.run(['tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Already exists/);
    const unknown = await cli.run(['totals', '--tenant', 'NOPE']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No tenant with id NOPE/);
  });
});
