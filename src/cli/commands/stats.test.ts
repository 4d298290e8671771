/**
 * `lossledger stats` input errors and money options (its other figures are checked on the Grenada
 * export in grenada.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { writeCsv } from '../../formats/table/fixtures.ts';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

let cli: CliTarget;
before(async () => {
  cli = await cliTarget();
});
after(() => cli.close());

describe('lossledger stats', () => {
  test('malformed options are usage errors (exit 2) naming the option', async () => {
    const runs = await Promise.all([
      cli.run(['stats', '--by', 'event']),
      cli.run(['stats', '--tenant', 'X', '--status', 'approved']),
      cli.run(['stats', '--tenant', 'X', '--filter', '{nope']),
      cli.run(['stats', '--tenant', 'X', '--filter', '{"from":"2020-13"}']),
      cli.run(['stats', '--tenant', 'X', '--by', 'a,b,c,d']),
      cli.run(['stats', '--tenant', 'X', '--format', 'xml']),
      cli.run(['stats', '--tenant', 'X', '--currency', 'eur']),
      cli.run(['stats', '--tenant', 'X', '--currency', 'usd', '--constant', 'last']),
      cli.run(['stats', '--tenant', 'X', '--geography', 'today']),
    ]);
    const expected = [
      /--tenant is required/,
      /unknown --status approved/,
      /--filter must be a JSON filter spec/,
      /filter\.from: must be YYYY/,
      /by: Too big/i,
      /unknown --format xml/,
      /unknown --currency eur \(local or usd\)/,
      /--constant must be a base year/,
      /geography: /,
    ];
    for (const [i, run] of runs.entries()) {
      assert.equal(run.code, 2, `${i}: ${run.stderr}`);
      assert.match(run.stderr, expected[i]!);
    }
  });

  test('an unknown tenant, dimension or reference exits 1 with the reason', async () => {
    const created = await cli.run(['tenant', 'create', 'KZ', '--name', 'Kazakhstan', '--currency', 'KZT']);
    assert.equal(created.code, 0, created.stderr);
    const unknown = await cli.run(['stats', '--tenant', 'NOPE']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No tenant with id NOPE/);
    const bad = await cli.run([
      'stats',
      '--tenant',
      'KZ',
      '--by',
      'weekday',
      '--filter',
      '{"eventTypes":["FLOOD"]}',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /by\.0/);
    assert.match(bad.stderr, /filter\.eventTypes\.0/);
    const empty = await cli.run(['stats', '--tenant', 'KZ', '--by', 'event', '--measure', 'count,deaths']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(JSON.parse(empty.stdout), { rows: [] });
  });
});

describe('lossledger stats --currency and --constant', () => {
  /** The cards of src/testing/money-factories.ts in one province, imported as a user would. */
  before(async () => {
    const ok = async (args: string[]) => {
      const run = await cli.run(args);
      assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    };
    await ok(['tenant', 'create', 'MN', '--name', 'Money', '--currency', 'KZT', '--country', 'KAZ']);
    await ok([
      'import',
      'rates',
      writeTempFile('rates.csv', 'currency,year,per_usd\nKZT,2019,400\nKZT,2020,500\n'),
    ]);
    await ok([
      'import',
      'cpi',
      writeTempFile(
        'cpi.csv',
        'country,year,value\nKAZ,2019,80\nKAZ,2020,100\nKAZ,2021,125\nUSA,2019,50\nUSA,2020,100\n',
      ),
    ]);
    const cards = writeTempFile('cards.csv', '');
    writeCsv(cards, [
      ['Serial', 'Event', 'Code', 'Year', 'Local', 'USD'],
      ['A', 'Flood', 'P1', '2020', '1000', ''],
      ['B', 'Flood', 'P1', '2020', '', '10'],
      ['C', 'Flood', 'P1', '2020', '1000', '3'],
      ['D', 'Flood', 'P1', '2021', '', '7'],
      ['E', 'Flood', 'P1', '2019', '800', ''],
      ['G', 'Flood', 'P1', '2021', '600', ''],
    ]);
    const mapping = writeTempFile(
      'mapping.json',
      JSON.stringify({
        columns: {
          Serial: 'serial',
          Event: 'eventType',
          Code: 'geoCode1',
          Year: 'startYear',
          Local: 'lossesLocal',
          USD: 'lossesUsd',
        },
        fixed: { status: 'published' },
        options: { create: { eventTypes: true, geoUnits: true } },
      }),
    );
    await ok(['import', 'table', cards, '--tenant', 'MN', '--mapping', mapping]);
  });

  const stats = async (...extra: string[]) => {
    const run = await cli.run([
      'stats',
      '--tenant',
      'MN',
      '--by',
      'year',
      '--measure',
      'lossesUsd',
      ...extra,
    ]);
    assert.equal(run.code, 0, run.stderr);
    return run;
  };

  test('without --currency the losses are as stored; --currency usd converts and reports the coverage', async () => {
    assert.deepEqual(JSON.parse((await stats()).stdout), {
      rows: [
        { year: 2019, lossesUsd: 0 },
        { year: 2020, lossesUsd: 13 },
        { year: 2021, lossesUsd: 7 },
      ],
    });
    const usd = JSON.parse((await stats('--currency', 'usd')).stdout);
    assert.deepEqual(usd.rows, [
      { year: 2019, lossesUsd: 2 }, // E 800 / 400
      { year: 2020, lossesUsd: 15 }, // A 1000 / 500 + B 10 + C 3 (reported, not 1000 / 500)
      { year: 2021, lossesUsd: 7 }, // D; G has no 2021 rate and is left out, not a zero
    ]);
    assert.deepEqual(usd.money.counts, {
      reported: 3,
      converted: 2,
      deflated: 0,
      missing_rate: 1,
      missing_cpi: 0,
    });
    assert.deepEqual(usd.money.missingRateYears, [2021]);
  });

  test('--constant 2020 deflates; CSV prints the rows and the coverage on stderr', async () => {
    const constant = JSON.parse((await stats('--currency', 'usd', '--constant', '2020')).stdout);
    assert.deepEqual(constant.rows, [
      { year: 2019, lossesUsd: 4 }, // E 2 x 100 / 50
      { year: 2020, lossesUsd: 15 },
      { year: 2021, lossesUsd: null }, // D: no US CPI for 2021; G: no rate
    ]);
    const csv = await stats('--constant', '2020', '--measure', 'lossesLocal', '--format', 'csv');
    assert.equal(csv.stdout.trim(), 'year,lossesLocal\n2019,1000\n2020,7000\n2021,480');
    assert.match(
      csv.stderr,
      /money: KZT at constant 2020 prices; 6 cards with losses: 4 reported, 1 converted/,
    );
    assert.match(csv.stderr, /1 without a rate.*years lacking a rate: 2021/);
  });
});
