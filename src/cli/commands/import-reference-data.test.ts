/**
 * `lossledger import baselines | rates | cpi | asset-params` in-process on the engine under test
 * (src/testing/cli.ts). Each run that opens the embedded database takes a while, so checks are batched.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

const reference = join(import.meta.dirname, '../../../../shared/data/reference');
const POPULATION = join(reference, 'denominators/wb_population_SP.POP.TOTL.csv');
const GDP = join(reference, 'denominators/wb_gdp_current_usd_NY.GDP.MKTP.CD.csv');
const PARAMETERS = join(reference, 'sendai/desinventar-sendai-asset-parameters.csv');
const skipWithoutWorldBank =
  existsSync(POPULATION) && existsSync(GDP)
    ? false
    : `World Bank files not found in ${reference}/denominators`;
const skipWithoutParameters = existsSync(PARAMETERS) ? false : `${PARAMETERS} is absent`;

let cli: CliTarget;
before(async () => {
  cli = await cliTarget();
  const created = await cli.run([
    'tenant',
    'create',
    'KZ',
    '--name',
    'Kazakhstan',
    '--currency',
    'KZT',
    '--country',
    'KAZ',
  ]);
  assert.equal(created.code, 0, created.stderr);
});
after(() => cli.close());

describe('lossledger import baselines', () => {
  test('World Bank population (country from the tenant) and GDP (--country), then national figures', {
    skip: skipWithoutWorldBank,
  }, async () => {
    const population = await cli.run(['import', 'baselines', POPULATION, '--tenant', 'KZ']);
    assert.equal(population.code, 0, population.stderr);
    assert.match(
      population.stdout,
      /Imported 65 baseline values \(world-bank-long\) into KZ: 65 created, 0 updated, 0 unchanged/,
    );
    const gdp = await cli.run(['import', 'baselines', GDP, '--tenant', 'KZ', '--country', 'kaz']);
    assert.match(gdp.stdout, /Imported 34 baseline values \(world-bank-long\) into KZ: 34 created/);
    const national = writeTempFile(
      'bns.csv',
      'year,metric,value,value_usd\n2020,population,19500000,\n2020,gdp,70649000000000,\n2020,population_female,9950000,',
    );
    const figures = await cli.run(['import', 'baselines', national, '--tenant', 'KZ']);
    assert.equal(figures.code, 0, figures.stderr);
    assert.match(
      figures.stdout,
      /Imported 3 baseline values \(long\) into KZ: 1 created, 2 updated, 0 unchanged/,
    );
  });

  test('exit 1 naming the line and column of a bad value; exit 2 without --tenant', async () => {
    const bad = await cli.run([
      'import',
      'baselines',
      writeTempFile('bad.csv', 'year,metric,value\n2020,population,many'),
      '--tenant',
      'KZ',
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /line 2, column value: 'many' is not a number/);
    const usage = await cli.run(['import', 'baselines', 'x.csv']);
    assert.equal(usage.code, 2);
    assert.match(
      usage.stderr,
      /--tenant is required[\s\S]*Usage: lossledger import baselines FILE --tenant CODE/,
    );
    const unknown = await cli.run(['import', 'baselines', 'x.csv', '--tenant', 'NOPE']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No tenant with id NOPE/);
  });
});

describe('lossledger import rates and cpi', () => {
  test('store, then re-import unchanged; a bad file exits 1 before opening the database', async () => {
    const rates = writeTempFile(
      'rates.csv',
      'currency,year,per_usd,source\nKZT,2020,412.95,NBK\nKZT,2021,426.06,NBK',
    );
    const first = await cli.run(['import', 'rates', rates]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Imported 2 exchange rates: 2 created, 0 updated, 0 unchanged/);
    const cpi = writeTempFile(
      'cpi.csv',
      'country,year,value,base_year\nKAZ,2020,100,2020\nKAZ,2021,108,2020',
    );
    assert.match((await cli.run(['import', 'cpi', cpi])).stdout, /Imported 2 CPI values: 2 created/);
    assert.match((await cli.run(['import', 'cpi', cpi])).stdout, /0 created, 0 updated, 2 unchanged/);
    const bad = await cli.run([
      'import',
      'rates',
      writeTempFile('r.csv', 'currency,year,per_usd\nKZT,2020,-3'),
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /line 2, column per_usd: must be greater than 0/);
  });
});

describe('lossledger import asset-params', () => {
  test('the DesInventar-Sendai defaults create 496 asset types; --fill-only changes none after', {
    skip: skipWithoutParameters,
  }, async () => {
    const first = await cli.run(['import', 'asset-params', PARAMETERS, '--tenant', 'KZ']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Imported 496 asset types into KZ: 496 created, 0 updated, 0 unchanged/);
    const again = await cli.run(['import', 'asset-params', PARAMETERS, '--tenant', 'KZ', '--fill-only']);
    assert.match(again.stdout, /0 created, 0 updated, 496 unchanged/);
  });
});
