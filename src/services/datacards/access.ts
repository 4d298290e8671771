/**
 * Who may see and change which datacard (DESIGN.md, Security and Workflow):
 * - everyone who may enter the tenant sees its published cards; staff (contributor and above) see
 *   every state; a member with a geographic scope sees only cards in it;
 * - contributors create cards as drafts and change or delete only their own drafts (and their
 *   rejected cards) in scope; validators and admins change any card in scope;
 * - the status changes only through workflow transitions (workflow.ts), except for admins, who may
 *   set it directly (data migration, corrections).
 */
import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../shared/errors.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { hasRole, isStaff, requireRole, requireStaffFor } from '../authz.ts';
import { actorLabel, type RequestContext } from '../context.ts';

/** SQL condition on `datacards` rows the caller may see (its alias is `datacards`). */
export function visibleCards(ctx: RequestContext): SQL {
  const parts: SQL[] = [];
  if (!isStaff(ctx)) parts.push(sql`datacards.status = 'published'`);
  if (ctx.geoScope)
    parts.push(
      sql`datacards.geo_ancestors && array[${sql.join(
        ctx.geoScope.map((id) => sql`${id}`),
        sql`, `,
      )}]::int[]`,
    );
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Whether the caller may see a card in this state and place. */
export function canSee(ctx: RequestContext, card: { status: string; geoAncestors: number[] }): boolean {
  if (!isStaff(ctx) && card.status !== 'published') return false;
  return !ctx.geoScope || card.geoAncestors.some((id) => ctx.geoScope!.includes(id));
}

/** A list filtered by a state other than published is for staff only. */
export function assertMaySeeStatus(ctx: RequestContext, status: DatacardStatus | undefined): void {
  if (status && status !== 'published') requireStaffFor(ctx, 'list cards that are not published');
}

/** A new card: contributors and above; only admins may create it in a state other than draft. */
export function assertMayCreate(ctx: RequestContext, status: DatacardStatus | undefined): void {
  requireRole(ctx, 'contributor', 'create datacards');
  if (status && status !== 'draft' && !hasRole(ctx, 'admin'))
    throw new AppError('forbidden', 'New cards start as drafts; submit them for review to publish them.');
}

/** Changing or deleting an existing card (the scope is checked by the caller, who knows the unit). */
export function assertMayChange(
  ctx: RequestContext,
  card: { status: string; createdBy: string },
  what: 'change' | 'delete',
  newStatus?: DatacardStatus,
): void {
  requireRole(ctx, 'contributor', `${what} datacards`);
  if (newStatus !== undefined && newStatus !== card.status && !hasRole(ctx, 'admin'))
    throw new AppError(
      'forbidden',
      'The status changes through the workflow: POST …/datacards/{id}/transitions (submit, publish, reject, reopen, unpublish).',
    );
  if (hasRole(ctx, 'validator')) return;
  if (card.createdBy !== actorLabel(ctx))
    throw new AppError('forbidden', `Contributors can only ${what} their own cards.`);
  if (card.status !== 'draft' && card.status !== 'rejected')
    throw new AppError(
      'forbidden',
      `This card is ${card.status}: contributors can only ${what} drafts and rejected cards.`,
    );
}
