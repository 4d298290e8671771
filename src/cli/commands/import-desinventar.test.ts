/**
 * `lossledger import desinventar` and `import crosswalk` as a user runs them: child processes on
 * a fresh embedded data folder. Each start opens PGlite (seconds), so runs are few and batched.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type CliResult, runCli } from '../../testing/cli.ts';
import { testEngine } from '../../testing/db.ts';

const DATA = join(import.meta.dirname, '../../../../shared/data');
const GRD = join(DATA, 'desinventar/grd/DI_export_grd.xml');
const EVENTS = join(DATA, 'reference/hazards/desinventar-events.csv');
const skip =
  testEngine() !== 'pglite'
    ? 'CLI tests run on the embedded engine only (TEST_ENGINE=pglite)'
    : existsSync(GRD)
      ? false
      : `${GRD} is absent`;
const tmp = mkdtempSync(join(tmpdir(), 'll-import-di-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Run the CLI on an embedded data folder of this test. */
const cli = (dir: string, ...args: string[]): Promise<CliResult> =>
  runCli([...args, '--data-dir', join(tmp, dir)], { DATABASE_URL: undefined, DATA_DIR: undefined });

function expectExit(run: CliResult, code: number, stderr?: RegExp): void {
  assert.equal(run.code, code, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  if (stderr) assert.match(run.stderr, stderr);
}

const totals = async (dir: string, status: string) => {
  const run = await cli(dir, 'totals', '--tenant', 'GRD', '--status', status);
  expectExit(run, 0);
  return JSON.parse(run.stdout) as { cards: number; sums: Record<string, number> };
};

describe('lossledger import desinventar', { skip }, () => {
  test('bad input: usage errors exit 2, a missing file, unknown tenant or broken XML exits 1', async () => {
    const broken = join(tmp, 'broken.xml');
    writeFileSync(
      broken,
      '<?xml version="1.0"?>\n<DESINVENTAR>\n<fichas>\n<TR><serial>1</serial>\n</fichas>',
    );
    const [noTenant, badLanguage, noFile, badExtension] = await Promise.all([
      cli('usage', 'import', 'desinventar', GRD),
      cli('usage', 'import', 'desinventar', GRD, '--tenant', 'GRD', '--language', 'Spanish'),
      cli('usage', 'import', 'desinventar', join(tmp, 'missing.xml'), '--tenant', 'GRD'),
      cli('usage', 'import', 'desinventar', join(tmp, 'a.csv'), '--tenant', 'GRD'),
    ]);
    expectExit(noTenant, 2, /--tenant is required/);
    expectExit(badLanguage, 2, /--language must be a language code/);
    expectExit(noFile, 1, /file not found: .*missing\.xml/);
    expectExit(badExtension, 1, /file not found|\.xml or \.zip/);
    expectExit(await cli('bad', 'tenant', 'create', 'GRD', '--name', 'Grenada', '--currency', 'XCD'), 0);
    const [unknownTenant, brokenFile] = await Promise.all([
      cli('usage', 'import', 'desinventar', GRD, '--tenant', 'NOPE'),
      cli('bad', 'import', 'desinventar', broken, '--tenant', 'GRD'),
    ]);
    expectExit(unknownTenant, 1, /No tenant with id NOPE/);
    expectExit(brokenFile, 1, /broken\.xml.*line/);
    assert.equal((await totals('bad', 'all')).cards, 0, 'the failed import wrote nothing');
  });

  test('dry run, import, totals equal to the MANIFEST, re-import without changes', async () => {
    expectExit(await cli('grd', 'tenant', 'create', 'GRD', '--name', 'Grenada', '--currency', 'XCD'), 0);
    const dry = await cli('grd', 'import', 'desinventar', GRD, '--tenant', 'GRD', '--dry-run');
    expectExit(dry, 0);
    assert.match(dry.stdout, /^Dry run of DI_export_grd\.xml into GRD/);
    assert.match(dry.stdout, /datacards\s+162\s+0\s+0/);
    assert.equal((await totals('grd', 'all')).cards, 0, 'a dry run writes no cards');

    const run = await cli('grd', 'import', 'desinventar', GRD, '--tenant', 'GRD');
    expectExit(run, 0);
    assert.match(run.stdout, /^Imported DI_export_grd\.xml into GRD/);
    assert.match(run.stdout, /Cards: 162 \(131 published\); deaths 5,209/);
    assert.match(run.stderr, /cards/, 'progress goes to stderr');
    const all = await totals('grd', 'all');
    assert.equal(all.cards, 162);
    assert.equal(all.sums.deaths, 5209);
    assert.equal(all.sums.lossesLocal, 2702715000);
    assert.equal(all.sums.cropsHa, 741.34);
    assert.equal(all.sums.roadsM, 449158.9);
    const published = await totals('grd', 'published');
    assert.deepEqual(
      [published.cards, published.sums.deaths, published.sums.lossesUsd],
      [131, 5176, 1148974000],
    );

    const again = await cli('grd', 'import', 'desinventar', GRD, '--tenant', 'GRD', '--json');
    expectExit(again, 0);
    const report = JSON.parse(again.stdout) as {
      counts: Record<string, { created: number; updated: number }>;
    };
    assert.deepEqual(report.counts.datacards, { created: 0, updated: 0, unchanged: 162 });
  });
});

describe('lossledger import crosswalk', {
  skip: skip || (existsSync(EVENTS) ? false : `${EVENTS} is absent`),
}, () => {
  test('imports the DesInventar events file and names the hazards it lacks', async () => {
    const run = await cli('crosswalk', 'import', 'crosswalk', EVENTS);
    expectExit(run, 0);
    assert.match(run.stdout, /Imported 76 event names \(created 76, updated 0\)/);
    assert.match(run.stdout, /Not in the hazard catalogue .*MH0600/);
    expectExit(await cli('crosswalk', 'import', 'crosswalk'), 2, /give exactly one FILE/);
  });
});
