import {
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  uuid,
} from './columns.ts';
import { hazards } from './hazards.ts';
import { tenants } from './tenants.ts';

/** One disaster grouping many datacards (e.g. one flood across many districts). */
export const disasterEvents = pgTable(
  'disaster_events',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    glide: text('glide'),
    hazardCode: text('hazard_code').references(() => hazards.code),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    parentId: uuid('parent_id'),
    description: text('description'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }),
    index('disaster_events_glide').on(t.tenantId, t.glide),
    index('disaster_events_hazard').on(t.hazardCode),
    index('disaster_events_parent').on(t.tenantId, t.parentId),
  ],
);
