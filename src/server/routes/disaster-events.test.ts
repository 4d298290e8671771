import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DisasterEvent } from '../../shared/schemas/disaster-events.ts';
import { catalogueTestEnv, created, insertCard, lastAudit } from '../../testing/catalogue-factories.ts';
import { errorOf, issuePaths } from '../../testing/http.ts';

const env = catalogueTestEnv();

const base = () => `/api/tenants/${env.t.code}/disaster-events`;
const otherBase = () => `/api/tenants/${env.other.code}/disaster-events`;
const make = async (body: Record<string, unknown> = {}) =>
  created<DisasterEvent>(await env.api.post(base(), { name: 'Spring floods', ...body }));
type Page = { items: DisasterEvent[]; total: number };

describe('POST /api/tenants/{code}/disaster-events', () => {
  test('creates an event with GLIDE, hazard and dates, and audits it', async () => {
    const ev = await make({
      glide: 'FL-2024-000045-KAZ',
      hazardCode: 'MH0600',
      startDate: '2024-03-20',
      endDate: '2024-04-30',
      description: 'Snowmelt floods',
    });
    assert.equal(ev.version, 1);
    assert.equal(ev.hazardName, 'Flooding');
    assert.deepEqual(
      [ev.startDate, ev.endDate, ev.glide],
      ['2024-03-20', '2024-04-30', 'FL-2024-000045-KAZ'],
    );
    assert.equal((await lastAudit(env.db, 'disaster_event', ev.id))?.action, 'create');
  });

  test('400 names every bad field', async () => {
    const res = await env.api.post(base(), {
      name: '',
      glide: 'flood-2024',
      startDate: '2024-02-30',
      parentId: 'x',
    });
    assert.deepEqual(issuePaths(res).sort(), ['glide', 'name', 'parentId', 'startDate']);
    assert.match(
      errorOf(res).details?.issues?.find((i) => i.path === 'glide')?.message ?? '',
      /FL-2020-000123-KAZ/,
    );
    assert.deepEqual(issuePaths(await env.api.post(base(), {})), ['name']);
  });

  test('accepts a GLIDE number without a country', async () => {
    assert.equal((await make({ glide: 'EQ-2023-000015' })).glide, 'EQ-2023-000015');
  });

  test('400 naming endDate when it is before startDate', async () => {
    const res = await env.api.post(base(), { name: 'x', startDate: '2024-05-02', endDate: '2024-05-01' });
    assert.deepEqual(issuePaths(res), ['endDate']);
  });

  test('400 naming hazardCode for an unknown hazard', async () => {
    assert.deepEqual(issuePaths(await env.api.post(base(), { name: 'x', hazardCode: 'XX0000' })), [
      'hazardCode',
    ]);
  });

  test("400 naming parentId for a missing or another tenant's parent", async () => {
    const foreign = created<DisasterEvent>(await env.api.post(otherBase(), { name: 'Elsewhere' }));
    for (const parentId of ['00000000-0000-4000-8000-000000000000', foreign.id]) {
      assert.deepEqual(issuePaths(await env.api.post(base(), { name: 'x', parentId })), ['parentId']);
    }
  });
});

describe('GET /api/tenants/{code}/disaster-events', () => {
  test('pages, filters by text, hazard and year, latest first, never other tenants', async () => {
    await make({ name: 'Kuake 2019', hazardCode: 'GH0101', startDate: '2019-06-01' });
    await make({ name: 'Kuake 2021', hazardCode: 'GH0101', startDate: '2020-12-30', endDate: '2021-01-05' });
    await make({ name: 'Kuake undated', hazardCode: 'GH0101' });
    await env.api.post(otherBase(), { name: 'Kuake abroad', hazardCode: 'GH0101' });
    const all = (await env.api.get(`${base()}?q=kuake`)).body as Page;
    assert.deepEqual(
      all.items.map((e) => e.name),
      ['Kuake 2021', 'Kuake 2019', 'Kuake undated'],
    );
    const page2 = (await env.api.get(`${base()}?q=kuake&pageSize=2&page=2`)).body as Page;
    assert.deepEqual([page2.total, page2.items.map((e) => e.name)], [3, ['Kuake undated']]);
    const in2021 = (await env.api.get(`${base()}?hazardCode=GH0101&year=2021`)).body as Page;
    assert.deepEqual(
      in2021.items.map((e) => e.name),
      ['Kuake 2021'],
    );
    const literal = (await env.api.get(`${base()}?q=${encodeURIComponent('%')}`)).body as Page;
    assert.equal(literal.total, 0);
  });

  test('finds events by GLIDE number', async () => {
    await make({ name: 'Glided', glide: 'FL-2022-000777-KAZ' });
    const res = (await env.api.get(`${base()}?q=000777`)).body as Page;
    assert.deepEqual(
      res.items.map((e) => e.name),
      ['Glided'],
    );
  });

  test('400 for a bad page or year', async () => {
    assert.deepEqual(issuePaths(await env.api.get(`${base()}?page=0&year=abc`)).sort(), ['page', 'year']);
  });

  test('GET /{id}: 200, and 404 for unknown, malformed and other-tenant ids', async () => {
    const ev = await make();
    assert.equal(((await env.api.get(`${base()}/${ev.id}`)).body as DisasterEvent).id, ev.id);
    assert.equal((await env.api.get(`${base()}/${ev.id.toUpperCase()}`)).status, 200);
    for (const path of [
      `${base()}/00000000-0000-4000-8000-000000000000`,
      `${base()}/42`,
      `${otherBase()}/${ev.id}`,
    ]) {
      assert.equal((await env.api.get(path)).status, 404, path);
    }
  });
});

describe('PATCH /api/tenants/{code}/disaster-events/{id}', () => {
  test('updates, bumps the version and audits before/after', async () => {
    const ev = await make({ startDate: '2024-01-01' });
    const res = await env.api.patch(`${base()}/${ev.id}`, { version: 1, name: 'Winter floods', glide: null });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      [(res.body as DisasterEvent).version, (res.body as DisasterEvent).name],
      [2, 'Winter floods'],
    );
    const audit = await lastAudit(env.db, 'disaster_event', ev.id);
    assert.equal((audit!.before as DisasterEvent).name, 'Spring floods');
  });

  test('400 naming endDate when it would end before the stored start', async () => {
    const ev = await make({ startDate: '2024-06-10' });
    assert.deepEqual(
      issuePaths(await env.api.patch(`${base()}/${ev.id}`, { version: 1, endDate: '2024-06-01' })),
      ['endDate'],
    );
  });

  test('400 naming parentId for itself or a descendant (no cycles)', async () => {
    const main = await make({ name: 'Earthquake' });
    const tsunami = await make({ name: 'Tsunami', parentId: main.id });
    assert.deepEqual(
      issuePaths(await env.api.patch(`${base()}/${main.id}`, { version: 1, parentId: main.id })),
      ['parentId'],
    );
    assert.deepEqual(
      issuePaths(await env.api.patch(`${base()}/${main.id}`, { version: 1, parentId: tsunami.id })),
      ['parentId'],
    );
  });

  test('409 for a stale version, 400 without one', async () => {
    const ev = await make();
    await env.api.patch(`${base()}/${ev.id}`, { version: 1, name: 'a' });
    assert.equal(
      errorOf(await env.api.patch(`${base()}/${ev.id}`, { version: 1, name: 'b' })).code,
      'version_conflict',
    );
    assert.deepEqual(issuePaths(await env.api.patch(`${base()}/${ev.id}`, { name: 'b' })), ['version']);
  });

  test("404 for another tenant's or a malformed id", async () => {
    const ev = await make();
    assert.equal((await env.api.patch(`${otherBase()}/${ev.id}`, { version: 1, name: 'x' })).status, 404);
    assert.equal((await env.api.patch(`${base()}/not-a-uuid`, { version: 1, name: 'x' })).status, 404);
  });
});

describe('DELETE /api/tenants/{code}/disaster-events/{id}', () => {
  test('204, then 404, and an audit row', async () => {
    const ev = await make();
    assert.equal((await env.api.delete(`${base()}/${ev.id}?version=1`)).status, 204);
    assert.equal((await env.api.get(`${base()}/${ev.id}`)).status, 404);
    assert.equal((await lastAudit(env.db, 'disaster_event', ev.id))?.action, 'delete');
  });

  test('409 in_use naming the datacards and cascading events that use it', async () => {
    const ev = await make({ name: 'Mudflow' });
    await insertCard(env.db, env.t, { disasterEventId: ev.id });
    await make({ parentId: ev.id });
    const res = await env.api.delete(`${base()}/${ev.id}?version=1`);
    assert.equal(errorOf(res).code, 'in_use');
    assert.match(errorOf(res).message, /Mudflow is used by 1 datacard and 1 cascading event/);
  });

  test("409 for a stale version; 404 for another tenant's event", async () => {
    const ev = await make();
    await env.api.patch(`${base()}/${ev.id}`, { version: 1, name: 'a' });
    assert.equal((await env.api.delete(`${base()}/${ev.id}?version=1`)).status, 409);
    assert.equal((await env.api.delete(`${otherBase()}/${ev.id}?version=2`)).status, 404);
  });
});
