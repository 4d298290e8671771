/**
 * The shared fixture of the access tests (src/server/access-*.test.ts): the kinds of caller, the
 * card serials each must never see, and a database with three tenants — PRIV (private; regions A
 * and B, A holding district A1), OTHR (private, another tenant) and PUBL (public) — its members,
 * their signed-in clients and tokens, and the marker cards.
 */
import assert from 'node:assert/strict';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/engine.ts';
import { apiTokens, datacards, tenants } from '../db/schema/index.ts';
import { addMember } from '../services/auth/members.ts';
import { secretHash } from '../services/auth/secrets.ts';
import { systemContext, withTenant } from '../services/context.ts';
import { resolveTenant } from '../services/tenants/tenants.ts';
import { openTestDatabase } from './db.ts';
import { type SeededTenant, seedTenant } from './factories.ts';
import { TEST_PASSWORD, testClient } from './http.ts';

/** Every kind of caller the access tests call each route as. */
export const CALLERS = [
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
/** One kind of caller. */
export type Caller = (typeof CALLERS)[number];

/** The role each caller holds in PRIV (otherAdmin and anonymous hold none). */
export const ROLE_OF: Record<Caller, 'viewer' | 'contributor' | 'validator' | 'admin' | null> = {
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
export const MARKERS = {
  foreign: 'FOREIGN-SECRET-CARD',
  pubA: 'PUB-A-CARD',
  pubB: 'PUB-B-CARD',
  draftA: 'DRAFT-A-CARD',
};
/** The marker serials each caller must never receive. */
export const FORBIDDEN: Record<Caller, string[]> = {
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

/** The API prefix of the private tenant PRIV. */
export const P = '/api/tenants/PRIV';

/** A test client of the app (signed in as someone, or anonymous). */
export type Client = ReturnType<typeof testClient>;

/** The response body, after asserting its status. */
export const json = async (res: { status: number; body: unknown }, status: number) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body as Record<string, unknown> & { id: number | string; version: number };
};

/** A form with a tiny CSV file, as the table-import preview takes it. */
export const tinyCsv = () => {
  const form = new FormData();
  form.set('file', new File(['Serie,Evento,Nivel0,Fecha\nT-1,FLOOD,PRIV-P1,2022-03-04\n'], 'm.csv'));
  return form;
};
/** A table-import mapping for the columns of `tinyCsv`. */
export const MAPPING = {
  columns: { Serie: 'serial', Evento: 'eventType', Nivel0: 'geoCode1', Fecha: 'date' },
  fixed: { status: 'draft' },
};
/** A tiny DesInventar XML file: one event type, one region, one card. */
export const TINY_XML = `<?xml version="1.0" encoding="UTF-8" ?>
<DESINVENTAR><eventos><TR><serial>1</serial><nombre>FLOOD</nombre><nombre_en>FLOOD</nombre_en></TR></eventos>
<lev0><TR><lev0_cod>PRIV-P1</lev0_cod><lev0_name>A</lev0_name><lev0_name_en>A</lev0_name_en></TR></lev0>
<fichas><TR><serial>X1</serial><level0>PRIV-P1</level0><evento>FLOOD</evento><fechano>2000</fechano><clave>1</clave><approved>1</approved></TR></fichas>
</DESINVENTAR>`;

/** Options of a card made by `card`. */
export interface CardOptions {
  status?: string;
  unit?: 'A' | 'B';
  author?: Caller;
  serialText?: string;
  deaths?: number;
  tenant?: string;
}

/** The database, tenants, clients and record makers the access tests share. */
export interface AccessFixture {
  database: Database;
  priv: SeededTenant;
  othr: SeededTenant;
  publ: SeededTenant;
  /** The superadmin's client. */
  root: Client;
  /** A client for each caller. */
  clients: Record<Caller, Client>;
  /** The user id of each signed-in caller. */
  userIds: Record<string, string>;
  /** The next number of a counter that keeps made names and codes unique. */
  next: () => number;
  /** A card in PRIV (or PUBL) made by the superadmin; `author` makes it look created by that caller. */
  card: (opts?: CardOptions) => ReturnType<typeof json>;
  /** A record made by the superadmin with POST under PRIV. */
  created: (path: string, body: unknown) => ReturnType<typeof json>;
  /** A new viewer of PRIV, added by the superadmin. */
  newMember: (prefix: string) => Promise<{ user: { id: string }; version: number }>;
  /** A saved query of the superadmin in PRIV. */
  savedQuery: () => ReturnType<typeof json>;
  /** The token of a fresh table-import upload (the `tinyCsv` file). */
  uploadToken: () => Promise<string>;
}

/**
 * Open a fresh database and set up the access fixture: tenants, members, clients, a read token
 * and an expired token of the PRIV admin, and the marker cards. Close `database` after the tests.
 */
export async function openAccessFixture(): Promise<AccessFixture> {
  const database = await openTestDatabase();
  const root = testClient(database);
  const priv = await seedTenant(database.db, 'PRIV');
  const othr = await seedTenant(database.db, 'OTHR');
  const publ = await seedTenant(database.db, 'PUBL');
  const clients = {} as Record<Caller, Client>;
  const userIds = {} as Record<string, string>;
  let serial = 0;
  const next = () => ++serial;

  const card = async (opts: CardOptions = {}) => {
    const t = opts.tenant === 'PUBL' ? publ : priv;
    const made = await json(
      await root.post(`/api/tenants/${t.code}/datacards`, {
        serial: opts.serialText ?? `MX-${next()}`,
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
        .where(and(eq(datacards.tenantId, priv.tenantId), eq(datacards.id, String(made.id))));
    return made;
  };
  const created = async (path: string, body: unknown) => json(await root.post(`${P}${path}`, body), 201);
  const newMember = async (prefix: string) => {
    const res = await root.post(`${P}/members`, {
      email: `${prefix}${next()}@lossledger.test`,
      role: 'viewer',
    });
    return (await json(res, 201)).member as { user: { id: string }; version: number };
  };
  const savedQuery = () => created('/saved-queries', { name: `Q${next()}`, options: { kind: 'totals' } });
  const uploadToken = async () => {
    const res = await root.app.request(`${P}/table-imports/preview`, { method: 'POST', body: tinyCsv() });
    assert.equal(res.status, 200);
    return ((await res.json()) as { token: string }).token;
  };

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

  return {
    database,
    priv,
    othr,
    publ,
    root,
    clients,
    userIds,
    next,
    card,
    created,
    newMember,
    savedQuery,
    uploadToken,
  };
}
