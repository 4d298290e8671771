/**
 * Workflow transitions of datacards (shared/workflow.ts holds the rules) and the review queue:
 * what waits for the caller's decision, and what came back to the caller rejected.
 */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { auditLog, datacards } from '../../db/schema/index.ts';
import { AppError, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { Datacard } from '../../shared/schemas/datacard.ts';
import type { ReviewItem, ReviewQueue, Transition } from '../../shared/schemas/workflow.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { allowedActions, TRANSITIONS, type TransitionAction } from '../../shared/workflow.ts';
import { recordAudit } from '../audit.ts';
import { hasRole, requireRole } from '../authz.ts';
import { actorLabel, type RequestContext, tenantOf } from '../context.ts';
import { visibleCards } from './access.ts';
import { rowToDatacard } from './mapping.ts';
import { lockCurrent } from './write.ts';

/** Move one card through the workflow; `version` must be the one the caller read. */
export async function transitionDatacard(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: Transition,
): Promise<Datacard> {
  requireRole(ctx, 'contributor', 'review datacards');
  const tenant = tenantOf(ctx);
  const rule = TRANSITIONS[input.action];
  const comment = input.comment?.trim() || null;
  return db.transaction(async (tx) => {
    // A card outside the caller's scope is not visible to them: lockCurrent answers 404.
    const current = await lockCurrent(tx, ctx, id);
    const status = current.status as DatacardStatus;
    if (!rule.from.includes(status))
      throw new AppError(
        'invalid_transition',
        `A ${status} card cannot be ${pastTense(input.action)}; that needs a card that is ${rule.from.join(' or ')}.`,
        { status, action: input.action },
      );
    const isAuthor = current.createdBy === actorLabel(ctx);
    if (!allowedActions(status, ctx.roles, isAuthor).includes(input.action))
      throw new AppError(
        'forbidden',
        rule.author
          ? `Only the card's author or a ${rule.role} can ${input.action} it.`
          : `Only a ${rule.role} can ${input.action} a card.`,
      );
    if (rule.commentRequired && !comment)
      throw validationFailed([
        { path: 'comment', code: 'required', message: `Say why when you ${input.action} a card.` },
      ]);
    if (current.version !== input.version) throw versionConflict('datacard', id, current.version);
    const [row] = await tx
      .update(datacards)
      .set({
        status: rule.to,
        version: sql`${datacards.version} + 1`,
        updatedBy: actorLabel(ctx),
        updatedAt: sql`now()`,
      })
      .where(and(eq(datacards.tenantId, tenant.id), eq(datacards.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'transition',
      entity: 'datacard',
      entityId: id,
      before: { status, version: current.version },
      after: { status: rule.to, version: row!.version, action: input.action, comment },
    });
    return rowToDatacard(row!);
  });
}

const pastTense = (action: TransitionAction) =>
  ({
    submit: 'submitted',
    publish: 'published',
    reject: 'rejected',
    reopen: 'reopened',
    unpublish: 'unpublished',
  })[action];

/** The latest transition of each card: who, when, which action, and the comment. */
async function lastTransitions(tx: Executor, tenantId: number, ids: string[]) {
  if (ids.length === 0) return new Map<string, ReviewItem['lastTransition']>();
  const rows = await tx
    .selectDistinctOn([auditLog.entityId], {
      entityId: auditLog.entityId,
      actor: auditLog.actor,
      at: auditLog.at,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, tenantId),
        eq(auditLog.entity, 'datacard'),
        eq(auditLog.action, 'transition'),
        inArray(auditLog.entityId, ids),
      ),
    )
    .orderBy(auditLog.entityId, desc(auditLog.id));
  return new Map(
    rows.map((r) => {
      const after = r.after as { action: TransitionAction; comment: string | null };
      return [
        r.entityId,
        { action: after.action, comment: after.comment, by: r.actor, at: new Date(r.at).toISOString() },
      ];
    }),
  );
}

/**
 * What waits for the caller: for validators, submitted cards in their scope; for everyone on the
 * staff, their own rejected cards (with the reviewer's comment) and how many drafts they hold.
 */
export async function reviewQueue(db: Db, ctx: RequestContext, limit = 50): Promise<ReviewQueue> {
  requireRole(ctx, 'contributor', 'see the review queue', false);
  const tenant = tenantOf(ctx);
  const me = actorLabel(ctx);
  const live = and(eq(datacards.tenantId, tenant.id), isNull(datacards.deletedAt), visibleCards(ctx));
  const mine = eq(datacards.createdBy, me);
  const list = async (where: ReturnType<typeof and>) =>
    db.select().from(datacards).where(where).orderBy(datacards.updatedAt, datacards.id).limit(limit);
  const counted = async (where: ReturnType<typeof and>) =>
    (await db.select({ n: count() }).from(datacards).where(where))[0]?.n ?? 0;

  const reviewer = hasRole(ctx, 'validator');
  const toReview = and(live, eq(datacards.status, 'submitted'));
  const rejected = and(live, mine, eq(datacards.status, 'rejected'));
  const [submittedRows, submittedCount, rejectedRows, rejectedCount, drafts, waiting] = await Promise.all([
    reviewer ? list(toReview) : Promise.resolve([]),
    reviewer ? counted(toReview) : Promise.resolve(0),
    list(rejected),
    counted(rejected),
    counted(and(live, mine, eq(datacards.status, 'draft'))),
    counted(and(live, mine, eq(datacards.status, 'submitted'))),
  ]);
  const transitions = await lastTransitions(
    db,
    tenant.id,
    [...submittedRows, ...rejectedRows].map((r) => r.id),
  );
  const item = (row: (typeof submittedRows)[number]): ReviewItem => {
    const card = rowToDatacard(row);
    return {
      id: card.id,
      version: card.version,
      serial: card.serial,
      status: card.status!,
      startDate: card.startDate,
      eventTypeId: card.eventTypeId!,
      geoUnitId: card.geoUnitId!,
      createdBy: card.createdBy,
      updatedAt: card.updatedAt,
      actions: allowedActions(row.status as DatacardStatus, ctx.roles, row.createdBy === me),
      lastTransition: transitions.get(row.id) ?? null,
    };
  };
  return {
    toReview: { total: reviewer ? submittedCount : 0, items: submittedRows.map(item) },
    returnedToMe: { total: rejectedCount, items: rejectedRows.map(item) },
    myDrafts: drafts,
    myWaiting: waiting,
  };
}
