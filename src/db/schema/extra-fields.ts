import { sql } from 'drizzle-orm';
import { EXTRA_FIELD_TYPE_VALUES } from '../../shared/schemas/extra-fields.ts';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  unique,
} from './columns.ts';
import { tenants } from './tenants.ts';

/** The 9 extra-field types (DesInventar diccionario fieldtype 0..8, in that order). */
export const EXTRA_FIELD_TYPES = EXTRA_FIELD_TYPE_VALUES;

/** Where an extra field's values are stored. */
export const EXTRA_FIELD_STORAGES = ['extra', 'human_effects', 'asset_effects'] as const;

/** One choice of a list or multi-choice field. */
export interface ExtraFieldOption {
  code: string;
  labels: Record<string, string>;
}

/** Tabs grouping extra fields on the datacard form (DesInventar extensiontabs). */
export const extraFieldTabs = pgTable(
  'extra_field_tabs',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

/** Tenant-defined datacard fields (DesInventar diccionario + extensioncodes). */
export const extraFieldDefinitions = pgTable(
  'extra_field_definitions',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    key: text('key').notNull(),
    type: text('type', { enum: EXTRA_FIELD_TYPES }).notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    description: text('description'),
    tabId: integer('tab_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    required: boolean('required').notNull().default(false),
    maxLength: integer('max_length'),
    options: jsonb('options').$type<ExtraFieldOption[]>().notNull().default([]),
    /**
     * Where values live: 'extra' = datacards.extra; 'human_effects' / 'asset_effects' = a Sendai
     * column whose values are stored in those tables (the definition is kept for lossless export).
     */
    storage: text('storage', { enum: EXTRA_FIELD_STORAGES }).notNull().default('extra'),
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('extra_field_definitions_key').on(t.tenantId, t.key),
    foreignKey({
      columns: [t.tenantId, t.tabId],
      foreignColumns: [extraFieldTabs.tenantId, extraFieldTabs.id],
    }),
    index('extra_field_definitions_tab').on(t.tenantId, t.tabId),
    check(
      'extra_field_type_valid',
      sql.raw(`type in (${EXTRA_FIELD_TYPES.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);
