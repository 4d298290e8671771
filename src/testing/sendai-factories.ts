/** Test data for the Sendai indicators: baselines, human and asset effects inserted directly. */

import { eq } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import {
  assetEffects,
  assetTypePrices,
  assetTypes,
  baselines,
  cpi,
  exchangeRates,
  humanEffects,
  tenants,
} from '../db/schema/index.ts';
import { type RequestContext, systemContext, withTenant } from '../services/context.ts';
import type { SeededTenant } from './factories.ts';

/** A context working in the seeded tenant (in USD, as seedTenant creates it, unless told). */
export const tenantContext = (t: SeededTenant, currency = 'USD'): RequestContext =>
  withTenant(systemContext('test'), { id: t.tenantId, code: t.code, currency, defaultLanguage: 'en' });

/** Baseline values of one year: { population: 1e6, gdp: 2e9 } (unit null = national). */
export async function insertBaselines(
  db: Db,
  t: SeededTenant,
  year: number,
  values: Record<string, number>,
  geoUnitId: number | null = null,
): Promise<void> {
  await db.insert(baselines).values(
    Object.entries(values).map(([metric, value]) => ({
      tenantId: t.tenantId,
      geoUnitId,
      year,
      metric,
      value: String(value),
    })),
  );
}

/** Sendai disaggregation rows of a card: [effect, dimension, category, value]. */
export async function insertHumanEffects(
  db: Db,
  t: SeededTenant,
  datacardId: string,
  rows: [effect: string, dimension: string, category: string, value: number | null][],
): Promise<void> {
  await db.insert(humanEffects).values(
    rows.map(([effect, dimension, category, value]) => ({
      tenantId: t.tenantId,
      datacardId,
      effect,
      dimension,
      category,
      value,
      present: value === null,
    })),
  );
}

/** An asset type (numbers as decimal strings); returns its id. */
export async function insertAssetType(
  db: Db,
  t: SeededTenant,
  fields: Partial<typeof assetTypes.$inferInsert> & { code: string; indicator: string },
): Promise<number> {
  const [row] = await db
    .insert(assetTypes)
    .values({ tenantId: t.tenantId, names: { en: fields.code }, ...fields })
    .returning({ id: assetTypes.id });
  return row!.id;
}

/** A year's unit price of an asset type. */
export async function insertAssetPrice(
  db: Db,
  t: SeededTenant,
  assetTypeId: number,
  year: number,
  priceLocal: string,
): Promise<void> {
  await db.insert(assetTypePrices).values({ tenantId: t.tenantId, assetTypeId, year, priceLocal });
}

/** Damage to one asset type on a card. */
export async function insertAssetEffect(
  db: Db,
  t: SeededTenant,
  datacardId: string,
  assetTypeId: number,
  fields: Partial<typeof assetEffects.$inferInsert> = {},
): Promise<void> {
  await db.insert(assetEffects).values({ tenantId: t.tenantId, datacardId, assetTypeId, ...fields });
}

/** Give the seeded tenant a currency and a country (whose CPI deflates local money); a context in it. */
export async function setTenantMoney(
  db: Db,
  t: SeededTenant,
  currency: string,
  country: string | null,
): Promise<RequestContext> {
  await db.update(tenants).set({ currency, country }).where(eq(tenants.id, t.tenantId));
  return tenantContext(t, currency);
}

/** Yearly exchange rates of a currency (global): { 2020: 500 } = 500 units per US dollar. */
export async function insertRates(db: Db, currency: string, perUsd: Record<number, number>): Promise<void> {
  await db
    .insert(exchangeRates)
    .values(
      Object.entries(perUsd).map(([year, rate]) => ({ currency, year: Number(year), perUsd: String(rate) })),
    );
}

/** Yearly consumer price index of a country (global): { 2015: 100, 2020: 125 }. */
export async function insertCpi(db: Db, country: string, values: Record<number, number>): Promise<void> {
  await db
    .insert(cpi)
    .values(
      Object.entries(values).map(([year, value]) => ({ country, year: Number(year), value: String(value) })),
    );
}
