/**
 * Signing in and out. A session is a random cookie secret (stored as its SHA-256) with a CSRF
 * secret, an idle expiry and an absolute expiry. After LOCKOUT_AFTER wrong passwords in a row an
 * account is locked for LOCKOUT_MINUTES. An unknown e-mail has a password hash checked too, gets
 * the same message and is locked the same way (UnknownAccountLocks), so the answers do not tell
 * which addresses have an account. (A wrong password for an account also writes its count and an
 * audit row, a few milliseconds that a patient attacker could measure.)
 */
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { sessions, users } from '../../db/schema/auth.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit.ts';
import { anonymousContext, type RequestContext } from '../context.ts';
import { checkPassword } from './passwords.ts';
import { csrfTokenFor, newSecret, secretHash } from './secrets.ts';
import { normaliseEmail, type UserView, userView } from './users.ts';

/** Wrong passwords in a row before the account locks, and for how long. */
export const LOCKOUT_AFTER = 5;
export const LOCKOUT_MINUTES = 15;

/** Session lifetimes (minutes): idle and absolute. */
export interface SessionPolicy {
  idleMinutes: number;
  maxMinutes: number;
}

/** Defaults: 2 hours idle, 12 hours at most; SESSION_IDLE_MINUTES and SESSION_MAX_HOURS override. */
export function sessionPolicy(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
  const idle = Number(env.SESSION_IDLE_MINUTES ?? 120);
  const max = Number(env.SESSION_MAX_HOURS ?? 12) * 60;
  return { idleMinutes: idle > 0 ? idle : 120, maxMinutes: max > 0 ? max : 720 };
}

/** What a successful sign-in hands back; the secrets go into a cookie and a header, never a log. */
export interface SignedIn {
  user: UserView;
  sessionSecret: string;
  csrfToken: string;
  expiresAt: string;
}

const refused = () => new AppError('unauthenticated', 'Wrong e-mail address or password.');
const lockedUntilError = (until: Date) =>
  new AppError(
    'locked',
    `Too many wrong passwords: this account is locked until ${until.toISOString().slice(11, 16)} UTC. Try again then, or ask an admin to reset the password.`,
    { lockedUntil: until.toISOString() },
  );
const lockedNowError = () =>
  new AppError(
    'locked',
    `Too many wrong passwords: this account is locked for ${LOCKOUT_MINUTES} minutes. Try again then, or ask an admin to reset the password.`,
  );

/**
 * Wrong sign-ins for e-mail addresses without an account, counted and locked like an account's so
 * that a 423 does not reveal which addresses exist. Kept in memory (one server process), for at
 * most `max` addresses: the oldest is forgotten first (the per-address rate limit bounds how fast
 * they come).
 */
export class UnknownAccountLocks {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number | null }>();

  constructor(private readonly max = 10_000) {}

  /** When the address's lock ends, if it is locked now. */
  lockedUntil(email: string, now = Date.now()): Date | null {
    const until = this.entries.get(email)?.lockedUntil ?? null;
    return until !== null && until > now ? new Date(until) : null;
  }

  /** Count a wrong sign-in; true when it locks the address. */
  fail(email: string, now = Date.now()): boolean {
    const entry = this.entries.get(email) ?? { failures: 0, lockedUntil: null };
    this.entries.delete(email); // re-inserted last: the map's order is the order of last use
    entry.failures++;
    const lock = entry.failures >= LOCKOUT_AFTER;
    if (lock) Object.assign(entry, { failures: 0, lockedUntil: now + LOCKOUT_MINUTES * 60_000 });
    this.entries.set(email, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return lock;
  }
}

const unknownAccounts = new UnknownAccountLocks();

/** Check the password and open a session (401 when wrong, 423 while the account is locked). */
export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent?: string | null; requestId?: string },
  policy: SessionPolicy = sessionPolicy(),
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const [user] = await db.select().from(users).where(eq(users.email, email));
  // Read before the password check, as an account's lock is (same answers to parallel attempts).
  const unknownUntil = user ? null : unknownAccounts.lockedUntil(email);
  const ok = await checkPassword(user?.passwordHash ?? null, input.password);
  const actor = anonymousContext(input.requestId);
  if (!user) {
    if (unknownUntil) throw lockedUntilError(unknownUntil);
    throw unknownAccounts.fail(email) ? lockedNowError() : refused();
  }
  const ctx: RequestContext = { ...actor, actor: { kind: 'user', id: user.id, name: user.email } };
  const lockedUntil = user.lockedUntil ? new Date(user.lockedUntil) : null;
  if (lockedUntil && lockedUntil > new Date()) throw lockedUntilError(lockedUntil);
  if (!ok || user.disabled) {
    // Counted in the database, so that guesses sent in parallel each count.
    const lock = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(users)
        .set({ failedLogins: sql`${users.failedLogins} + 1` })
        .where(eq(users.id, user.id))
        .returning({ failures: users.failedLogins });
      const failures = row?.failures ?? 1;
      const lock = failures >= LOCKOUT_AFTER;
      if (lock)
        await tx
          .update(users)
          .set({ failedLogins: 0, lockedUntil: sql`now() + make_interval(mins => ${LOCKOUT_MINUTES})` })
          .where(eq(users.id, user.id));
      await recordAudit(tx, ctx, {
        tenantId: null,
        action: 'login_failed',
        entity: 'user',
        entityId: user.id,
        after: { failures, locked: lock },
      });
      return lock;
    });
    throw lock ? lockedNowError() : refused();
  }
  const sessionSecret = newSecret();
  const csrfToken = csrfTokenFor(sessionSecret);
  const expiresAt = new Date(Date.now() + policy.maxMinutes * 60_000).toISOString();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()` })
      .where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      id: secretHash(sessionSecret),
      userId: user.id,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    // Expired sessions of anyone are swept now and then, here.
    await tx
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, sql`now()`),
          lt(sessions.lastSeenAt, sql`now() - make_interval(mins => ${policy.idleMinutes})`),
        ),
      );
    await recordAudit(tx, ctx, { tenantId: null, action: 'login', entity: 'user', entityId: user.id });
  });
  return { user: userView(user), sessionSecret, csrfToken, expiresAt };
}

/** A live session and its user. */
export interface LiveSession {
  sessionId: string;
  user: typeof users.$inferSelect;
}

/** The session behind a cookie secret, or null when unknown, idle too long or past its end. */
export async function findSession(
  db: Db,
  secret: string,
  policy: SessionPolicy = sessionPolicy(),
): Promise<LiveSession | null> {
  const id = secretHash(secret);
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      fresh: sql<boolean>`${sessions.lastSeenAt} > now() - interval '1 minute'`,
      alive: sql<boolean>`${sessions.expiresAt} > now()
        and ${sessions.lastSeenAt} > now() - make_interval(mins => ${policy.idleMinutes})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!row) return null;
  if (!row.alive || row.user.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: idle expiry needs no finer grain, and reads stay read-only.
  if (!row.fresh) await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
  return { sessionId: id, user: row.user };
}

/** End a session (sign out). */
export async function signOut(db: Db, ctx: RequestContext): Promise<void> {
  if (ctx.credential.kind !== 'session') return;
  const sessionId = ctx.credential.sessionId;
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
    await recordAudit(tx, ctx, { tenantId: null, action: 'logout', entity: 'user', entityId: ctx.actor.id });
  });
}
