/**
 * Accounts: the first superadmin (CLI), the operator's password reset, a user's own password
 * change and who-am-I. Members of a tenant are in members.ts. Every change is audited without its
 * secrets.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { memberships, sessions, users } from '../../db/schema/auth.ts';
import { tenants } from '../../db/schema/index.ts';
import { AppError, notFound, validationFailed } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit.ts';
import { requireSuperadmin, requireWrite } from '../authz.ts';
import type { RequestContext } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { revokeUserTokens } from './tokens.ts';

export type UserRow = typeof users.$inferSelect;

/** An account as the API shows it (never its hash or lockout counters). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  superadmin: boolean;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export const userView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  superadmin: u.superadmin,
  disabled: u.disabled,
  mustChangePassword: u.mustChangePassword,
  lastLoginAt: u.lastLoginAt === null ? null : isoTimestamp(u.lastLoginAt),
});

/** E-mail addresses are compared trimmed and lower-cased. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function checkEmail(email: string): string {
  const e = normaliseEmail(email);
  if (!/^[^\s@]+@[^\s@]+$/.test(e) || e.length > 254)
    throw validationFailed([{ path: 'email', code: 'invalid_email', message: 'not an e-mail address' }]);
  return e;
}

/** The account with this e-mail, or null. */
export async function findUserByEmail(ex: Executor, email: string): Promise<UserRow | null> {
  const [row] = await ex
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row ?? null;
}

/** Create an account (superadmin or the CLI's system context); `superadmin` grants every tenant. */
export async function createUser(
  db: Db,
  ctx: RequestContext,
  input: { email: string; password: string; name?: string; superadmin?: boolean },
): Promise<UserView> {
  requireSuperadmin(ctx, 'create accounts');
  const email = checkEmail(input.email);
  const passwordHash = await hashPassword(input.password, email);
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, email))
      throw new AppError('duplicate', `An account with the e-mail ${email} already exists.`);
    const [row] = await tx
      .insert(users)
      .values({ email, name: input.name ?? '', passwordHash, superadmin: input.superadmin ?? false })
      .returning();
    const view = userView(row!);
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'create',
      entity: 'user',
      entityId: view.id,
      after: view,
    });
    return view;
  });
}

/**
 * Store an account's new password hash and end its sessions (all but `keepSession`). A `reset`
 * (by an operator or an admin) also lifts a lockout; `mustChange` asks for a new one at sign-in.
 */
export async function replacePassword(
  tx: Executor,
  userId: string,
  passwordHash: string,
  options: { mustChange: boolean; reset: boolean; keepSession?: string },
): Promise<UserRow> {
  const [row] = await tx
    .update(users)
    .set({
      passwordHash,
      mustChangePassword: options.mustChange,
      ...(options.reset ? { failedLogins: 0, lockedUntil: null } : {}),
      passwordChangedAt: sql`now()`,
      updatedAt: sql`now()`,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId))
    .returning();
  const mine = eq(sessions.userId, userId);
  const { keepSession } = options;
  await tx.delete(sessions).where(keepSession ? and(mine, sql`${sessions.id} <> ${keepSession}`) : mine);
  return row!;
}

/**
 * Set an account's password as a superadmin (the server operator's way back in, e.g. when the only
 * superadmin forgot theirs): it also lifts a lockout and ends the account's sessions.
 */
export async function setPassword(
  db: Db,
  ctx: RequestContext,
  input: { email: string; password: string },
): Promise<UserView> {
  requireSuperadmin(ctx, "set another account's password");
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password, email);
  const view = await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw notFound('account', email);
    const row = await replacePassword(tx, user.id, passwordHash, { mustChange: false, reset: true });
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'password_reset',
      entity: 'user',
      entityId: user.id,
    });
    return userView(row);
  });
  await revokeUserTokens(db, view.id);
  return view;
}

/** Change the signed-in user's own password; every other session of theirs ends. */
export async function changePassword(
  db: Db,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  requireWrite(ctx, 'change your password');
  if (ctx.actor.kind !== 'user')
    throw new AppError('forbidden', 'Only a signed-in user has a password to change.');
  const [user] = await db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!user || !(await checkPassword(user.passwordHash, input.currentPassword)))
    throw validationFailed([
      { path: 'currentPassword', code: 'wrong_password', message: 'the current password is wrong' },
    ]);
  if (input.newPassword === input.currentPassword)
    throw validationFailed([
      { path: 'newPassword', code: 'unchanged', message: 'choose a different password' },
    ]);
  const passwordHash = await hashPassword(input.newPassword, user.email, 'newPassword');
  const keep = ctx.credential.kind === 'session' ? ctx.credential.sessionId : undefined;
  await db.transaction(async (tx) => {
    await replacePassword(tx, user.id, passwordHash, { mustChange: false, reset: false, keepSession: keep });
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'password_change',
      entity: 'user',
      entityId: user.id,
    });
  });
}

/** The calling user and their memberships (nobody when anonymous). */
export async function whoAmI(
  db: Db,
  ctx: RequestContext,
): Promise<{ user: UserView | null; memberships: { tenant: string; role: Role; scope: number | null }[] }> {
  if (ctx.actor.kind !== 'user') return { user: null, memberships: [] };
  const [user] = await db.select().from(users).where(eq(users.id, ctx.actor.id));
  const rows = await db
    .select({ tenant: tenants.code, role: memberships.role, scope: memberships.geoUnitId })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, ctx.actor.id))
    .orderBy(asc(tenants.code));
  return { user: user ? userView(user) : null, memberships: rows };
}
