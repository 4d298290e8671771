/**
 * `lossledger import desinventar` and `import crosswalk` in-process on the engine under test
 * (src/testing/cli.ts), on the real Grenada export and the DesInventar events file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliResult, type CliTarget, cliTarget } from '../../testing/cli.ts';
import { GRD_FILE as GRD, skipWithoutGrd as skip } from '../../testing/desinventar-manifest.ts';

const EVENTS = join(import.meta.dirname, '../../../../shared/data/reference/hazards/desinventar-events.csv');
const tmp = mkdtempSync(join(tmpdir(), 'll-import-di-'));
let target: CliTarget;
before(async () => {
  target = await cliTarget();
});
after(async () => {
  await target.close();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliResult> => target.run(args);

function expectExit(run: CliResult, code: number, stderr?: RegExp): void {
  assert.equal(run.code, code, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  if (stderr) assert.match(run.stderr, stderr);
}

const totals = async (tenant: string, status: string) => {
  const run = await cli('totals', '--tenant', tenant, '--status', status);
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
      cli('import', 'desinventar', GRD),
      cli('import', 'desinventar', GRD, '--tenant', 'BRK', '--language', 'Spanish'),
      cli('import', 'desinventar', join(tmp, 'missing.xml'), '--tenant', 'BRK'),
      cli('import', 'desinventar', join(tmp, 'a.csv'), '--tenant', 'BRK'),
    ]);
    expectExit(noTenant, 2, /--tenant is required/);
    expectExit(badLanguage, 2, /--language must be a language code/);
    expectExit(noFile, 1, /file not found: .*missing\.xml/);
    expectExit(badExtension, 1, /file not found|\.xml or \.zip/);
    expectExit(await cli('tenant', 'create', 'BRK', '--name', 'Broken', '--currency', 'XCD'), 0);
    const [unknownTenant, brokenFile] = await Promise.all([
      cli('import', 'desinventar', GRD, '--tenant', 'NOPE'),
      cli('import', 'desinventar', broken, '--tenant', 'BRK'),
    ]);
    expectExit(unknownTenant, 1, /No tenant with id NOPE/);
    expectExit(brokenFile, 1, /broken\.xml.*line/);
    assert.equal((await totals('BRK', 'all')).cards, 0, 'the failed import wrote nothing');
  });

  test('dry run, import, totals equal to the MANIFEST, re-import without changes', async () => {
    expectExit(await cli('tenant', 'create', 'GRD', '--name', 'Grenada', '--currency', 'XCD'), 0);
    const dry = await cli('import', 'desinventar', GRD, '--tenant', 'GRD', '--dry-run');
    expectExit(dry, 0);
    assert.match(dry.stdout, /^Dry run of DI_export_grd\.xml into GRD/);
    assert.match(dry.stdout, /datacards\s+162\s+0\s+0/);
    assert.equal((await totals('GRD', 'all')).cards, 0, 'a dry run writes no cards');

    const run = await cli('import', 'desinventar', GRD, '--tenant', 'GRD');
    expectExit(run, 0);
    assert.match(run.stdout, /^Imported DI_export_grd\.xml into GRD/);
    assert.match(run.stdout, /Cards: 162 \(131 published\); deaths 5,209/);
    assert.match(run.stderr, /cards/, 'progress goes to stderr');
    const all = await totals('GRD', 'all');
    assert.equal(all.cards, 162);
    assert.equal(all.sums.deaths, 5209);
    assert.equal(all.sums.lossesLocal, 2702715000);
    assert.equal(all.sums.cropsHa, 741.34);
    assert.equal(all.sums.roadsM, 449158.9);
    const published = await totals('GRD', 'published');
    assert.deepEqual(
      [published.cards, published.sums.deaths, published.sums.lossesUsd],
      [131, 5176, 1148974000],
    );

    const again = await cli('import', 'desinventar', GRD, '--tenant', 'GRD', '--json');
    expectExit(again, 0);
    const report = JSON.parse(again.stdout) as {
      counts: Record<string, { created: number; updated: number }>;
    };
    assert.deepEqual(report.counts.datacards, { created: 0, updated: 0, unchanged: 162 });
  });
});

describe('lossledger import crosswalk', {
  skip: existsSync(EVENTS) ? false : `${EVENTS} is absent: real-file test skipped`,
}, () => {
  test('imports the DesInventar events file and names the hazards it lacks', async () => {
    const run = await cli('import', 'crosswalk', EVENTS);
    expectExit(run, 0);
    assert.match(run.stdout, /Imported 76 event names \(created 76, updated 0\)/);
    assert.match(run.stdout, /Not in the hazard catalogue .*MH0600/);
    expectExit(await cli('import', 'crosswalk'), 2, /give exactly one FILE/);
  });
});
