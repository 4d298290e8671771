import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import type { Datacard } from '../../shared/schemas/datacard.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;
let other: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'AAA');
  other = await seedTenant(database.db, 'BBB');
});
after(() => database.close());

const base = () => `/api/tenants/${t.code}/datacards`;
const valid = () => ({
  serial: '2020-001',
  eventTypeId: t.eventTypeId,
  causeId: t.causeId,
  geoUnitId: t.districtId,
  startYear: 2020,
  startMonth: 5,
  startDay: 14,
  latitude: 41,
  longitude: 11,
  effects: { deaths: { value: 3, present: true }, lossesLocal: { value: 1234567.89, present: false } },
  sectors: { water: { value: null, present: true } },
});

async function createCard(body: Record<string, unknown> = valid()): Promise<Datacard> {
  const res = await api.post(base(), body);
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as Datacard;
}

describe('POST /api/tenants/{code}/datacards', () => {
  test('creates a card with effects, sectors, partial date and ancestors, and audits it', async () => {
    const card = await createCard();
    assert.equal(card.version, 1);
    assert.deepEqual(card.effects.deaths, { value: 3, present: true });
    assert.deepEqual(card.effects.lossesLocal, { value: 1234567.89, present: false });
    assert.deepEqual(card.effects.injured, { value: null, present: false });
    assert.deepEqual(card.sectors.water, { value: null, present: true });
    assert.equal(card.startDate, '2020-05-14');
    assert.equal(card.datePrecision, 'day');
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, card.id));
    assert.equal(audit?.action, 'create');
    assert.equal((audit!.after as Datacard).serial, '2020-001');
  });

  test('year-only card has year precision', async () => {
    const card = await createCard({ eventTypeId: t.eventTypeId, geoUnitId: t.provinceId, startYear: 1771 });
    assert.equal(card.datePrecision, 'year');
    assert.equal(card.startDate, '1771-01-01');
  });

  test('warns (201) when the point is outside the unit bounding box', async () => {
    const card = await createCard({ ...valid(), latitude: 10, longitude: 10 });
    assert.equal(card.warnings?.[0]?.code, 'outside_unit');
  });

  test('400 names every missing required field', async () => {
    const res = await api.post(base(), {});
    assert.equal(res.status, 400);
    assert.deepEqual(issuePaths(res).sort(), ['eventTypeId', 'geoUnitId', 'startYear']);
  });

  test('400 for an unknown field', async () => {
    const res = await api.post(base(), { ...valid(), bogus: 1 });
    assert.equal(res.status, 400);
    assert.match(errorOf(res).details?.issues?.[0]?.message ?? '', /bogus/);
  });

  test('400 for 31 February, a future date, and a day without a month', async () => {
    const feb = await api.post(base(), { ...valid(), startMonth: 2, startDay: 30 });
    assert.deepEqual(issuePaths(feb), ['startDay']);
    const future = await api.post(base(), { ...valid(), startYear: new Date().getFullYear() + 1 });
    assert.deepEqual(issuePaths(future), ['startYear']);
    const noMonth = await api.post(base(), { ...valid(), startMonth: null, startDay: 3 });
    assert.deepEqual(issuePaths(noMonth), ['startMonth']);
  });

  test('400 when only one coordinate is given', async () => {
    const res = await api.post(base(), { ...valid(), longitude: null });
    assert.deepEqual(issuePaths(res), ['longitude']);
  });

  test("400 for another tenant's event type, cause and unit", async () => {
    const res = await api.post(base(), {
      ...valid(),
      eventTypeId: other.eventTypeId,
      causeId: other.causeId,
      geoUnitId: other.districtId,
    });
    assert.equal(res.status, 400);
    assert.deepEqual(issuePaths(res).sort(), ['causeId', 'eventTypeId', 'geoUnitId']);
  });

  test('404 for an unknown tenant', async () => {
    const res = await api.post('/api/tenants/NOPE/datacards', valid());
    assert.equal(res.status, 404);
  });
});

describe('datacard field validation (generated from the field registry)', () => {
  for (const field of [...EFFECT_FIELDS, ...SECTOR_FIELDS]) {
    const group = field.kind === 'sector' ? 'sectors' : 'effects';
    test(`400 for a negative ${group}.${field.key}`, async () => {
      const res = await api.post(base(), {
        ...valid(),
        [group]: { [field.key]: { value: -1, present: false } },
      });
      assert.equal(res.status, 400);
      assert.deepEqual(issuePaths(res), [`${group}.${field.key}.value`]);
    });
    if (field.kind !== 'quantity') {
      test(`400 for a fractional ${group}.${field.key}`, async () => {
        const res = await api.post(base(), {
          ...valid(),
          [group]: { [field.key]: { value: 1.5, present: false } },
        });
        assert.deepEqual(issuePaths(res), [`${group}.${field.key}.value`]);
      });
    }
    test(`accepts and returns ${group}.${field.key} in all three states`, async () => {
      for (const state of [
        { value: 7, present: false },
        { value: 0, present: false },
        { value: null, present: true },
      ]) {
        const card = await createCard({ ...valid(), [group]: { [field.key]: state } });
        const stored = (await api.get(`${base()}/${card.id}`)).body as Datacard;
        const values = group === 'effects' ? stored.effects : stored.sectors;
        assert.deepEqual(values[field.key as keyof typeof values], state);
      }
    });
  }
  for (const field of DESCRIPTIVE_FIELDS) {
    const v = field.validation ?? {};
    const bad =
      field.kind === 'text'
        ? 'x'.repeat((v.maxLength ?? 2000) + 1)
        : field.kind === 'status'
          ? 'approved'
          : field.kind === 'ref'
            ? v.uuid
              ? 'not-a-uuid'
              : -5
            : v.max !== undefined
              ? v.max + 1
              : (v.min ?? 0) - 1;
    test(`400 for an invalid ${field.key} (${JSON.stringify(bad).slice(0, 20)})`, async () => {
      const res = await api.post(base(), { ...valid(), [field.key]: bad });
      assert.equal(res.status, 400);
      assert.ok(issuePaths(res).includes(field.key), JSON.stringify(issuePaths(res)));
    });
  }
});

describe('GET /api/tenants/{code}/datacards/{id}', () => {
  test('200 returns the card', async () => {
    const card = await createCard();
    const res = await api.get(`${base()}/${card.id}`);
    assert.equal(res.status, 200);
    assert.equal((res.body as Datacard).id, card.id);
  });

  test("404 for another tenant's card", async () => {
    const card = await createCard();
    const res = await api.get(`/api/tenants/${other.code}/datacards/${card.id}`);
    assert.equal(res.status, 404);
  });

  test('404 for an unknown or malformed id', async () => {
    assert.equal((await api.get(`${base()}/00000000-0000-4000-8000-000000000000`)).status, 404);
    assert.equal((await api.get(`${base()}/42`)).status, 404);
  });
});

describe('PATCH /api/tenants/{code}/datacards/{id}', () => {
  test('updates fields, bumps the version and audits before/after', async () => {
    const card = await createCard();
    const res = await api.patch(`${base()}/${card.id}`, {
      version: 1,
      place: 'Riverside',
      effects: { deaths: { value: 4, present: true } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const updated = res.body as Datacard;
    assert.equal(updated.version, 2);
    assert.equal(updated.place, 'Riverside');
    assert.deepEqual(updated.effects.deaths, { value: 4, present: true });
    assert.deepEqual(updated.effects.lossesLocal, { value: 1234567.89, present: false });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, card.id))
      .orderBy(desc(auditLog.id))
      .limit(1);
    assert.equal(audit?.action, 'update');
    assert.equal((audit!.before as Datacard).effects.deaths.value, 3);
    assert.equal((audit!.after as Datacard).effects.deaths.value, 4);
  });

  test('moves the card to another unit and recomputes its ancestors', async () => {
    const card = await createCard();
    const res = await api.patch(`${base()}/${card.id}`, {
      version: 1,
      geoUnitId: t.otherProvinceId,
      latitude: null,
      longitude: null,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const list = await api.get(`${base()}?geoUnitId=${t.otherProvinceId}&pageSize=1000`);
    assert.ok((list.body as { items: Datacard[] }).items.some((c) => c.id === card.id));
  });

  test('409 for a stale version', async () => {
    const card = await createCard();
    await api.patch(`${base()}/${card.id}`, { version: 1, place: 'first' });
    const res = await api.patch(`${base()}/${card.id}`, { version: 1, place: 'second' });
    assert.equal(res.status, 409);
    assert.equal(errorOf(res).code, 'version_conflict');
    assert.equal(errorOf(res).details?.currentVersion, 2);
  });

  test('400 for a bad field, naming it', async () => {
    const card = await createCard();
    const res = await api.patch(`${base()}/${card.id}`, { version: 1, startMonth: 13 });
    assert.deepEqual(issuePaths(res), ['startMonth']);
  });

  test('400 without a version', async () => {
    const card = await createCard();
    const res = await api.patch(`${base()}/${card.id}`, { place: 'x' });
    assert.deepEqual(issuePaths(res), ['version']);
  });

  test("404 for another tenant's card", async () => {
    const card = await createCard();
    const res = await api.patch(`/api/tenants/${other.code}/datacards/${card.id}`, {
      version: 1,
      place: 'x',
    });
    assert.equal(res.status, 404);
  });
});

describe('DELETE /api/tenants/{code}/datacards/{id}', () => {
  test('soft-deletes: 204, then 404, and an audit row', async () => {
    const card = await createCard();
    assert.equal((await api.delete(`${base()}/${card.id}?version=1`)).status, 204);
    assert.equal((await api.get(`${base()}/${card.id}`)).status, 404);
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.entityId, card.id));
    assert.ok(rows.some((r) => r.action === 'delete'));
  });

  test('409 for a stale version', async () => {
    const card = await createCard();
    await api.patch(`${base()}/${card.id}`, { version: 1, place: 'x' });
    assert.equal((await api.delete(`${base()}/${card.id}?version=1`)).status, 409);
  });

  test("404 for another tenant's card", async () => {
    const card = await createCard();
    assert.equal((await api.delete(`/api/tenants/${other.code}/datacards/${card.id}?version=1`)).status, 404);
  });
});

describe('GET /api/tenants/{code}/datacards', () => {
  test('pages and sorts by an effect, never showing other tenants', async () => {
    await createCard({ ...valid(), serial: 'sort-a', effects: { deaths: { value: 1000, present: false } } });
    await api.post(`/api/tenants/${other.code}/datacards`, {
      eventTypeId: other.eventTypeId,
      geoUnitId: other.provinceId,
      startYear: 2001,
      effects: { deaths: { value: 99999, present: false } },
    });
    const res = await api.get(`${base()}?sort=deaths&order=desc&pageSize=2`);
    assert.equal(res.status, 200);
    const page = res.body as { items: Datacard[]; total: number; pageSize: number };
    assert.equal(page.items.length, 2);
    assert.equal(page.items[0]?.serial, 'sort-a');
    assert.ok(page.total > 2);
    const second = (await api.get(`${base()}?sort=deaths&order=desc&pageSize=2&page=2`)).body as {
      items: Datacard[];
    };
    assert.ok(second.items.every((c) => !page.items.some((p) => p.id === c.id)));
  });

  test('filters by unit with descendants', async () => {
    const res = await api.get(`${base()}?geoUnitId=${t.provinceId}&pageSize=1000`);
    const items = (res.body as { items: Datacard[] }).items;
    assert.ok(items.length > 0);
    assert.ok(items.every((c) => c.geoUnitId === t.provinceId || c.geoUnitId === t.districtId));
  });

  test('400 for an unknown sort column', async () => {
    const res = await api.get(`${base()}?sort=password`);
    assert.deepEqual(issuePaths(res), ['sort']);
  });

  test("404 for another tenant's unit filter", async () => {
    assert.equal((await api.get(`${base()}?geoUnitId=${other.provinceId}`)).status, 404);
  });
});
