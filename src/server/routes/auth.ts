/**
 * Accounts over HTTP: sign in/out, who am I, password change; a tenant's members, API tokens and
 * audit log. Handlers only translate; services/auth decides.
 */
import { createRoute } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { listAudit } from '../../services/audit-log.ts';
import {
  addMember,
  getMember,
  listMembers,
  removeMember,
  resetPassword,
  updateMember,
} from '../../services/auth/members.ts';
import { csrfTokenFor } from '../../services/auth/secrets.ts';
import { type SessionPolicy, signIn, signOut } from '../../services/auth/sessions.ts';
import { createToken, listTokens, revokeToken } from '../../services/auth/tokens.ts';
import { changePassword, whoAmI } from '../../services/auth/users.ts';
import {
  AuditEntrySchema,
  AuditQuerySchema,
  LoginSchema,
  MemberCreateSchema,
  MemberPatchSchema,
  MemberSchema,
  MeSchema,
  OneTimePasswordSchema,
  PasswordChangeSchema,
  TokenCreateSchema,
  TokenSchema,
  UserSchema,
} from '../../shared/schemas/auth.ts';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { errors, jsonBody, jsonResponse, TenantParams, VersionQuery } from '../openapi.ts';
import type { LoginLimiter } from '../rate-limit.ts';
import { newRouter } from '../router.ts';

const tag = 'Accounts';
const UserIdParams = TenantParams.extend({ userId: z.string() });

const login = createRoute({
  method: 'post',
  path: '/api/auth/login',
  tags: [tag],
  summary: 'Sign in: sets the HttpOnly session cookie and returns the CSRF token for X-CSRF-Token',
  request: { body: jsonBody(LoginSchema) },
  responses: {
    200: jsonResponse(
      z.object({ user: UserSchema, csrfToken: z.string(), expiresAt: z.string() }),
      'Signed in',
    ),
    400: errors[400],
    401: errors[401],
    423: jsonResponse(z.unknown(), 'Locked after too many wrong passwords'),
    429: jsonResponse(z.unknown(), 'Too many sign-in attempts from this address'),
  },
});
const logout = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  tags: [tag],
  summary: 'Sign out (ends the session)',
  responses: { 204: { description: 'Signed out' }, 401: errors[401], 403: errors[403] },
});
const me = createRoute({
  method: 'get',
  path: '/api/auth/me',
  tags: [tag],
  summary: 'The signed-in user, their memberships and CSRF token (user null when anonymous)',
  responses: { 200: jsonResponse(MeSchema, 'Who is calling') },
});
const password = createRoute({
  method: 'post',
  path: '/api/auth/password',
  tags: [tag],
  summary: 'Change your own password (other sessions end)',
  request: { body: jsonBody(PasswordChangeSchema) },
  responses: { 204: { description: 'Changed' }, 400: errors[400], 401: errors[401], 403: errors[403] },
});

const members = '/api/tenants/{code}/members';
const listMembersRoute = createRoute({
  method: 'get',
  path: members,
  tags: [tag],
  summary: 'Members of the tenant with role and geographic scope (admins)',
  request: { params: TenantParams },
  responses: {
    200: jsonResponse(z.array(MemberSchema), 'Members'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
const addMemberRoute = createRoute({
  method: 'post',
  path: members,
  tags: [tag],
  summary: 'Add a member (admins); an unknown e-mail creates the account with a one-time password',
  request: { params: TenantParams, body: jsonBody(MemberCreateSchema) },
  responses: {
    201: jsonResponse(z.object({ member: MemberSchema, oneTimePassword: z.string().optional() }), 'Added'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});
const getMemberRoute = createRoute({
  method: 'get',
  path: `${members}/{userId}`,
  tags: [tag],
  summary: 'One member (admins)',
  request: { params: UserIdParams },
  responses: {
    200: jsonResponse(MemberSchema, 'The member'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
const patchMemberRoute = createRoute({
  method: 'patch',
  path: `${members}/{userId}`,
  tags: [tag],
  summary: "Change a member's role or scope (admins)",
  request: { params: UserIdParams, body: jsonBody(MemberPatchSchema) },
  responses: {
    200: jsonResponse(MemberSchema, 'Changed'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});
const removeMemberRoute = createRoute({
  method: 'delete',
  path: `${members}/{userId}`,
  tags: [tag],
  summary: 'Remove a member (admins); the account stays',
  request: { params: UserIdParams, query: VersionQuery },
  responses: {
    204: { description: 'Removed' },
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});
const resetRoute = createRoute({
  method: 'post',
  path: `${members}/{userId}/password-reset`,
  tags: [tag],
  summary: "Reset a member's password (admins): a one-time password, shown once",
  request: { params: UserIdParams },
  responses: {
    200: jsonResponse(OneTimePasswordSchema, 'Reset'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});

const tokens = '/api/tenants/{code}/tokens';
const listTokensRoute = createRoute({
  method: 'get',
  path: tokens,
  tags: [tag],
  summary: 'Your API tokens for this tenant (an admin sees every member’s)',
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.array(TokenSchema), 'Tokens'), 401: errors[401], 404: errors[404] },
});
const createTokenRoute = createRoute({
  method: 'post',
  path: tokens,
  tags: [tag],
  summary: 'Create an API token (shown once; use as Authorization: Bearer <token>)',
  request: { params: TenantParams, body: jsonBody(TokenCreateSchema) },
  responses: {
    201: jsonResponse(TokenSchema.extend({ token: z.string() }), 'Created'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
const revokeTokenRoute = createRoute({
  method: 'delete',
  path: `${tokens}/{id}`,
  tags: [tag],
  summary: 'Revoke an API token (its owner or an admin)',
  request: { params: TenantParams.extend({ id: z.string() }) },
  responses: {
    200: jsonResponse(TokenSchema, 'Revoked'),
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});

const auditList = jsonResponse(
  z.object({ items: z.array(AuditEntrySchema), next: z.number().int().nullable() }),
  'Entries, newest first; pass next as ?before= for the following page',
);
const tenantAuditRoute = createRoute({
  method: 'get',
  path: '/api/tenants/{code}/audit',
  tags: [tag],
  summary: "The tenant's audit log (admins): filter by actor, action, entity, entityId, from, to",
  request: { params: TenantParams, query: AuditQuerySchema },
  responses: { 200: auditList, 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const globalAuditRoute = createRoute({
  method: 'get',
  path: '/api/audit',
  tags: [tag],
  summary: 'Instance-wide audit entries: accounts, sign-ins, tenants, global catalogues (superadmins)',
  request: { query: AuditQuerySchema },
  responses: { 200: auditList, 400: errors[400], 401: errors[401], 403: errors[403] },
});

/** The account routes; `limiter` bounds sign-in attempts per client address; `policy` = session lifetimes. */
export function authRoutes(limiter: LoginLimiter, policy: SessionPolicy) {
  return newRouter()
    .openapi(login, async (c) => {
      const body = c.req.valid('json');
      limiter.check(limiter.clientKey(c));
      const signed = await signIn(
        c.var.db,
        {
          email: body.email,
          password: body.password,
          userAgent: c.req.header('user-agent') ?? null,
          requestId: c.var.ctx.requestId,
        },
        policy,
      );
      setSessionCookie(c, signed.sessionSecret, signed.expiresAt);
      return c.json({ user: signed.user, csrfToken: signed.csrfToken, expiresAt: signed.expiresAt }, 200);
    })
    .openapi(logout, async (c) => {
      await signOut(c.var.db, c.var.ctx);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const ctx = c.var.ctx;
      const secret = ctx.credential.kind === 'session' ? getCookie(c, SESSION_COOKIE) : undefined;
      const who = await whoAmI(c.var.db, ctx);
      return c.json({ ...who, csrfToken: secret ? csrfTokenFor(secret) : null }, 200);
    })
    .openapi(password, async (c) => {
      await changePassword(c.var.db, c.var.ctx, c.req.valid('json'));
      return c.body(null, 204);
    })
    .openapi(listMembersRoute, async (c) => c.json(await listMembers(c.var.db, c.var.ctx), 200))
    .openapi(addMemberRoute, async (c) =>
      c.json(await addMember(c.var.db, c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(getMemberRoute, async (c) =>
      c.json(await getMember(c.var.db, c.var.ctx, c.req.valid('param').userId), 200),
    )
    .openapi(patchMemberRoute, async (c) =>
      c.json(await updateMember(c.var.db, c.var.ctx, c.req.valid('param').userId, c.req.valid('json')), 200),
    )
    .openapi(removeMemberRoute, async (c) => {
      await removeMember(c.var.db, c.var.ctx, c.req.valid('param').userId, c.req.valid('query').version);
      return c.body(null, 204);
    })
    .openapi(resetRoute, async (c) =>
      c.json(await resetPassword(c.var.db, c.var.ctx, c.req.valid('param').userId), 200),
    )
    .openapi(listTokensRoute, async (c) => c.json(await listTokens(c.var.db, c.var.ctx), 200))
    .openapi(createTokenRoute, async (c) =>
      c.json(await createToken(c.var.db, c.var.ctx, c.req.valid('json')), 201),
    )
    .openapi(revokeTokenRoute, async (c) =>
      c.json(await revokeToken(c.var.db, c.var.ctx, c.req.valid('param').id), 200),
    )
    .openapi(tenantAuditRoute, async (c) =>
      c.json(await listAudit(c.var.db, c.var.ctx, c.req.valid('query')), 200),
    )
    .openapi(globalAuditRoute, async (c) =>
      c.json(await listAudit(c.var.db, c.var.ctx, c.req.valid('query')), 200),
    );
}
