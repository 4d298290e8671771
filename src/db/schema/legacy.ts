import { sql } from 'drizzle-orm';
import {
  bigint,
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
  uuid,
} from './columns.ts';
import { hazards } from './hazards.ts';
import { importRuns } from './imports.ts';
import { tenants } from './tenants.ts';

/**
 * Rows of source tables LossLedger does not model (DesInventar level_maps, metadata_*_lang, …),
 * kept verbatim so an export can write them back: nothing imported is lost.
 */
export const legacyRows = pgTable(
  'legacy_rows',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity(),
    importId: uuid('import_id'),
    tableName: text('table_name').notNull(),
    position: integer('position').notNull(),
    data: jsonb('data').$type<Record<string, string | null>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.importId],
      foreignColumns: [importRuns.tenantId, importRuns.id],
    }).onDelete('set null'),
    index('legacy_rows_table').on(t.tenantId, t.tableName, t.position),
    index('legacy_rows_import').on(t.tenantId, t.importId),
  ],
);

/** Saved spreadsheet column mappings, reused by later imports. */
export const importMappings = pgTable(
  'import_mappings',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** { columns: { "<header>": "<target>" }, fixed: { … }, options: { … } } */
    mapping: jsonb('mapping').$type<Record<string, unknown>>().notNull(),
    createdBy: text('created_by').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('import_mappings_name').on(t.tenantId, t.name)],
);

/** Global crosswalk from legacy event names (any language) to hazard codes, used to suggest mappings. */
export const eventHazardCrosswalk = pgTable(
  'event_hazard_crosswalk',
  {
    /** Upper-case, trimmed event name, e.g. 'FLASH FLOOD'. */
    name: text('name').primaryKey(),
    hazardCode: text('hazard_code').references(() => hazards.code),
    glide: text('glide'),
    emdatKey: text('emdat_key'),
    source: text('source'),
  },
  (t) => [
    index('event_hazard_crosswalk_hazard').on(t.hazardCode),
    index('event_hazard_crosswalk_upper').on(sql`upper(${t.name})`),
  ],
);
