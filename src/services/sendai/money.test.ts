/** The money basis of C-1..C-6: US dollars and constant prices, worked by hand. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Db } from '../../db/engine.ts';
import { baselines } from '../../db/schema/index.ts';
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { seedTenant } from '../../testing/factories.ts';
import {
  insertAssetEffect,
  insertAssetType,
  insertCpi,
  insertRates,
  setTenantMoney,
} from '../../testing/sendai-factories.ts';
import { indicatorCsv } from './csv.ts';
import { computeIndicators } from './indicators.ts';
import { indicatorMarkdown } from './markdown.ts';

let database: Database;
let db: Db;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
  // The United States' CPI deflates dollar amounts: 2015 / 2020 = 0.8.
  await insertCpi(db, 'USA', { 2015: 200, 2020: 250 });
});
after(() => database.close());

const published = { status: 'published' } as const;
const usd = { currency: 'usd', basis: 'nominal' } as const;
const constant = (currency: 'local' | 'usd', baseYear: number) =>
  ({ currency, basis: 'constant', baseYear }) as const;

function row(rows: IndicatorRow[], indicator: string, year: number) {
  const found = rows.find((r) => r.indicator === indicator && r.year === year && r.dimension === 'total');
  assert.ok(found, `no ${indicator} ${year}`);
  return found;
}
const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

describe('computeIndicators with a money basis', () => {
  test('USD: a reported USD value wins, local amounts convert at the year rate and are flagged', async () => {
    const t = await seedTenant(db, 'MA');
    const ctx = await setTenantMoney(db, t, 'KZT', 'KAZ');
    await insertRates(db, 'KZT', { 2020: 500 });
    await db.insert(baselines).values({
      tenantId: t.tenantId,
      year: 2020,
      metric: 'gdp',
      value: '500000000000',
      valueUsd: '1000000000',
    });
    // 500,000 KZT / 500 = 1,000 USD (converted); a card reporting 300 USD keeps it.
    await insertCard(db, t, { ...published, startYear: 2020, lossesLocal: '500000' });
    await insertCard(db, t, { ...published, startYear: 2020, lossesLocal: '999999', lossesUsd: '300' });
    // Asset detail without a card total: housing 100,000 KZT = 200 USD (converted); industry 50 USD as reported.
    const houses = await insertAssetType(db, t, { code: 'HOUSES', indicator: 'C-4' });
    const plant = await insertAssetType(db, t, { code: 'PLANT', indicator: 'C-3' });
    const detailed = await insertCard(db, t, { ...published, startYear: 2020 });
    await insertAssetEffect(db, t, detailed, houses, { damaged: '2', lossLocal: '100000' });
    await insertAssetEffect(db, t, detailed, plant, { destroyed: '1', lossUsd: '50' });

    const report = await computeIndicators(db, ctx, { status: ['published'], by: [], money: usd });
    assert.equal(report.currency, 'USD');
    assert.deepEqual(report.money, {
      currency: 'usd',
      currencyCode: 'USD',
      basis: 'nominal',
      baseYear: null,
    });
    assert.equal(report.definitions.find((d) => d.code === 'C-2')?.unit, 'USD');
    const c4 = row(report.rows, 'C-4', 2020);
    assert.deepEqual([c4.numerator, c4.unit, c4.flags], [200, 'USD', ['converted']]);
    const c3 = row(report.rows, 'C-3', 2020);
    assert.deepEqual([c3.numerator, c3.flags], [50, []]);
    // C-1 in USD over the baseline's GDP in USD: 1,550 / 1e9 x 100.
    const c1 = row(report.rows, 'C-1', 2020);
    assert.deepEqual([c1.numerator, c1.denominator, c1.flags], [1550, 1e9, ['converted']]);
    close(c1.value, 1.55e-4);

    // The default stays the tenant's currency: 500,000 + 999,999 + 100,000 + 50 x 500.
    const local = await computeIndicators(db, ctx, { status: ['published'], by: [] });
    assert.deepEqual([local.currency, local.money], ['KZT', undefined]);
    assert.equal(row(local.rows, 'C-1', 2020).numerator, 1_624_999);
  });

  test('USD: GDP known only locally converts; a year without a rate is flagged and left out', async () => {
    const t = await seedTenant(db, 'MB');
    const ctx = await setTenantMoney(db, t, 'UZS', 'UZB');
    await insertRates(db, 'UZS', { 2021: 400 });
    await db.insert(baselines).values([
      { tenantId: t.tenantId, year: 2021, metric: 'gdp', value: '1000000000000' },
      { tenantId: t.tenantId, year: 2022, metric: 'gdp', value: '1000000000000' },
    ]);
    await insertCard(db, t, { ...published, startYear: 2021, lossesLocal: '4000000' });
    await insertCard(db, t, { ...published, startYear: 2022, lossesLocal: '8000' });
    await insertCard(db, t, { ...published, startYear: 2022, lossesUsd: '7' });
    const crops = await insertAssetType(db, t, { code: 'CROPS', indicator: 'C-2C' });
    const farm = await insertCard(db, t, { ...published, startYear: 2022 });
    await insertAssetEffect(db, t, farm, crops, { damaged: '10', lossLocal: '900' });

    const { rows } = await computeIndicators(db, ctx, { status: ['published'], by: [], money: usd });
    // 4,000,000 / 400 = 10,000 USD over 1e12 / 400 = 2.5e9 USD of GDP.
    const c1 = row(rows, 'C-1', 2021);
    assert.deepEqual([c1.numerator, c1.denominator, c1.flags], [10_000, 2.5e9, ['converted']]);
    close(c1.value, 4e-4);
    // 2022 has no rate: the local amounts are left out (never zero-valued), the USD card counts.
    const noRate = row(rows, 'C-1', 2022);
    assert.deepEqual(
      [noRate.numerator, noRate.denominator, noRate.value, noRate.flags],
      [7, null, null, ['missing_denominator', 'missing_exchange_rate']],
    );
    const c2 = row(rows, 'C-2', 2022);
    assert.deepEqual([c2.numerator, c2.flags], [0, ['missing_exchange_rate']]);
  });

  test('constant prices: amounts and GDP times CPI(base) / CPI(year); no index = flagged, no value', async () => {
    const t = await seedTenant(db, 'MC');
    const ctx = await setTenantMoney(db, t, 'KGS', 'KGZ');
    await insertCpi(db, 'KGZ', { 2015: 100, 2020: 125 });
    await insertRates(db, 'KGS', { 2020: 50 });
    await db.insert(baselines).values([
      { tenantId: t.tenantId, year: 2020, metric: 'gdp', value: '1000000' },
      { tenantId: t.tenantId, year: 2021, metric: 'gdp', value: '1000000' },
    ]);
    await insertCard(db, t, { ...published, startYear: 2020, lossesLocal: '1000' });
    const houses = await insertAssetType(db, t, { code: 'HOUSES', indicator: 'C-4' });
    const card = await insertCard(db, t, { ...published, startYear: 2021, lossesLocal: '500' });
    await insertAssetEffect(db, t, card, houses, { damaged: '1', lossLocal: '500' });

    const report = await computeIndicators(db, ctx, {
      status: ['published'],
      by: [],
      money: constant('local', 2015),
    });
    assert.equal(report.currency, 'KGS (constant 2015)');
    // 1,000 x 100 / 125 = 800 over a GDP of 1e6 x 0.8: 0.1 %.
    const c1 = row(report.rows, 'C-1', 2020);
    assert.deepEqual([c1.numerator, c1.denominator, c1.flags], [800, 800_000, ['deflated']]);
    close(c1.value, 0.1);
    // 2021 has no index: nothing of the year is known at 2015 prices.
    const c4 = row(report.rows, 'C-4', 2021);
    assert.deepEqual([c4.value, c4.unit, c4.flags], [null, 'KGS (constant 2015)', ['missing_cpi']]);
    assert.deepEqual(row(report.rows, 'C-1', 2021).flags, ['missing_cpi', 'missing_denominator']);
    assert.equal(row(report.rows, 'C-1', 2021).value, null);

    // Dollars at constant prices: 1,000 / 50 = 20 USD, x 200 / 250 (United States CPI) = 16.
    const dollars = await computeIndicators(db, ctx, {
      status: ['published'],
      by: [],
      money: constant('usd', 2015),
    });
    const d1 = row(dollars.rows, 'C-1', 2020);
    assert.deepEqual([d1.numerator, d1.denominator, d1.flags], [16, 16_000, ['converted', 'deflated']]);
    close(d1.value, 0.1);
  });

  test('the CSV and the Markdown report say which money and basis were used', async () => {
    const t = await seedTenant(db, 'MD');
    const ctx = await setTenantMoney(db, t, 'USD', 'USA');
    await insertCard(db, t, { ...published, startYear: 2020, lossesUsd: '250' });
    const report = await computeIndicators(db, ctx, {
      status: ['published'],
      by: [],
      money: constant('usd', 2015),
    });
    const csv = indicatorCsv(report.rows).split('\n');
    assert.ok(csv.includes('C-2,2020,total,all,0,0,,USD (constant 2015),'), csv.join('\n'));
    assert.ok(
      csv.some((l) => l.startsWith('C-1,2020,total,all,,200,,percent_of_gdp,deflated;missing_denominator')),
    );
    const markdown = indicatorMarkdown(report);
    assert.match(markdown, /Money in USD \(constant 2015\) \(a value reported in USD wins/);
    assert.match(markdown, /- `deflated`: amounts/);
    assert.match(markdown, /\| C-2 \| .* \| 0 \| USD \(constant 2015\) \|/);
    // The default report lists neither the basis nor its flags.
    const plain = indicatorMarkdown(await computeIndicators(db, ctx, { status: ['published'], by: [] }));
    assert.doesNotMatch(plain, /constant|deflated|missing_cpi/);
  });
});
