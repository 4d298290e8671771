/**
 * The request context passed to every service call: who acts, in which tenant, with which
 * roles and geographic scope. Until accounts exist the actor is the local system actor.
 */
import { randomUUID } from 'node:crypto';

/** Roles a member can hold in a tenant, lowest first. */
export const ROLES = ['viewer', 'contributor', 'validator', 'admin'] as const;
/** A tenant role. */
export type Role = (typeof ROLES)[number];

/** Who performs an action. */
export interface Actor {
  kind: 'system' | 'anonymous' | 'user' | 'token';
  id: string;
  name: string;
}

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
  roles: Role[];
  superadmin: boolean;
  /** Geo units (with descendants) the actor may work on; null = the whole tenant. */
  geoScope: number[] | null;
  requestId: string;
  language: string;
}

/** The local system actor: used by the CLI and, until accounts exist, by the HTTP API. */
export function systemContext(name = 'system'): RequestContext {
  return {
    actor: { kind: 'system', id: 'system', name },
    tenant: null,
    roles: ['admin'],
    superadmin: true,
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
