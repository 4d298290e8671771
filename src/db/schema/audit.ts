import { bigint, index, integer, jsonb, pgTable, text, timestamptz } from './columns.ts';
import { tenants } from './tenants.ts';

/** Every mutation: who, when, what, with the row before and after. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null for global changes (hazards, tenants created by a superadmin). */
    tenantId: integer('tenant_id').references(() => tenants.id),
    at: timestamptz('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_log_entity').on(t.tenantId, t.entity, t.entityId),
    index('audit_log_at').on(t.tenantId, t.at),
  ],
);
