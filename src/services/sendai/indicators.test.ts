import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Db } from '../../db/engine.ts';
import { baselines, eventTypes, exchangeRates } from '../../db/schema/index.ts';
import type { IndicatorOptions, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { insertCard, seedHazards } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import {
  insertAssetEffect,
  insertAssetPrice,
  insertAssetType,
  insertBaselines,
  insertHumanEffects,
  tenantContext,
} from '../../testing/sendai-factories.ts';
import { indicatorCsv } from './csv.ts';
import { computeIndicators } from './indicators.ts';
import { indicatorMarkdown } from './markdown.ts';
import { sdgReport } from './sdg.ts';

let database: Database;
let db: Db;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
  await seedHazards(db);
});
after(() => database.close());

const published = { status: 'published' } as const;
const district = (t: SeededTenant) => ({
  geoUnitId: t.districtId,
  geoAncestors: [t.provinceId, t.districtId],
});

async function compute(t: SeededTenant, options: Partial<IndicatorOptions> = {}) {
  return computeIndicators(db, tenantContext(t), { status: ['published'], by: [], ...options });
}

/** The row of an indicator in a year and category (national total by default). */
function row(rows: IndicatorRow[], indicator: string, year: number, dimension = 'total', category = 'all') {
  const found = rows.find(
    (r) =>
      r.indicator === indicator && r.year === year && r.dimension === dimension && r.category === category,
  );
  assert.ok(found, `no ${indicator} ${year} ${dimension} ${category}`);
  return found;
}

const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} != ${expected}`);

describe('computeIndicators (Sendai targets A-D)', () => {
  test('A-1 = (deaths + missing) / population x 100,000; only the chosen card states count', async () => {
    const t = await seedTenant(db, 'SA');
    await insertBaselines(db, t, 2020, { population: 1_000_000 });
    await insertCard(db, t, { ...published, ...district(t), startYear: 2020, deaths: 3, missing: 1 });
    await insertCard(db, t, {
      ...published,
      geoUnitId: t.otherProvinceId,
      geoAncestors: [t.otherProvinceId],
      startYear: 2020,
      deaths: 2,
      missing: 0,
    });
    await insertCard(db, t, { status: 'draft', startYear: 2020, deaths: 100, missing: 4 });
    await insertCard(db, t, { ...published, startYear: 2020, deaths: 50, deletedAt: '2024-01-01T00:00:00Z' });

    const report = await compute(t);
    assert.deepEqual([report.from, report.to], [2020, 2020]);
    const a1 = row(report.rows, 'A-1', 2020);
    assert.deepEqual([a1.numerator, a1.denominator, a1.unit, a1.flags], [6, 1_000_000, 'per_100000', []]);
    close(a1.value, 0.6);
    close(row(report.rows, 'A-2', 2020).value, 0.5);
    close(row(report.rows, 'A-3', 2020).value, 0.1);

    const all = await compute(t, { status: 'all' });
    assert.equal(row(all.rows, 'A-1', 2020).numerator, 110);
    const drafts = await compute(t, { status: ['draft'] });
    close(row(drafts.rows, 'A-1', 2020).value, 10.4);
  });

  test('a missing population gives no rate and a flag, never a zero; empty years are listed', async () => {
    const t = await seedTenant(db, 'SB');
    await insertCard(db, t, { ...published, startYear: 2021, deaths: 5, deathsPresent: true });
    await insertCard(db, t, { ...published, startYear: 2021, missing: null, missingPresent: true });
    const { rows } = await compute(t, { from: 2019, to: 2021 });
    const a2 = row(rows, 'A-2', 2021);
    assert.deepEqual(
      [a2.value, a2.numerator, a2.denominator, a2.flags],
      [null, 5, null, ['missing_denominator']],
    );
    assert.deepEqual(row(rows, 'A-3', 2021).flags, ['missing_denominator', 'unquantified']);
    assert.deepEqual([row(rows, 'A-1', 2019).numerator, row(rows, 'A-1', 2019).value], [0, null]);
    assert.deepEqual([...new Set(rows.map((r) => r.year))], [2019, 2020, 2021]);
  });

  test('B-1 = B-2 + B-3 + B-4 + B-5, dwellings x persons per household when only houses are known', async () => {
    const t = await seedTenant(db, 'SC');
    await insertBaselines(db, t, 2020, { population: 1_000_000, persons_per_household: 3 });
    await insertCard(db, t, {
      ...published,
      startYear: 2020,
      injured: 10,
      housesDamaged: 5,
      housesDestroyed: 2,
      directlyAffected: 100,
    });
    const reported = await insertCard(db, t, { ...published, startYear: 2020, housesDamaged: 10 });
    await insertHumanEffects(db, t, reported, [
      ['livingDamagedDwellings', 'total', 'all', 25],
      ['livelihoods', 'total', 'all', 7],
    ]);
    await insertCard(db, t, { ...published, startYear: 2021, housesDamaged: 2 });

    const { rows } = await compute(t);
    // 5 damaged houses x 3 persons + 25 people reported (the reported figure beats 10 houses x 3).
    assert.deepEqual([row(rows, 'B-3', 2020).numerator, row(rows, 'B-3', 2020).flags], [40, ['estimate']]);
    assert.deepEqual([row(rows, 'B-4', 2020).numerator, row(rows, 'B-4', 2020).unit], [6, 'persons']);
    assert.equal(row(rows, 'B-5', 2020).numerator, 7);
    const b1 = row(rows, 'B-1', 2020);
    assert.deepEqual([b1.numerator, b1.flags], [10 + 40 + 6 + 7, ['estimate']]);
    close(b1.value, 6.3);
    // DesInventar's directly affected is shown beside B-1, not added to it.
    close(row(rows, 'B-1-DI', 2020).value, 10);
    // No household size for 2021: DESIGN's default of 4, flagged.
    const b3 = row(rows, 'B-3', 2021);
    assert.deepEqual([b3.numerator, b3.flags], [8, ['default_household_size', 'estimate']]);
    // Houses without a housing asset type to value them: flagged, not a silent zero.
    assert.deepEqual([row(rows, 'C-4', 2020).numerator, row(rows, 'C-4', 2020).flags], [0, ['unvalued']]);
  });

  test('C-1 = direct loss / GDP x 100; reported beats modelled; modelled values are flagged estimates', async () => {
    const t = await seedTenant(db, 'SD');
    await insertBaselines(db, t, 2020, { population: 1_000_000, gdp: 2_000_000_000 });
    const factors = { damageRatio: '0.25', infrastructureFactor: '0.25', equipmentFactor: '0.25' };
    const houses = await insertAssetType(db, t, {
      code: 'HOUSES',
      indicator: 'C-4',
      averageSize: '45',
      unitPriceLocal: '1000',
      ...factors,
    });
    const flats = await insertAssetType(db, t, { code: 'FLATS', indicator: 'C-4' });
    const crops = await insertAssetType(db, t, {
      code: 'CROPS',
      indicator: 'C-2C',
      damageRatio: '0.25',
      infrastructureFactor: '0.1',
      equipmentFactor: '0.1',
    });
    await insertAssetPrice(db, t, crops, 2020, '200');
    // Modelled from the card's houses: 1000 x 45 x (1 + 0.25 + 0.25) x (0.25 x 5 + 2) = 219,375.
    await insertCard(db, t, { ...published, startYear: 2020, housesDamaged: 5, housesDestroyed: 2 });
    // Reported: card total 800,000; housing 500,000 reported beats the modelled 999 of the same sub-indicator.
    const reported = await insertCard(db, t, {
      ...published,
      startYear: 2020,
      housesDamaged: 10,
      lossesLocal: '800000',
    });
    await insertAssetEffect(db, t, reported, houses, { damaged: '10', lossLocal: '500000' });
    await insertAssetEffect(db, t, reported, flats, { damaged: '3', lossLocal: '999', source: 'modelled' });
    // Crops without a loss: 200 x 1 x 1.2 x (0.25 x 100 + 20) = 10,800.
    const farm = await insertCard(db, t, { ...published, startYear: 2020 });
    await insertAssetEffect(db, t, farm, crops, { damaged: '100', destroyed: '20' });

    const { rows } = await compute(t);
    assert.deepEqual(
      [row(rows, 'C-4', 2020).numerator, row(rows, 'C-4', 2020).flags],
      [719_375, ['estimate']],
    );
    assert.equal(row(rows, 'C-4', 2020).unit, 'USD');
    assert.deepEqual(
      [row(rows, 'C-2', 2020).numerator, row(rows, 'C-2', 2020).flags],
      [10_800, ['estimate']],
    );
    assert.deepEqual([row(rows, 'C-3', 2020).numerator, row(rows, 'C-3', 2020).flags], [0, []]);
    const c1 = row(rows, 'C-1', 2020);
    assert.deepEqual(
      [c1.numerator, c1.denominator, c1.unit, c1.flags],
      [1_030_175, 2e9, 'percent_of_gdp', ['estimate']],
    );
    close(c1.value, 0.05150875);
  });

  test('a USD-only loss is converted at the year rate and flagged; without a rate it is left out, flagged', async () => {
    const t = await seedTenant(db, 'SI');
    await insertBaselines(db, t, 2020, { gdp: 400_000_000_000, exchange_rate: 400 });
    await insertBaselines(db, t, 2022, { exchange_rate: 1 });
    await db.insert(exchangeRates).values({ currency: 'KZT', year: 2022, perUsd: '500' });
    await db
      .insert(baselines)
      .values({ tenantId: t.tenantId, year: 2022, metric: 'gdp', valueUsd: '1000000000' });
    for (const [startYear, lossesUsd] of [
      [2020, '1000'],
      [2021, '50'],
      [2022, '10'],
    ] as const)
      await insertCard(db, t, { ...published, startYear, lossesUsd });
    const ctx = tenantContext(t, 'KZT');
    const { rows } = await computeIndicators(db, ctx, { status: ['published'], by: [] });
    const converted = row(rows, 'C-1', 2020);
    assert.deepEqual([converted.numerator, converted.flags], [400_000, ['converted']]);
    close(converted.value, 0.0001);
    const unconverted = row(rows, 'C-1', 2021);
    assert.deepEqual(
      [unconverted.numerator, unconverted.flags],
      [0, ['missing_denominator', 'missing_exchange_rate']],
    );
    // The global exchange rate table wins over the tenant's baseline; GDP known in USD only is converted too.
    const table = row(rows, 'C-1', 2022);
    assert.deepEqual([table.numerator, table.denominator, table.flags], [5000, 5e11, ['converted']]);
  });

  test('sex and age rows add up to the total; rates use the category population', async () => {
    const t = await seedTenant(db, 'SE');
    await insertBaselines(db, t, 2020, { population: 1_000_000, population_female: 500_000 });
    const card = await insertCard(db, t, { ...published, startYear: 2020, deaths: 3 });
    await insertHumanEffects(db, t, card, [
      ['deaths', 'sex', 'female', 2],
      ['deaths', 'sex', 'male', 1],
      ['deaths', 'age', '0-14', 1],
      ['deaths', 'age', '15-64', 1],
    ]);
    await insertCard(db, t, { ...published, startYear: 2020, deaths: 2 });
    const wrong = await insertCard(db, t, { ...published, startYear: 2021, deaths: 1 });
    await insertHumanEffects(db, t, wrong, [['deaths', 'sex', 'female', 2]]);

    const { rows } = await compute(t, { by: ['sex', 'age'] });
    const sex = rows.filter((r) => r.indicator === 'A-2' && r.year === 2020 && r.dimension === 'sex');
    assert.deepEqual(
      sex.map((r) => [r.category, r.numerator]),
      [
        ['female', 2],
        ['male', 1],
        ['unspecified', 2],
      ],
    );
    close(sex[0]!.value, 0.4);
    assert.deepEqual([sex[1]!.value, sex[1]!.flags], [null, ['missing_denominator']]);
    const age = rows.filter((r) => r.indicator === 'A-1' && r.year === 2020 && r.dimension === 'age');
    assert.deepEqual(
      age.map((r) => [r.category, r.numerator]),
      [
        ['0-14', 1],
        ['15-64', 1],
        ['65+', 0],
        ['unspecified', 3],
      ],
    );
    assert.equal(
      age.reduce((n, r) => n + r.numerator, 0),
      row(rows, 'A-1', 2020).numerator,
    );
    assert.ok(row(rows, 'A-2', 2021, 'sex', 'female').flags.includes('inconsistent_disaggregation'));
  });

  test('hazard rows use the event type hazard; unit rows use the unit population', async () => {
    const t = await seedTenant(db, 'SF');
    const [quake] = await db
      .insert(eventTypes)
      .values({ tenantId: t.tenantId, code: 'EQ', names: { en: 'Earthquake' }, hazardCode: 'GH0101' })
      .returning();
    await insertBaselines(db, t, 2020, { population: 1_000_000 });
    await insertBaselines(db, t, 2020, { population: 200_000 }, t.provinceId);
    await insertCard(db, t, { ...published, ...district(t), startYear: 2020, deaths: 4 });
    await insertCard(db, t, {
      ...published,
      geoUnitId: t.otherProvinceId,
      geoAncestors: [t.otherProvinceId],
      startYear: 2020,
      deaths: 1,
      eventTypeId: quake!.id,
    });

    const { rows } = await compute(t, { by: ['hazardType', 'hazardCluster', 'hazard', 'geo'] });
    close(row(rows, 'A-2', 2020, 'hazardType', 'Meteorological and Hydrological').value, 0.4);
    close(row(rows, 'A-2', 2020, 'hazardType', 'Geological').value, 0.1);
    assert.equal(row(rows, 'A-2', 2020, 'hazardCluster', 'Seismic').numerator, 1);
    assert.equal(row(rows, 'A-2', 2020, 'hazard', 'MH0600').numerator, 4);
    const p1 = row(rows, 'A-2', 2020, 'geo', `${t.code}-P1`);
    assert.deepEqual([p1.numerator, p1.denominator, p1.value], [4, 200_000, 2]);
    assert.deepEqual(row(rows, 'A-2', 2020, 'geo', `${t.code}-P2`).flags, ['missing_denominator']);
  });

  test('D-1..D-8: asset detail beats card counts; sectors flagged without a count count once', async () => {
    const t = await seedTenant(db, 'SG');
    const plain = await insertCard(db, t, {
      ...published,
      startYear: 2020,
      healthCentres: 2,
      educationCentres: 1,
      roadsM: '1500',
      sectorEducation: 3,
      sectorEducationPresent: true,
      sectorHealthPresent: true,
      sectorWater: 2,
    });
    const detailed = await insertCard(db, t, { ...published, startYear: 2020, healthCentres: 5 });
    const hospital = await insertAssetType(db, t, { code: 'HOSP', indicator: 'D-2' });
    const bridge = await insertAssetType(db, t, { code: 'BRIDGE', indicator: 'C-5', measurement: 'units' });
    await insertAssetEffect(db, t, detailed, hospital, { damaged: '1', destroyed: '1' });
    // A card with asset detail of another kind keeps its own health centre count.
    await insertAssetEffect(db, t, plain, bridge, { damaged: '3' });

    const { rows } = await compute(t, { by: ['damage'] });
    const counts = ['D-1', 'D-2', 'D-3', 'D-4', 'D-5', 'D-6', 'D-7', 'D-8'].map(
      (code) => row(rows, code, 2020).numerator,
    );
    assert.deepEqual(counts, [8, 4, 1, 3, 6, 3, 1, 2]);
    assert.deepEqual(row(rows, 'D-7', 2020).flags, ['estimate']);
    assert.deepEqual(row(rows, 'D-4', 2020, 'infrastructure', 'roads').numerator, 1.5);
    const split = rows
      .filter((r) => r.indicator === 'D-2' && r.dimension === 'damage')
      .map((r) => r.numerator);
    assert.deepEqual(split, [1, 1, 2]);
  });

  test('SDG view, CSV and Markdown exports', async () => {
    const t = await seedTenant(db, 'SH');
    await insertBaselines(db, t, 2020, { population: 1_000_000, gdp: 1_000_000_000 });
    await insertCard(db, t, {
      ...published,
      startYear: 2020,
      deaths: 1,
      missing: 1,
      injured: 3,
      lossesLocal: '1000000',
    });
    const report = await compute(t);
    const sdg = sdgReport(report);
    close(row(sdg.rows, '1.5.1', 2020).value, 0.5);
    assert.equal(row(sdg.rows, '13.1.1', 2020).numerator, 5);
    close(row(sdg.rows, '1.5.2', 2020).value, 0.1);
    assert.equal(row(sdg.rows, '11.5.3a', 2020).numerator, 0);

    const [header, first] = indicatorCsv(report.rows).split('\n');
    assert.equal(header, 'indicator,year,dimension,category,value,numerator,denominator,unit,flags');
    assert.equal(first, 'A-1,2020,total,all,0.2,2,1000000,per_100000,');
    const markdown = indicatorMarkdown(report);
    assert.match(markdown, /^# Sendai Framework indicators — SH \(2020–2020\)/);
    assert.match(
      markdown,
      /\| A-1 \| Deaths and missing persons .* \| 0\.2 \| per_100000 \| 2 \| 1,000,000 \|/,
    );
  });
});
