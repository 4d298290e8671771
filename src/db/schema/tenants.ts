import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, timestamptz } from './columns.ts';

/** One country or region database. Global table: tenants own everything else. */
export const tenants = pgTable(
  'tenants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    code: text('code').notNull().unique(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    currency: text('currency').notNull(),
    /** ISO 3166-1 alpha-3 code of the country (null for regional databases): finds its CPI and World Bank rows. */
    country: text('country'),
    languages: text('languages').array().notNull().default(sql`'{en}'::text[]`),
    defaultLanguage: text('default_language').notNull().default('en'),
    isPublic: boolean('is_public').notNull().default(false),
    synthetic: boolean('synthetic').notNull().default(false),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  () => [check('tenants_country_iso3', sql`country ~ '^[A-Z]{3}$'`)],
);
