import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { assetTypePrices, assetTypes, auditLog } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import { insertCard, writeTempFile } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { setTenantMoney } from '../../testing/sendai-factories.ts';
import type { RequestContext } from '../context.ts';
import { computeIndicators } from '../sendai/indicators.ts';
import { importAssetParams, readAssetParamsFile } from './asset-params.ts';
import { importAssetPrices } from './asset-prices.ts';
import { readAssetPricesFile } from './asset-prices-file.ts';

const PARAMS = [
  'element_key,sfm_indicator,isic_code,fao_item_code,sector_or_item,description,average_size,unit,measurement,equipment_factor,infrastructure_factor,damage_ratio,workers_per_unit,method,suggested_data_source',
  '2,C-2C,A011,,Crops,Crops (Desinventar legacy field),1,Area,Ha,0.1,0.1,0.25,0.05,FAO Methodology,"M. Agriculture, FAO"',
  '351,C-4,,,Houses,Houses/Flats,45,Dwelling Unitss,M2,0.25,0.25,0.25,0,UNISDR Methodology,M. Housing',
].join('\n');

let database: Database;
let t: SeededTenant;
let ctx: RequestContext;

before(async () => {
  database = await openTestDatabase();
  t = await seedTenant(database.db, 'KZP');
  ctx = await setTenantMoney(database.db, t, 'KZT', 'KAZ');
  await importAssetParams(database.db, ctx, readAssetParamsFile(writeTempFile('params.csv', PARAMS)), {
    origin: 'params.csv',
  });
});
after(() => database.close());

const importFile = (name: string, text: string) =>
  importAssetPrices(database.db, ctx, readAssetPricesFile(writeTempFile(name, text)), { origin: name });

async function pricesOf(code: string) {
  const rows = await database.db
    .select({ year: assetTypePrices.year, local: assetTypePrices.priceLocal, usd: assetTypePrices.priceUsd })
    .from(assetTypePrices)
    .innerJoin(
      assetTypes,
      and(eq(assetTypes.tenantId, assetTypePrices.tenantId), eq(assetTypes.id, assetTypePrices.assetTypeId)),
    )
    .where(and(eq(assetTypes.tenantId, t.tenantId), eq(assetTypes.code, code)))
    .orderBy(assetTypePrices.year);
  return rows.map((r) => [
    r.year,
    r.local === null ? null : Number(r.local),
    r.usd === null ? null : Number(r.usd),
  ]);
}

/** The problems of a failed read or import, as 'line N, column C: message'. */
async function problemsOf(run: () => unknown): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return (error.details as { issues: { path: string; message: string }[] }).issues.map(
      (i) => `${i.path}: ${i.message}`,
    );
  }
  assert.fail('expected a validation error');
}

describe('importAssetPrices', () => {
  test('a ministry starting fresh: element keys and years priced, the card hectares then valued', async () => {
    const result = await importFile(
      'prices.csv',
      'element_key,year,unit_price,currency\n2,2020,150000,\n2,2020,350,USD\n351,2020,200000,KZT\n351,2021,210000,',
    );
    assert.deepEqual(result, { total: 4, created: 3, updated: 0, unchanged: 0 });
    assert.deepEqual(await pricesOf('2'), [[2020, 150000, 350]]);
    assert.deepEqual(await pricesOf('351'), [
      [2020, 200000, null],
      [2021, 210000, null],
    ]);
    const [crops] = await database.db
      .select({ version: assetTypes.version })
      .from(assetTypes)
      .where(and(eq(assetTypes.tenantId, t.tenantId), eq(assetTypes.code, '2')));
    assert.equal(crops?.version, 2, 'a type whose prices change gets a new version');
    const audit = await database.db
      .select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.entity, 'asset_type_price')))
      .orderBy(auditLog.entityId);
    assert.deepEqual(
      audit.map((a) => [a.action, a.entityId, a.after]),
      [
        ['create', '2/2020', { priceLocal: '150000', priceUsd: '350' }],
        ['create', '351/2020', { priceLocal: '200000', priceUsd: null }],
        ['create', '351/2021', { priceLocal: '210000', priceUsd: null }],
      ],
    );

    // 10 ha of crops, no crop detail: 150,000 x 1 x 1.2 x (0.25 x 8 + 2) = 720,000 KZT.
    await insertCard(database.db, t, { status: 'published', startYear: 2020, cropsHa: '10' });
    const report = await computeIndicators(database.db, ctx, { status: ['published'], by: [] });
    const c2 = report.rows.find((r) => r.indicator === 'C-2' && r.year === 2020 && r.dimension === 'total');
    assert.deepEqual([c2?.numerator, c2?.flags], [720_000, ['estimate']]);
  });

  test('re-running updates one currency of a year and keeps the other; an identical run changes nothing', async () => {
    const changed = await importFile(
      'again.csv',
      'asset_code,year,unit_price\n2,2020,160000\n351,2020,200000.00',
    );
    assert.deepEqual(changed, { total: 2, created: 0, updated: 1, unchanged: 1 });
    assert.deepEqual(await pricesOf('2'), [[2020, 160000, 350]]);
    const same = await importFile('same.csv', 'asset_code,year,unit_price\n2,2020,160000');
    assert.deepEqual(same, { total: 1, created: 0, updated: 0, unchanged: 1 });
    const imports = await database.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, t.tenantId), eq(auditLog.entity, 'asset_type_prices')))
      .orderBy(auditLog.id);
    assert.deepEqual(
      imports.map((a) => a.entityId),
      ['prices.csv', 'again.csv', 'same.csv'],
    );
  });

  test('a bad file names every line and column and stores nothing', async () => {
    const unreadable = writeTempFile(
      'bad.csv',
      'asset_code,year,unit_price,currency\n2,twenty,100,\n2,2020,-5,\n,2020,100,\n2,,100,\n2,2020,100,kzt1',
    );
    assert.deepEqual(await problemsOf(() => readAssetPricesFile(unreadable)), [
      "line 2, column year: 'twenty' is not a number (use a dot for decimals, no thousands separators)",
      'line 3, column unit_price: must be greater than 0',
      'line 4, column asset_code: is required',
      'line 5, column year: a value is required',
      'line 6, column currency: must be an ISO 4217 code such as KZT',
    ]);
    assert.throws(
      () => readAssetPricesFile(writeTempFile('head.csv', 'code,year,price\n2,2020,1')),
      /the header has no "asset_code" column; no "unit_price" column; unknown column "code"; unknown column "price"/,
    );
    const before = [await pricesOf('2'), await pricesOf('351')];
    const references = readAssetPricesFile(
      writeTempFile(
        'refs.csv',
        'element_key,year,unit_price,currency\n351,2022,1,\n999,2020,1,\n2,2020,1,EUR\n351,2022,2,KZT',
      ),
    );
    assert.deepEqual(
      await problemsOf(() => importAssetPrices(database.db, ctx, references, { origin: 'refs.csv' })),
      [
        "line 3, column element_key: no asset type '999' in KZP (import asset-params first)",
        "line 4, column currency: 'EUR' is neither the tenant's currency (KZT) nor USD",
        'line 5, column year: 351 2022 KZT repeats line 2',
      ],
    );
    assert.deepEqual([await pricesOf('2'), await pricesOf('351')], before, 'nothing is stored');
  });
});
