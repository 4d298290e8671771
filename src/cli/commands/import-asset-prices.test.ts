/** `lossledger import asset-prices` in-process on the engine under test (src/testing/cli.ts). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

const PARAMS = [
  'element_key,sfm_indicator,sector_or_item,average_size,measurement,damage_ratio',
  '2,C-2C,Crops,1,Ha,0.25',
  '174,C-2L,Livestock,1,Units,0.25',
].join('\n');

let cli: CliTarget;
before(async () => {
  cli = await cliTarget();
  const created = await cli.run(['tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT']);
  assert.equal(created.code, 0, created.stderr);
  const params = await cli.run(['import', 'asset-params', writeTempFile('p.csv', PARAMS), '--tenant', 'KZ']);
  assert.equal(params.code, 0, params.stderr);
});
after(() => cli.close());

const stored = () =>
  cli.inspect((db) =>
    queryRows<{ code: string; year: number; local: string | null; usd: string | null; version: number }>(
      db,
      sql`select t.code, p.year, p.price_local::text as local, p.price_usd::text as usd, t.version
        from asset_type_prices p join asset_types t on t.tenant_id = p.tenant_id and t.id = p.asset_type_id
        order by t.code, p.year`,
    ),
  );

describe('lossledger import asset-prices', () => {
  test('prices by element key and year, in the tenant currency or USD; re-runs change only what differs', async () => {
    const file = writeTempFile(
      'prices.csv',
      'element_key,year,unit_price,currency\n2,2020,150000,\n174,2020,250000,\n174,2020,520,USD',
    );
    const first = await cli.run(['import', 'asset-prices', file, '--tenant', 'KZ']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Imported 3 asset prices into KZ: 2 years created, 0 updated, 0 unchanged/);
    const again = await cli.run(['import', 'asset-prices', file, '--tenant', 'KZ']);
    assert.match(again.stdout, /0 years created, 0 updated, 2 unchanged/);
    assert.deepEqual(
      (await stored()).map((r) => [
        r.code,
        r.year,
        Number(r.local),
        r.usd === null ? null : Number(r.usd),
        r.version,
      ]),
      [
        ['174', 2020, 250000, 520, 2],
        ['2', 2020, 150000, null, 2],
      ],
    );
  });

  test('exit 1 naming the line and column, nothing stored; exit 2 without --tenant', async () => {
    const before = await stored();
    const bad = await cli.run([
      'import',
      'asset-prices',
      writeTempFile('bad.csv', 'asset_code,year,unit_price\n2,2021,100\n9999,2021,100'),
      '--tenant',
      'KZ',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /line 3, column asset_code: no asset type '9999' in KZ/);
    assert.deepEqual(await stored(), before);
    const number = await cli.run([
      'import',
      'asset-prices',
      writeTempFile('num.csv', 'asset_code,year,unit_price\n2,2021,"1,000"'),
      '--tenant',
      'KZ',
    ]);
    assert.equal(number.code, 1);
    assert.match(number.stderr, /line 2, column unit_price: '1,000' is not a number/);
    const usage = await cli.run(['import', 'asset-prices', 'x.csv']);
    assert.equal(usage.code, 2);
    assert.match(
      usage.stderr,
      /--tenant is required[\s\S]*Usage: lossledger import asset-prices FILE --tenant CODE/,
    );
  });
});
