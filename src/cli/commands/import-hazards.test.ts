/** `lossledger import hazards` in-process on the engine under test (src/testing/cli.ts). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HAZARD_CSV, writeTempFile } from '../../testing/catalogue-factories.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

let target: CliTarget;
before(async () => {
  target = await cliTarget();
});
after(() => target.close());

/** Run `lossledger import hazards …`. */
async function lossledger(args: string[]) {
  const run = await target.run(['import', 'hazards', ...args]);
  return { code: run.code, out: run.stdout, err: run.stderr };
}

describe('lossledger import hazards', () => {
  test('imports a CSV file, and a re-import into the same database updates instead of creating', async () => {
    const file = writeTempFile('hazards.csv', HAZARD_CSV);
    const first = await lossledger([file]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^Imported 3 hazards \(created 3, updated 0\)$/m);
    const again = await lossledger([file]);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /Imported 3 hazards \(created 0, updated 3\)/);
  });

  test('exits 1 naming the problem for a missing file or a bad row, without opening the database', async () => {
    const missing = await lossledger(['/nonexistent/hips.json']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /No such file: \/nonexistent\/hips\.json/);
    const dup = await lossledger([writeTempFile('dup.csv', `${HAZARD_CSV}\nMH0600,Again,,,,,,`)]);
    assert.equal(dup.code, 1);
    assert.match(dup.err, /line 5: code MH0600 repeats line 2/);
  });

  test('exits 2 with the usage when FILE is missing', async () => {
    const res = await lossledger([]);
    assert.equal(res.code, 2);
    assert.match(res.err, /give exactly one FILE[\s\S]*Usage: lossledger import hazards FILE/);
  });
});
