/**
 * The route table of the access tests: every route of the OpenAPI document, who may call it, and how
 * to build a request for one caller (fresh records where the call changes them, so that one
 * caller's delete does not change what the next one sees). The table lives in two parts: tenant
 * settings (access-routes-settings.ts) and records (access-routes-records.ts).
 */
import { roleAtLeast } from '../shared/roles.ts';
import { type AccessFixture, type Caller, ROLE_OF } from './access-fixture.ts';
import { recordRoutes } from './access-routes-records.ts';
import { settingsRoutes } from './access-routes-settings.ts';

/** Who may call a route: anyone, any signed-in user, a role in PRIV, or only a superadmin. */
export type Access = 'anyone' | 'signed-in' | 'viewer' | 'contributor' | 'validator' | 'admin' | 'superadmin';

/** One request to make: path (templates filled), JSON body or multipart form. */
export interface Call {
  path?: string;
  body?: unknown;
  form?: FormData;
}

/** The access rule of one route, and how to build its request. */
export interface RouteCase {
  access: Access;
  /** Success status (default: 201 for POST creating, 200 otherwise — set explicitly where it differs). */
  ok?: number;
  /** The record acted on lies in region A: a caller scoped elsewhere gets 404. */
  inScopeA?: boolean;
  /** Build the request for one caller (fresh records where the call changes them). */
  make?: (who: Caller) => Promise<Call>;
  /** Members only: anonymous visitors of a public tenant get 401 (saved queries). */
  membersOnly?: boolean;
  /** Override the expected status for some callers. */
  expect?: Partial<Record<Caller, number>>;
}

/**
 * The access rule and request builder of each route. `fixture` gives the fixture once the tests'
 * `before` has set it up; the table itself (its keys) is built before, to name the tests.
 */
export function accessRoutes(fixture: () => AccessFixture): Record<string, RouteCase> {
  return { ...settingsRoutes(fixture), ...recordRoutes(fixture) };
}

/** Reads that a read-only token may make with POST. */
const READING_POST = /\/query\/[a-z]+$/;

/** The status `who` must get from a route. */
export function expected(key: string, c: RouteCase, who: Caller): number {
  const override = c.expect?.[who];
  if (override !== undefined) return override;
  const [method, template] = key.split(' ') as [string, string];
  const success = c.ok ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200);
  const inTenant = template.startsWith('/api/tenants/{code}');
  const mutation = method !== 'GET' && !READING_POST.test(template);
  if (who === 'expiredToken') return 401;
  if (who === 'anonymous') return c.access === 'anyone' ? success : 401;
  if (inTenant && who === 'otherAdmin') return 404;
  if (who === 'readToken' && mutation) return 403;
  if (c.access === 'anyone' || c.access === 'signed-in') return success;
  if (c.access === 'superadmin') return 403;
  const role = ROLE_OF[who];
  if (!role || !roleAtLeast(role, c.access)) return 403;
  if (who === 'outOfScope' && c.inScopeA) return 404;
  return success;
}
