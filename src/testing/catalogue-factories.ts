/** Test helpers for the catalogue routes: a few hazards, datacards inserted directly, audit lookups. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/engine.ts';
import { auditLog, datacards, hazards } from '../db/schema/index.ts';
import { openTestDatabase } from './db.ts';
import { type SeededTenant, seedTenant } from './factories.ts';
import { errorOf, issuePaths, type TestResponse, testClient } from './http.ts';

/** The HIPs 2025 reference file, kept outside the project (../shared/data). */
export const HIPS_2025 = join(import.meta.dirname, '../../../shared/data/reference/hazards/hips-2025.json');
/** The `skip` option of tests that read HIPS_2025: false when present, else why they are skipped. */
export const skipWithoutHips = existsSync(HIPS_2025) ? false : `reference file ${HIPS_2025} is absent`;

/** A small hazard CSV (quoted commas, a Russian name, an umbrella row). */
export const HAZARD_CSV = [
  'code,name_en,name_ru,type,cluster,cluster_code,umbrella,definition',
  'MH0600,Flooding,Наводнение,Meteorological and Hydrological,Water-related,MH-WATER,true,',
  'MH0603,Flash Flooding,,Meteorological and Hydrological,Water-related,MH-WATER,,"Sudden, local ""flash"" flood"',
  'GH0101,Earthquake,Землетрясение,Geological,Seismic,GEO-SEIS,no,Ground shaking',
].join('\r\n');

/** Write a file into a fresh temporary folder and return its path. */
export function writeTempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lossledger-')), name);
  writeFileSync(path, text);
  return path;
}

const water = {
  typeName: 'Meteorological and Hydrological',
  clusterName: 'Water-related',
  clusterCode: 'MH-WATER',
};

/** Four HIPs 2025 hazards (codes and names as published): an umbrella, two floods and an earthquake. */
export async function seedHazards(db: Db): Promise<void> {
  const rows: (typeof hazards.$inferInsert)[] = [
    { code: 'MH0600', names: { en: 'Flooding', ru: 'Наводнение' }, ...water, umbrella: true },
    { code: 'MH0601', names: { en: 'Coastal Flooding' }, ...water, code2020: 'MH0004' },
    { code: 'MH0603', names: { en: 'Flash Flooding' }, ...water, code2020: 'MH0006' },
    {
      code: 'GH0101',
      names: { en: 'Earthquake', ru: 'Землетрясение' },
      typeName: 'Geological',
      clusterName: 'Seismic',
      clusterCode: 'GEO-SEIS',
      code2020: 'GH0001',
    },
  ];
  await db
    .insert(hazards)
    .values(rows)
    .onConflictDoUpdate({
      target: hazards.code,
      set: {
        names: sql`excluded.names`,
        clusterCode: sql`excluded.cluster_code`,
        umbrella: sql`excluded.umbrella`,
      },
    });
}

/** Insert a datacard of the seeded tenant directly, with the given references and extra values. */
export async function insertCard(
  db: Db,
  t: SeededTenant,
  fields: Partial<typeof datacards.$inferInsert> = {},
): Promise<string> {
  const [row] = await db
    .insert(datacards)
    .values({
      tenantId: t.tenantId,
      eventTypeId: t.eventTypeId,
      geoUnitId: t.provinceId,
      geoAncestors: [t.provinceId],
      startYear: 2020,
      createdBy: 'test',
      updatedBy: 'test',
      ...fields,
    })
    .returning({ id: datacards.id });
  return row!.id;
}

/** The body of a 201 response (fails the test otherwise). */
export function created<T>(res: TestResponse): T {
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as T;
}

/** The latest audit row of an entity. */
export async function lastAudit(db: Db, entity: string, entityId: string | number) {
  const [row] = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

/** What a catalogue test file works with: a fresh database, a client, tenants AAA and BBB. */
export interface CatalogueTestEnv {
  database: Database;
  db: Db;
  api: ReturnType<typeof testClient>;
  t: SeededTenant;
  other: SeededTenant;
}

/** Opens a fresh database with tenants AAA and BBB and the sample hazards before the file's tests. */
export function catalogueTestEnv(): CatalogueTestEnv {
  const env = {} as CatalogueTestEnv;
  before(async () => {
    env.database = await openTestDatabase();
    env.db = env.database.db;
    env.api = testClient(env.database);
    env.t = await seedTenant(env.db, 'AAA');
    env.other = await seedTenant(env.db, 'BBB');
    await seedHazards(env.db);
  });
  after(() => env.database.close());
  return env;
}

/** What the shared suite needs to know about a code catalogue (event types, causes). */
export interface CodeCatalogue {
  /** Path segment, e.g. 'causes'. */
  path: string;
  /** audit_log.entity. */
  auditEntity: string;
  /** The seeded entry (code FLOOD or RAIN) of a seeded tenant. */
  seededId(t: SeededTenant): number;
  seededCode: string;
  /** The datacard column that refers to the catalogue. */
  cardColumn: 'eventTypeId' | 'causeId';
}

interface Entry {
  id: number;
  code: string;
  names: Record<string, string>;
  sortOrder: number;
  active: boolean;
  version: number;
}

/**
 * The specification every code catalogue meets: create/read/update/delete with audit rows,
 * 400 per bad field, 404 across tenants, 409 for stale versions, duplicates and entries in use.
 */
export function describeCodeCatalogue(cat: CodeCatalogue, env: CatalogueTestEnv): void {
  const base = () => `/api/tenants/${env.t.code}/${cat.path}`;
  const otherUrl = () => `/api/tenants/${env.other.code}/${cat.path}/${cat.seededId(env.t)}`;
  let serial = 0;
  const make = async () =>
    created<Entry>(await env.api.post(base(), { code: `C${++serial}`, names: { en: `Entry ${serial}` } }));

  describe(`/api/tenants/{code}/${cat.path} (code catalogue)`, () => {
    test('POST creates an entry with defaults, and audits it', async () => {
      const e = await make();
      assert.deepEqual([e.version, e.sortOrder, e.active], [1, 0, true]);
      assert.equal((await lastAudit(env.db, cat.auditEntity, e.id))?.action, 'create');
    });
    test('POST 400 names every bad field; 409 duplicate for a used code', async () => {
      const { api } = env;
      const bad = await api.post(base(), { code: ' x', names: { EN: 'x' }, sortOrder: -1, active: 'yes' });
      assert.deepEqual(issuePaths(bad).sort(), ['active', 'code', 'names.EN', 'sortOrder']);
      assert.deepEqual(issuePaths(await api.post(base(), {})).sort(), ['code', 'names']);
      assert.match(
        errorOf(await api.post(base(), { code: 'X', names: { en: 'x' }, bogus: 1 })).message,
        /bogus/,
      );
      const dup = await api.post(base(), { code: cat.seededCode, names: { en: 'Again' } });
      assert.equal(errorOf(dup).code, 'duplicate');
      assert.match(errorOf(dup).message, new RegExp(cat.seededCode));
    });
    test('GET lists by sort order then code; GET /{id} 404s for unknown, malformed, other-tenant ids', async () => {
      const { api, t, other } = env;
      const late = await make();
      await api.patch(`${base()}/${late.id}`, { version: 1, sortOrder: 999 });
      const list = (await api.get(base())).body as Entry[];
      assert.equal(list.at(-1)?.id, late.id);
      assert.ok(list.some((e) => e.id === cat.seededId(t)));
      assert.ok(list.every((e) => e.id !== cat.seededId(other)));
      assert.equal(((await api.get(`${base()}/${late.id}`)).body as Entry).code, late.code);
      for (const id of ['999999', 'abc', String(cat.seededId(other))])
        assert.equal((await api.get(`${base()}/${id}`)).status, 404, id);
    });
    test('PATCH updates, bumps the version and audits; 409 stale; 400 bad field or no version', async () => {
      const { api, db } = env;
      const e = await make();
      const res = await api.patch(`${base()}/${e.id}`, {
        version: 1,
        names: { en: 'Renamed' },
        active: false,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([(res.body as Entry).version, (res.body as Entry).active], [2, false]);
      const audit = await lastAudit(db, cat.auditEntity, e.id);
      assert.deepEqual(
        [(audit!.before as Entry).names.en, (audit!.after as Entry).names.en],
        [e.names.en, 'Renamed'],
      );
      assert.equal(
        errorOf(await api.patch(`${base()}/${e.id}`, { version: 1, sortOrder: 2 })).code,
        'version_conflict',
      );
      assert.deepEqual(issuePaths(await api.patch(`${base()}/${e.id}`, { version: 2, code: '' })), ['code']);
      assert.deepEqual(issuePaths(await api.patch(`${base()}/${e.id}`, { sortOrder: 1 })), ['version']);
      assert.equal(
        errorOf(await api.patch(`${base()}/${e.id}`, { version: 2, code: cat.seededCode })).code,
        'duplicate',
      );
    });
    test("PATCH and DELETE 404 for another tenant's entry", async () => {
      const { api } = env;
      assert.equal((await api.patch(otherUrl(), { version: 1, sortOrder: 1 })).status, 404);
      assert.equal((await api.delete(`${otherUrl()}?version=1`)).status, 404);
    });
    test('DELETE 204 then 404 with an audit row; 409 stale; 409 in_use counting datacards', async () => {
      const { api, db, t } = env;
      const e = await make();
      await api.patch(`${base()}/${e.id}`, { version: 1, sortOrder: 1 });
      assert.equal(errorOf(await api.delete(`${base()}/${e.id}?version=1`)).code, 'version_conflict');
      assert.equal((await api.delete(`${base()}/${e.id}?version=2`)).status, 204);
      assert.equal((await api.get(`${base()}/${e.id}`)).status, 404);
      assert.equal((await lastAudit(db, cat.auditEntity, e.id))?.action, 'delete');
      const used = await make();
      await insertCard(db, t, { [cat.cardColumn]: used.id });
      await insertCard(db, t, { [cat.cardColumn]: used.id, deletedAt: '2024-01-01T00:00:00Z' });
      const res = await api.delete(`${base()}/${used.id}?version=1`);
      assert.equal(errorOf(res).code, 'in_use');
      assert.match(errorOf(res).message, /2 datacards \(1 of them deleted\)/);
    });
  });
}
