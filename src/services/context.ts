/**
 * The request context passed to every service call: who acts, in which tenant, with which
 * roles and geographic scope. The server builds it from the session or API token (server/auth.ts)
 * and services/tenants/access.ts fills in the tenant, role and scope; the CLI acts as the system.
 */
import { randomUUID } from 'node:crypto';
import { ROLE_VALUES, type Role } from '../shared/roles.ts';

export type { Role } from '../shared/roles.ts';
/** Roles a member can hold in a tenant, lowest first. */
export const ROLES = ROLE_VALUES;

/** Who performs an action. */
export interface Actor {
  kind: 'system' | 'anonymous' | 'user';
  /** 'system', 'anonymous' or the user's id. */
  id: string;
  name: string;
}

/** How the caller proved who they are. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'token'; tokenId: string; tenantId: number; scopes: string[] };

/** The tenant a request works in, resolved from the URL. */
export interface TenantRef {
  id: number;
  code: string;
  currency: string;
  defaultLanguage: string;
}

/** Everything a service needs to know about the caller. */
export interface RequestContext {
  actor: Actor;
  /** The tenant of a /api/tenants/{code}/… request; null for global calls. */
  tenant: TenantRef | null;
  /** The caller's role in the tenant together with every lower role (admin → all four); [] = none. */
  roles: Role[];
  superadmin: boolean;
  /** A read-scoped API token: no mutation, whatever the roles. */
  readOnly: boolean;
  credential: Credential;
  /** Geo units (with descendants) the actor may work on; null = the whole tenant. */
  geoScope: number[] | null;
  requestId: string;
  language: string;
}

/** The local system actor: used by the CLI, migrations and the demo seeder. */
export function systemContext(name = 'system'): RequestContext {
  return {
    actor: { kind: 'system', id: 'system', name },
    tenant: null,
    roles: [...ROLE_VALUES],
    superadmin: true,
    readOnly: false,
    credential: { kind: 'none' },
    geoScope: null,
    requestId: randomUUID(),
    language: 'en',
  };
}

/** The actor label stored in created_by / updated_by / audit rows. */
export const actorLabel = (ctx: RequestContext) => `${ctx.actor.kind}:${ctx.actor.id}`;

/** The same context, working in the given tenant. */
export const withTenant = (ctx: RequestContext, tenant: TenantRef): RequestContext => ({ ...ctx, tenant });

/** The tenant of the context; a service called without one is a programming error. */
export function tenantOf(ctx: RequestContext): TenantRef {
  if (!ctx.tenant) throw new Error('this service needs a tenant in the request context');
  return ctx.tenant;
}

/** A caller nobody has identified: reads published data of public tenants only. */
export function anonymousContext(requestId: string = randomUUID(), language = 'en'): RequestContext {
  return {
    actor: { kind: 'anonymous', id: 'anonymous', name: 'anonymous' },
    tenant: null,
    roles: [],
    superadmin: false,
    readOnly: false,
    credential: { kind: 'none' },
    geoScope: null,
    requestId,
    language,
  };
}

/** A role with every role below it, as `roles` holds it. */
export const rolesUpTo = (role: Role): Role[] => ROLE_VALUES.slice(0, ROLE_VALUES.indexOf(role) + 1);
