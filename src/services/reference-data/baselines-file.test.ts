import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { type BaselineFileOptions, readBaselineFile } from './baselines-file.ts';

const denominators = join(import.meta.dirname, '../../../../shared/data/reference/denominators');
const POPULATION = join(denominators, 'wb_population_SP.POP.TOTL.csv');
const GDP = join(denominators, 'wb_gdp_current_usd_NY.GDP.MKTP.CD.csv');
const skipWithoutWorldBank =
  existsSync(POPULATION) && existsSync(GDP) ? false : `World Bank files not found in ${denominators}`;

const kaz: BaselineFileOptions = { country: 'KAZ' };

/** Assert that fn throws a validation error whose message matches each pattern. */
function rejects(fn: () => unknown, ...patterns: RegExp[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

/** A World Bank download as the API serves it: metadata rows, years as columns, a trailing comma. */
const WIDE = [
  '"Data Source","World Development Indicators",',
  '',
  '"Last Updated Date","2024-06-28",',
  '',
  '"Country Name","Country Code","Indicator Name","Indicator Code","2019","2020","2021",',
  '"Kyrgyz Republic","KGZ","Population, total","SP.POP.TOTL","6456200","6579900","6691800",',
  '"Kazakhstan","KAZ","Population, total","SP.POP.TOTL","18513930","18755666","",',
].join('\n');

describe('readBaselineFile: World Bank tables', () => {
  test('the real population file: 65 years of KAZ total population', { skip: skipWithoutWorldBank }, () => {
    const { shape, entries } = readBaselineFile(POPULATION, kaz);
    assert.equal(shape, 'world-bank-long');
    assert.equal(entries.length, 65);
    const y2020 = entries.find((e) => e.value.year === 2020)?.value;
    assert.deepEqual(y2020, {
      year: 2020,
      metric: 'population',
      value: 19482117,
      source: 'World Bank WDI SP.POP.TOTL',
    });
  });

  test('the real GDP file fills the US dollar value of gdp', { skip: skipWithoutWorldBank }, () => {
    const { entries } = readBaselineFile(GDP, { country: 'kaz' });
    assert.equal(entries.length, 34);
    const y2020 = entries.find((e) => e.value.year === 2020)?.value;
    assert.equal(y2020?.metric, 'gdp');
    assert.equal(y2020?.valueUsd, 171082365861.4229);
    assert.equal(y2020?.value, undefined, 'the local value is not touched');
  });

  test('a World Bank download: header rows skipped, years as columns, blank years ignored', () => {
    const { shape, entries } = readBaselineFile(writeTempFile('API_SP.POP.TOTL.csv', WIDE), kaz);
    assert.equal(shape, 'world-bank');
    assert.deepEqual(
      entries.map((e) => [e.value.year, e.value.metric, e.value.value]),
      [
        [2019, 'population', 18513930],
        [2020, 'population', 18755666],
      ],
    );
  });

  test('needs a country, finds its rows, and names a bad cell by line and year column', () => {
    const file = writeTempFile('wide.csv', WIDE);
    rejects(() => readBaselineFile(file, { country: null }), /give --country ISO3/);
    rejects(
      () => readBaselineFile(file, { country: 'UZB' }),
      /no row for country UZB \(the file has 2 countries\)/,
    );
    const badCell = writeTempFile('bad.csv', WIDE.replace('"18755666"', '"18,755,666"'));
    rejects(() => readBaselineFile(badCell, kaz), /line 7, column 2020: '18,755,666' is not a number/);
    const badCode = writeTempFile('bad.csv', WIDE.replace('SP.POP.TOTL","185', 'SP.POP.XX","185'));
    rejects(
      () => readBaselineFile(badCode, kaz),
      /line 7, column Indicator Code: 'SP\.POP\.XX' is not an indicator/,
    );
  });

  test('a long World Bank table needs its indicator in the file name or given', () => {
    const text = 'Country Name,Country Code,Year,Value\nKazakhstan,KAZ,2020,1.5e11\nKazakhstan,KAZ,20x1,3';
    const unnamed = writeTempFile('gdp.csv', text);
    rejects(() => readBaselineFile(unnamed, kaz), /none found in the file name; give --indicator/);
    rejects(
      () => readBaselineFile(unnamed, { ...kaz, indicator: 'NY.GDP.MKTP.CD' }),
      /line 3, column Year: '20x1' is not a number/,
    );
    const { entries } = readBaselineFile(writeTempFile('gdp.csv', text.split('\n').slice(0, 2).join('\n')), {
      ...kaz,
      indicator: 'NY.GDP.MKTP.CN',
    });
    assert.deepEqual(entries[0]?.value, {
      year: 2020,
      metric: 'gdp',
      value: 1.5e11,
      source: 'World Bank WDI NY.GDP.MKTP.CN',
    });
  });
});

describe('readBaselineFile: a long CSV of national figures', () => {
  test('reads metrics by sex, age band, household size and unit; blank cells are not given', () => {
    const file = writeTempFile(
      'stats.csv',
      [
        'year,metric,value,value_usd,unit_code,source',
        '2020,population_female,9950000,,,BNS',
        '2020,population_0_14,5900000,,KZ-71,',
        '2020,persons_per_household,3.4,,,BNS',
        '2020,gdp,70649000000000,171082365861,,BNS',
      ].join('\n'),
    );
    const { shape, entries } = readBaselineFile(file, { country: null });
    assert.equal(shape, 'long');
    assert.deepEqual(
      entries.map((e) => e.value),
      [
        { unitCode: null, year: 2020, metric: 'population_female', value: 9950000, source: 'BNS' },
        { unitCode: 'KZ-71', year: 2020, metric: 'population_0_14', value: 5900000, source: null },
        { unitCode: null, year: 2020, metric: 'persons_per_household', value: 3.4, source: 'BNS' },
        {
          unitCode: null,
          year: 2020,
          metric: 'gdp',
          value: 70649000000000,
          valueUsd: 171082365861,
          source: 'BNS',
        },
      ],
    );
    assert.equal(entries[1]?.unitAt, 'line 3, column unit_code');
  });

  test('without a source column the file name is the source', () => {
    const { entries } = readBaselineFile(
      writeTempFile('census-2021.csv', 'year,metric,value\n2021,households,5100000'),
      {
        country: null,
      },
    );
    assert.equal(entries[0]?.value.source, 'census-2021.csv');
  });

  test('lists every bad line and column, importing nothing', () => {
    const file = writeTempFile(
      'bad.csv',
      [
        'year,metric,value,value_usd',
        '2020,population,12.5,', // a count must be whole
        '2020,popluation,1,', // unknown metric
        '2020,households,100,5', // value_usd only for money
        ',population,1,', // no year
        '2020,gdp,abc,', // not a number
        '2020,gdp,,', // nothing given
        '2020,population,1', // short row
      ].join('\n'),
    );
    rejects(
      () => readBaselineFile(file, { country: null }),
      /7 problems, nothing imported/,
      /line 2, column value: population is a count: must be a whole number/,
      /line 3, column metric: must be one of population, /,
      /line 4, column value_usd: households is not money/,
      /line 5, column year: a year is required/,
      /line 6, column value: 'abc' is not a number/,
      /line 7, column value: give value or valueUsd/,
      /line 8: has 3 fields, the header 4/,
    );
  });

  test('a header that is neither shape names the expected columns', () => {
    rejects(
      () => readBaselineFile(writeTempFile('x.csv', 'yr,what,amount\n2020,population,1'), { country: null }),
      /no "year" column; no "metric" column; unknown column "yr".*Expected: year,metric,\[value\],\[value_usd\]/,
    );
    rejects(
      () => readBaselineFile('/nonexistent/b.csv', { country: null }),
      /No such file: \/nonexistent\/b\.csv/,
    );
  });
});
