import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { systemContext } from '../context.ts';
import { importCpi, listCpi, readCpiFile } from './cpi.ts';
import { importRates, listRates, readRatesFile } from './rates.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const ctx = systemContext('test');

function rejects(fn: () => unknown, ...patterns: RegExp[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

describe('exchange rates', () => {
  const csv = 'currency,year,per_usd,source\nKZT,2020,412.95,NBK\nkzt,2021,426.06,NBK\nKGS,2020,77.35,\n';

  test('read, store, re-import unchanged, update one, list by currency and years', async () => {
    const rates = readRatesFile(writeTempFile('rates.csv', csv));
    assert.deepEqual(rates[1], { currency: 'KZT', year: 2021, perUsd: 426.06, source: 'NBK' });
    assert.equal(rates[2]?.source, null);
    assert.deepEqual(await importRates(database.db, ctx, rates, 'rates.csv'), {
      total: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    assert.deepEqual(await importRates(database.db, ctx, rates, 'rates.csv'), {
      total: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    const edited = readRatesFile(writeTempFile('r.csv', 'currency,year,per_usd\nKZT,2021,426.1'));
    assert.deepEqual(await importRates(database.db, ctx, edited, 'r.csv'), {
      total: 1,
      created: 0,
      updated: 1,
      unchanged: 0,
    });
    assert.deepEqual(await listRates(database.db, { currency: 'KZT', yearFrom: 2021 }), [
      { currency: 'KZT', year: 2021, perUsd: 426.1, source: 'r.csv' },
    ]);
    assert.deepEqual(
      (await listRates(database.db, {})).map((r) => `${r.currency} ${r.year}`),
      ['KGS 2020', 'KZT 2020', 'KZT 2021'],
    );
    const [change] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'exchange_rate'), eq(auditLog.action, 'update')));
    assert.equal(change?.tenantId, null);
    assert.deepEqual(change?.before, { per_usd: '426.06', source: 'NBK' });
    assert.deepEqual(change?.after, { per_usd: '426.1', source: 'r.csv' });
  });

  test('names each bad line and column; nothing is read from a bad file', () => {
    const bad = writeTempFile(
      'bad.csv',
      'currency,year,per_usd\nKZTX,2020,1\nKZT,2020,0\nKZT,2020.5,3\nKZT,2019,4,extra\nKGS,2020,1\nKGS,2020,2\nKGS,2021,',
    );
    rejects(
      () => readRatesFile(bad),
      /6 problems/,
      /line 2, column currency: must be an ISO 4217 code/,
      /line 3, column per_usd: must be greater than 0/,
      /line 4, column year: must be a whole year/,
      /line 5: has 4 fields, the header 3/,
      /line 7: KGS 2020 repeats line 6/,
      /line 8, column per_usd: a value is required/,
    );
    rejects(
      () => readRatesFile(writeTempFile('h.csv', 'currency,rate\nKZT,1')),
      /no "year" column; no "per_usd" column; unknown column "rate"/,
    );
  });

  test('only a superadmin may change them', async () => {
    const rates = readRatesFile(writeTempFile('rates.csv', csv));
    await assert.rejects(importRates(database.db, { ...ctx, superadmin: false }, rates, 'x'), /superadmin/);
  });
});

describe('consumer price index', () => {
  test('stores a series per country with its base year and audits the import', async () => {
    const items = readCpiFile(
      writeTempFile(
        'cpi.csv',
        'country,year,value,base_year\nKAZ,2019,93.2,2020\nkaz,2020,100,2020\nUSA,2020,100,',
      ),
    );
    assert.deepEqual(await importCpi(database.db, ctx, items, 'cpi.csv'), {
      total: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    assert.deepEqual(await listCpi(database.db, { country: 'KAZ' }), [
      { country: 'KAZ', year: 2019, value: 93.2, baseYear: 2020, source: 'cpi.csv' },
      { country: 'KAZ', year: 2020, value: 100, baseYear: 2020, source: 'cpi.csv' },
    ]);
    const [summary] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'cpi'), eq(auditLog.action, 'import'), isNull(auditLog.tenantId)));
    assert.deepEqual(summary?.after, { total: 3, created: 3, updated: 0, unchanged: 0, source: 'cpi.csv' });
  });

  test('a country mixing base years in one file is refused', () => {
    rejects(
      () =>
        readCpiFile(
          writeTempFile('c.csv', 'country,year,value,base_year\nKAZ,2019,90,2010\nKAZ,2020,100,2020'),
        ),
      /one series per country: KAZ mix base years/,
    );
  });

  test('a rebased series must replace every stored year of the country', async () => {
    const partial = readCpiFile(writeTempFile('c.csv', 'country,year,value,base_year\nKAZ,2020,150,2010'));
    await assert.rejects(
      importCpi(database.db, ctx, partial, 'c.csv'),
      /KAZ has 1 stored year\(s\) with base year 2020/,
    );
    assert.equal((await listCpi(database.db, { country: 'KAZ', yearFrom: 2020 }))[0]?.value, 100);
    const whole = readCpiFile(
      writeTempFile('c.csv', 'country,year,value,base_year\nKAZ,2019,139.8,2010\nKAZ,2020,150,2010'),
    );
    assert.deepEqual(await importCpi(database.db, ctx, whole, 'c.csv'), {
      total: 2,
      created: 0,
      updated: 2,
      unchanged: 0,
    });
  });

  test('values must be positive and years whole', () => {
    rejects(
      () => readCpiFile(writeTempFile('c.csv', 'country,year,value\nKZ,2020,100\nKAZ,2020,-1\nKAZ,x,1')),
      /line 2, column country: must be an ISO 3166-1 alpha-3 code/,
      /line 3, column value: must be greater than 0/,
      /line 4, column year: 'x' is not a number/,
    );
  });
});
