/**
 * `lossledger import geography` in-process on the engine under test (src/testing/cli.ts), with the
 * real Kazakhstan boundaries of ../shared/data/reference/admin.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { type CliResult, type CliTarget, cliTarget, runCliInProcess } from '../../testing/cli.ts';
import { writeFeatureCollection } from '../../testing/geo-factories.ts';

const root = join(import.meta.dirname, '../../..');
const admin = join(root, '../shared/data/reference/admin');
const adm1 = join(admin, 'kz_adm1_2024.geojson');
const adm2 = join(admin, 'kz_adm2_2024.geojson');
const skip = existsSync(adm1) && existsSync(adm2) ? false : `Kazakhstan boundaries not found in ${admin}`;
const tmp = mkdtempSync(join(tmpdir(), 'll-import-geo-'));
let target: CliTarget;
before(async () => {
  target = await cliTarget();
});
after(async () => {
  await target.close();
  rmSync(tmp, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliResult> => target.run(args);

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
function expectFailure(run: CliResult, exitCode: number, message: RegExp) {
  assert.equal(run.code, exitCode, run.stderr);
  assert.match(run.stderr, message);
}

test('import geography > clear errors before the database opens', { skip }, async () => {
  // An embedded folder that must not come into being: nothing opens a database.
  const dir = join(tmp, 'fast');
  const embedded = (...args: string[]) =>
    runCliInProcess([...args, '--data-dir', dir], { DATABASE_URL: undefined, DATA_DIR: undefined });
  const [noFile, badLevel, notGeoJson, noProp, noParentProp] = await Promise.all([
    embedded('import', 'geography', join(tmp, 'missing.geojson'), '--tenant', 'KZ', ...kz1),
    embedded('import', 'geography', adm1, '--tenant', 'KZ', ...kz1, '--level', 'two'),
    embedded('import', 'geography', join(root, 'package.json'), '--tenant', 'KZ', ...kz1),
    embedded('import', 'geography', adm1, '--tenant', 'KZ', ...kz1, '--name-prop', 'NAME'),
    embedded('import', 'geography', adm2, '--tenant', 'KZ', ...kz1, '--level', '2'),
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
  skip,
}, async (t) => {
  const [created, unknownTenant] = await Promise.all([
    cli('tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT'),
    cli('import', 'geography', adm1, '--tenant', 'NOPE', ...kz1),
  ]);
  assert.equal(created.code, 0, created.stderr);
  expectFailure(unknownTenant, 1, /No tenant .*NOPE/);

  const run1 = await cli('import', 'geography', adm1, '--tenant', 'KZ', ...kz1, ...langs(1));
  assert.match(
    run1.stdout,
    /kz_adm1_2024\.geojson into KZ level 1 \(new level\): 20 created, 0 updated/,
    run1.stderr,
  );
  const run2 = await cli('import', 'geography', adm2, '--tenant', 'KZ', ...kz2, ...langs(2));
  assert.match(run2.stdout, /224 created, 0 updated, 0 unchanged in [\d.]+ s\./, run2.stderr);
  t.diagnostic(run2.stdout.trim());

  const bad = writeFeatureCollection(tmp, 'bad-parent.geojson', [{ C: 'X1', N: 'x', P: 'NOPE' }]);
  const args = ['--level', '2', '--code-prop', 'C', '--name-prop', 'N', '--parent-prop', 'P'];
  expectFailure(
    await cli('import', 'geography', bad, '--tenant', 'KZ', ...args),
    1,
    /feature #1 \(X1\): parent code NOPE not found at level 1/,
  );
  const again = await cli('import', 'geography', adm2, '--tenant', 'KZ', ...kz2, ...langs(2));
  assert.match(again.stdout, /0 created, 0 updated, 224 unchanged/, again.stderr);

  await target.inspect(async (db) => {
    const units = await queryRows<{
      level: number;
      code: string;
      parent: string | null;
      ru: string;
      kk: string;
    }>(
      db,
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
      db,
      sql`select status, count(*)::int as n from import_runs where kind = 'geography' group by status order by status`,
    );
    assert.deepEqual(runs, [
      { status: 'failed', n: 1 },
      { status: 'succeeded', n: 3 },
    ]);
  });
});
