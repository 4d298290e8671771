import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { baselines, cpi, datacards, exchangeRates, tenants } from '../../db/schema/index.ts';
import type { MoneyBasis } from '../../shared/money.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { cardMoney, moneyCoverage, moneySql } from './money.ts';

let database: Database;
let t: SeededTenant;
let ctx: RequestContext;
const ids: Record<string, string> = {};

/**
 * KZT per USD: 2019 400, 2020 500, none for 2021. CPI of KAZ: 80, 100, 125; of the USA: 50, 100,
 * none for 2021. Cards (local, usd): A 2020 (1000, -), B 2020 (-, 10), C 2020 (1000, 3),
 * D 2021 (-, 7), E 2019 (800, -), F 2020 (no loss), G 2021 (600, -).
 */
before(async () => {
  database = await openTestDatabase();
  const db = database.db;
  t = await seedTenant(db, 'MNY');
  await db.update(tenants).set({ currency: 'KZT', country: 'KAZ' }).where(eq(tenants.id, t.tenantId));
  ctx = withTenant(systemContext('test'), {
    id: t.tenantId,
    code: 'MNY',
    currency: 'KZT',
    defaultLanguage: 'en',
  });
  await db.insert(exchangeRates).values([
    { currency: 'KZT', year: 2019, perUsd: '400' },
    { currency: 'KZT', year: 2020, perUsd: '500' },
  ]);
  await db.insert(cpi).values([
    { country: 'KAZ', year: 2019, value: '80' },
    { country: 'KAZ', year: 2020, value: '100' },
    { country: 'KAZ', year: 2021, value: '125' },
    { country: 'USA', year: 2019, value: '50' },
    { country: 'USA', year: 2020, value: '100' },
  ]);
  const cards: [string, number, string | null, string | null][] = [
    ['A', 2020, '1000', null],
    ['B', 2020, null, '10'],
    ['C', 2020, '1000', '3'],
    ['D', 2021, null, '7'],
    ['E', 2019, '800', null],
    ['F', 2020, null, null],
    ['G', 2021, '600', null],
  ];
  for (const [name, startYear, lossesLocal, lossesUsd] of cards)
    ids[name] = await insertCard(db, t, { startYear, lossesLocal, lossesUsd, status: 'published' });
  // Neither counts in the published figures.
  await insertCard(db, t, { startYear: 2020, lossesLocal: '9999', status: 'draft' });
  await insertCard(db, t, {
    startYear: 2020,
    lossesLocal: '9999',
    status: 'published',
    deletedAt: '2024-01-01T00:00:00Z',
  });
});
after(() => database.close());

const nominal = (currency: 'local' | 'usd'): MoneyBasis => ({ currency, basis: 'nominal' });
const constant = (currency: 'local' | 'usd', baseYear: number): MoneyBasis => ({
  currency,
  basis: 'constant',
  baseYear,
});

async function values(basis: MoneyBasis, names = ['A', 'B', 'C', 'D', 'E', 'F', 'G']) {
  const rows = await cardMoney(
    database.db,
    ctx,
    basis,
    names.map((n) => ids[n]!),
  );
  const nameOf = new Map(Object.entries(ids).map(([n, id]) => [id, n]));
  return Object.fromEntries(rows.map((r) => [nameOf.get(r.id)!, [r.value, ...r.flags]]));
}

describe('cardMoney', () => {
  test('local nominal: a reported local value wins; a USD-only card converts at its year rate; no rate -> null', async () => {
    assert.deepEqual(await values(nominal('local')), {
      A: [1000, 'reported'],
      B: [5000, 'converted'], // 10 USD x 500
      C: [1000, 'reported'],
      D: [null, 'missing_rate'], // no KZT rate for 2021
      E: [800, 'reported'],
      F: [null],
      G: [600, 'reported'],
    });
  });

  test('USD nominal: a reported USD value wins over the converted local one (C: 3, not 1000 / 500)', async () => {
    assert.deepEqual(await values(nominal('usd')), {
      A: [2, 'converted'], // 1000 / 500
      B: [10, 'reported'],
      C: [3, 'reported'],
      D: [7, 'reported'],
      E: [2, 'converted'], // 800 / 400
      F: [null],
      G: [null, 'missing_rate'],
    });
  });

  test('local constant 2020 prices: value x CPI(2020) / CPI(card year) of the tenant country', async () => {
    assert.deepEqual(await values(constant('local', 2020)), {
      A: [1000, 'reported', 'deflated'],
      B: [5000, 'converted', 'deflated'],
      C: [1000, 'reported', 'deflated'],
      D: [null, 'missing_rate'],
      E: [1000, 'reported', 'deflated'], // 800 x 100 / 80
      F: [null],
      G: [480, 'reported', 'deflated'], // 600 x 100 / 125
    });
    const at2019 = await values(constant('local', 2019), ['A', 'B']);
    assert.deepEqual(at2019, { A: [800, 'reported', 'deflated'], B: [4000, 'converted', 'deflated'] });
  });

  test('USD constant prices deflate with the US CPI; a missing index gives missing_cpi, not zero', async () => {
    assert.deepEqual(await values(constant('usd', 2020)), {
      A: [2, 'converted', 'deflated'],
      B: [10, 'reported', 'deflated'],
      C: [3, 'reported', 'deflated'],
      D: [null, 'reported', 'missing_cpi'], // no US CPI for 2021
      E: [4, 'converted', 'deflated'], // 800 / 400 x 100 / 50
      F: [null],
      G: [null, 'missing_rate'],
    });
  });

  test('both currencies come back whatever the chosen one', async () => {
    const [a] = await cardMoney(database.db, ctx, nominal('usd'), [ids.A!]);
    assert.deepEqual(
      { local: a?.lossLocal, usd: a?.lossUsd, value: a?.value },
      { local: 1000, usd: 2, value: 2 },
    );
  });
});

describe('moneySql embedded in an aggregate query', () => {
  test('sums per year ignore unknown values and count them apart', async () => {
    const m = moneySql({ currency: 'KZT', country: 'KAZ' }, nominal('local'), { card: 'c', prefix: 'mx' });
    const rows = await queryRows<{ year: number; total: string | null; missing: number }>(
      database.db,
      sql`select c.start_year as year, sum(${m.value})::text as total,
            count(*) filter (where ${m.flag.missing_rate})::int as missing
          from datacards c ${m.joins}
          where c.tenant_id = ${t.tenantId} and c.status = 'published' and c.deleted_at is null
          group by c.start_year order by c.start_year`,
    );
    assert.deepEqual(
      rows.map((r) => [r.year, Number(r.total), r.missing]),
      [
        [2019, 800, 0],
        [2020, 7000, 0], // 1000 + 5000 + 1000
        [2021, 600, 1],
      ],
    );
  });
});

describe('moneyCoverage', () => {
  test('local nominal: published live cards only, by flag, with the years lacking a rate', async () => {
    assert.deepEqual(await moneyCoverage(database.db, ctx, nominal('local')), {
      cards: 7,
      withLoss: 6,
      counts: { reported: 4, converted: 1, deflated: 0, missing_rate: 1, missing_cpi: 0 },
      missingRateYears: [2021],
      missingCpiYears: [],
    });
  });

  test('USD constant prices: converted and deflated cards overlap; years lacking a rate or an index', async () => {
    assert.deepEqual(await moneyCoverage(database.db, ctx, constant('usd', 2020)), {
      cards: 7,
      withLoss: 6,
      counts: { reported: 3, converted: 2, deflated: 4, missing_rate: 1, missing_cpi: 1 },
      missingRateYears: [2021],
      missingCpiYears: [2021],
    });
  });

  test('a base year without an index leaves every value unknown', async () => {
    const coverage = await moneyCoverage(database.db, ctx, constant('local', 1990));
    assert.equal(coverage.counts.deflated, 0);
    assert.equal(coverage.counts.missing_cpi, 5); // every card with a local value (D has none)
    assert.deepEqual(coverage.missingCpiYears, [2019, 2020, 2021]);
  });

  test('where narrows the cards and status all includes drafts', async () => {
    const where = sql`d.start_year = 2020`;
    const all = await moneyCoverage(database.db, ctx, nominal('local'), { status: 'all', where });
    assert.equal(all.cards, 5); // A, B, C, F and the draft
    assert.equal(all.counts.reported, 3);
  });
});

describe('tenants without a country or with dollars as their currency', () => {
  test('no country: constant local prices are unknown (missing_cpi)', async () => {
    await database.db.update(tenants).set({ country: null }).where(eq(tenants.id, t.tenantId));
    try {
      assert.deepEqual(await values(constant('local', 2020), ['A', 'B']), {
        A: [null, 'reported', 'missing_cpi'],
        B: [null, 'converted', 'missing_cpi'],
      });
    } finally {
      await database.db.update(tenants).set({ country: 'KAZ' }).where(eq(tenants.id, t.tenantId));
    }
  });

  test('a USD tenant needs no rate: either column is its own money', async () => {
    const usd = await seedTenant(database.db, 'USDT');
    const usdCtx = withTenant(systemContext('test'), {
      id: usd.tenantId,
      code: 'USDT',
      currency: 'USD',
      defaultLanguage: 'en',
    });
    const a = await insertCard(database.db, usd, { startYear: 1999, lossesLocal: '5', status: 'published' });
    const b = await insertCard(database.db, usd, { startYear: 1999, lossesUsd: '6', status: 'published' });
    const rows = await cardMoney(database.db, usdCtx, nominal('usd'), [a, b]);
    assert.deepEqual(rows.map((r) => [r.id === a ? 'a' : 'b', r.value, r.flags]).sort(), [
      ['a', 5, ['reported']],
      ['b', 6, ['reported']],
    ]);
    const other = await cardMoney(database.db, usdCtx, nominal('usd'), [ids.A!]);
    assert.deepEqual(other, [], "another tenant's card is never read");
  });
});

test('the card losses stay untouched (conversion is a view)', async () => {
  const [row] = await database.db.select().from(datacards).where(eq(datacards.id, ids.B!));
  assert.equal(row?.lossesLocal, null);
});

test("the tenant's national exchange_rate baseline fills the years the global table lacks", async () => {
  await database.db.insert(baselines).values([
    { tenantId: t.tenantId, year: 2021, metric: 'exchange_rate', value: '600' },
    // The global table's 500 for 2020 wins over the tenant's own figure.
    { tenantId: t.tenantId, year: 2020, metric: 'exchange_rate', value: '999' },
  ]);
  try {
    const usd = await values(nominal('usd'), ['A', 'D', 'G']);
    assert.deepEqual(usd, { A: [2, 'converted'], D: [7, 'reported'], G: [1, 'converted'] });
    assert.deepEqual(await values(nominal('local'), ['D']), { D: [4200, 'converted'] });
  } finally {
    await database.db.delete(baselines).where(eq(baselines.tenantId, t.tenantId));
  }
});
