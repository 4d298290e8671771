/** API shapes of accounts, memberships, API tokens and the audit log. */
import { z } from 'zod';
import { ROLE_VALUES, TOKEN_SCOPES } from '../roles.ts';

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    superadmin: z.boolean(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const LoginSchema = z
  .object({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) })
  .strict()
  .meta({ id: 'Login' });

export const MeSchema = z
  .object({
    user: UserSchema.nullable(),
    /** Send it in X-CSRF-Token with every change made through this session. */
    csrfToken: z.string().nullable(),
    memberships: z.array(
      z.object({ tenant: z.string(), role: z.enum(ROLE_VALUES), scope: z.number().int().nullable() }),
    ),
  })
  .meta({ id: 'Me' });

export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) })
  .strict()
  .meta({ id: 'PasswordChange' });

const ScopeSchema = z
  .object({ id: z.number().int().optional(), code: z.string().optional() })
  .strict()
  .meta({ description: 'A geographic unit by id or code: the member works on it and everything below it' });

export const MemberSchema = z
  .object({
    user: UserSchema,
    role: z.enum(ROLE_VALUES),
    scope: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Member' });

export const MemberCreateSchema = z
  .object({
    email: z.string().min(3).max(254),
    role: z.enum(ROLE_VALUES),
    scope: ScopeSchema.optional(),
    name: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'MemberCreate' });

export const MemberPatchSchema = z
  .object({
    role: z.enum(ROLE_VALUES).optional(),
    scope: ScopeSchema.nullable().optional(),
    version: z.number().int(),
  })
  .strict()
  .meta({ id: 'MemberPatch' });

export const OneTimePasswordSchema = z
  .object({
    oneTimePassword: z.string().meta({ description: 'Shown once; the user must change it at sign-in' }),
  })
  .meta({ id: 'OneTimePassword' });

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    userId: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const TokenCreateSchema = z
  .object({
    name: z.string().min(1).max(100),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1),
    expiresInDays: z.number().int().min(1).max(366).optional(),
  })
  .strict()
  .meta({ id: 'ApiTokenCreate' });

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuerySchema = z.object({
  actor: z.string().optional().meta({ description: "Actor label, e.g. 'user:<id>' or 'system:system'" }),
  action: z.string().optional(),
  entity: z.string().optional(),
  entityId: z.string().optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  before: z.coerce.number().int().optional().meta({ description: 'Keyset: entries with a smaller id' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
