/**
 * The access rules of the platform, authentication and tenant-settings routes (members, tokens,
 * baselines, geography, catalogues, extra fields): part of the table of access-routes.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { assetTypes, geoLevels, tenants } from '../db/schema/index.ts';
import { type AccessFixture, CALLERS, json, P } from './access-fixture.ts';
import type { Access, RouteCase } from './access-routes.ts';

/** The routes up to the datacards, in the table's order (`fixture` as for `accessRoutes`). */
export function settingsRoutes(fixture: () => AccessFixture): Record<string, RouteCase> {
  const next = () => fixture().next();
  const created = (path: string, body: unknown) => fixture().created(path, body);
  const newMember = (prefix: string) => fixture().newMember(prefix);

  return {
    'GET /api/health': { access: 'anyone' },
    'GET /api/datacard-fields': { access: 'anyone' },
    'GET /api/hazards': { access: 'anyone' },
    'GET /api/hazards/{code}': { access: 'anyone', make: async () => ({ path: '/api/hazards/MH0600' }) },
    'GET /api/exchange-rates': { access: 'anyone' },
    'GET /api/cpi': { access: 'anyone' },
    'GET /api/tenants': { access: 'anyone' },
    'POST /api/tenants': {
      access: 'superadmin',
      make: async () => ({ body: { code: `N${next()}`, names: { en: 'New' }, currency: 'USD' } }),
    },
    'GET /api/audit': { access: 'superadmin' },
    'GET /api/auth/me': { access: 'anyone' },
    'POST /api/auth/login': {
      access: 'anyone',
      // A wrong password: 401 for everyone (the successful sign-in is exercised by every client here);
      // a new address each time, as five failures lock even an address without an account.
      make: async () => ({
        body: { email: `nobody-${next()}@lossledger.test`, password: 'not the password' },
      }),
      expect: Object.fromEntries(CALLERS.map((c) => [c, 401])),
    },
    'POST /api/auth/password': {
      access: 'signed-in',
      // The wrong current password: past authentication, the service answers 400.
      make: async () => ({
        body: { currentPassword: 'not my password', newPassword: 'another long password' },
      }),
      ok: 400,
      expect: { readToken: 403, otherAdmin: 400 },
    },
    'POST /api/auth/logout': {
      access: 'signed-in',
      ok: 204,
      expect: { readToken: 403, otherAdmin: 204 },
    },

    'GET /api/tenants/{code}': { access: 'viewer' },
    'PATCH /api/tenants/{code}': {
      access: 'admin',
      make: async () => {
        const [row] = await fixture().database.db.select().from(tenants).where(eq(tenants.code, 'PRIV'));
        return { body: { version: row!.version, names: { en: `Private ${next()}` } } };
      },
    },
    'GET /api/tenants/{code}/members': { access: 'admin' },
    'POST /api/tenants/{code}/members': {
      access: 'admin',
      make: async () => ({ body: { email: `m${next()}@lossledger.test`, role: 'viewer' } }),
    },
    'GET /api/tenants/{code}/members/{userId}': {
      access: 'admin',
      make: async () => ({ path: `${P}/members/${fixture().userIds.viewer}` }),
    },
    'PATCH /api/tenants/{code}/members/{userId}': {
      access: 'admin',
      make: async () => {
        const member = await newMember('p');
        return {
          path: `${P}/members/${member.user.id}`,
          body: { role: 'contributor', version: member.version },
        };
      },
    },
    'DELETE /api/tenants/{code}/members/{userId}': {
      access: 'admin',
      ok: 204,
      make: async () => {
        const member = await newMember('d');
        return { path: `${P}/members/${member.user.id}?version=${member.version}` };
      },
    },
    'POST /api/tenants/{code}/members/{userId}/password-reset': {
      access: 'admin',
      ok: 200,
      make: async () => {
        const member = await newMember('r');
        return { path: `${P}/members/${member.user.id}/password-reset` };
      },
    },
    'GET /api/tenants/{code}/tokens': { access: 'viewer' },
    'POST /api/tenants/{code}/tokens': {
      access: 'viewer',
      make: async () => ({ body: { name: 'matrix', scopes: ['read'] } }),
    },
    'DELETE /api/tenants/{code}/tokens/{id}': {
      // A token of the admin: its owner or an admin may revoke it; to others it does not exist.
      access: 'admin',
      ok: 200,
      make: async () => {
        const res = await fixture().clients.admin.post(`${P}/tokens`, {
          name: 'to revoke',
          scopes: ['read'],
        });
        return { path: `${P}/tokens/${(await json(res, 201)).id}` };
      },
      expect: { viewer: 404, contributor: 404, validator: 404, outOfScope: 404 },
    },
    'GET /api/tenants/{code}/audit': { access: 'admin' },

    'GET /api/tenants/{code}/baselines': { access: 'viewer' },
    'PUT /api/tenants/{code}/baselines': {
      access: 'admin',
      make: async () => {
        const n = next();
        return { body: { values: [{ year: 2000 + (n % 20), metric: 'population', value: n }] } };
      },
    },
    'GET /api/tenants/{code}/asset-types': { access: 'viewer', membersOnly: true },
    'PUT /api/tenants/{code}/asset-types/{id}/prices': {
      access: 'admin',
      make: async () => {
        const n = next();
        const [row] = await fixture()
          .database.db.insert(assetTypes)
          .values({ tenantId: fixture().priv.tenantId, code: `MX-ASSET-${n}`, names: { en: 'Asset' } })
          .returning({ id: assetTypes.id, version: assetTypes.version });
        return {
          path: `${P}/asset-types/${row!.id}/prices`,
          body: { prices: [{ year: 2020, unitPrice: n }], version: row!.version },
        };
      },
    },
    'GET /api/tenants/{code}/geo-levels': { access: 'viewer' },
    'POST /api/tenants/{code}/geo-levels': {
      access: 'admin',
      make: async () => {
        await fixture().database.db.execute(
          sql`delete from geo_levels where tenant_id = ${fixture().priv.tenantId} and level = 3`,
        );
        return { body: { level: 3, names: { en: 'Commune' } } };
      },
    },
    'PATCH /api/tenants/{code}/geo-levels/{level}': {
      access: 'admin',
      make: async () => {
        const [row] = await fixture()
          .database.db.select({ version: geoLevels.version })
          .from(geoLevels)
          .where(and(eq(geoLevels.tenantId, fixture().priv.tenantId), eq(geoLevels.level, 1)));
        return {
          path: `${P}/geo-levels/1`,
          body: { names: { en: `Region ${next()}` }, version: row!.version },
        };
      },
    },
    'GET /api/tenants/{code}/geo-units': { access: 'viewer' },
    'GET /api/tenants/{code}/geo-units/tree': { access: 'viewer' },
    'POST /api/tenants/{code}/geo-units': {
      access: 'admin',
      make: async () => ({ body: { code: `PRIV-N${next()}`, names: { en: 'New unit' }, level: 1 } }),
    },
    'GET /api/tenants/{code}/geo-units/{id}': {
      access: 'viewer',
      make: async () => ({ path: `${P}/geo-units/${fixture().priv.provinceId}` }),
    },
    'GET /api/tenants/{code}/geo-units/{id}/children': {
      access: 'viewer',
      make: async () => ({ path: `${P}/geo-units/${fixture().priv.provinceId}/children` }),
    },
    'GET /api/tenants/{code}/geo-units/{id}/descendants': {
      access: 'viewer',
      make: async () => ({ path: `${P}/geo-units/${fixture().priv.provinceId}/descendants` }),
    },
    'PATCH /api/tenants/{code}/geo-units/{id}': {
      access: 'admin',
      make: async () => {
        const unit = await created('/geo-units', { code: `PRIV-U${next()}`, names: { en: 'U' }, level: 1 });
        return {
          path: `${P}/geo-units/${unit.id}`,
          body: { names: { en: 'Renamed' }, version: unit.version },
        };
      },
    },
    'DELETE /api/tenants/{code}/geo-units/{id}': {
      access: 'admin',
      ok: 204,
      make: async () => {
        const unit = await created('/geo-units', { code: `PRIV-D${next()}`, names: { en: 'D' }, level: 1 });
        return { path: `${P}/geo-units/${unit.id}?version=${unit.version}` };
      },
    },

    ...catalogue(
      'event-types',
      () => {
        const n = next();
        return { code: `ET${n}`, names: { en: `Type ${n}` } };
      },
      'admin',
    ),
    ...catalogue(
      'causes',
      () => {
        const n = next();
        return { code: `C${n}`, names: { en: `Cause ${n}` } };
      },
      'admin',
    ),
    ...catalogue('disaster-events', () => ({ name: `Event ${next()}` }), 'validator'),
    ...catalogue(
      'extra-fields',
      () => ({ key: `F${next()}`, type: 'integer', labels: { en: 'F' } }),
      'admin',
      (item) => ({ labels: { en: 'G' }, version: item.version }),
    ),
    'GET /api/tenants/{code}/extra-field-tabs': { access: 'viewer' },
    'POST /api/tenants/{code}/extra-field-tabs': {
      access: 'admin',
      make: async () => {
        const n = next();
        return { body: { labels: { en: `Tab ${n}` }, sortOrder: n } };
      },
    },
    'PATCH /api/tenants/{code}/extra-field-tabs/{id}': {
      access: 'admin',
      make: async () => {
        const tab = await created('/extra-field-tabs', { labels: { en: 'T' }, sortOrder: next() });
        return { path: `${P}/extra-field-tabs/${tab.id}`, body: { sortOrder: next() } };
      },
    },
    'DELETE /api/tenants/{code}/extra-field-tabs/{id}': {
      access: 'admin',
      ok: 204,
      make: async () => {
        const tab = await created('/extra-field-tabs', { labels: { en: 'T' }, sortOrder: next() });
        return { path: `${P}/extra-field-tabs/${tab.id}` };
      },
    },
  };

  /** The five routes of a catalogue under /api/tenants/{code}/{name}. */
  function catalogue(
    name: string,
    body: () => Record<string, unknown>,
    writer: Access,
    patch: (item: { version: number }) => Record<string, unknown> = (item) => ({
      names: { en: `Renamed ${next()}` },
      version: item.version,
    }),
  ): Record<string, RouteCase> {
    const base = `/api/tenants/{code}/${name}`;
    return {
      [`GET ${base}`]: { access: 'viewer' },
      [`POST ${base}`]: { access: writer, make: async () => ({ body: body() }) },
      [`GET ${base}/{id}`]: {
        access: 'viewer',
        make: async () => ({ path: `${P}/${name}/${(await created(`/${name}`, body())).id}` }),
      },
      [`PATCH ${base}/{id}`]: {
        access: writer,
        make: async () => {
          const item = await created(`/${name}`, body());
          const p = patch(item);
          return {
            path: `${P}/${name}/${item.id}`,
            body: name === 'disaster-events' ? { name: 'Renamed', version: item.version } : p,
          };
        },
      },
      [`DELETE ${base}/{id}`]: {
        access: writer,
        ok: 204,
        make: async () => {
          const item = await created(`/${name}`, body());
          return { path: `${P}/${name}/${item.id}?version=${item.version}` };
        },
      },
    };
  }
}
