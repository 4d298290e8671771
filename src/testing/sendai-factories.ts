/** Test data for the Sendai indicators: baselines, human and asset effects inserted directly. */
import type { Db } from '../db/engine.ts';
import { assetEffects, assetTypePrices, assetTypes, baselines, humanEffects } from '../db/schema/index.ts';
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
