/**
 * Who is calling: an API token (`Authorization: Bearer llt_…`), else a session cookie, else
 * anonymous. Also the walls every request meets before a handler: a session's mutations carry the
 * CSRF token in `X-CSRF-Token`; anonymous callers and read tokens never mutate; an account whose
 * password was reset may only change it. Services check roles again, per resource.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrfTokenFor, sameSecret, secretHash } from '../services/auth/secrets.ts';
import { findSession, type SessionPolicy } from '../services/auth/sessions.ts';
import { findToken } from '../services/auth/tokens.ts';
import { anonymousContext, type RequestContext } from '../services/context.ts';
import { AppError } from '../shared/errors.ts';
import type { AppEnv } from './env.ts';

/** The session cookie's name. */
export const SESSION_COOKIE = 'll_session';
/** The header carrying a session's CSRF token on every mutation. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes an anonymous caller may post to. */
const OPEN_MUTATIONS = new Set(['/api/auth/login']);
/** POST routes that only read (analytics queries with a body): open to whoever may read the tenant. */
const READING_POST = /^\/api\/tenants\/[^/]+\/query\/[a-z]+$/;
/** Where an API token works: inside its own tenant (access.ts checks which). */
const TENANT_PATH = /^\/api\/tenants\/[^/]+(\/|$)/;
/** Routes open to an account that must change its password first. */
const PASSWORD_ROUTES = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/** Whether the request came over HTTPS (directly, or through a proxy trusted with TRUST_PROXY=1). */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return process.env.TRUST_PROXY === '1' && c.req.header('x-forwarded-proto') === 'https';
}

/** Set the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, ending with the session. */
export function setSessionCookie(c: Context, secret: string, expiresAt: string): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires: new Date(expiresAt),
  });
}

/**
 * A fingerprint of the credential a request presents (bearer token or session cookie), computed
 * without the database: lets in-memory state (import jobs) answer only the caller who created it.
 */
export function credentialFingerprint(c: Context): string {
  const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  const secret = bearer ?? getCookie(c, SESSION_COOKIE);
  return secret ? secretHash(secret) : 'anonymous';
}

/** Remove the session cookie. */
export const clearSessionCookie = (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

async function identify(
  c: Context<AppEnv>,
  base: RequestContext,
  policy: SessionPolicy,
): Promise<RequestContext> {
  const db = c.var.db;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match)
      throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <API token>".');
    const found = await findToken(db, match[1]!);
    if (!found) throw new AppError('unauthenticated', 'This API token is unknown or revoked.');
    if (found.expired)
      throw new AppError(
        'unauthenticated',
        `This API token expired on ${found.token.expiresAt.slice(0, 10)}; create a new one.`,
      );
    return {
      ...base,
      actor: { kind: 'user', id: found.user.id, name: found.user.email },
      superadmin: found.user.superadmin,
      credential: {
        kind: 'token',
        tokenId: found.token.id,
        tenantId: found.token.tenantId,
        scopes: found.token.scopes,
      },
    };
  }
  // Signing in starts a new session: a live one the browser still holds (another account, or one
  // that must change its password) neither blocks it nor needs its CSRF token.
  if (OPEN_MUTATIONS.has(c.req.path)) return base;
  const secret = getCookie(c, SESSION_COOKIE);
  if (!secret) return base;
  const session = await findSession(db, secret, policy);
  if (!session) {
    clearSessionCookie(c);
    return base;
  }
  if (!SAFE.has(c.req.method)) {
    const presented = c.req.header(CSRF_HEADER) ?? '';
    if (!sameSecret(presented, csrfTokenFor(secret)))
      throw new AppError(
        'forbidden',
        `Missing or wrong ${CSRF_HEADER} header: send the csrfToken you got when signing in (or from GET /api/auth/me).`,
        { reason: 'csrf' },
      );
  }
  if (session.user.mustChangePassword && !PASSWORD_ROUTES.has(c.req.path))
    throw new AppError(
      'forbidden',
      'Your password was reset: choose a new one first (POST /api/auth/password).',
      {
        reason: 'password_change_required',
      },
    );
  return {
    ...base,
    actor: { kind: 'user', id: session.user.id, name: session.user.email },
    superadmin: session.user.superadmin,
    credential: { kind: 'session', sessionId: session.sessionId },
  };
}

/** Middleware: identify the caller into `ctx`, and refuse mutations nobody may make here. */
export function authenticate(policy: SessionPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = await identify(c, anonymousContext(c.var.ctx.requestId, c.var.ctx.language), policy);
    const path = c.req.path;
    if (
      !SAFE.has(c.req.method) &&
      !OPEN_MUTATIONS.has(path) &&
      !(c.req.method === 'POST' && READING_POST.test(path))
    ) {
      if (ctx.actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in to change data.');
      const cred = ctx.credential;
      if (cred.kind === 'token' && !cred.scopes.includes('write'))
        throw new AppError('forbidden', 'This API token is read-only: it cannot change data.');
      // A token is made for one tenant: even a superadmin's must not create tenants or accounts.
      if (cred.kind === 'token' && !TENANT_PATH.test(path))
        throw new AppError(
          'forbidden',
          'An API token changes data only in its own database (/api/tenants/{code}/…); sign in for the rest.',
        );
    }
    c.set('ctx', ctx);
    await next();
  };
}
