import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog, geoUnits } from '../../db/schema/index.ts';
import type { GeoLevel, GeoUnit, GeoUnitSummary, GeoUnitTreeNode } from '../../shared/schemas/geography.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { polygonOf, squareOf } from '../../testing/geo-factories.ts';
import { errorOf, issuePaths, type TestResponse, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;
let other: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'GEO');
  other = await seedTenant(database.db, 'GEX');
  ok(await api.post(`/api/tenants/${t.code}/geo-levels`, { level: 3, names: { en: 'Commune' } }), 201);
});
after(() => database.close());

const units = (code = t.code) => `/api/tenants/${code}/geo-units`;
const levels = (code = t.code) => `/api/tenants/${code}/geo-levels`;
function ok(res: TestResponse, status: number) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  return res.body;
}
let serial = 0;
async function createUnit(body: Record<string, unknown>): Promise<GeoUnit> {
  const code = `U${++serial}`;
  return ok(await api.post(units(), { code, names: { en: code }, ...body }), 201) as GeoUnit;
}
const audits = (id: number) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'geo_unit'), eq(auditLog.entityId, String(id))));
async function storedPath(id: number) {
  const where = and(eq(geoUnits.tenantId, t.tenantId), eq(geoUnits.id, id));
  return (await database.db.select().from(geoUnits).where(where))[0]?.path;
}

describe('geo-levels', () => {
  test('GET lists the levels top first, only this tenant', async () => {
    const { items } = ok(await api.get(levels()), 200) as { items: GeoLevel[] };
    assert.deepEqual(
      items.map((l) => [l.level, l.names.en]),
      [
        [1, 'Province'],
        [2, 'District'],
        [3, 'Commune'],
      ],
    );
    const others = ok(await api.get(levels(other.code)), 200) as { items: GeoLevel[] };
    assert.equal(others.items.length, 2);
  });

  test('POST creates a level with a code length; level N needs N-1; a duplicate gives 409', async () => {
    const created = ok(await api.post(levels(), { level: 4, names: { en: 'Village' }, codeLength: 8 }), 201);
    assert.deepEqual(created, { level: 4, names: { en: 'Village' }, codeLength: 8, version: 1 });
    assert.deepEqual(issuePaths(await api.post(levels(), { level: 9, names: { en: 'x' } })), ['level']);
    const dup = await api.post(levels(), { level: 1, names: { en: 'again' } });
    assert.equal(errorOf(dup).code, 'duplicate');
  });

  test('POST 400 names each bad field; 404 for an unknown tenant', async () => {
    const res = await api.post(levels(), { level: 0, names: {}, codeLength: 'x', extra: 1 });
    assert.deepEqual(issuePaths(res).sort(), ['(body)', 'codeLength', 'level', 'names']);
    assert.equal((await api.post(levels('NOPE'), { level: 1, names: { en: 'x' } })).status, 404);
  });

  test('PATCH renames, bumps the version and audits; stale version 409', async () => {
    const res = ok(await api.patch(`${levels()}/3`, { names: { en: 'Municipality' }, version: 1 }), 200);
    assert.deepEqual(res, { level: 3, names: { en: 'Municipality' }, codeLength: null, version: 2 });
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.entity, 'geo_level'));
    assert.ok(audit.some((a) => a.action === 'update' && (a.before as GeoLevel).names.en === 'Commune'));
    const stale = await api.patch(`${levels()}/3`, { codeLength: 5, version: 1 });
    assert.equal(errorOf(stale).code, 'version_conflict');
  });

  test('PATCH 400 names the bad field and a missing version; 404 for unknown or other tenant levels', async () => {
    assert.deepEqual(issuePaths(await api.patch(`${levels()}/1`, { names: { EN: 'x' } })).sort(), [
      'names.EN',
      'version',
    ]);
    ok(await api.post(levels(other.code), { level: 3, names: { en: 'x' } }), 201);
    ok(await api.post(levels(other.code), { level: 4, names: { en: 'x' } }), 201);
    ok(await api.post(levels(other.code), { level: 5, names: { en: 'x' } }), 201);
    assert.equal((await api.patch(`${levels()}/5`, { version: 1 })).status, 404);
    assert.equal((await api.patch(`${levels()}/abc`, { version: 1 })).status, 404);
  });
});

describe('POST /geo-units', () => {
  test('creates a unit below its parent with path, bbox and centroid, and audits it', async () => {
    const unit = await createUnit({ level: 2, parentId: t.provinceId, geometry: squareOf(70, 45, 2) });
    assert.deepEqual(unit.ancestorIds, [t.provinceId]);
    assert.deepEqual(unit.bbox, { minLon: 70, minLat: 45, maxLon: 72, maxLat: 47 });
    assert.deepEqual(unit.centroid, { lon: 71, lat: 46 });
    assert.equal(unit.geometry, undefined);
    assert.equal(await storedPath(unit.id), `/${t.provinceId}/${unit.id}/`);
    const [audit] = await audits(unit.id);
    assert.equal(audit?.action, 'create');
  });

  test('links predecessors both ways and accepts a new version of a code with another validFrom', async () => {
    const old = await createUnit({ level: 1, validTo: '2022-06-07' });
    const next = await createUnit({
      level: 1,
      code: old.code,
      validFrom: '2022-06-08',
      predecessorIds: [old.id],
    });
    assert.deepEqual(next.predecessorIds, [old.id]);
    const got = ok(await api.get(`${units()}/${old.id}`), 200) as GeoUnit;
    assert.deepEqual(got.successorIds, [next.id]);
  });

  test('400 names each bad field', async () => {
    assert.deepEqual(issuePaths(await api.post(units(), {})).sort(), ['code', 'level', 'names']);
    const bad = await api.post(units(), {
      code: ' x',
      level: 1.5,
      names: { en: '' },
      validFrom: '2020-02-30',
    });
    assert.deepEqual(issuePaths(bad).sort(), ['code', 'level', 'names.en', 'validFrom']);
  });

  test('400 for a geometry that is not a closed Polygon/MultiPolygon of numeric positions in range', async () => {
    const cases: [unknown, string][] = [
      [{ type: 'Point', coordinates: [1, 2] }, 'geometry.type'],
      [polygonOf(0, 0, 1, 0, 1, '1', 0, 0), 'geometry.coordinates.0.2.1'],
      [polygonOf(0, 0, 181, 0, 1, 1, 0, 0), 'geometry.coordinates.0.1.0'],
      [polygonOf(0, 0, 1, -91, 1, 1, 0, 0), 'geometry.coordinates.0.1.1'],
      [polygonOf(0, 0, 1, 0, 1, 1, 0, 1), 'geometry.coordinates.0'],
      [{ type: 'MultiPolygon', coordinates: [] }, 'geometry.coordinates'],
    ];
    for (const [geometry, path] of cases) {
      const res = await api.post(units(), { code: 'G', level: 1, names: { en: 'G' }, geometry });
      assert.deepEqual(issuePaths(res), [path], JSON.stringify(geometry));
    }
  });

  test('400 for rule breaches: unknown level, parent missing or at the wrong level, dates, code length', async () => {
    const at = (body: Record<string, unknown>) =>
      api.post(units(), { code: 'R', names: { en: 'R' }, ...body });
    assert.deepEqual(issuePaths(await at({ level: 7 })), ['level']);
    assert.deepEqual(issuePaths(await at({ level: 2 })), ['parentId']);
    assert.deepEqual(issuePaths(await at({ level: 1, parentId: t.provinceId })), ['parentId']);
    assert.deepEqual(issuePaths(await at({ level: 2, parentId: t.districtId })), ['parentId']);
    assert.deepEqual(issuePaths(await at({ level: 1, validFrom: '2020-01-02', validTo: '2020-01-01' })), [
      'validTo',
    ]);
    assert.deepEqual(issuePaths(await at({ level: 1, predecessorIds: [999999] })), ['predecessorIds']);
    const village = await at({
      level: 4,
      parentId: (await createUnit({ level: 3, parentId: t.districtId })).id,
    });
    assert.deepEqual(issuePaths(village), ['code']);
  });

  test("400 for another tenant's parent; 409 duplicate code; 404 unknown tenant", async () => {
    const res = await api.post(units(), {
      code: 'X',
      level: 2,
      parentId: other.provinceId,
      names: { en: 'X' },
    });
    assert.deepEqual(issuePaths(res), ['parentId']);
    const dup = await api.post(units(), { code: `${t.code}-P1`, level: 1, names: { en: 'dup' } });
    assert.equal(dup.status, 409);
    assert.equal(errorOf(dup).code, 'duplicate');
    assert.equal((await api.post(units('NOPE'), { code: 'X', level: 1, names: { en: 'X' } })).status, 404);
  });
});

describe('GET /geo-units', () => {
  test('filters by level, parent and code or name in any language; pages; no boundaries', async () => {
    await createUnit({ level: 1, code: 'ALM', names: { en: 'Almaty Region', ru: 'Алматинская область' } });
    const page = async (query: string) =>
      ok(await api.get(`${units()}?${query}`), 200) as { items: GeoUnitSummary[]; total: number };
    assert.deepEqual(
      (await page('q=алматинская')).items.map((u) => u.code),
      ['ALM'],
    );
    assert.deepEqual(
      (await page('q=lm')).items.map((u) => u.code),
      ['ALM'],
    );
    assert.equal((await page('q=%25')).total, 0);
    const children = await page(`parentId=${t.provinceId}&level=2`);
    assert.ok(children.items.length >= 1 && children.items.every((u) => u.parentId === t.provinceId));
    const first = await page('level=1&pageSize=1');
    assert.equal(first.items.length, 1);
    assert.ok(first.total > 1);
    assert.ok(!('geometry' in first.items[0]!));
    assert.ok(!(await page('pageSize=1000')).items.some((u) => u.code.startsWith(other.code)));
  });

  test("400 names bad query fields; 404 for another tenant's parent and an unknown tenant", async () => {
    assert.deepEqual(issuePaths(await api.get(`${units()}?pageSize=0&level=x`)).sort(), [
      'level',
      'pageSize',
    ]);
    assert.equal((await api.get(`${units()}?parentId=${other.provinceId}`)).status, 404);
    assert.equal((await api.get(units('NOPE'))).status, 404);
  });
});

describe('GET /geo-units/tree', () => {
  test('nests the current units of the tenant, leaving out ended ones', async () => {
    const ended = await createUnit({ level: 2, parentId: t.provinceId, validTo: '2001-01-01' });
    const { items } = ok(await api.get(`${units()}/tree`), 200) as { items: GeoUnitTreeNode[] };
    const province = items.find((n) => n.id === t.provinceId);
    assert.ok(province?.children.some((c) => c.id === t.districtId));
    const all = JSON.stringify(items);
    assert.ok(!all.includes(`"id":${ended.id},`));
    assert.ok(!all.includes(other.code) && !all.includes('geometry'));
    assert.equal((await api.get(`${units('NOPE')}/tree`)).status, 404);
  });
});

describe('GET /geo-units/{id}, /children, /descendants', () => {
  test('returns the boundary only with ?geometry=true; 400 for a bad flag', async () => {
    const unit = await createUnit({ level: 1, geometry: squareOf(50, 40, 1) });
    const plain = ok(await api.get(`${units()}/${unit.id}`), 200) as GeoUnit;
    assert.ok(!('geometry' in plain));
    assert.deepEqual(plain.centroid, { lon: 50.5, lat: 40.5 });
    const full = ok(await api.get(`${units()}/${unit.id}?geometry=true`), 200) as GeoUnit;
    assert.deepEqual(full.geometry, squareOf(50, 40, 1));
    assert.deepEqual(issuePaths(await api.get(`${units()}/${unit.id}?geometry=yes`)), ['geometry']);
  });

  test('children are direct; descendants use the whole subtree, not the unit itself', async () => {
    const commune = await createUnit({ level: 3, parentId: t.districtId });
    const kids = ok(await api.get(`${units()}/${t.provinceId}/children`), 200) as { items: GeoUnitSummary[] };
    assert.ok(kids.items.some((u) => u.id === t.districtId) && !kids.items.some((u) => u.id === commune.id));
    const below = ok(await api.get(`${units()}/${t.provinceId}/descendants`), 200) as {
      items: GeoUnitSummary[];
    };
    const ids = below.items.map((u) => u.id);
    assert.ok(ids.includes(t.districtId) && ids.includes(commune.id) && !ids.includes(t.provinceId));
  });

  test("404 for unknown, malformed and other tenants' ids, on every unit route", async () => {
    for (const suffix of ['', '/children', '/descendants']) {
      for (const id of ['999999', 'abc', '99999999999', String(other.provinceId)]) {
        assert.equal((await api.get(`${units()}/${id}${suffix}`)).status, 404, `${id}${suffix}`);
      }
    }
    assert.equal((await api.patch(`${units()}/${other.provinceId}`, { version: 1 })).status, 404);
    assert.equal((await api.delete(`${units()}/${other.provinceId}?version=1`)).status, 404);
  });
});

describe('PATCH /geo-units/{id}', () => {
  test('updates names, code and boundary: new bbox, version 2, audited before/after', async () => {
    const unit = await createUnit({ level: 1, geometry: squareOf(0, 0, 1) });
    const res = ok(
      await api.patch(`${units()}/${unit.id}`, {
        version: 1,
        code: 'NEW',
        names: { en: 'N', kk: 'Ж' },
        geometry: squareOf(10, 10, 4),
      }),
      200,
    ) as GeoUnit;
    assert.equal(res.version, 2);
    assert.deepEqual(res.bbox, { minLon: 10, minLat: 10, maxLon: 14, maxLat: 14 });
    assert.deepEqual(res.names, { en: 'N', kk: 'Ж' });
    const rows = await audits(unit.id);
    const update = rows.find((r) => r.action === 'update');
    assert.equal((update!.before as GeoUnit).code, unit.code);
    assert.equal((update!.after as GeoUnit).code, 'NEW');
    const cleared = ok(
      await api.patch(`${units()}/${unit.id}`, { version: 2, geometry: null }),
      200,
    ) as GeoUnit;
    assert.equal(cleared.bbox, null);
  });

  test('moving a unit rewrites the paths of its subtree and the ancestors of its datacards', async () => {
    const a = await createUnit({ level: 1 });
    const b = await createUnit({ level: 1 });
    const d = await createUnit({ level: 2, parentId: a.id });
    const s = await createUnit({ level: 3, parentId: d.id });
    const card = ok(
      await api.post(`/api/tenants/${t.code}/datacards`, {
        eventTypeId: t.eventTypeId,
        geoUnitId: s.id,
        startYear: 2020,
      }),
      201,
    ) as { id: string };
    const moved = ok(await api.patch(`${units()}/${d.id}`, { version: 1, parentId: b.id }), 200) as GeoUnit;
    assert.deepEqual(moved.ancestorIds, [b.id]);
    assert.equal(await storedPath(s.id), `/${b.id}/${d.id}/${s.id}/`);
    const inB = ok(await api.get(`/api/tenants/${t.code}/datacards?geoUnitId=${b.id}`), 200) as {
      items: { id: string }[];
    };
    assert.deepEqual(
      inB.items.map((c) => c.id),
      [card.id],
    );
    const below = ok(await api.get(`${units()}/${a.id}/descendants`), 200) as { items: unknown[] };
    assert.equal(below.items.length, 0);
  });

  test('400 names bad fields, a wrong-level parent, dates out of order and a missing version', async () => {
    const unit = await createUnit({ level: 2, parentId: t.provinceId, validFrom: '2020-01-01' });
    const path = `${units()}/${unit.id}`;
    assert.deepEqual(issuePaths(await api.patch(path, { names: {}, code: '' })).sort(), [
      'code',
      'names',
      'version',
    ]);
    assert.deepEqual(issuePaths(await api.patch(path, { version: 1, parentId: t.districtId })), ['parentId']);
    assert.deepEqual(issuePaths(await api.patch(path, { version: 1, parentId: null })), ['parentId']);
    assert.deepEqual(issuePaths(await api.patch(path, { version: 1, validTo: '2019-12-31' })), ['validTo']);
  });

  test('409 for a stale version and for a duplicate code', async () => {
    const unit = await createUnit({ level: 1 });
    ok(await api.patch(`${units()}/${unit.id}`, { version: 1, names: { en: 'first' } }), 200);
    const stale = await api.patch(`${units()}/${unit.id}`, { version: 1, names: { en: 'second' } });
    assert.equal(errorOf(stale).code, 'version_conflict');
    assert.equal(errorOf(stale).details?.currentVersion, 2);
    const dup = await api.patch(`${units()}/${unit.id}`, { version: 2, code: `${t.code}-P2` });
    assert.equal(errorOf(dup).code, 'duplicate');
  });
});

describe('DELETE /geo-units/{id}', () => {
  test('deletes a leaf with its boundary links: 204, then 404, and an audit row', async () => {
    const old = await createUnit({ level: 1 });
    const leaf = await createUnit({ level: 1, predecessorIds: [old.id] });
    assert.equal((await api.delete(`${units()}/${leaf.id}?version=1`)).status, 204);
    assert.equal((await api.get(`${units()}/${leaf.id}`)).status, 404);
    assert.deepEqual((ok(await api.get(`${units()}/${old.id}`), 200) as GeoUnit).successorIds, []);
    const rows = await audits(leaf.id);
    assert.ok(rows.some((r) => r.action === 'delete'));
  });

  test('409 in_use with children or datacards; 409 for a stale version; 400 without a version', async () => {
    const withChild = await api.delete(`${units()}/${t.provinceId}?version=1`);
    assert.equal(errorOf(withChild).code, 'in_use');
    const unit = await createUnit({ level: 1 });
    ok(
      await api.post(`/api/tenants/${t.code}/datacards`, {
        eventTypeId: t.eventTypeId,
        geoUnitId: unit.id,
        startYear: 2021,
      }),
      201,
    );
    assert.equal(errorOf(await api.delete(`${units()}/${unit.id}?version=1`)).code, 'in_use');
    const leaf = await createUnit({ level: 1 });
    ok(await api.patch(`${units()}/${leaf.id}`, { version: 1, names: { en: 'x' } }), 200);
    assert.equal(errorOf(await api.delete(`${units()}/${leaf.id}?version=1`)).code, 'version_conflict');
    assert.deepEqual(issuePaths(await api.delete(`${units()}/${leaf.id}`)), ['version']);
  });
});

test('the OpenAPI document declares every geography route', async () => {
  const doc = ok(await api.get('/api/openapi.json'), 200) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const p = '/api/tenants/{code}';
  assert.deepEqual(Object.keys(doc.paths[`${p}/geo-levels`] ?? {}).sort(), ['get', 'post']);
  assert.ok(doc.paths[`${p}/geo-levels/{level}`]?.patch);
  assert.deepEqual(Object.keys(doc.paths[`${p}/geo-units/{id}`] ?? {}).sort(), ['delete', 'get', 'patch']);
  for (const s of ['', '/tree', '/{id}/children', '/{id}/descendants'])
    assert.ok(doc.paths[`${p}/geo-units${s}`]?.get, s);
});
