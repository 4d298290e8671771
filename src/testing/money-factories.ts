/**
 * A money fixture whose converted figures are computed by hand in the tests: tenant MNY in
 * tenge (KZT, country KAZ), FLOOD cards in provinces P1 and P2, exchange rates and price indexes.
 *
 * KZT per USD: 2019 400, 2020 500, none for 2021. CPI of KAZ: 80, 100, 125; of the USA: 50, 100,
 * none for 2021. Published cards (serial, year, unit, local, usd):
 *
 * | A | 2020 | P1 | 1000 |    | usd: 2 converted | local const 2020: 1000 | usd const 2020: 2          |
 * | B | 2020 | P1 |      | 10 | local: 5000 conv | local const 2020: 5000 | usd const 2020: 10         |
 * | C | 2020 | P2 | 1000 | 3  | usd: 3 reported  | local const 2020: 1000 | usd const 2020: 3          |
 * | D | 2021 | P1 |      | 7  | local: no rate   | local: missing_rate    | usd const: no US CPI       |
 * | E | 2019 | P2 | 800  |    | usd: 2 converted | local const 2020: 1000 | usd const 2020: 4          |
 * | F | 2020 | P1 |      |    | no loss                                                            |
 * | G | 2021 | P2 | 600  |    | usd: no rate     | local const 2020: 480  | usd: missing_rate          |
 *
 * plus a draft (2020, 9999 local) that published figures never count.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { cpi, exchangeRates, tenants } from '../db/schema/index.ts';
import { type RequestContext, systemContext, withTenant } from '../services/context.ts';
import { insertCard } from './catalogue-factories.ts';
import { type SeededTenant, seedTenant } from './factories.ts';

/** What the money fixture created. */
export interface MoneyFixture extends SeededTenant {
  ctx: RequestContext;
}

/** Seed tenant `code` (KZT, KAZ) with the rates, indexes and cards described above. */
export async function seedMoneyFixture(db: Db, code = 'MNY'): Promise<MoneyFixture> {
  const t = await seedTenant(db, code);
  await db.update(tenants).set({ currency: 'KZT', country: 'KAZ' }).where(eq(tenants.id, t.tenantId));
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
  const cards: [string, number, number, string | null, string | null][] = [
    ['A', 2020, t.provinceId, '1000', null],
    ['B', 2020, t.provinceId, null, '10'],
    ['C', 2020, t.otherProvinceId, '1000', '3'],
    ['D', 2021, t.provinceId, null, '7'],
    ['E', 2019, t.otherProvinceId, '800', null],
    ['F', 2020, t.provinceId, null, null],
    ['G', 2021, t.otherProvinceId, '600', null],
  ];
  for (const [serial, startYear, unit, lossesLocal, lossesUsd] of cards)
    await insertCard(db, t, {
      serial,
      startYear,
      geoUnitId: unit,
      geoAncestors: [unit],
      lossesLocal,
      lossesUsd,
      status: 'published',
    });
  await insertCard(db, t, { serial: 'X', startYear: 2020, lossesLocal: '9999', status: 'draft' });
  const ctx = withTenant(systemContext('test'), {
    id: t.tenantId,
    code,
    currency: 'KZT',
    defaultLanguage: 'en',
  });
  return { ...t, ctx };
}
