/** Reading the audit log: a tenant's admins see their tenant's entries, superadmins also global ones. */
import { and, desc, eq, gte, isNull, lt, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/engine.ts';
import { auditLog } from '../db/schema/index.ts';
import { AppError } from '../shared/errors.ts';
import type { AuditQuerySchema } from '../shared/schemas/auth.ts';
import { requireSuperadmin, requireTenantAdmin } from './authz.ts';
import type { RequestContext } from './context.ts';
import { isoTimestamp } from './datacards/mapping.ts';

type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** Audit entries, newest first, filtered by who, what, which entity and when; keyset paged by id. */
export async function listAudit(db: Db, ctx: RequestContext, q: AuditQuery) {
  const where: SQL[] = [];
  if (ctx.tenant) {
    requireTenantAdmin(ctx, 'read the audit log', false);
    where.push(eq(auditLog.tenantId, ctx.tenant.id));
  } else {
    requireSuperadmin(ctx, 'read the instance audit log', false);
    // A token is made for one tenant, even a superadmin's: the instance log is not its to read.
    if (ctx.credential.kind === 'token')
      throw new AppError(
        'forbidden',
        'Sign in to read the instance audit log; an API token reads its own database only.',
      );
    where.push(isNull(auditLog.tenantId));
  }
  if (q.actor) where.push(eq(auditLog.actor, q.actor));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lt(auditLog.at, q.to));
  if (q.before !== undefined) where.push(lt(auditLog.id, q.before));
  const items = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(q.limit);
  return {
    items: items.map((item) => ({ ...item, at: isoTimestamp(item.at) })),
    next: items.length === q.limit ? items[items.length - 1]!.id : null,
  };
}
