import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
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

/** Administrative levels of a tenant (1 = top level); any number of them. */
export const geoLevels = pgTable(
  'geo_levels',
  {
    tenantId: tenantId().references(() => tenants.id),
    level: integer('level').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    codeLength: integer('code_length'),
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.level] })],
);

/** Administrative units, versioned over time (valid_from / valid_to). */
export const geoUnits = pgTable(
  'geo_units',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    level: integer('level').notNull(),
    code: text('code').notNull(),
    parentId: integer('parent_id'),
    /** Ancestor ids from the top level down to this unit: '/12/40/301/'. */
    path: text('path').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    geometry: jsonb('geometry'),
    bboxMinLon: doublePrecision('bbox_min_lon'),
    bboxMinLat: doublePrecision('bbox_min_lat'),
    bboxMaxLon: doublePrecision('bbox_max_lon'),
    bboxMaxLat: doublePrecision('bbox_max_lat'),
    centroidLon: doublePrecision('centroid_lon'),
    centroidLat: doublePrecision('centroid_lat'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** A parent created for orphan units of a legacy import. */
    placeholder: boolean('placeholder').notNull().default(false),
    /** Source-system fields kept for lossless export (e.g. DesInventar regiones label points). */
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('geo_units_code_version').on(t.tenantId, t.code, t.validFrom).nullsNotDistinct(),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.level], foreignColumns: [geoLevels.tenantId, geoLevels.level] }),
    index('geo_units_parent').on(t.tenantId, t.parentId),
    index('geo_units_level').on(t.tenantId, t.level),
    index('geo_units_path').using('btree', t.tenantId, sql`${t.path} text_pattern_ops`),
  ],
);

/** Boundary changes: which units replaced which (split, merge, rename). */
export const geoUnitLinks = pgTable(
  'geo_unit_links',
  {
    tenantId: tenantId().references(() => tenants.id),
    predecessorId: integer('predecessor_id').notNull(),
    successorId: integer('successor_id').notNull(),
    /** Share of the predecessor passed to the successor (population or area), when known. */
    share: doublePrecision('share'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.predecessorId, t.successorId] }),
    foreignKey({ columns: [t.tenantId, t.predecessorId], foreignColumns: [geoUnits.tenantId, geoUnits.id] }),
    foreignKey({ columns: [t.tenantId, t.successorId], foreignColumns: [geoUnits.tenantId, geoUnits.id] }),
    index('geo_unit_links_successor').on(t.tenantId, t.successorId),
  ],
);
