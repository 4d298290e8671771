/**
 * Members of a tenant: a role and a geographic scope per account (tenant admins), and an admin's
 * password reset of a member. A scoped admin manages only members inside their own scope.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { memberships, users } from '../../db/schema/auth.ts';
import { auditLog, geoUnits } from '../../db/schema/index.ts';
import { outsideTenantWall } from '../../db/tenant-wall.ts';
import { AppError, isUuid, notFound, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit.ts';
import { requireRole } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { hashPassword } from './passwords.ts';
import { newSecret } from './secrets.ts';
import { revokeUserTokens } from './tokens.ts';
import {
  checkEmail,
  findUserByEmail,
  replacePassword,
  type UserRow,
  type UserView,
  userView,
} from './users.ts';

/** A member of a tenant. */
export interface MemberView {
  user: UserView;
  role: Role;
  /** The unit the member is limited to (with everything below it); null = the whole tenant. */
  scope: { id: number; code: string; name: string } | null;
  version: number;
}

/** Resolve a scope unit by id or code in the tenant (400 if unknown); null = whole tenant. */
async function scopeUnit(
  ex: Executor,
  tenantId: number,
  scope: { id?: number | null; code?: string | null } | undefined,
): Promise<{ id: number; ancestors: number[] } | null> {
  if (!scope || (scope.id == null && scope.code == null)) return null;
  const where =
    scope.id != null
      ? and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, scope.id))
      : and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.code, scope.code!));
  const rows = await ex
    .select({ id: geoUnits.id, path: geoUnits.path })
    .from(geoUnits)
    .where(where)
    .orderBy(sql`${geoUnits.validTo} desc nulls first`)
    .limit(1);
  if (!rows[0])
    throw validationFailed([
      { path: 'scope', code: 'unknown_unit', message: `no geographic unit ${scope.id ?? scope.code} here` },
    ]);
  return { id: rows[0].id, ancestors: pathIds(rows[0].path) };
}

/** A scoped admin may only hand out scopes inside their own. */
function assertScopeWithin(ctx: RequestContext, unit: { ancestors: number[] } | null): void {
  if (!ctx.geoScope) return;
  if (!unit?.ancestors.some((a) => ctx.geoScope!.includes(a)))
    throw new AppError('forbidden', 'You can only give members a scope inside your own geographic scope.');
}

/**
 * A scoped admin manages only members inside their own scope: promoting, removing or resetting the
 * password of a member with a wider scope (or none) would let them reach beyond it.
 */
async function assertMemberWithin(ex: Executor, ctx: RequestContext, member: MemberView): Promise<void> {
  if (!ctx.geoScope) return;
  const unit = member.scope ? await scopeUnit(ex, tenantOf(ctx).id, { id: member.scope.id }) : null;
  if (!unit?.ancestors.some((a) => ctx.geoScope!.includes(a)))
    throw new AppError('forbidden', 'You can only manage members inside your own geographic scope.');
}

const memberSelect = {
  user: users,
  role: memberships.role,
  version: memberships.version,
  scopeId: geoUnits.id,
  scopeCode: geoUnits.code,
  scopeName: sql<string>`coalesce(${geoUnits.names} ->> 'en', ${geoUnits.code})`,
};

/** The unit ids of a materialised path '/12/40/301/'. */
const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

type MemberRow = {
  user: UserRow;
  role: Role;
  version: number;
  scopeId: number | null;
  scopeCode: string | null;
  scopeName: string | null;
};

const memberView = (r: MemberRow): MemberView => ({
  user: userView(r.user),
  role: r.role,
  scope: r.scopeId === null ? null : { id: r.scopeId, code: r.scopeCode!, name: r.scopeName! },
  version: r.version,
});

async function readMembers(ex: Executor, tenantId: number, userId?: string): Promise<MemberView[]> {
  const rows = await ex
    .select(memberSelect)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      geoUnits,
      and(eq(geoUnits.tenantId, memberships.tenantId), eq(geoUnits.id, memberships.geoUnitId)),
    )
    .where(
      userId
        ? and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId))
        : eq(memberships.tenantId, tenantId),
    )
    .orderBy(asc(users.email));
  return rows.map((r) => memberView(r as MemberRow));
}

/** The tenant's members (admins). */
export async function listMembers(db: Db, ctx: RequestContext): Promise<MemberView[]> {
  requireRole(ctx, 'admin', 'list members', false);
  return readMembers(db, tenantOf(ctx).id);
}

/** One member of the tenant (admins), 404 if the user is not one. */
export async function getMember(db: Executor, ctx: RequestContext, userId: string): Promise<MemberView> {
  requireRole(ctx, 'admin', 'see members', false);
  const [m] = isUuid(userId) ? await readMembers(db, tenantOf(ctx).id, userId) : [];
  if (!m) throw notFound('member', userId);
  return m;
}

/** Input of addMember. */
export interface MemberInput {
  email: string;
  role: Role;
  scope?: { id?: number | null; code?: string | null };
  name?: string;
  /** Password of a new account; without it a one-time password is generated and returned once. */
  password?: string;
}

/**
 * Make a user a member of the tenant (admins). An unknown e-mail creates the account, with the
 * given password or a generated one-time password the user must change at first sign-in.
 */
export async function addMember(
  db: Db,
  ctx: RequestContext,
  input: MemberInput,
): Promise<{ member: MemberView; oneTimePassword?: string }> {
  requireRole(ctx, 'admin', 'add members');
  const tenant = tenantOf(ctx);
  const email = checkEmail(input.email);
  const generated = input.password === undefined ? newSecret().slice(0, 20) : undefined;
  const existing = await findUserByEmail(db, email);
  const passwordHash = existing ? null : await hashPassword(input.password ?? generated!, email);
  const member = await db.transaction(async (tx) => {
    const unit = await scopeUnit(tx, tenant.id, input.scope);
    assertScopeWithin(ctx, unit);
    let user = await findUserByEmail(tx, email);
    if (!user) {
      const [created] = await tx
        .insert(users)
        .values({
          email,
          name: input.name ?? '',
          passwordHash: passwordHash!,
          mustChangePassword: !!generated,
        })
        .returning();
      user = created!;
      await recordAudit(tx, ctx, {
        tenantId: tenant.id,
        action: 'create',
        entity: 'user',
        entityId: user.id,
        after: userView(user),
      });
    }
    const [dup] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id)));
    if (dup) throw new AppError('duplicate', `${email} is already a member (${dup.role}).`);
    await tx
      .insert(memberships)
      .values({ tenantId: tenant.id, userId: user.id, role: input.role, geoUnitId: unit?.id ?? null });
    const [m] = await readMembers(tx, tenant.id, user.id);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'create',
      entity: 'membership',
      entityId: user.id,
      after: m,
    });
    return m!;
  });
  return { member, ...(generated && !existing ? { oneTimePassword: generated } : {}) };
}

/** Change a member's role or scope (admins); `version` must be the one read. */
export async function updateMember(
  db: Db,
  ctx: RequestContext,
  userId: string,
  patch: { role?: Role; scope?: { id?: number | null; code?: string | null } | null; version: number },
): Promise<MemberView> {
  requireRole(ctx, 'admin', 'change members');
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    const before = await getMember(tx, ctx, userId);
    if (before.version !== patch.version) throw versionConflict('member', userId, before.version);
    await assertMemberWithin(tx, ctx, before);
    if (before.user.id === ctx.actor.id && patch.role && patch.role !== 'admin')
      throw new AppError('forbidden', 'You cannot lower your own role; ask another admin.');
    const unit =
      patch.scope === undefined ? undefined : await scopeUnit(tx, tenant.id, patch.scope ?? undefined);
    if (unit !== undefined) assertScopeWithin(ctx, unit);
    await tx
      .update(memberships)
      .set({
        ...(patch.role ? { role: patch.role } : {}),
        ...(unit !== undefined ? { geoUnitId: unit?.id ?? null } : {}),
        version: sql`${memberships.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId)));
    const [after] = await readMembers(tx, tenant.id, userId);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'update',
      entity: 'membership',
      entityId: userId,
      before,
      after,
    });
    return after!;
  });
}

/** Remove a member from the tenant (admins); the account stays. */
export async function removeMember(
  db: Db,
  ctx: RequestContext,
  userId: string,
  version: number,
): Promise<void> {
  requireRole(ctx, 'admin', 'remove members');
  const tenant = tenantOf(ctx);
  await db.transaction(async (tx) => {
    const before = await getMember(tx, ctx, userId);
    if (before.version !== version) throw versionConflict('member', userId, before.version);
    await assertMemberWithin(tx, ctx, before);
    if (before.user.id === ctx.actor.id)
      throw new AppError('forbidden', 'You cannot remove yourself; ask another admin.');
    await tx
      .delete(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId)));
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'delete',
      entity: 'membership',
      entityId: userId,
      before,
    });
  });
}

/**
 * Reset a member's password (admins): returns a one-time password, shown once, that must be
 * changed at the next sign-in; the user's sessions end and a lockout is lifted. A tenant admin may
 * reset only accounts that belong to their tenant alone and are not superadmins.
 */
export async function resetPassword(
  db: Db,
  ctx: RequestContext,
  userId: string,
): Promise<{ oneTimePassword: string }> {
  requireRole(ctx, 'admin', 'reset passwords');
  const tenant = tenantOf(ctx);
  const member = await getMember(db, ctx, userId);
  await assertMemberWithin(db, ctx, member);
  if (!ctx.superadmin) {
    if (member.user.superadmin)
      throw new AppError('forbidden', 'Only a superadmin can reset a superadmin’s password.');
    // Other tenants' memberships are behind the tenant wall (PostgreSQL row-level security): a
    // walled query would see none and let the reset through.
    const [other] = await outsideTenantWall(async () =>
      db
        .select({ tenantId: memberships.tenantId })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), sql`${memberships.tenantId} <> ${tenant.id}`))
        .limit(1),
    );
    if (other)
      throw new AppError(
        'forbidden',
        'This account is also a member of another database; ask a superadmin to reset it.',
      );
    // An account made elsewhere (by a superadmin, or before it joined this tenant) is not this
    // tenant's to take over: adding someone's existing account and resetting it would hand it over.
    const [madeHere] = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.tenantId, tenant.id),
          eq(auditLog.entity, 'user'),
          eq(auditLog.action, 'create'),
          eq(auditLog.entityId, userId),
        ),
      )
      .limit(1);
    if (!madeHere)
      throw new AppError(
        'forbidden',
        'This account was not created in this database; ask a superadmin to reset it.',
      );
  }
  const oneTimePassword = newSecret().slice(0, 20);
  const passwordHash = await hashPassword(oneTimePassword, member.user.email);
  await db.transaction(async (tx) => {
    await replacePassword(tx, userId, passwordHash, { mustChange: true, reset: true });
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'password_reset',
      entity: 'user',
      entityId: userId,
    });
  });
  await revokeUserTokens(db, userId);
  return { oneTimePassword };
}
