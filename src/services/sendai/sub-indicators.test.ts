/** Sub-indicators (by=subIndicator), worked by hand: C-2 and C-5 by SFM sub-indicator, D-8 by service, B-3a / B-4a. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Db } from '../../db/engine.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { seedTenant } from '../../testing/factories.ts';
import {
  insertAssetEffect,
  insertAssetType,
  insertCpi,
  tenantContext,
} from '../../testing/sendai-factories.ts';
import { computeIndicators } from './indicators.ts';
import { indicatorMarkdown } from './markdown.ts';

let database: Database;
let db: Db;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
});
after(() => database.close());

const published = { status: 'published' } as const;

describe('computeIndicators by SFM sub-indicator', () => {
  test('C-2 splits into C-2C, C-2L, … and unspecified, adding up to C-2; reported rows win per card', async () => {
    const t = await seedTenant(db, 'SUB');
    const ctx = tenantContext(t);
    const crops = await insertAssetType(db, t, { code: 'CROPS', indicator: 'C-2C' });
    const cattle = await insertAssetType(db, t, { code: 'CATTLE', indicator: 'C-2L' });
    const farm = await insertAssetType(db, t, { code: 'FARM', indicator: 'C-2' });
    // A reported crop loss beats the same card's modelled livestock value (C-2 reported wins).
    const first = await insertCard(db, t, { ...published, startYear: 2020 });
    await insertAssetEffect(db, t, first, crops, { damaged: '10', lossLocal: '100' });
    await insertAssetEffect(db, t, first, cattle, { damaged: '3', lossLocal: '999', source: 'modelled' });
    const second = await insertCard(db, t, { ...published, startYear: 2020 });
    await insertAssetEffect(db, t, second, cattle, { damaged: '2', lossLocal: '40', source: 'modelled' });
    const third = await insertCard(db, t, { ...published, startYear: 2020 });
    await insertAssetEffect(db, t, third, farm, { damaged: '1', lossLocal: '5' });

    const report = await computeIndicators(db, ctx, { status: ['published'], by: ['subIndicator'] });
    const subs = report.rows.filter((r) => r.dimension === 'subIndicator' && r.indicator === 'C-2');
    assert.deepEqual(
      subs.map((r) => [r.indicator, r.category, r.numerator, r.flags]),
      [
        ['C-2', 'C-2C', 100, []],
        ['C-2', 'C-2L', 40, ['estimate']],
        ['C-2', 'C-2FO', 0, []],
        ['C-2', 'C-2A', 0, []],
        ['C-2', 'C-2FI', 0, []],
        ['C-2', 'C-2LA', 0, []],
        ['C-2', 'C-2LB', 0, []],
        ['C-2', 'unspecified', 5, []],
      ],
    );
    const total = report.rows.find((r) => r.indicator === 'C-2' && r.dimension === 'total')!;
    assert.equal(total.numerator, 145);
    assert.equal(
      subs.reduce((n, r) => n + r.numerator, 0),
      total.numerator,
    );
    assert.match(
      indicatorMarkdown(report),
      /### By SFM sub-indicator\n\n.*\n.*\n\| C-2 \| C-2C \| 100 \| USD \|/,
    );
    // Without the option the rows are not there.
    const plain = await computeIndicators(db, ctx, { status: ['published'], by: [] });
    assert.ok(!plain.rows.some((r) => r.dimension === 'subIndicator'));

    // The money basis applies to the sub-indicators too: 100 x 200 / 250.
    await insertCpi(db, 'USA', { 2015: 200, 2020: 250 });
    const constant = await computeIndicators(db, ctx, {
      status: ['published'],
      by: ['subIndicator'],
      money: { currency: 'usd', basis: 'constant', baseYear: 2015 },
    });
    const c2c = constant.rows.find((r) => r.dimension === 'subIndicator' && r.category === 'C-2C')!;
    assert.deepEqual([c2c.numerator, c2c.unit, c2c.flags], [80, 'USD (constant 2015)', ['deflated']]);
  });

  test('C-5 splits into C-5a health, C-5b education, C-5c other infrastructure (asset types of D-2, D-3, C-5/D-4 or of the sub-indicator itself) and unspecified, adding up to C-5', async () => {
    const t = await seedTenant(db, 'SUBC5');
    const ctx = tenantContext(t);
    const clinic = await insertAssetType(db, t, { code: 'CLINIC', indicator: 'D-2' });
    const school = await insertAssetType(db, t, { code: 'SCHOOL', indicator: 'D-3' });
    const bridge = await insertAssetType(db, t, { code: 'BRIDGE', indicator: 'D-4' });
    const road = await insertAssetType(db, t, { code: 'ROAD', indicator: 'C-5' });
    const dam = await insertAssetType(db, t, { code: 'DAM', indicator: 'C-5X' });
    const ward = await insertAssetType(db, t, { code: 'WARD', indicator: 'C-5a' });
    const card = await insertCard(db, t, { ...published, startYear: 2021 });
    await insertAssetEffect(db, t, card, clinic, { damaged: '1', lossLocal: '300' });
    await insertAssetEffect(db, t, card, school, { destroyed: '1', lossLocal: '200' });
    await insertAssetEffect(db, t, card, bridge, { damaged: '2', lossLocal: '70' });
    await insertAssetEffect(db, t, card, road, { damaged: '1', lossLocal: '30' });
    await insertAssetEffect(db, t, card, dam, { damaged: '1', lossLocal: '9' });
    await insertAssetEffect(db, t, card, ward, { damaged: '1', lossLocal: '50' });
    const report = await computeIndicators(db, ctx, { status: ['published'], by: ['subIndicator'] });
    const subs = report.rows.filter((r) => r.dimension === 'subIndicator' && r.indicator === 'C-5');
    assert.deepEqual(
      subs.map((r) => [r.category, r.numerator]),
      [
        ['C-5a', 350],
        ['C-5b', 200],
        ['C-5c', 100],
        ['unspecified', 9],
      ],
    );
    const total = report.rows.find((r) => r.indicator === 'C-5' && r.dimension === 'total')!;
    assert.equal(total.numerator, 659);
  });

  test('D-8 by basic service: sector columns and service asset rows, a flagged sector counts one (estimate), adding up to D-8', async () => {
    const t = await seedTenant(db, 'SUBD8');
    const ctx = tenantContext(t);
    const admin = await insertAssetType(db, t, { code: 'SENDAI:D-8-PUBLIC-ADMIN', indicator: 'D-8' });
    const market = await insertAssetType(db, t, { code: 'MARKET', indicator: 'D-8' });
    const first = await insertCard(db, t, {
      ...published,
      startYear: 2022,
      sectorWater: 3,
      sectorWaterPresent: true,
      sectorEnergy: null,
      sectorEnergyPresent: true,
    });
    await insertAssetEffect(db, t, first, admin, { affected: '2' });
    const second = await insertCard(db, t, {
      ...published,
      startYear: 2022,
      sectorWater: 1,
      sectorWaterPresent: true,
    });
    await insertAssetEffect(db, t, second, market, { affected: '4' });
    const report = await computeIndicators(db, ctx, { status: ['published'], by: ['subIndicator'] });
    const services = report.rows.filter((r) => r.dimension === 'subIndicator' && r.indicator === 'D-8');
    assert.deepEqual(
      services.map((r) => [r.category, r.numerator, r.flags, r.unit]),
      [
        ['water_supply', 4, [], 'disruptions'],
        ['sewage_service', 0, [], 'disruptions'],
        ['solid_waste_service', 0, [], 'disruptions'],
        ['transportation_service', 0, [], 'disruptions'],
        ['electricity_power', 1, ['estimate'], 'disruptions'],
        ['ict_system', 0, [], 'disruptions'],
        ['relief_and_emergency_service', 0, [], 'disruptions'],
        ['public_admin_service', 2, [], 'disruptions'],
        ['unspecified', 4, [], 'disruptions'],
      ],
    );
    const total = report.rows.find((r) => r.indicator === 'D-8' && r.dimension === 'total')!;
    assert.deepEqual([total.numerator, total.flags], [11, ['estimate']]);
    assert.equal(
      services.reduce((n, r) => n + r.numerator, 0),
      total.numerator,
    );
  });

  test('B-3a and B-4a count the damaged and destroyed dwellings of the cards, in every disaggregation of cards', async () => {
    const t = await seedTenant(db, 'SUBB3A');
    const ctx = tenantContext(t);
    await insertCard(db, t, { ...published, startYear: 2023, housesDamaged: 5, housesDestroyed: 2 });
    await insertCard(db, t, { ...published, startYear: 2023, housesDamaged: 7, housesDestroyed: null });
    await insertCard(db, t, {
      ...published,
      startYear: 2023,
      housesDamaged: null,
      housesDamagedPresent: true,
    });
    const report = await computeIndicators(db, ctx, { status: ['published'], by: ['hazardType'] });
    const total = (code: string) => report.rows.find((r) => r.indicator === code && r.dimension === 'total')!;
    assert.deepEqual(
      [total('B-3a').numerator, total('B-3a').unit, total('B-3a').flags],
      [12, 'dwellings', ['unquantified']],
    );
    assert.deepEqual([total('B-4a').numerator, total('B-4a').flags], [2, []]);
    // People in those dwellings (B-3) are estimated from the same houses.
    assert.ok(total('B-3').flags.includes('estimate'));
    const byHazard = report.rows.filter((r) => r.indicator === 'B-3a' && r.dimension === 'hazardType');
    assert.equal(
      byHazard.reduce((n, r) => n + r.numerator, 0),
      12,
    );
    assert.ok(report.definitions.some((d) => d.code === 'B-4a' && d.unit === 'dwellings'));
  });
});
