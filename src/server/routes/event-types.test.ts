import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEventType, getEventType } from '../../services/catalogues/event-types.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import type { EventType } from '../../shared/schemas/event-types.ts';
import {
  catalogueTestEnv,
  created,
  describeCodeCatalogue,
  lastAudit,
} from '../../testing/catalogue-factories.ts';
import { errorOf, issuePaths } from '../../testing/http.ts';

const env = catalogueTestEnv();

describeCodeCatalogue(
  {
    path: 'event-types',
    auditEntity: 'event_type',
    seededId: (s) => s.eventTypeId,
    seededCode: 'FLOOD',
    cardColumn: 'eventTypeId',
  },
  env,
);

const base = () => `/api/tenants/${env.t.code}/event-types`;
let serial = 0;
const make = async (body: Record<string, unknown> = {}) =>
  created<EventType>(
    await env.api.post(base(), { code: `ET${++serial}`, names: { en: `Type ${serial}` }, ...body }),
  );

describe('event types and hazards', () => {
  test('POST maps to a hazard and returns its English name', async () => {
    const et = await make({
      names: { en: 'Flash flood', ru: 'Сель' },
      hazardCode: 'MH0603',
      description: 'Sudden',
    });
    assert.deepEqual([et.hazardCode, et.hazardName, et.description], ['MH0603', 'Flash Flooding', 'Sudden']);
  });

  test('GET lists hazard codes and names', async () => {
    await make({ code: 'QUAKE', hazardCode: 'GH0101' });
    const items = (await env.api.get(base())).body as EventType[];
    assert.equal(items.find((e) => e.code === 'QUAKE')?.hazardName, 'Earthquake');
    assert.equal(items.find((e) => e.code === 'FLOOD')?.hazardName, 'Flooding');
  });

  test('400 naming hazardCode for an unknown hazard, on POST and PATCH', async () => {
    assert.deepEqual(
      issuePaths(await env.api.post(base(), { code: 'X', names: { en: 'x' }, hazardCode: 'ZZ9999' })),
      ['hazardCode'],
    );
    const et = await make();
    assert.deepEqual(
      issuePaths(await env.api.patch(`${base()}/${et.id}`, { version: 1, hazardCode: 'ZZ' })),
      ['hazardCode'],
    );
  });

  test('PATCH clears the hazard and audits before/after', async () => {
    const et = await make({ hazardCode: 'MH0601' });
    const updated = (await env.api.patch(`${base()}/${et.id}`, { version: 1, hazardCode: null }))
      .body as EventType;
    assert.deepEqual([updated.hazardCode, updated.hazardName, updated.version], [null, null, 2]);
    const audit = await lastAudit(env.db, 'event_type', et.id);
    assert.equal((audit!.before as EventType).hazardName, 'Coastal Flooding');
  });
});

describe('event type hierarchy', () => {
  test("400 naming parentId for a missing or another tenant's parent", async () => {
    for (const parentId of [999999, env.other.eventTypeId]) {
      assert.deepEqual(issuePaths(await env.api.post(base(), { code: 'X', names: { en: 'x' }, parentId })), [
        'parentId',
      ]);
    }
  });

  test('400 naming parentId for itself or a descendant (no cycles)', async () => {
    const top = await make();
    const mid = await make({ parentId: top.id });
    const leaf = await make({ parentId: mid.id });
    assert.deepEqual(
      issuePaths(await env.api.patch(`${base()}/${top.id}`, { version: 1, parentId: top.id })),
      ['parentId'],
    );
    const cycle = await env.api.patch(`${base()}/${top.id}`, { version: 1, parentId: leaf.id });
    assert.equal(errorOf(cycle).details?.issues?.[0]?.code, 'cycle');
    assert.equal((await env.api.patch(`${base()}/${leaf.id}`, { version: 1, parentId: top.id })).status, 200);
  });

  test('DELETE 409 in_use while narrower event types point to it', async () => {
    const top = await make();
    await make({ parentId: top.id });
    const res = await env.api.delete(`${base()}/${top.id}?version=1`);
    assert.equal(errorOf(res).code, 'in_use');
    assert.match(errorOf(res).message, /1 narrower event type;/);
  });
});

describe('catalogue permissions', () => {
  test('403 forbidden for a caller who is not an admin of the tenant', async () => {
    const tenant = { id: env.t.tenantId, code: env.t.code, currency: 'USD', defaultLanguage: 'en' };
    const viewer = { ...withTenant(systemContext(), tenant), roles: ['viewer' as const], superadmin: false };
    await assert.rejects(
      createEventType(env.db, viewer, { code: 'NOPE', names: { en: 'x' } }),
      /Only an admin/,
    );
    assert.equal((await getEventType(env.db, viewer, String(env.t.eventTypeId))).code, 'FLOOD');
  });
});
