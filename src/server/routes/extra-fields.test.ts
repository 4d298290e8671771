import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXTRA_FIELD_TYPES } from '../../db/schema/index.ts';
import type { Datacard } from '../../shared/schemas/datacard.ts';
import {
  EXTRA_FIELD_TYPE_VALUES,
  type ExtraField,
  type ExtraFieldTab,
} from '../../shared/schemas/extra-fields.ts';
import { catalogueTestEnv, created, insertCard, lastAudit } from '../../testing/catalogue-factories.ts';
import { seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths } from '../../testing/http.ts';

const env = catalogueTestEnv();

const fields = () => `/api/tenants/${env.t.code}/extra-fields`;
const tabs = () => `/api/tenants/${env.t.code}/extra-field-tabs`;
const options = [
  { code: 'A', labels: { en: 'Alpha' } },
  { code: 'B', labels: { en: 'Beta' } },
];
let serial = 0;
const define = async (body: Record<string, unknown> = {}) =>
  created<ExtraField>(
    await env.api.post(fields(), { key: `F${++serial}`, type: 'integer', labels: { en: 'F' }, ...body }),
  );
const makeTab = async (sortOrder = 0) =>
  created<ExtraFieldTab>(await env.api.post(tabs(), { labels: { en: 'Tab' }, sortOrder }));

test('the API offers the 9 types of the table, in DesInventar fieldtype order', () => {
  assert.deepEqual([...EXTRA_FIELD_TYPE_VALUES], [...EXTRA_FIELD_TYPES]);
});

describe('/api/tenants/{code}/extra-field-tabs', () => {
  test('POST, GET by sort order, PATCH without version, DELETE; all audited', async () => {
    const late = await makeTab(50);
    const early = await makeTab(1);
    const list = (await env.api.get(tabs())).body as ExtraFieldTab[];
    assert.deepEqual(
      list.map((x) => x.id),
      [early.id, late.id],
    );
    const res = await env.api.patch(`${tabs()}/${late.id}`, {
      labels: { en: 'Hydrology', ru: 'Гидрология' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal((res.body as ExtraFieldTab).labels.ru, 'Гидрология');
    assert.equal((await lastAudit(env.db, 'extra_field_tab', late.id))?.action, 'update');
    assert.equal((await env.api.delete(`${tabs()}/${late.id}`)).status, 204);
    assert.equal((await lastAudit(env.db, 'extra_field_tab', late.id))?.action, 'delete');
  });

  test('400 naming bad fields', async () => {
    assert.deepEqual(issuePaths(await env.api.post(tabs(), { labels: {}, sortOrder: 'x' })).sort(), [
      'labels',
      'sortOrder',
    ]);
    const tab = await makeTab();
    assert.deepEqual(issuePaths(await env.api.patch(`${tabs()}/${tab.id}`, { labels: { e: 'x' } })), [
      'labels.e',
    ]);
  });

  test('409 in_use deleting a tab that holds fields', async () => {
    const tab = await makeTab();
    await define({ tabId: tab.id });
    const res = await env.api.delete(`${tabs()}/${tab.id}`);
    assert.equal(errorOf(res).code, 'in_use');
    assert.match(errorOf(res).message, /1 extra field;/);
  });

  test("404 for another tenant's or an unknown tab", async () => {
    const tab = await makeTab();
    const foreign = `/api/tenants/${env.other.code}/extra-field-tabs/${tab.id}`;
    assert.equal((await env.api.patch(foreign, { sortOrder: 1 })).status, 404);
    assert.equal((await env.api.delete(foreign)).status, 404);
    assert.equal((await env.api.delete(`${tabs()}/999999`)).status, 404);
  });
});

describe('POST /api/tenants/{code}/extra-fields', () => {
  test('defines a list field in a tab, returns tab and options, and audits it', async () => {
    const tab = await makeTab();
    const f = await define({ key: 'WATER_SOURCE', type: 'list', tabId: tab.id, options, required: true });
    assert.deepEqual(
      [f.version, f.type, f.required, f.tab?.id, f.options.length],
      [1, 'list', true, tab.id, 2],
    );
    assert.equal((await lastAudit(env.db, 'extra_field', f.id))?.action, 'create');
    const listed = ((await env.api.get(fields())).body as ExtraField[]).find((x) => x.id === f.id);
    assert.deepEqual(listed?.options, options);
  });

  test('accepts every type', async () => {
    for (const type of EXTRA_FIELD_TYPE_VALUES) {
      const choice = type === 'list' || type === 'multichoice';
      assert.equal((await define({ type, ...(choice ? { options } : {}) })).type, type);
    }
  });

  test('400 names every bad field', async () => {
    const res = await env.api.post(fields(), {
      key: '1abc',
      type: 'float',
      labels: {},
      maxLength: 0,
      sortOrder: -2,
    });
    assert.deepEqual(issuePaths(res).sort(), ['key', 'labels', 'maxLength', 'sortOrder', 'type']);
    assert.deepEqual(issuePaths(await env.api.post(fields(), {})).sort(), ['key', 'labels', 'type']);
    assert.deepEqual(
      issuePaths(
        await env.api.post(fields(), { key: `K${'x'.repeat(63)}`, type: 'text', labels: { en: 'x' } }),
      ),
      ['key'],
    );
  });

  test('400 for options missing, empty or repeated on choice fields, and present on others', async () => {
    const post = (body: Record<string, unknown>) =>
      env.api.post(fields(), { key: 'OPT', labels: { en: 'x' }, ...body });
    assert.deepEqual(issuePaths(await post({ type: 'list' })), ['options']);
    assert.deepEqual(issuePaths(await post({ type: 'multichoice', options: [] })), ['options']);
    assert.deepEqual(issuePaths(await post({ type: 'list', options: [...options, options[0]] })), [
      'options.2.code',
    ]);
    assert.deepEqual(issuePaths(await post({ type: 'integer', options })), ['options']);
    assert.deepEqual(issuePaths(await post({ type: 'list', options: [{ code: '', labels: { en: 'x' } }] })), [
      'options.0.code',
    ]);
  });

  test('400 for maxLength on a non-text field; accepted on text and memo', async () => {
    assert.deepEqual(
      issuePaths(
        await env.api.post(fields(), { key: 'ML', type: 'integer', labels: { en: 'x' }, maxLength: 5 }),
      ),
      ['maxLength'],
    );
    assert.equal((await define({ type: 'memo', maxLength: 5000 })).maxLength, 5000);
  });

  test("400 naming tabId for an unknown or another tenant's tab", async () => {
    const foreign = created<ExtraFieldTab>(
      await env.api.post(`/api/tenants/${env.other.code}/extra-field-tabs`, { labels: { en: 'x' } }),
    );
    for (const tabId of [999999, foreign.id]) {
      const res = await env.api.post(fields(), { key: 'TB', type: 'text', labels: { en: 'x' }, tabId });
      assert.deepEqual(issuePaths(res), ['tabId']);
    }
  });

  test('409 duplicate for a key already used (ignoring case), but not in another tenant', async () => {
    await define({ key: 'Rainfall' });
    const res = await env.api.post(fields(), { key: 'RAINFALL', type: 'decimal', labels: { en: 'x' } });
    assert.equal(errorOf(res).code, 'duplicate');
    assert.match(errorOf(res).message, /Rainfall/);
    const elsewhere = await env.api.post(`/api/tenants/${env.other.code}/extra-fields`, {
      key: 'RAINFALL',
      type: 'decimal',
      labels: { en: 'x' },
    });
    assert.equal(elsewhere.status, 201);
  });
});

describe('GET /api/tenants/{code}/extra-fields/{id}', () => {
  test('200, and 404 for unknown, malformed and other-tenant ids', async () => {
    const f = await define();
    assert.equal(((await env.api.get(`${fields()}/${f.id}`)).body as ExtraField).key, f.key);
    for (const path of [
      `${fields()}/999999`,
      `${fields()}/x`,
      `/api/tenants/${env.other.code}/extra-fields/${f.id}`,
    ])
      assert.equal((await env.api.get(path)).status, 404, path);
  });
});

describe('PATCH /api/tenants/{code}/extra-fields/{id}', () => {
  test('updates labels and options, bumps the version and audits before/after', async () => {
    const f = await define({ type: 'list', options });
    const res = await env.api.patch(`${fields()}/${f.id}`, {
      version: 1,
      labels: { en: 'New' },
      options: [...options, { code: 'C', labels: { en: 'Gamma' } }],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([(res.body as ExtraField).version, (res.body as ExtraField).options.length], [2, 3]);
    const audit = await lastAudit(env.db, 'extra_field', f.id);
    assert.deepEqual(
      [(audit!.before as ExtraField).labels.en, (audit!.after as ExtraField).labels.en],
      ['F', 'New'],
    );
  });

  test('changes key and type while no datacard holds a value', async () => {
    const f = await define();
    const res = await env.api.patch(`${fields()}/${f.id}`, {
      version: 1,
      key: `${f.key}_X`,
      type: 'text',
      maxLength: 20,
    });
    assert.deepEqual([(res.body as ExtraField).key, (res.body as ExtraField).type], [`${f.key}_X`, 'text']);
  });

  test('409 in_use changing key or type, or removing a used option, while datacards hold values', async () => {
    const f = await define({ key: 'CROPS', type: 'multichoice', options });
    await insertCard(env.db, env.t, { extra: { CROPS: ['B'] } });
    for (const change of [{ key: 'CROPS2' }, { type: 'list' }]) {
      const res = await env.api.patch(`${fields()}/${f.id}`, { version: 1, ...change });
      assert.equal(errorOf(res).code, 'in_use', JSON.stringify(change));
      assert.match(errorOf(res).message, /1 datacard hold/);
    }
    const used = await env.api.patch(`${fields()}/${f.id}`, { version: 1, options: [options[0]] });
    assert.match(errorOf(used).message, /option\(s\) B of CROPS/);
    const unused = await env.api.patch(`${fields()}/${f.id}`, { version: 1, options: [options[1]] });
    assert.equal(unused.status, 200, JSON.stringify(unused.body));
  });

  test('datacards validate against the changed definition', async () => {
    const fresh = await seedTenant(env.db, 'CCC');
    const url = `/api/tenants/${fresh.code}`;
    const f = created<ExtraField>(
      await env.api.post(`${url}/extra-fields`, { key: 'LEVEL', type: 'list', labels: { en: 'x' }, options }),
    );
    await env.api.patch(`${url}/extra-fields/${f.id}`, { version: 1, options: [options[0]] });
    const card = { eventTypeId: fresh.eventTypeId, geoUnitId: fresh.provinceId, startYear: 2020 };
    const bad = await env.api.post(`${url}/datacards`, { ...card, extra: { LEVEL: 'B' } });
    assert.deepEqual(issuePaths(bad), ['extra.LEVEL']);
    const good = created<Datacard>(
      await env.api.post(`${url}/datacards`, { ...card, extra: { LEVEL: 'A' } }),
    );
    assert.equal(good.extra.LEVEL, 'A');
  });

  test('400 for options on a field changed to a non-choice type, naming options', async () => {
    const f = await define({ type: 'list', options });
    assert.deepEqual(issuePaths(await env.api.patch(`${fields()}/${f.id}`, { version: 1, type: 'text' })), [
      'options',
    ]);
    assert.equal(
      (await env.api.patch(`${fields()}/${f.id}`, { version: 1, type: 'text', options: [] })).status,
      200,
    );
  });

  test('409 for a stale version, 400 without one; 404 for another tenant', async () => {
    const f = await define();
    await env.api.patch(`${fields()}/${f.id}`, { version: 1, sortOrder: 3 });
    assert.equal(
      errorOf(await env.api.patch(`${fields()}/${f.id}`, { version: 1, sortOrder: 4 })).code,
      'version_conflict',
    );
    assert.deepEqual(issuePaths(await env.api.patch(`${fields()}/${f.id}`, { sortOrder: 4 })), ['version']);
    const foreign = `/api/tenants/${env.other.code}/extra-fields/${f.id}`;
    assert.equal((await env.api.patch(foreign, { version: 2, sortOrder: 4 })).status, 404);
  });
});

describe('DELETE /api/tenants/{code}/extra-fields/{id}', () => {
  test('204, then 404, and an audit row', async () => {
    const f = await define();
    assert.equal((await env.api.delete(`${fields()}/${f.id}?version=1`)).status, 204);
    assert.equal((await env.api.get(`${fields()}/${f.id}`)).status, 404);
    assert.equal((await lastAudit(env.db, 'extra_field', f.id))?.action, 'delete');
  });

  test('409 in_use while datacards (deleted ones included) hold values', async () => {
    const f = await define({ key: 'DEPTH' });
    await insertCard(env.db, env.t, { extra: { DEPTH: 3 }, deletedAt: '2024-01-01T00:00:00Z' });
    const res = await env.api.delete(`${fields()}/${f.id}?version=1`);
    assert.equal(errorOf(res).code, 'in_use');
    assert.match(errorOf(res).message, /DEPTH is used by 1 datacard \(1 of them deleted\)/);
  });

  test("409 for a stale version; 404 for another tenant's field", async () => {
    const f = await define();
    await env.api.patch(`${fields()}/${f.id}`, { version: 1, sortOrder: 3 });
    assert.equal((await env.api.delete(`${fields()}/${f.id}?version=1`)).status, 409);
    assert.equal(
      (await env.api.delete(`/api/tenants/${env.other.code}/extra-fields/${f.id}?version=2`)).status,
      404,
    );
  });
});
