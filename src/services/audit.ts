/** Writes audit_log rows inside the caller's transaction, so a change and its record commit together. */
import type { Executor } from '../db/engine.ts';
import { auditLog } from '../db/schema/index.ts';
import { actorLabel, type RequestContext } from './context.ts';

/** One audited mutation. */
export interface AuditEntry {
  tenantId: number | null;
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'import'
    | 'restore'
    | 'transition'
    | 'login'
    | 'login_failed'
    | 'logout'
    | 'revoke'
    | 'password_change'
    | 'password_reset';
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Record one mutation with its before and after state. */
export async function recordAudit(tx: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    tenantId: entry.tenantId,
    actor: actorLabel(ctx),
    action: entry.action,
    entity: entry.entity,
    entityId: String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  });
}
