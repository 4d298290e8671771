import { sql } from 'drizzle-orm';
import {
  check,
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

/**
 * A named analytics query of a tenant: the filter spec and the output options (group-by,
 * measures, columns, sort, money basis …), both as validated JSON so the shapes can grow.
 */
export const savedQueries = pgTable(
  'saved_queries',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: integer('id').generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    description: text('description'),
    filter: jsonb('filter').$type<Record<string, unknown>>().notNull().default({}),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    /** Actor id of whoever created it (a user once accounts exist). */
    owner: text('owner').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('saved_queries_name').on(t.tenantId, t.name),
    check('saved_queries_name_not_blank', sql`btrim(name) <> ''`),
  ],
);
