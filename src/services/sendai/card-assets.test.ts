/** C-2 and C-5 modelled from the card's crops, livestock, health and education centres and roads, worked by hand. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Db } from '../../db/engine.ts';
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import {
  insertAssetEffect,
  insertAssetPrice,
  insertAssetType,
  tenantContext,
} from '../../testing/sendai-factories.ts';
import { computeIndicators } from './indicators.ts';

let database: Database;
let db: Db;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
});
after(() => database.close());

const published = { status: 'published' } as const;
/** DesInventar-Sendai crop and livestock defaults: unit 1, damage ratio 0.25, factors 0.1 + 0.1. */
const FAO = { averageSize: '1', damageRatio: '0.25', infrastructureFactor: '0.1', equipmentFactor: '0.1' };

const compute = (t: SeededTenant, by: 'subIndicator'[] = []) =>
  computeIndicators(db, tenantContext(t), { status: ['published'], by });
function row(rows: IndicatorRow[], indicator: string, year: number, category = 'all') {
  const found = rows.find((r) => r.indicator === indicator && r.year === year && r.category === category);
  assert.ok(found, `no ${indicator} ${year} ${category}`);
  return [found.numerator, found.flags];
}

describe('computeIndicators: card columns valued as asset types', () => {
  test('crops, livestock, health centres and roads of a card without such detail are estimates', async () => {
    const t = await seedTenant(db, 'CA');
    // Wheat comes first and is dearer, but the legacy crop asset (element key 2) values the card's hectares.
    const wheat = await insertAssetType(db, t, { code: '3', indicator: 'C-2C', ...FAO });
    const crops = await insertAssetType(db, t, { code: '2', indicator: 'C-2C', ...FAO });
    const livestock = await insertAssetType(db, t, { code: '174', indicator: 'C-2L', ...FAO });
    const hospital = await insertAssetType(db, t, {
      code: '428',
      indicator: 'D-2',
      averageSize: '500',
      damageRatio: '0.25',
      infrastructureFactor: '0.25',
      equipmentFactor: '0',
    });
    await insertAssetType(db, t, { code: '433', indicator: 'D-3', averageSize: '500' });
    const road = await insertAssetType(db, t, {
      code: '357',
      indicator: 'C-5',
      measurement: 'M',
      averageSize: '1',
      damageRatio: '0.25',
      infrastructureFactor: '0.1',
      equipmentFactor: '0',
    });
    await insertAssetPrice(db, t, wheat, 2020, '5000');
    await insertAssetPrice(db, t, crops, 2020, '1000');
    await insertAssetPrice(db, t, livestock, 2020, '300');
    await insertAssetPrice(db, t, hospital, 2020, '200');
    await insertAssetPrice(db, t, road, 2020, '50');

    // 10 ha (a total: 8 damaged, 2 destroyed): 1000 x 1.2 x (0.25 x 8 + 2) = 4,800.
    // 4 head lost (destroyed): 300 x 1.2 x 4 = 1,440.
    // 1 health centre (0.8 / 0.2): 200 x 500 x 1.25 x (0.25 x 0.8 + 0.2) = 50,000.
    // 100 m of road (80 / 20): 50 x 1.1 x (0.25 x 80 + 20) = 2,200.
    await insertCard(db, t, {
      ...published,
      startYear: 2020,
      cropsHa: '10',
      livestock: 4,
      healthCentres: 1,
      roadsM: '100',
    });
    // Crop detail wins over the card's 5 ha: wheat 5000 x 1.2 x 0.25 x 3 = 4,500.
    // Two schools, but the school type has no price: flagged, not a zero.
    const detailed = await insertCard(db, t, {
      ...published,
      startYear: 2020,
      cropsHa: '5',
      educationCentres: 2,
    });
    await insertAssetEffect(db, t, detailed, wheat, { damaged: '3' });
    // Prices are by year: 2021 has none.
    await insertCard(db, t, { ...published, startYear: 2021, cropsHa: '3' });

    const { rows } = await compute(t, ['subIndicator']);
    assert.deepEqual(row(rows, 'C-2', 2020), [4800 + 1440 + 4500, ['estimate']]);
    assert.deepEqual(row(rows, 'C-2', 2020, 'C-2C'), [4800 + 4500, ['estimate']]);
    assert.deepEqual(row(rows, 'C-2', 2020, 'C-2L'), [1440, ['estimate']]);
    assert.deepEqual(row(rows, 'C-5', 2020), [52_200, ['estimate', 'unvalued']]);
    assert.deepEqual(row(rows, 'C-1', 2020)[0], 10_740 + 52_200);
    assert.deepEqual(row(rows, 'C-2', 2021), [0, ['unvalued']]);
    // The counts of target D are unchanged by the valuation.
    assert.deepEqual(row(rows, 'D-2', 2020), [1, []]);
    assert.deepEqual(row(rows, 'D-3', 2020), [2, []]);
  });

  test('a type measured in km prices km; a kind without any asset type is unvalued; a reported loss wins', async () => {
    const t = await seedTenant(db, 'CB');
    const road = await insertAssetType(db, t, {
      code: 'ROAD-KM',
      indicator: 'C-5',
      measurement: 'km',
      damageRatio: '0.25',
    });
    await insertAssetPrice(db, t, road, 2020, '40000');
    const bridge = await insertAssetType(db, t, { code: 'BRIDGE', indicator: 'C-5', measurement: 'units' });
    // 2,000 m = 2 km (1.6 damaged, 0.4 destroyed): 40,000 x (0.25 x 1.6 + 0.4) = 32,000; no crop type at all.
    await insertCard(db, t, { ...published, startYear: 2020, roadsM: '2000', cropsHa: '7' });
    // A reported bridge loss of the same target wins over the card's modelled roads.
    const reported = await insertCard(db, t, { ...published, startYear: 2021, roadsM: '2000' });
    await insertAssetEffect(db, t, reported, bridge, { damaged: '1', lossLocal: '900' });

    const { rows } = await compute(t);
    assert.deepEqual(row(rows, 'C-5', 2020), [32_000, ['estimate']]);
    assert.deepEqual(row(rows, 'C-2', 2020), [0, ['unvalued']]);
    assert.deepEqual(row(rows, 'C-5', 2021), [900, []]);
  });
});
