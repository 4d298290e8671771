/**
 * `lossledger import geography` as a user runs it: a child process on a fresh embedded data
 * directory. Each start opens PGlite (seconds), so checks are batched into few invocations.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { testEngine } from '../../testing/db.ts';
import { writeFeatureCollection } from '../../testing/geo-factories.ts';

const root = join(import.meta.dirname, '../../..');
const admin = join(root, '../shared/data/reference/admin');
const adm1 = join(admin, 'kz_adm1_2024.geojson');
const adm2 = join(admin, 'kz_adm2_2024.geojson');
const skipNoData =
  existsSync(adm1) && existsSync(adm2) ? false : `Kazakhstan boundaries not found in ${admin}`;
const skipEngine =
  testEngine() === 'pglite' ? false : 'CLI tests run on the embedded engine only (TEST_ENGINE=pglite)';
const tmp = mkdtempSync(join(tmpdir(), 'll-import-geo-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the lossledger command on the embedded engine (no DATABASE_URL). */
function cli(...args: string[]): Promise<Run> {
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'NODE_TEST_CONTEXT']) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/lossledger.js', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const kz1 = ['--level', '1', '--code-prop', 'ADM1_PCODE', '--name-prop', 'ADM1_EN'];
const kz2 = [
  '--level',
  '2',
  '--code-prop',
  'ADM2_PCODE',
  '--name-prop',
  'ADM2_EN',
  '--parent-prop',
  'ADM1_PCODE',
];
const langs = (n: number) => ['--name-prop-ru', `ADM${n}_RU`, '--name-prop-kk', `ADM${n}_KK`];
function expectFailure(run: Run, exitCode: number, message: RegExp) {
  assert.equal(run.code, exitCode, run.stderr);
  assert.match(run.stderr, message);
}

test('import geography > clear errors before the database opens', {
  skip: skipNoData || skipEngine,
}, async () => {
  const dir = join(tmp, 'fast');
  const [noFile, badLevel, notGeoJson, noProp, noParentProp] = await Promise.all([
    cli('import', 'geography', join(tmp, 'missing.geojson'), '--tenant', 'KZ', ...kz1, '--data-dir', dir),
    cli('import', 'geography', adm1, '--tenant', 'KZ', ...kz1, '--level', 'two', '--data-dir', dir),
    cli('import', 'geography', join(root, 'package.json'), '--tenant', 'KZ', ...kz1, '--data-dir', dir),
    cli('import', 'geography', adm1, '--tenant', 'KZ', ...kz1, '--name-prop', 'NAME', '--data-dir', dir),
    cli('import', 'geography', adm2, '--tenant', 'KZ', ...kz1, '--level', '2', '--data-dir', dir),
  ]);
  expectFailure(noFile, 1, /file not found: .*missing\.geojson/);
  expectFailure(badLevel, 2, /--level must be a whole number .* got 'two'/);
  expectFailure(notGeoJson, 1, /package\.json: not a GeoJSON FeatureCollection/);
  expectFailure(
    noProp,
    1,
    /20 features \(#1, #2, #3, #4, #5, …\) lack property NAME; feature #1 has: .*ADM1_EN/,
  );
  expectFailure(noParentProp, 2, /--parent-prop is required for level 2/);
  assert.ok(!existsSync(dir), 'no database was opened');
});

test('import geography > Kazakhstan: 20 regions, 224 districts, parents, names, re-import without duplicates', {
  skip: skipNoData || skipEngine,
}, async (t) => {
  const dir = join(tmp, 'kz');
  const [created, unknownTenant] = await Promise.all([
    cli('tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT', '--data-dir', dir),
    cli('import', 'geography', adm1, '--tenant', 'NOPE', ...kz1, '--data-dir', join(tmp, 'empty')),
  ]);
  assert.equal(created.code, 0, created.stderr);
  expectFailure(unknownTenant, 1, /No tenant .*NOPE/);

  const run1 = await cli(
    'import',
    'geography',
    adm1,
    '--tenant',
    'KZ',
    ...kz1,
    ...langs(1),
    '--data-dir',
    dir,
  );
  assert.match(
    run1.stdout,
    /kz_adm1_2024\.geojson into KZ level 1 \(new level\): 20 created, 0 updated/,
    run1.stderr,
  );
  const run2 = await cli(
    'import',
    'geography',
    adm2,
    '--tenant',
    'KZ',
    ...kz2,
    ...langs(2),
    '--data-dir',
    dir,
  );
  assert.match(run2.stdout, /224 created, 0 updated, 0 unchanged in [\d.]+ s\./, run2.stderr);
  t.diagnostic(run2.stdout.trim());

  const bad = writeFeatureCollection(tmp, 'bad-parent.geojson', [{ C: 'X1', N: 'x', P: 'NOPE' }]);
  const args = ['--level', '2', '--code-prop', 'C', '--name-prop', 'N', '--parent-prop', 'P'];
  expectFailure(
    await cli('import', 'geography', bad, '--tenant', 'KZ', ...args, '--data-dir', dir),
    1,
    /feature #1 \(X1\): parent code NOPE not found at level 1/,
  );
  const again = await cli(
    'import',
    'geography',
    adm2,
    '--tenant',
    'KZ',
    ...kz2,
    ...langs(2),
    '--data-dir',
    dir,
  );
  assert.match(again.stdout, /0 created, 0 updated, 224 unchanged/, again.stderr);

  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const units = await queryRows<{
      level: number;
      code: string;
      parent: string | null;
      ru: string;
      kk: string;
    }>(
      database.db,
      sql`select u.level, u.code, p.code as parent, u.names->>'ru' as ru, u.names->>'kk' as kk
              from geo_units u left join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id`,
    );
    assert.equal(units.filter((u) => u.level === 1).length, 20);
    assert.equal(units.filter((u) => u.level === 2).length, 224);
    const features = JSON.parse(readFileSync(adm2, 'utf8')) as {
      features: { properties: Record<string, string> }[];
    };
    const parentOf = new Map(
      features.features.map((f) => [f.properties.ADM2_PCODE, f.properties.ADM1_PCODE]),
    );
    for (const u of units) {
      assert.ok(u.ru && u.kk, `${u.code} has ru and kk names`);
      if (u.level === 2) assert.equal(u.parent, parentOf.get(u.code), u.code);
    }
    const runs = await queryRows<{ status: string; n: number }>(
      database.db,
      sql`select status, count(*)::int as n from import_runs where kind = 'geography' group by status order by status`,
    );
    assert.deepEqual(runs, [
      { status: 'failed', n: 1 },
      { status: 'succeeded', n: 3 },
    ]);
  } finally {
    await database.close();
  }
});
