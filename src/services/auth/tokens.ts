/**
 * Personal API tokens: made by a member for one tenant, scoped read and/or write, expiring,
 * revocable. The secret (`llt_…`) is shown once at creation; only its SHA-256 is stored.
 * A token acts as its user with the user's current role, and never beyond its scopes.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { apiTokens, users } from '../../db/schema/auth.ts';
import { outsideTenantWall } from '../../db/tenant-wall.ts';
import { AppError, isUuid, notFound, validationFailed } from '../../shared/errors.ts';
import type { TokenScope } from '../../shared/roles.ts';
import { recordAudit } from '../audit.ts';
import { hasRole, requireWrite } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { newSecret, secretHash } from './secrets.ts';

/** Longest and default lifetime of a token, in days. */
export const TOKEN_MAX_DAYS = 366;
export const TOKEN_DEFAULT_DAYS = 90;

/** A token as listed (never its secret). */
export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  userId: string;
  expiresAt: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

type Row = typeof apiTokens.$inferSelect;

const view = (r: Row): TokenView => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes as TokenScope[],
  userId: r.userId,
  expiresAt: isoTimestamp(r.expiresAt),
  createdAt: isoTimestamp(r.createdAt),
  lastUsedAt: r.lastUsedAt === null ? null : isoTimestamp(r.lastUsedAt),
  revokedAt: r.revokedAt === null ? null : isoTimestamp(r.revokedAt),
});

const TOKEN_PREFIX = 'llt_';

/** Create a token for the signed-in member in the context's tenant; the secret is returned once. */
export async function createToken(
  db: Db,
  ctx: RequestContext,
  input: { name: string; scopes: TokenScope[]; expiresInDays?: number },
): Promise<TokenView & { token: string }> {
  requireWrite(ctx, 'create API tokens');
  if (ctx.credential.kind !== 'session')
    throw new AppError('forbidden', 'Create API tokens from a signed-in session, not with another token.');
  const tenant = tenantOf(ctx);
  if (!hasRole(ctx, 'viewer'))
    throw new AppError('forbidden', 'Only members of this database can create tokens for it.');
  const days = input.expiresInDays ?? TOKEN_DEFAULT_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)
    throw validationFailed([
      { path: 'expiresInDays', code: 'out_of_range', message: `between 1 and ${TOKEN_MAX_DAYS} days` },
    ]);
  if (input.scopes.includes('write') && !hasRole(ctx, 'contributor'))
    throw new AppError('forbidden', 'A viewer can only create read tokens.');
  const token = newSecret(TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        tenantId: tenant.id,
        userId: ctx.actor.id,
        name: input.name.trim() || 'token',
        tokenHash: secretHash(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)].sort(),
        expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(),
      })
      .returning();
    const created = view(row!);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'create',
      entity: 'api_token',
      entityId: created.id,
      after: created,
    });
    return { ...created, token };
  });
}

/** The caller's tokens in this tenant; an admin sees every member's. */
export async function listTokens(db: Db, ctx: RequestContext): Promise<TokenView[]> {
  const tenant = tenantOf(ctx);
  if (ctx.actor.kind !== 'user') return [];
  const mine = hasRole(ctx, 'admin') ? sql`true` : eq(apiTokens.userId, ctx.actor.id);
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenant.id), mine))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(view);
}

/** Revoke a token: its owner or a tenant admin. */
export async function revokeToken(db: Db, ctx: RequestContext, id: string): Promise<TokenView> {
  requireWrite(ctx, 'revoke API tokens');
  const tenant = tenantOf(ctx);
  if (!isUuid(id)) throw notFound('API token', id);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tenantId, tenant.id), eq(apiTokens.id, id)))
      .for('update');
    if (!row || (row.userId !== ctx.actor.id && !hasRole(ctx, 'admin'))) throw notFound('API token', id);
    if (row.revokedAt) return view(row);
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.tenantId, tenant.id), eq(apiTokens.id, id)))
      .returning();
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'revoke',
      entity: 'api_token',
      entityId: id,
      before: view(row),
      after: view(after!),
    });
    return view(after!);
  });
}

/** The token behind a bearer secret: live, expired (with when) or unknown/revoked (null). */
export async function findToken(
  db: Db,
  secret: string,
): Promise<{ token: Row; user: typeof users.$inferSelect; expired: boolean } | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await db
    .select({ token: apiTokens, user: users, expired: sql<boolean>`${apiTokens.expiresAt} <= now()` })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, secretHash(secret)), isNull(apiTokens.revokedAt)));
  if (!row || row.user.disabled) return null;
  if (!row.expired && (!row.token.lastUsedAt || Date.now() - Date.parse(row.token.lastUsedAt) > 60_000))
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(apiTokens.tenantId, row.token.tenantId), eq(apiTokens.id, row.token.id)));
  return row;
}

/**
 * A reset follows a lost or stolen password: every API token of the account, in every tenant,
 * stops working too. Run after the reset's transaction, on a connection of its own outside the
 * tenant wall (a walled connection would not see the other tenants' tokens).
 */
export async function revokeUserTokens(db: Db, userId: string): Promise<void> {
  await outsideTenantWall(async () => {
    await db
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  });
}
