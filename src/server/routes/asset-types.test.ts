import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { AssetType } from '../../shared/schemas/reference-data.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, testClient } from '../../testing/http.ts';
import { insertAssetPrice, insertAssetType } from '../../testing/sendai-factories.ts';

let database: Database;
let api: ReturnType<typeof testClient>;
let t: SeededTenant;
let other: SeededTenant;
let houses: number;
let foreign: number;

before(async () => {
  database = await openTestDatabase();
  api = testClient(database);
  t = await seedTenant(database.db, 'AT');
  other = await seedTenant(database.db, 'AT2');
  await insertAssetType(database.db, t, {
    code: '2',
    indicator: 'C-2C',
    sector: 'Agriculture',
    unit: 'Area',
  });
  houses = await insertAssetType(database.db, t, {
    code: '351',
    indicator: 'C-4',
    sector: 'Housing',
    measurement: 'M2',
    averageSize: '45',
    damageRatio: '0.25',
    infrastructureFactor: '0.25',
    equipmentFactor: '0.250',
  });
  await insertAssetPrice(database.db, t, houses, 2019, '900');
  await insertAssetPrice(database.db, t, houses, 2020, '1000');
  foreign = await insertAssetType(database.db, other, { code: '351', indicator: 'C-4' });
});
after(() => database.close());

const list = async () => (await api.get(`/api/tenants/${t.code}/asset-types`)).body as AssetType[];
const prices = (id: number, code = t.code) => `/api/tenants/${code}/asset-types/${id}/prices`;

describe('GET /api/tenants/{code}/asset-types', () => {
  test('lists the tenant’s asset types by id with parameters as numbers and prices by year', async () => {
    const types = await list();
    assert.deepEqual(
      types.map((a) => [a.code, a.indicator, a.sector]),
      [
        ['2', 'C-2C', 'Agriculture'],
        ['351', 'C-4', 'Housing'],
      ],
    );
    const h = types[1]!;
    assert.deepEqual(
      [h.averageSize, h.damageRatio, h.infrastructureFactor, h.equipmentFactor, h.measurement, h.version],
      [45, 0.25, 0.25, 0.25, 'M2', 1],
    );
    assert.deepEqual(h.prices, [
      { year: 2019, unitPrice: 900, unitPriceUsd: null },
      { year: 2020, unitPrice: 1000, unitPriceUsd: null },
    ]);
    assert.deepEqual(types[0]!.prices, []);
  });
});

describe('PUT /api/tenants/{code}/asset-types/{id}/prices', () => {
  test('replaces the prices: listed years set, others removed; new version; one audit row per year', async () => {
    const res = await api.put(prices(houses), {
      prices: [
        { year: 2020, unitPrice: 1100, unitPriceUsd: 2.5 },
        { year: 2021, unitPrice: 1200 },
      ],
      version: 1,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const body = res.body as AssetType;
    assert.equal(body.version, 2);
    assert.deepEqual(body.prices, [
      { year: 2020, unitPrice: 1100, unitPriceUsd: 2.5 },
      { year: 2021, unitPrice: 1200, unitPriceUsd: null },
    ]);
    assert.deepEqual((await list())[1]!.prices, body.prices);
    const audit = await database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.entity, 'asset_type_price')))
      .orderBy(auditLog.entityId);
    assert.deepEqual(
      audit.map((a) => [a.action, a.entityId, a.before]),
      [
        ['delete', '351/2019', { priceLocal: '900', priceUsd: null }],
        ['update', '351/2020', { priceLocal: '1000', priceUsd: null }],
        ['create', '351/2021', null],
      ],
    );
    // The same prices again change nothing, not even the version.
    const again = await api.put(prices(houses), { prices: body.prices, version: 2 });
    assert.equal((again.body as AssetType).version, 2);
  });

  test('409 for a stale version, 404 for another tenant’s or an unknown type, 400 naming the field', async () => {
    const stale = await api.put(prices(houses), { prices: [], version: 1 });
    assert.equal(stale.status, 409);
    assert.equal(errorOf(stale).code, 'version_conflict');
    assert.equal((await api.put(prices(foreign), { prices: [], version: 1 })).status, 404);
    assert.equal(
      (await api.put(`/api/tenants/${t.code}/asset-types/x/prices`, { prices: [], version: 1 })).status,
      404,
    );
    const twice = await api.put(prices(houses), {
      prices: [
        { year: 2020, unitPrice: 1 },
        { year: 2020, unitPrice: 2 },
      ],
      version: 2,
    });
    assert.equal(twice.status, 400);
    assert.deepEqual(issuePaths(twice), ['prices.1.year']);
    const bad = await api.put(prices(houses), {
      prices: [
        { year: 2020, unitPrice: null },
        { year: 2021, unitPrice: 0 },
      ],
      version: 2,
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(issuePaths(bad), ['prices.0.unitPrice', 'prices.1.unitPrice']);
    assert.equal((await list())[1]!.version, 2, 'nothing changed');
  });
});
