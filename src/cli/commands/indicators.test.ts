/** `lossledger indicators` in-process against the test engine's database (src/testing/cli.ts). */
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readXlsx } from '../../formats/table-export/read-back.ts';
import type { IndicatorReport } from '../../shared/schemas/indicators.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

let cli: CliTarget;
const dir = mkdtempSync(join(tmpdir(), 'lossledger-indicators-'));

before(async () => {
  cli = await cliTarget();
  const demo = await cli.run(['demo', '--cards', '60', '--seed', '3']);
  assert.equal(demo.code, 0, demo.stderr);
});
after(async () => {
  await cli.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lossledger indicators', () => {
  test('json: A-1 numerators add up to the deaths and missing of the published cards', async () => {
    const run = await cli.run(['indicators', '--tenant', 'DEMO', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as IndicatorReport;
    assert.equal(report.to! - report.from! + 1, new Set(report.rows.map((r) => r.year)).size);
    const a1 = report.rows.filter((r) => r.indicator === 'A-1' && r.dimension === 'total');
    const totals = JSON.parse((await cli.run(['totals', '--tenant', 'DEMO'])).stdout);
    assert.equal(
      a1.reduce((n, r) => n + r.numerator, 0),
      totals.sums.deaths + totals.sums.missing,
    );
    // Demoland has no population baselines: every rate says so instead of showing zero.
    assert.ok(a1.every((r) => r.value === null && r.flags.includes('missing_denominator')));
  });

  test('csv with a year range, states and a disaggregation; --sdg gives the SDG rows', async () => {
    const run = await cli.run([
      'indicators',
      '--tenant',
      'DEMO',
      '--from',
      '2010',
      '--to',
      '2012',
      '--status',
      'all',
      '--by',
      'hazardType',
      '--format',
      'csv',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(
      lines[0],
      'indicator,year,dimension,category,value,numerator,denominator,unit,flags,sfmCode',
    );
    assert.match(lines[1]!, /^A-1,2010,total,all,,\d+,,per_100000,missing_denominator,A-1$/);
    assert.ok(lines.some((l) => /^A-2,2011,hazardType,.*,A-2a$/.test(l)));
    assert.ok(lines.some((l) => /^A-2,2011,hazardType,/.test(l)));
    const sdg = await cli.run(['indicators', '--tenant', 'DEMO', '--from', '2020', '--to', '2020', '--sdg']);
    const codes = new Set((JSON.parse(sdg.stdout) as IndicatorReport).rows.map((r) => r.indicator));
    assert.deepEqual([...codes], ['1.5.1', '11.5.1', '13.1.1', '1.5.2', '11.5.2', '11.5.3a', '11.5.3b']);
  });

  test('--currency usd --constant 2015 labels the money indicators and the report', async () => {
    const args = ['indicators', '--tenant', 'DEMO', '--currency', 'usd', '--constant', '2015'];
    const run = await cli.run([...args, '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as IndicatorReport;
    assert.equal(report.currency, 'USD (constant 2015)');
    assert.deepEqual(report.money, {
      currency: 'usd',
      currencyCode: 'USD',
      basis: 'constant',
      baseYear: 2015,
    });
    const money = report.rows.filter((r) => ['C-2', 'C-3', 'C-4', 'C-5', 'C-6'].includes(r.indicator));
    assert.ok(money.length > 0 && money.every((r) => r.unit === 'USD (constant 2015)'));
    const markdown = await cli.run([...args, '--format', 'markdown']);
    assert.match(markdown.stdout, /Money in USD \(constant 2015\)/);
    assert.match(markdown.stdout, /\n## National metadata\n/);
    assert.match(
      markdown.stdout,
      /\| Year \| Persons per household \| From \| \w{3} per USD \| From \| CPI ratio \|\n/,
    );
  });

  test('--format xlsx --out FILE writes the rows (with SFM codes) as a workbook; --out takes any format', async () => {
    const args = ['indicators', '--tenant', 'DEMO', '--from', '2020', '--to', '2020'];
    const file = join(dir, 'sendai.xlsx');
    const run = await cli.run([...args, '--format', 'xlsx', '--out', file]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    const csv = (await cli.run([...args, '--format', 'csv'])).stdout.trimEnd().split('\n');
    const [sheet] = await readXlsx(createReadStream(file));
    assert.equal(sheet!.name, 'indicators');
    assert.equal(sheet!.rows.length, csv.length);
    assert.equal(sheet!.rows[0]!.join(','), csv[0]);
    assert.deepEqual(sheet!.rows[1]!.slice(0, 4), ['A-1', 2020, 'total', 'all']);

    const sdgFile = join(dir, 'sdg.xlsx');
    assert.equal((await cli.run([...args, '--sdg', '--format', 'xlsx', '--out', sdgFile])).code, 0);
    const [sdg] = await readXlsx(createReadStream(sdgFile));
    assert.equal(sdg!.name, 'sdg');
    assert.equal(sdg!.rows[0]!.at(-1), 'flags');
    assert.equal(sdg!.rows[1]![0], '1.5.1');

    const csvFile = join(dir, 'sdg.csv');
    assert.equal((await cli.run([...args, '--sdg', '--format', 'csv', '--out', csvFile])).code, 0);
    assert.match(readFileSync(csvFile, 'utf8'), /^indicator,.*,flags\n1\.5\.1,2020,total,all,/);
  });

  test('usage errors exit 2, an unknown tenant exits 1', async () => {
    for (const [args, message] of [
      [['--format', 'xml'], /unknown --format xml/],
      [['--format', 'xlsx'], /--format xlsx needs --out FILE/],
      [['--currency', 'eur'], /unknown --currency eur/],
      [['--constant', '15'], /--constant must be a base year/],
      [['--from', '2021', '--to', '2020'], /--to: must not be before from/],
    ] as const) {
      const run = await cli.run(['indicators', '--tenant', 'DEMO', ...args]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
    }
    const missing = await cli.run(['indicators', '--tenant', 'NOPE']);
    assert.equal(missing.code, 1);
  });
});
