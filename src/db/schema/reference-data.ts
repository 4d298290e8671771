import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, text, timestamptz } from './columns.ts';

/** Yearly average exchange rates (global): local currency units per US dollar. */
export const exchangeRates = pgTable(
  'exchange_rates',
  {
    /** ISO 4217 code, e.g. KZT. */
    currency: text('currency').notNull(),
    year: integer('year').notNull(),
    perUsd: numeric('per_usd', { mode: 'string' }).notNull(),
    source: text('source'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.currency, t.year] }),
    check('exchange_rates_currency_iso', sql`currency ~ '^[A-Z]{3}$'`),
    check('exchange_rates_per_usd_positive', sql`per_usd > 0`),
  ],
);

/**
 * Consumer price index by country (ISO 3166-1 alpha-3) and year (global). Keyed by country, not
 * currency: countries sharing a currency (the euro) have their own price levels.
 */
export const cpi = pgTable(
  'cpi',
  {
    country: text('country').notNull(),
    year: integer('year').notNull(),
    value: numeric('value', { mode: 'string' }).notNull(),
    /** The year the series equals 100, when the source says. */
    baseYear: integer('base_year'),
    source: text('source'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.year] }),
    check('cpi_country_iso3', sql`country ~ '^[A-Z]{3}$'`),
    check('cpi_value_positive', sql`value > 0`),
  ],
);
