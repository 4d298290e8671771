import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { assetTypes, auditLog } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import { writeTempFile } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { importAssetParams, readAssetParamsFile } from './asset-params.ts';

const PARAMETERS = join(
  import.meta.dirname,
  '../../../../shared/data/reference/sendai/desinventar-sendai-asset-parameters.csv',
);
const skipWithoutFile = existsSync(PARAMETERS) ? false : `reference file ${PARAMETERS} is absent`;

const HEADER =
  'element_key,sfm_indicator,isic_code,fao_item_code,sector_or_item,description,average_size,unit,measurement,equipment_factor,infrastructure_factor,damage_ratio,workers_per_unit,method,suggested_data_source';
const SMALL = [
  HEADER,
  '3,C-2C,A0111,15,Wheat,"Growing of cereals (except rice), leguminous crops and oil seeds",1,Area,Ha,0.1,0.1,0.25,0.05,FAO Methodology,"M. Agriculture, FAO"',
  '218,C-3,C,,Manufacturing - Small factory,Factories (<= 500 M2),400,Factory,M2,1,0.25,0.25,10,UNISDR Methodology,M. Commerce/trade/industry',
].join('\n');

let database: Database;
let t: SeededTenant;
let ctx: RequestContext;

before(async () => {
  database = await openTestDatabase();
  t = await seedTenant(database.db, 'AST');
  ctx = withTenant(systemContext('test'), {
    id: t.tenantId,
    code: 'AST',
    currency: 'USD',
    defaultLanguage: 'en',
  });
});
after(() => database.close());

const byCode = async (code: string) =>
  (
    await database.db
      .select()
      .from(assetTypes)
      .where(and(eq(assetTypes.tenantId, t.tenantId), eq(assetTypes.code, code)))
  )[0];

describe('importAssetParams', () => {
  test('updates an existing asset type by code, creates the missing one, audits each change', async () => {
    await database.db.insert(assetTypes).values({
      tenantId: t.tenantId,
      code: '3',
      names: { en: 'Wheat', ru: 'Пшеница' },
      damageRatio: '0.5',
      unitPriceLocal: '120',
    });
    const items = readAssetParamsFile(writeTempFile('params.csv', SMALL));
    const result = await importAssetParams(database.db, ctx, items, { origin: 'params.csv' });
    assert.deepEqual(result, { total: 2, created: 1, updated: 1, unchanged: 0 });
    const wheat = await byCode('3');
    assert.deepEqual(wheat?.names, { en: 'Wheat', ru: 'Пшеница' }, 'names are kept');
    assert.equal(wheat?.damageRatio, '0.25');
    assert.equal(wheat?.unitPriceLocal, '120', 'prices are not in the file and are kept');
    assert.equal(wheat?.faoCode, '15');
    assert.equal(wheat?.version, 2);
    const factory = await byCode('218');
    assert.deepEqual(factory?.names, { en: 'Manufacturing - Small factory' });
    assert.deepEqual(
      [factory?.averageSize, factory?.equipmentFactor, factory?.infrastructureFactor, factory?.workers],
      ['400', '1', '0.25', '10'],
    );
    assert.deepEqual(
      [factory?.indicator, factory?.isicCode, factory?.formula],
      ['C-3', 'C', 'UNISDR Methodology'],
    );
    const [change] = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'asset_type'), eq(auditLog.entityId, '3')));
    assert.equal(change?.action, 'update');
    const { before: was, after: now } = change as {
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    };
    assert.deepEqual([was.damageRatio, now.damageRatio], ['0.5', '0.25']);
    const again = await importAssetParams(database.db, ctx, items, { origin: 'params.csv' });
    assert.deepEqual(again, { total: 2, created: 0, updated: 0, unchanged: 2 });
  });

  test('--fill-only keeps the parameters an asset type already has', async () => {
    await database.db
      .update(assetTypes)
      .set({ damageRatio: '0.4', source: null })
      .where(and(eq(assetTypes.tenantId, t.tenantId), eq(assetTypes.code, '218')));
    const items = readAssetParamsFile(writeTempFile('params.csv', SMALL));
    await importAssetParams(database.db, ctx, items, { origin: 'params.csv', fillOnly: true });
    const factory = await byCode('218');
    assert.equal(factory?.damageRatio, '0.4');
    assert.equal(factory?.source, 'M. Commerce/trade/industry');
  });

  test('the DesInventar-Sendai defaults: 496 asset types', { skip: skipWithoutFile }, async () => {
    const other = await seedTenant(database.db, 'AS2');
    const otherCtx = withTenant(ctx, {
      id: other.tenantId,
      code: 'AS2',
      currency: 'USD',
      defaultLanguage: 'en',
    });
    const items = readAssetParamsFile(PARAMETERS);
    assert.equal(items.length, 496);
    const result = await importAssetParams(database.db, otherCtx, items, { origin: 'defaults' });
    assert.deepEqual(result, { total: 496, created: 496, updated: 0, unchanged: 0 });
    const rows = await database.db.select().from(assetTypes).where(eq(assetTypes.tenantId, other.tenantId));
    assert.equal(rows.length, 496);
    assert.equal(rows.filter((r) => r.indicator === 'C-2C').length, 173);
  });
});

describe('readAssetParamsFile', () => {
  test('names each bad line and column', () => {
    const bad = [
      HEADER,
      '1,C-2C,A01,,Crops,,x,Area,Ha,0.1,0.1,1.5,0.05,FAO,FAO',
      '1,C-2C,A01,,,,1,Area,Ha,0.1,0.1,0.2,0.05,FAO,FAO',
    ];
    assert.throws(
      () => readAssetParamsFile(writeTempFile('bad.csv', bad.join('\n'))),
      (e: unknown) =>
        e instanceof AppError &&
        /line 2, column average_size: 'x' is not a number/.test(e.message) &&
        /line 2, column damage_ratio: must be between 0 and 1/.test(e.message) &&
        /line 3, column sector_or_item: is required/.test(e.message),
    );
  });
});
