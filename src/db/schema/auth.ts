import { sql } from 'drizzle-orm';
import { ROLE_VALUES } from '../../shared/roles.ts';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  uniqueIndex,
  uuid,
} from './columns.ts';
import { geoUnits } from './geography.ts';
import { tenants } from './tenants.ts';

/**
 * A person who signs in. Global: one account may be a member of several tenants. Only an argon2id
 * hash of the password is kept; failed sign-ins lock the account for a while.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed; unique. */
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    superadmin: boolean('superadmin').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    /** Set by an admin's reset: the user must choose a new password after signing in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    lastLoginAt: timestamptz('last_login_at'),
    passwordChangedAt: timestamptz('password_changed_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email').on(t.email),
    check('users_email_normalised', sql`email = lower(btrim(email)) and email like '%_@_%'`),
  ],
);

/** A user's role in one tenant, limited to a geographic unit and everything below it (null = all). */
export const memberships = pgTable(
  'memberships',
  {
    tenantId: tenantId().references(() => tenants.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLE_VALUES }).notNull(),
    geoUnitId: integer('geo_unit_id'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId] }),
    foreignKey({ columns: [t.tenantId, t.geoUnitId], foreignColumns: [geoUnits.tenantId, geoUnits.id] }),
    index('memberships_user').on(t.userId),
    index('memberships_scope').on(t.tenantId, t.geoUnitId),
    check('memberships_role_valid', sql.raw(`role in (${ROLE_VALUES.map((r) => `'${r}'`).join(', ')})`)),
  ],
);

/**
 * A signed-in browser. The cookie carries a random secret; only its SHA-256 is stored (id), so a
 * copy of this table cannot be replayed. The CSRF token is derived from the secret, not stored.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    /** Absolute expiry; idle expiry is last_seen_at + the configured idle time. */
    expiresAt: timestamptz('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * A personal API token for one tenant: scopes read and/or write, an expiry, revocable. Only its
 * SHA-256 is stored; `prefix` (the first characters) lets its owner recognise it in a list.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('api_tokens_hash').on(t.tokenHash),
    index('api_tokens_owner').on(t.tenantId, t.userId),
    index('api_tokens_user').on(t.userId),
    check(
      'api_tokens_scopes_valid',
      sql`scopes <@ array['read', 'write']::text[] and cardinality(scopes) > 0`,
    ),
  ],
);
