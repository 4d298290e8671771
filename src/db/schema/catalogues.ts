import {
  boolean,
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
import { hazards } from './hazards.ts';
import { tenants } from './tenants.ts';

/** A tenant's event types (DesInventar "eventos"), mapped to a hazard code. */
export const eventTypes = pgTable(
  'event_types',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    description: text('description'),
    hazardCode: text('hazard_code').references(() => hazards.code),
    parentId: integer('parent_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** Source-system fields kept for lossless export (e.g. DesInventar serial, terminal, hlevel). */
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('event_types_code').on(t.tenantId, t.code),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    index('event_types_hazard').on(t.hazardCode),
    index('event_types_parent').on(t.tenantId, t.parentId),
  ],
);

/** A tenant's causes (DesInventar "causas"). */
export const causes = pgTable(
  'causes',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    code: text('code').notNull(),
    names: jsonb('names').$type<Record<string, string>>().notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    /** Source-system fields kept for lossless export (e.g. DesInventar serial, terminal, hlevel). */
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('causes_code').on(t.tenantId, t.code)],
);
