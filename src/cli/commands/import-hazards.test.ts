import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { HAZARD_CSV, writeTempFile } from '../../testing/catalogue-factories.ts';
import { testEngine } from '../../testing/db.ts';

const root = join(import.meta.dirname, '../../..');
const { DATABASE_URL: _url, DATA_DIR: _dir, ...env } = process.env;

const dataDirs: string[] = [];
after(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Run `lossledger import hazards …` embedded in a data folder; each run that opens it takes seconds. */
function lossledger(args: string[], dataDir = mkdtempSync(join(tmpdir(), 'lossledger-cli-'))) {
  dataDirs.push(dataDir);
  const run = spawnSync(
    process.execPath,
    ['bin/lossledger.js', 'import', 'hazards', ...args, '--data-dir', dataDir],
    {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: run.status, out: run.stdout, err: run.stderr, dataDir };
}

const skip = testEngine() === 'postgres' ? 'the CLI runs embedded; covered by the PGlite pass' : false;

describe('lossledger import hazards', { skip }, () => {
  test('imports a CSV file, and a re-import into the same folder updates instead of creating', () => {
    const file = writeTempFile('hazards.csv', HAZARD_CSV);
    const first = lossledger([file]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^Imported 3 hazards \(created 3, updated 0\)$/m);
    const again = lossledger([file], first.dataDir);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Imported 3 hazards \(created 0, updated 3\)/);
  });

  test('exits 1 naming the problem for a missing file or a bad row, without opening the database', () => {
    const missing = lossledger(['/nonexistent/hips.json']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No such file: \/nonexistent\/hips\.json/);
    const dup = lossledger([writeTempFile('dup.csv', `${HAZARD_CSV}\nMH0600,Again,,,,,,`)]);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /line 5: code MH0600 repeats line 2/);
  });

  test('exits 2 with the usage when FILE is missing', () => {
    const res = lossledger([]);
    assert.equal(res.code, 2);
    assert.match(res.err, /give exactly one FILE[\s\S]*Usage: lossledger import hazards FILE/);
  });
});
