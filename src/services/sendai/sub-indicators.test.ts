/** C-2 by SFM sub-indicator (by=subIndicator), worked by hand. */
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
    const subs = report.rows.filter((r) => r.dimension === 'subIndicator');
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
});
