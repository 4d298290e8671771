/**
 * The access matrix: every route of the OpenAPI document, called by each kind of caller, with the
 * status each must get — and no response may carry data of another tenant or outside the caller's
 * scope. A route missing from ROUTES fails the test, so a new route must declare who may use it.
 *
 * Callers work in the private tenant PRIV (regions A and B; A holds district A1), except the admin
 * of the other tenant OTHR. Each allowed call gets a fresh record to act on (made by `make`), so
 * that one caller's delete does not change what the next one sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/engine.ts';
import { apiTokens, assetTypes, baselines, datacards, geoLevels, tenants } from '../db/schema/index.ts';
import { secretHash } from '../services/auth/secrets.ts';
import { addMember } from '../services/auth/users.ts';
import { systemContext, withTenant } from '../services/context.ts';
import { startImportJob } from '../services/imports/jobs.ts';
import { resolveTenant } from '../services/tenants/tenants.ts';
import { roleAtLeast } from '../shared/roles.ts';
import { openTestDatabase } from '../testing/db.ts';
import { type SeededTenant, seedTenant } from '../testing/factories.ts';
import { TEST_PASSWORD, testClient } from '../testing/http.ts';
import { itemSource, syntheticCards } from '../testing/import-factories.ts';

const CALLERS = [
  'anonymous',
  'viewer',
  'contributor',
  'validator',
  'admin',
  'otherAdmin',
  'outOfScope',
  'readToken',
  'expiredToken',
] as const;
type Caller = (typeof CALLERS)[number];

/** The role each caller holds in PRIV (otherAdmin and anonymous hold none). */
const ROLE_OF: Record<Caller, 'viewer' | 'contributor' | 'validator' | 'admin' | null> = {
  anonymous: null,
  viewer: 'viewer',
  contributor: 'contributor',
  validator: 'validator',
  admin: 'admin',
  otherAdmin: null,
  outOfScope: 'validator',
  readToken: 'admin',
  expiredToken: 'admin',
};

/** Card serials no caller outside the listed ones may ever receive. */
const MARKERS = {
  foreign: 'FOREIGN-SECRET-CARD',
  pubA: 'PUB-A-CARD',
  pubB: 'PUB-B-CARD',
  draftA: 'DRAFT-A-CARD',
};
const FORBIDDEN: Record<Caller, string[]> = {
  anonymous: Object.values(MARKERS),
  viewer: [MARKERS.foreign, MARKERS.draftA],
  contributor: [MARKERS.foreign, MARKERS.pubB],
  validator: [MARKERS.foreign],
  admin: [MARKERS.foreign],
  otherAdmin: [MARKERS.pubA, MARKERS.pubB, MARKERS.draftA],
  outOfScope: [MARKERS.foreign, MARKERS.pubA, MARKERS.draftA],
  readToken: [MARKERS.foreign],
  expiredToken: Object.values(MARKERS),
};

/** Who may call a route: anyone, any signed-in user, a role in PRIV, or only a superadmin. */
type Access = 'anyone' | 'signed-in' | 'viewer' | 'contributor' | 'validator' | 'admin' | 'superadmin';

/** One request to make: path (templates filled), JSON body or multipart form. */
interface Call {
  path?: string;
  body?: unknown;
  form?: FormData;
}

interface RouteCase {
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

let database: Database;
let priv: SeededTenant;
let othr: SeededTenant;
let publ: SeededTenant;
const clients = {} as Record<Caller, ReturnType<typeof testClient>>;
let root: ReturnType<typeof testClient>;
let serial = 0;
const userIds = {} as Record<string, string>;

const P = '/api/tenants/PRIV';
const json = async (res: { status: number; body: unknown }, status: number) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body as Record<string, unknown> & { id: number | string; version: number };
};

/** A card in PRIV made by the superadmin; `author` makes it look created by that caller. */
async function card(
  opts: {
    status?: string;
    unit?: 'A' | 'B';
    author?: Caller;
    serialText?: string;
    deaths?: number;
    tenant?: string;
  } = {},
) {
  const t = opts.tenant === 'PUBL' ? publ : priv;
  const created = await json(
    await root.post(`/api/tenants/${t.code}/datacards`, {
      serial: opts.serialText ?? `MX-${++serial}`,
      eventTypeId: t.eventTypeId,
      geoUnitId: opts.unit === 'B' ? t.otherProvinceId : t.districtId,
      startYear: 2021,
      status: opts.status ?? 'draft',
      ...(opts.deaths ? { effects: { deaths: { value: opts.deaths, present: true } } } : {}),
    }),
    201,
  );
  if (opts.author && userIds[opts.author])
    await database.db
      .update(datacards)
      .set({ createdBy: `user:${userIds[opts.author]}` })
      .where(and(eq(datacards.tenantId, priv.tenantId), eq(datacards.id, String(created.id))));
  return created;
}

const created = async (path: string, body: unknown) => json(await root.post(`${P}${path}`, body), 201);
const tinyCsv = () => {
  const form = new FormData();
  form.set('file', new File(['Serie,Evento,Nivel0,Fecha\nT-1,FLOOD,PRIV-P1,2022-03-04\n'], 'm.csv'));
  return form;
};
const MAPPING = {
  columns: { Serie: 'serial', Evento: 'eventType', Nivel0: 'geoCode1', Fecha: 'date' },
  fixed: { status: 'draft' },
};
async function uploadToken(): Promise<string> {
  const res = await root.app.request(`${P}/table-imports/preview`, { method: 'POST', body: tinyCsv() });
  assert.equal(res.status, 200);
  return ((await res.json()) as { token: string }).token;
}
const TINY_XML = `<?xml version="1.0" encoding="UTF-8" ?>
<DESINVENTAR><eventos><TR><serial>1</serial><nombre>FLOOD</nombre><nombre_en>FLOOD</nombre_en></TR></eventos>
<lev0><TR><lev0_cod>PRIV-P1</lev0_cod><lev0_name>A</lev0_name><lev0_name_en>A</lev0_name_en></TR></lev0>
<fichas><TR><serial>X1</serial><level0>PRIV-P1</level0><evento>FLOOD</evento><fechano>2000</fechano><clave>1</clave><approved>1</approved></TR></fichas>
</DESINVENTAR>`;

const ROUTES: Record<string, RouteCase> = {
  'GET /api/health': { access: 'anyone' },
  'GET /api/datacard-fields': { access: 'anyone' },
  'GET /api/hazards': { access: 'anyone' },
  'GET /api/hazards/{code}': { access: 'anyone', make: async () => ({ path: '/api/hazards/MH0600' }) },
  'GET /api/exchange-rates': { access: 'anyone' },
  'GET /api/cpi': { access: 'anyone' },
  'GET /api/tenants': { access: 'anyone' },
  'POST /api/tenants': {
    access: 'superadmin',
    make: async () => ({ body: { code: `N${++serial}`, names: { en: 'New' }, currency: 'USD' } }),
  },
  'GET /api/audit': { access: 'superadmin' },
  'GET /api/auth/me': { access: 'anyone' },
  'POST /api/auth/login': {
    access: 'anyone',
    // A wrong password: 401 for everyone (the successful sign-in is exercised by every client here).
    make: async () => ({ body: { email: 'nobody@lossledger.test', password: 'not the password' } }),
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
      const [row] = await database.db.select().from(tenants).where(eq(tenants.code, 'PRIV'));
      return { body: { version: row!.version, names: { en: `Private ${++serial}` } } };
    },
  },
  'GET /api/tenants/{code}/members': { access: 'admin' },
  'POST /api/tenants/{code}/members': {
    access: 'admin',
    make: async () => ({ body: { email: `m${++serial}@lossledger.test`, role: 'viewer' } }),
  },
  'GET /api/tenants/{code}/members/{userId}': {
    access: 'admin',
    make: async () => ({ path: `${P}/members/${userIds.viewer}` }),
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
      const res = await clients.admin.post(`${P}/tokens`, { name: 'to revoke', scopes: ['read'] });
      return { path: `${P}/tokens/${(await json(res, 201)).id}` };
    },
    expect: { viewer: 404, contributor: 404, validator: 404, outOfScope: 404 },
  },
  'GET /api/tenants/{code}/audit': { access: 'admin' },

  'GET /api/tenants/{code}/baselines': { access: 'viewer' },
  'PUT /api/tenants/{code}/baselines': {
    access: 'admin',
    make: async () => ({
      body: { values: [{ year: 2000 + (++serial % 20), metric: 'population', value: serial }] },
    }),
  },
  'GET /api/tenants/{code}/asset-types': { access: 'viewer', membersOnly: true },
  'PUT /api/tenants/{code}/asset-types/{id}/prices': {
    access: 'admin',
    make: async () => {
      const [row] = await database.db
        .insert(assetTypes)
        .values({ tenantId: priv.tenantId, code: `MX-ASSET-${++serial}`, names: { en: 'Asset' } })
        .returning({ id: assetTypes.id, version: assetTypes.version });
      return {
        path: `${P}/asset-types/${row!.id}/prices`,
        body: { prices: [{ year: 2020, unitPrice: serial }], version: row!.version },
      };
    },
  },
  'GET /api/tenants/{code}/geo-levels': { access: 'viewer' },
  'POST /api/tenants/{code}/geo-levels': {
    access: 'admin',
    make: async () => {
      await database.db.execute(sql`delete from geo_levels where tenant_id = ${priv.tenantId} and level = 3`);
      return { body: { level: 3, names: { en: 'Commune' } } };
    },
  },
  'PATCH /api/tenants/{code}/geo-levels/{level}': {
    access: 'admin',
    make: async () => {
      const [row] = await database.db
        .select({ version: geoLevels.version })
        .from(geoLevels)
        .where(and(eq(geoLevels.tenantId, priv.tenantId), eq(geoLevels.level, 1)));
      return {
        path: `${P}/geo-levels/1`,
        body: { names: { en: `Region ${++serial}` }, version: row!.version },
      };
    },
  },
  'GET /api/tenants/{code}/geo-units': { access: 'viewer' },
  'GET /api/tenants/{code}/geo-units/tree': { access: 'viewer' },
  'POST /api/tenants/{code}/geo-units': {
    access: 'admin',
    make: async () => ({ body: { code: `PRIV-N${++serial}`, names: { en: 'New unit' }, level: 1 } }),
  },
  'GET /api/tenants/{code}/geo-units/{id}': {
    access: 'viewer',
    make: async () => ({ path: `${P}/geo-units/${priv.provinceId}` }),
  },
  'GET /api/tenants/{code}/geo-units/{id}/children': {
    access: 'viewer',
    make: async () => ({ path: `${P}/geo-units/${priv.provinceId}/children` }),
  },
  'GET /api/tenants/{code}/geo-units/{id}/descendants': {
    access: 'viewer',
    make: async () => ({ path: `${P}/geo-units/${priv.provinceId}/descendants` }),
  },
  'PATCH /api/tenants/{code}/geo-units/{id}': {
    access: 'admin',
    make: async () => {
      const unit = await created('/geo-units', { code: `PRIV-U${++serial}`, names: { en: 'U' }, level: 1 });
      return { path: `${P}/geo-units/${unit.id}`, body: { names: { en: 'Renamed' }, version: unit.version } };
    },
  },
  'DELETE /api/tenants/{code}/geo-units/{id}': {
    access: 'admin',
    ok: 204,
    make: async () => {
      const unit = await created('/geo-units', { code: `PRIV-D${++serial}`, names: { en: 'D' }, level: 1 });
      return { path: `${P}/geo-units/${unit.id}?version=${unit.version}` };
    },
  },

  ...catalogue('event-types', () => ({ code: `ET${++serial}`, names: { en: `Type ${serial}` } }), 'admin'),
  ...catalogue('causes', () => ({ code: `C${++serial}`, names: { en: `Cause ${serial}` } }), 'admin'),
  ...catalogue('disaster-events', () => ({ name: `Event ${++serial}` }), 'validator'),
  ...catalogue(
    'extra-fields',
    () => ({ key: `F${++serial}`, type: 'integer', labels: { en: 'F' } }),
    'admin',
    (item) => ({ labels: { en: 'G' }, version: item.version }),
  ),
  'GET /api/tenants/{code}/extra-field-tabs': { access: 'viewer' },
  'POST /api/tenants/{code}/extra-field-tabs': {
    access: 'admin',
    make: async () => ({ body: { labels: { en: `Tab ${++serial}` }, sortOrder: serial } }),
  },
  'PATCH /api/tenants/{code}/extra-field-tabs/{id}': {
    access: 'admin',
    make: async () => {
      const tab = await created('/extra-field-tabs', { labels: { en: 'T' }, sortOrder: ++serial });
      return { path: `${P}/extra-field-tabs/${tab.id}`, body: { sortOrder: ++serial } };
    },
  },
  'DELETE /api/tenants/{code}/extra-field-tabs/{id}': {
    access: 'admin',
    ok: 204,
    make: async () => {
      const tab = await created('/extra-field-tabs', { labels: { en: 'T' }, sortOrder: ++serial });
      return { path: `${P}/extra-field-tabs/${tab.id}` };
    },
  },

  'GET /api/tenants/{code}/datacards': { access: 'viewer' },
  'POST /api/tenants/{code}/datacards': {
    access: 'contributor',
    inScopeA: true,
    make: async () => ({
      body: {
        serial: `MX-${++serial}`,
        eventTypeId: priv.eventTypeId,
        geoUnitId: priv.districtId,
        startYear: 2022,
      },
    }),
    expect: { outOfScope: 403 },
  },
  'GET /api/tenants/{code}/datacards/{id}': {
    access: 'viewer',
    inScopeA: true,
    make: async () => ({ path: `${P}/datacards/${(await card({ status: 'published' })).id}` }),
  },
  'PATCH /api/tenants/{code}/datacards/{id}': {
    // The caller's own draft in A: a viewer cannot even see a draft.
    access: 'contributor',
    inScopeA: true,
    make: async (who) => {
      const c = await card({ author: who });
      return { path: `${P}/datacards/${c.id}`, body: { comments: 'edited', version: c.version } };
    },
    expect: { viewer: 404 },
  },
  'DELETE /api/tenants/{code}/datacards/{id}': {
    access: 'contributor',
    inScopeA: true,
    ok: 204,
    make: async (who) => {
      const c = await card({ author: who });
      return { path: `${P}/datacards/${c.id}?version=${c.version}` };
    },
    expect: { viewer: 404 },
  },
  'POST /api/tenants/{code}/datacards/{id}/transitions': {
    access: 'contributor',
    inScopeA: true,
    ok: 200,
    make: async (who) => {
      const c = await card({ author: who });
      return { path: `${P}/datacards/${c.id}/transitions`, body: { action: 'submit', version: c.version } };
    },
  },
  'GET /api/tenants/{code}/review-queue': { access: 'contributor' },

  'POST /api/tenants/{code}/imports': {
    access: 'admin',
    ok: 202,
    make: async () => {
      const form = new FormData();
      form.append('file', new File([TINY_XML], 'tiny.xml', { type: 'application/xml' }));
      return { path: `${P}/imports?dryRun=true`, form };
    },
  },
  'GET /api/tenants/{code}/imports': { access: 'admin' },
  'GET /api/tenants/{code}/imports/{jobId}': {
    // Only the credential that started a job sees it; this one was started by someone else.
    access: 'anyone',
    make: async () => {
      const ctx = withTenant(systemContext('test'), await resolveTenant(database.db, 'PRIV'));
      const job = startImportJob(
        database.db,
        ctx,
        itemSource(() => syntheticCards(1), 'one.xml'),
        { dryRun: true, mode: 'all-or-nothing' },
        'somebody else',
      );
      return { path: `${P}/imports/${job.jobId}` };
    },
    expect: Object.fromEntries(CALLERS.map((c) => [c, 404])),
  },
  'POST /api/tenants/{code}/table-imports/preview': {
    access: 'admin',
    ok: 200,
    make: async () => ({ form: tinyCsv() }),
  },
  'POST /api/tenants/{code}/table-imports/check': {
    access: 'admin',
    ok: 200,
    make: async () => ({ body: { token: await uploadToken(), mapping: MAPPING } }),
  },
  'POST /api/tenants/{code}/table-imports/run': {
    access: 'admin',
    ok: 202,
    make: async () => ({ body: { token: await uploadToken(), mapping: MAPPING, dryRun: true } }),
  },
  'GET /api/tenants/{code}/import-mappings': { access: 'admin' },
  'POST /api/tenants/{code}/import-mappings': {
    access: 'admin',
    make: async () => ({ body: { name: `Mapping ${++serial}`, mapping: MAPPING } }),
  },
  'GET /api/tenants/{code}/import-mappings/{id}': {
    access: 'admin',
    make: async () => ({
      path: `${P}/import-mappings/${(await created('/import-mappings', { name: `M${++serial}`, mapping: MAPPING })).id}`,
    }),
  },
  'PATCH /api/tenants/{code}/import-mappings/{id}': {
    access: 'admin',
    make: async () => {
      const m = await created('/import-mappings', { name: `M${++serial}`, mapping: MAPPING });
      return { path: `${P}/import-mappings/${m.id}`, body: { name: `M${++serial}`, version: m.version } };
    },
  },
  'DELETE /api/tenants/{code}/import-mappings/{id}': {
    access: 'admin',
    ok: 204,
    make: async () => {
      const m = await created('/import-mappings', { name: `M${++serial}`, mapping: MAPPING });
      return { path: `${P}/import-mappings/${m.id}?version=${m.version}` };
    },
  },

  'GET /api/tenants/{code}/exports/datacards.csv': { access: 'viewer' },
  'GET /api/tenants/{code}/exports/datacards.xlsx': { access: 'viewer' },
  'GET /api/tenants/{code}/exports/datacards.geojson': { access: 'viewer' },
  'GET /api/tenants/{code}/exports/desinventar.xml': { access: 'viewer' },
  ...query('list', { columns: ['serial', 'deaths'] }, 'columns=serial,deaths'),
  ...query('totals', {}, ''),
  ...query('statistics', { by: ['event'], measures: ['count'] }, 'by=event&measures=count'),
  ...query(
    'crosstab',
    { rows: 'event', columns: 'year', measure: 'deaths' },
    'rows=event&columns=year&measure=deaths',
  ),
  ...query('timeseries', { measures: ['deaths'] }, 'measures=deaths'),
  ...query('map', { level: 1, measures: ['deaths'] }, 'level=1&measures=deaths'),
  'GET /api/tenants/{code}/profile': { access: 'viewer' },
  'GET /api/tenants/{code}/saved-queries': { access: 'viewer', membersOnly: true },
  'POST /api/tenants/{code}/saved-queries': {
    access: 'viewer',
    make: async () => ({ body: { name: `Q${++serial}`, options: { kind: 'totals' } } }),
  },
  'GET /api/tenants/{code}/saved-queries/{id}': {
    access: 'viewer',
    make: async () => ({ path: `${P}/saved-queries/${(await savedQuery()).id}` }),
  },
  'GET /api/tenants/{code}/saved-queries/{id}/result': {
    access: 'viewer',
    make: async () => ({ path: `${P}/saved-queries/${(await savedQuery()).id}/result` }),
  },
  'PATCH /api/tenants/{code}/saved-queries/{id}': {
    // Someone else's query: only admins change it.
    access: 'admin',
    make: async () => {
      const q = await savedQuery();
      return { path: `${P}/saved-queries/${q.id}`, body: { name: `Q${++serial}`, version: q.version } };
    },
  },
  'DELETE /api/tenants/{code}/saved-queries/{id}': {
    access: 'admin',
    ok: 204,
    make: async () => {
      const q = await savedQuery();
      return { path: `${P}/saved-queries/${q.id}?version=${q.version}` };
    },
  },
  'GET /api/tenants/{code}/indicators': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators.csv': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators/report': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators/sdg': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators.xlsx': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators/sdg.csv': { access: 'viewer' },
  'GET /api/tenants/{code}/indicators/sdg.xlsx': { access: 'viewer' },
};

/** A new viewer of PRIV, added by the superadmin. */
async function newMember(prefix: string) {
  const res = await root.post(`${P}/members`, {
    email: `${prefix}${++serial}@lossledger.test`,
    role: 'viewer',
  });
  return (await json(res, 201)).member as { user: { id: string }; version: number };
}

async function savedQuery() {
  return created('/saved-queries', { name: `Q${++serial}`, options: { kind: 'totals' } });
}

/** The five routes of a catalogue under /api/tenants/{code}/{name}. */
function catalogue(
  name: string,
  body: () => Record<string, unknown>,
  writer: Access,
  patch: (item: { version: number }) => Record<string, unknown> = (item) => ({
    names: { en: `Renamed ${++serial}` },
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

/** POST and GET forms of one query kind: reads, open to viewers (and read tokens). */
function query(kind: string, body: Record<string, unknown>, params: string): Record<string, RouteCase> {
  return {
    [`POST /api/tenants/{code}/query/${kind}`]: { access: 'viewer', ok: 200, make: async () => ({ body }) },
    [`GET /api/tenants/{code}/query/${kind}`]: {
      access: 'viewer',
      make: async () => ({ path: `${P}/query/${kind}${params ? `?${params}` : ''}` }),
    },
  };
}

/** Reads that a read-only token may make with POST. */
const READING_POST = /\/query\/[a-z]+$/;

/** The status `who` must get from a route. */
function expected(key: string, c: RouteCase, who: Caller): number {
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

before(async () => {
  database = await openTestDatabase();
  root = testClient(database);
  priv = await seedTenant(database.db, 'PRIV');
  othr = await seedTenant(database.db, 'OTHR');
  publ = await seedTenant(database.db, 'PUBL');
  await database.db.update(tenants).set({ isPublic: false });
  await database.db.update(tenants).set({ isPublic: true }).where(eq(tenants.code, 'PUBL'));
  const member = async (
    code: string,
    email: string,
    role: 'viewer' | 'contributor' | 'validator' | 'admin',
    scope?: number,
  ) => {
    const ctx = withTenant(systemContext('test'), await resolveTenant(database.db, code));
    const { member } = await addMember(database.db, ctx, {
      email,
      role,
      password: TEST_PASSWORD,
      ...(scope ? { scope: { id: scope } } : {}),
    });
    return member.user.id;
  };
  userIds.viewer = await member('PRIV', 'viewer@lossledger.test', 'viewer');
  userIds.contributor = await member('PRIV', 'contributor@lossledger.test', 'contributor', priv.provinceId);
  userIds.validator = await member('PRIV', 'validator@lossledger.test', 'validator');
  userIds.admin = await member('PRIV', 'admin@lossledger.test', 'admin');
  userIds.outOfScope = await member('PRIV', 'oob@lossledger.test', 'validator', priv.otherProvinceId);
  userIds.otherAdmin = await member('OTHR', 'other@lossledger.test', 'admin');
  for (const who of CALLERS) {
    if (who === 'anonymous') clients[who] = testClient(database, 'anonymous');
    else if (who !== 'readToken' && who !== 'expiredToken')
      clients[who] = testClient(database, {
        email:
          who === 'outOfScope'
            ? 'oob@lossledger.test'
            : who === 'otherAdmin'
              ? 'other@lossledger.test'
              : `${who}@lossledger.test`,
      });
  }
  const token = async (scopes: string[]) =>
    (await json(await clients.admin.post(`${P}/tokens`, { name: 'matrix', scopes }), 201)).token as string;
  clients.readToken = testClient(database, { token: await token(['read']) });
  const expired = await token(['read', 'write']);
  await database.db
    .update(apiTokens)
    .set({ expiresAt: sql`now() - interval '1 day'` })
    .where(eq(apiTokens.tokenHash, secretHash(expired)));
  clients.expiredToken = testClient(database, { token: expired });

  await card({ status: 'published', unit: 'A', serialText: MARKERS.pubA, deaths: 1000 });
  await card({ status: 'published', unit: 'B', serialText: MARKERS.pubB, deaths: 20000 });
  await card({ status: 'draft', unit: 'A', serialText: MARKERS.draftA, deaths: 300000 });
  await card({ tenant: 'PUBL', status: 'published', serialText: 'PUBLIC-OK', deaths: 5 });
  await card({ tenant: 'PUBL', status: 'draft', serialText: 'PUBLIC-DRAFT', deaths: 50 });
  await json(
    await root.post('/api/tenants/OTHR/datacards', {
      serial: MARKERS.foreign,
      eventTypeId: othr.eventTypeId,
      geoUnitId: othr.districtId,
      startYear: 2021,
      status: 'published',
    }),
    201,
  );
});
after(() => database.close());

describe('figures by caller', () => {
  const deaths = async (who: Caller, status?: string) => {
    const res = await clients[who].post(`${P}/query/totals`, status ? { filter: { status } } : {});
    assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
    return (res.body as { sums: { deaths: number } }).sums.deaths;
  };

  test("totals count only the cards in the caller's scope and states", async () => {
    assert.deepEqual(
      {
        viewer: await deaths('viewer'),
        contributor: await deaths('contributor'),
        outOfScope: await deaths('outOfScope'),
        admin: await deaths('admin'),
        readToken: await deaths('readToken'),
      },
      { viewer: 21000, contributor: 1000, outOfScope: 20000, admin: 21000, readToken: 21000 },
    );
    assert.equal(await deaths('admin', 'all'), 321000);
    assert.equal(await deaths('contributor', 'all'), 301000);
    const viewerAll = await clients.viewer.post(`${P}/query/totals`, { filter: { status: 'all' } });
    assert.equal(viewerAll.status, 403, 'a viewer cannot count unpublished cards');
  });

  test("Sendai indicators count only the cards in the caller's scope and states", async () => {
    const a1 = async (who: Caller, status = 'published') => {
      const res = await clients[who].get(`${P}/indicators?from=2021&to=2021&status=${status}`);
      assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
      const rows = (res.body as { rows: { indicator: string; dimension: string; numerator: number }[] }).rows;
      return rows.find((r) => r.indicator === 'A-1' && r.dimension === 'total')?.numerator ?? 0;
    };
    assert.deepEqual(
      {
        viewer: await a1('viewer'),
        contributor: await a1('contributor'),
        outOfScope: await a1('outOfScope'),
      },
      { viewer: 21000, contributor: 1000, outOfScope: 20000 },
    );
    assert.equal(await a1('admin', 'all'), 321000);
    // Rates divide by the population of the caller's scope, never the nation's for a scoped count.
    await database.db.insert(baselines).values([
      { tenantId: priv.tenantId, year: 2021, metric: 'population', value: '1000000' },
      {
        tenantId: priv.tenantId,
        geoUnitId: priv.provinceId,
        year: 2021,
        metric: 'population',
        value: '100000',
      },
    ]);
    const rate = async (who: Caller) => {
      const res = await clients[who].get(`${P}/indicators?from=2021&to=2021`);
      const rows = (
        res.body as {
          rows: { indicator: string; dimension: string; value: number | null; flags: string[] }[];
        }
      ).rows;
      return rows.find((r) => r.indicator === 'A-1' && r.dimension === 'total');
    };
    assert.equal((await rate('viewer'))?.value, 2100, '21000 per 1,000,000, per 100,000');
    assert.equal((await rate('contributor'))?.value, 1000, "1000 per the province's 100,000");
    const noBaseline = await rate('outOfScope');
    assert.equal(noBaseline?.value, null, 'no population for region B: no rate, not a national one');
    assert.ok(noBaseline?.flags.includes('missing_denominator'));
    assert.equal((await clients.viewer.get(`${P}/indicators?status=all`)).status, 403);
    assert.equal((await clients.viewer.get(`${P}/indicators?status=published,draft`)).status, 403);
  });

  test('anonymous callers read the published cards of a public tenant everywhere, and only those', async () => {
    const anon = clients.anonymous;
    const reads = Object.entries(ROUTES).filter(
      ([key]) =>
        key.startsWith('GET /api/tenants/{code}') &&
        !key.includes('{id}') &&
        !key.includes('{jobId}') &&
        !key.includes('{userId}'),
    );
    const problems: string[] = [];
    for (const [key, c] of reads) {
      const call = (await c.make?.('anonymous')) ?? {};
      const path = (call.path ?? key.slice(4))
        .replace('/api/tenants/PRIV', '/api/tenants/PUBL')
        .replace('{code}', 'PUBL');
      const res = await anon.app.request(path);
      const text = await res.text();
      const want = c.access === 'viewer' && !c.membersOnly ? 200 : 401;
      if (res.status !== want) problems.push(`${key}: ${res.status} (want ${want}) ${text.slice(0, 120)}`);
      if (text.includes('PUBLIC-DRAFT')) problems.push(`${key}: shows a draft`);
    }
    assert.deepEqual(problems, []);
    const totals = await anon.post('/api/tenants/PUBL/query/totals', {});
    assert.equal((totals.body as { sums: { deaths: number } }).sums.deaths, 5);
    const list = await anon.get('/api/tenants/PUBL/datacards');
    assert.equal((list.body as { total: number }).total, 1);
    assert.equal(
      (await anon.post('/api/tenants/PUBL/query/totals', { filter: { status: 'all' } })).status,
      401,
    );
    const write = await anon.post('/api/tenants/PUBL/datacards', {
      eventTypeId: publ.eventTypeId,
      geoUnitId: publ.districtId,
      startYear: 2020,
    });
    assert.equal(write.status, 401);
  });
});

describe('access matrix', () => {
  test('every route of the OpenAPI document has an access rule', async () => {
    const doc = (await root.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.ok(documented.length > 100, `only ${documented.length} routes documented`);
    assert.deepEqual(documented.filter((k) => !ROUTES[k]).sort(), [], 'routes without an access rule');
    assert.deepEqual(
      Object.keys(ROUTES)
        .filter((k) => !documented.includes(k))
        .sort(),
      [],
      'rules for no route',
    );
  });

  // Logout ends the caller's session: run it last.
  const order = Object.keys(ROUTES).sort(
    (a, b) => Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  for (const key of order) {
    test(key, async () => {
      const c = ROUTES[key]!;
      const [method, template] = key.split(' ') as [string, string];
      const mismatches: string[] = [];
      for (const who of CALLERS) {
        const call = (await c.make?.(who)) ?? {};
        const path = call.path ?? template.replace('{code}', 'PRIV');
        const client = clients[who];
        const res = await client.app.request(path, {
          method,
          ...(call.form
            ? { body: call.form }
            : call.body !== undefined
              ? { body: JSON.stringify(call.body), headers: { 'content-type': 'application/json' } }
              : {}),
        });
        const text = await res.text();
        const want = expected(key, c, who);
        if (res.status !== want)
          mismatches.push(`${who}: ${res.status} (want ${want}) ${text.slice(0, 160)}`);
        for (const marker of FORBIDDEN[who])
          if (text.includes(marker)) mismatches.push(`${who}: the response holds ${marker}`);
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
