/**
 * Permission checks every service makes before it reads or writes (see DESIGN.md, Security).
 * Anonymous callers get 401 (sign in first); signed-in callers without the right get 403; a
 * read-scoped API token can never write.
 */
import { AppError } from '../shared/errors.ts';
import { type Role, roleAtLeast } from '../shared/roles.ts';
import type { RequestContext } from './context.ts';

/** 401: the caller must sign in first. */
export const signInFirst = (what: string) => new AppError('unauthenticated', `Sign in to ${what}.`);

/** Whether the caller holds `role` (or better) in the context's tenant; superadmins hold every role. */
export const hasRole = (ctx: RequestContext, role: Role): boolean =>
  ctx.superadmin || ctx.roles.some((r) => roleAtLeast(r, role));

/** Staff (contributor and above) may see cards in every workflow state; others see published cards only. */
export const isStaff = (ctx: RequestContext): boolean => hasRole(ctx, 'contributor');

/** The caller may change data: signed in (401) and not through a read-only token (403). */
export function requireWrite(ctx: RequestContext, what: string): void {
  if (ctx.actor.kind === 'anonymous') throw signInFirst(what);
  if (ctx.readOnly) throw new AppError('forbidden', `This API token is read-only: it cannot ${what}.`);
}

/** The caller holds `role` in the tenant (and, for a mutation, may write). */
export function requireRole(ctx: RequestContext, role: Role, what: string, mutation = true): void {
  if (mutation) requireWrite(ctx, what);
  else if (ctx.actor.kind === 'anonymous' && !hasRole(ctx, role)) throw signInFirst(what);
  if (!hasRole(ctx, role))
    throw new AppError(
      'forbidden',
      role === 'admin' ? `Only an admin can ${what}.` : `Only a ${role} or above can ${what}.`,
    );
}

/** The caller is a superadmin. */
export function requireSuperadmin(ctx: RequestContext, what: string, mutation = true): void {
  if (mutation) requireWrite(ctx, what);
  else if (ctx.actor.kind === 'anonymous') throw signInFirst(what);
  if (!ctx.superadmin) throw new AppError('forbidden', `Only a superadmin can ${what}.`);
}

/** Cards that are not published are for staff (contributor and above): 401 anonymous, else 403. */
export function requireStaffFor(ctx: RequestContext, what: string): void {
  if (isStaff(ctx)) return;
  if (ctx.actor.kind === 'anonymous') throw signInFirst(what);
  throw new AppError('forbidden', `Only staff (contributors and above) can ${what}.`);
}

/**
 * Tenant-wide work (catalogues, geography, imports, reference data, settings, the audit log) is for
 * an admin of the whole tenant: an admin limited to a unit manages only the people and cards there.
 */
export function requireTenantAdmin(ctx: RequestContext, what: string, mutation = true): void {
  requireRole(ctx, 'admin', what, mutation);
  if (ctx.geoScope)
    throw new AppError(
      'forbidden',
      `Only an admin of the whole tenant can ${what}; yours is limited to one area.`,
    );
}
