/** `lossledger import di8` as a user runs it, on the BOL GCBOL CSV dump. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

const folder = join(import.meta.dirname, '../../../../shared/data/desinventar/bol_gcbol_di8_csv');
const skip = existsSync(join(folder, 'Disaster.csv')) ? false : `DI8 dump not found in ${folder}`;
let target: CliTarget;

before(async () => {
  target = await cliTarget();
});
after(() => target.close());

test('import di8 > usage and path errors', async () => {
  const [noTenant, noPath] = await Promise.all([
    target.run(['import', 'di8', folder]),
    target.run(['import', 'di8', join(folder, 'missing'), '--tenant', 'BOL']),
  ]);
  assert.equal(noTenant.code, 2, noTenant.stderr);
  assert.match(noTenant.stderr, /--tenant is required/);
  assert.equal(noPath.code, 1, noPath.stderr);
  assert.match(noPath.stderr, /no such file or folder: .*missing/);
});

test('import di8 > dry run, import, re-import of the CSV folder', { skip }, async () => {
  const created = await target.run(['tenant', 'create', 'BOL', '--name', 'Bolivia', '--currency', 'BOB']);
  assert.equal(created.code, 0, created.stderr);
  const dry = await target.run(['import', 'di8', folder, '--tenant', 'BOL', '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /Dry run of bol_gcbol_di8_csv into BOL \(nothing written\)/);
  assert.match(dry.stdout, /datacards: 109 created/);

  const run = await target.run(['import', 'di8', folder, '--tenant', 'BOL']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /geoUnits: 444 created/);
  assert.match(run.stdout, /eventTypes: 37 created/);
  assert.match(run.stdout, /causes: 36 created/);
  assert.match(
    run.stdout,
    /published: 109 cards, deaths 166, missing 5, injured 1252, directlyAffected 9828, indirectlyAffected 115320/,
  );
  assert.match(run.stdout, /housesDestroyed 79, housesDamaged 1, lossesLocal 6000000, lossesUsd 103734095/);

  const again = await target.run(['import', 'di8', folder, '--tenant', 'BOL', '--per-row']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /datacards: 0 created, 0 updated, 109 unchanged/);
});
