/** Audit rows for many changes of one operation, inserted in batches inside the caller's transaction. */
import type { Executor } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import { actorLabel, type RequestContext } from '../context.ts';

/** One changed record. */
export interface AuditChange {
  action: 'create' | 'update' | 'delete';
  entityId: string;
  before: unknown;
  after: unknown;
}

const BATCH = 500;

/** Record one audit row per change (nothing when there is none). */
export async function insertAuditRows(
  tx: Executor,
  who: { tenantId: number | null; ctx: RequestContext },
  entity: string,
  changes: AuditChange[],
): Promise<void> {
  const rows = changes.map((c) => ({
    tenantId: who.tenantId,
    actor: actorLabel(who.ctx),
    action: c.action,
    entity,
    entityId: c.entityId,
    before: c.before ?? null,
    after: c.after ?? null,
    requestId: who.ctx.requestId,
  }));
  for (let i = 0; i < rows.length; i += BATCH) await tx.insert(auditLog).values(rows.slice(i, i + BATCH));
}
