import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  unique,
  uuid,
} from './columns.ts';
import { datacards } from './datacards.ts';
import { tenants } from './tenants.ts';

const amount = (name: string) => numeric(name, { mode: 'string' });

/**
 * Sendai disaggregation of a datacard's human effects: one row per effect and category,
 * e.g. (deaths, sex, female) = 3. Dimension 'total' holds totals that have no card column
 * (people in damaged dwellings, livelihoods affected).
 */
export const humanEffects = pgTable(
  'human_effects',
  {
    tenantId: tenantId().references(() => tenants.id),
    datacardId: uuid('datacard_id').notNull(),
    /** deaths | missing | injured | affected | displaced | livingDamagedDwellings | livingDestroyedDwellings | livelihoods … */
    effect: text('effect').notNull(),
    /** sex | age | disability | income | total */
    dimension: text('dimension').notNull(),
    /** female | male | 0-14 | 15-64 | 65+ | disabled | poor | all */
    category: text('category').notNull(),
    value: integer('value'),
    present: boolean('present').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.datacardId, t.effect, t.dimension, t.category] }),
    foreignKey({
      columns: [t.tenantId, t.datacardId],
      foreignColumns: [datacards.tenantId, datacards.id],
    }).onDelete('cascade'),
    index('human_effects_effect').on(t.tenantId, t.effect, t.dimension),
    check('human_effects_value_non_negative', sql`value >= 0`),
  ],
);

/** Kinds of assets whose damage is recorded and valued (DesInventar-Sendai metadata_element). */
export const assetTypes = pgTable(
  'asset_types',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    /** Economic sector (ISIC section or a Sendai grouping). */
    sector: text('sector'),
    /** Sendai Framework Monitor sub-indicator, e.g. C-2C (crops), C-4 (housing), D-2 (health). */
    indicator: text('indicator'),
    isicCode: text('isic_code'),
    faoCode: text('fao_code'),
    unit: text('unit'),
    measurement: text('measurement'),
    averageSize: amount('average_size'),
    damageRatio: amount('damage_ratio'),
    infrastructureFactor: amount('infrastructure_factor'),
    equipmentFactor: amount('equipment_factor'),
    workers: amount('workers'),
    unitPriceLocal: amount('unit_price_local'),
    unitPriceUsd: amount('unit_price_usd'),
    source: text('source'),
    formula: text('formula'),
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('asset_types_code').on(t.tenantId, t.code)],
);

/** Unit prices of an asset type by year (DesInventar metadata_element_costs). */
export const assetTypePrices = pgTable(
  'asset_type_prices',
  {
    tenantId: tenantId().references(() => tenants.id),
    assetTypeId: integer('asset_type_id').notNull(),
    year: integer('year').notNull(),
    priceLocal: amount('price_local'),
    priceUsd: amount('price_usd'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.assetTypeId, t.year] }),
    foreignKey({
      columns: [t.tenantId, t.assetTypeId],
      foreignColumns: [assetTypes.tenantId, assetTypes.id],
    }).onDelete('cascade'),
  ],
);

/** Damage to one asset type on one datacard (Sendai targets C and D). */
export const assetEffects = pgTable(
  'asset_effects',
  {
    tenantId: tenantId().references(() => tenants.id),
    datacardId: uuid('datacard_id').notNull(),
    assetTypeId: integer('asset_type_id').notNull(),
    total: amount('total'),
    affected: amount('affected'),
    damaged: amount('damaged'),
    destroyed: amount('destroyed'),
    /** Repair/replacement value in the tenant's currency (all damage, or split below). */
    lossLocal: amount('loss_local'),
    lossDamagedLocal: amount('loss_damaged_local'),
    lossDestroyedLocal: amount('loss_destroyed_local'),
    lossUsd: amount('loss_usd'),
    unit: text('unit'),
    /** reported = from the source; modelled = computed by the DesInventar-Sendai method. */
    source: text('source', { enum: ['reported', 'modelled'] })
      .notNull()
      .default('reported'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.datacardId, t.assetTypeId] }),
    foreignKey({
      columns: [t.tenantId, t.datacardId],
      foreignColumns: [datacards.tenantId, datacards.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.tenantId, t.assetTypeId],
      foreignColumns: [assetTypes.tenantId, assetTypes.id],
    }),
    index('asset_effects_asset_type').on(t.tenantId, t.assetTypeId),
    check('asset_effects_source_valid', sql`source in ('reported', 'modelled')`),
  ],
);
