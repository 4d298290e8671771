import {
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  unique,
} from './columns.ts';
import { geoUnits } from './geography.ts';
import { tenants } from './tenants.ts';

/**
 * Denominators by year, nationally (geo_unit_id null) or per unit: population (total, by sex,
 * by age band), GDP (local, USD), households, persons per household, exchange rate …
 */
export const baselines = pgTable(
  'baselines',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    geoUnitId: integer('geo_unit_id'),
    year: integer('year').notNull(),
    /** BASELINE_METRICS in shared/baselines.ts; imports of DesInventar keep unknown keys as di_metadata_<key>. */
    metric: text('metric').notNull(),
    value: numeric('value', { mode: 'string' }),
    valueUsd: numeric('value_usd', { mode: 'string' }),
    source: text('source'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('baselines_metric_year').on(t.tenantId, t.geoUnitId, t.year, t.metric).nullsNotDistinct(),
    foreignKey({ columns: [t.tenantId, t.geoUnitId], foreignColumns: [geoUnits.tenantId, geoUnits.id] }),
    index('baselines_unit').on(t.tenantId, t.geoUnitId),
    /** Per-capita and per-GDP lookups read one metric and year across units. */
    index('baselines_metric').on(t.tenantId, t.metric, t.year),
  ],
);
