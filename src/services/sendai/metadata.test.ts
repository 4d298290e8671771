/** National metadata of the readable report: states, exchange rates, household size, valuation. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database, Db } from '../../db/engine.ts';
import { insertCard } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { seedTenant } from '../../testing/factories.ts';
import {
  insertAssetType,
  insertBaselines,
  insertCpi,
  insertRates,
  setTenantMoney,
  tenantContext,
} from '../../testing/sendai-factories.ts';
import { computeIndicators } from './indicators.ts';
import { indicatorMarkdown } from './markdown.ts';
import { loadNationalMetadata } from './metadata.ts';

let database: Database;
let db: Db;

before(async () => {
  database = await openTestDatabase();
  db = database.db;
});
after(() => database.close());

const years = { from: 2020, to: 2022 };

describe('national metadata', () => {
  test('per year the household size and exchange rate used, and where each came from', async () => {
    const t = await seedTenant(db, 'NM');
    const ctx = await setTenantMoney(db, t, 'KZT', 'KAZ');
    await insertBaselines(db, t, 2020, { persons_per_household: 3.5, exchange_rate: 999 });
    await insertBaselines(db, t, 2021, { population: 1_000_000, households: 250_000, exchange_rate: 430 });
    await insertRates(db, 'KZT', { 2020: 412.5 });
    await insertAssetType(db, t, {
      code: 'HOUSE',
      indicator: 'C-4',
      names: { en: 'Dwellings' },
      averageSize: '45',
      damageRatio: '0.25',
      infrastructureFactor: '0.25',
      equipmentFactor: '0.25',
      unitPriceLocal: '150000',
    });
    await insertCard(db, t, { status: 'published', startYear: 2020, housesDamaged: 2 });
    const report = await computeIndicators(db, ctx, { ...years, status: ['published', 'draft'], by: [] });
    const meta = await loadNationalMetadata(db, ctx, report);
    assert.deepEqual(meta.states, ['published', 'draft']);
    assert.equal(meta.currency, 'KZT');
    assert.deepEqual(
      meta.years.map((y) => [y.year, y.personsPerHousehold, y.householdSource, y.perUsd, y.rateSource]),
      [
        // The global table wins over the tenant's baseline, as in the engine.
        [2020, 3.5, 'baseline', 412.5, 'exchange_rates'],
        [2021, 4, 'population / households', 430, 'baseline'],
        [2022, 4, 'default', null, 'none'],
      ],
    );
    assert.ok(meta.years.every((y) => y.cpiRatio === undefined));
    assert.deepEqual(
      [meta.housing?.code, meta.housing?.averageSize, meta.housing?.unitPriceLocal],
      ['HOUSE', 45, 150000],
    );
    // B-3 of 2020 was estimated with the household size the metadata names: 2 houses x 3.5.
    const b3 = report.rows.find((r) => r.indicator === 'B-3' && r.year === 2020 && r.dimension === 'total');
    assert.equal(b3?.numerator, 7);

    const markdown = indicatorMarkdown(report, undefined, meta);
    assert.match(markdown, /\n## National metadata\n\n- \*\*Datacard states counted\*\*: published, draft;/);
    assert.match(
      markdown,
      /- \*\*Currency\*\*: the tenant keeps its accounts in KZT; this report gives money in KZT\./,
    );
    assert.match(
      markdown,
      /- \*\*Valuation method\*\* \(C-2…C-6\): a loss reported .* unit value × \(damage ratio/,
    );
    assert.match(
      markdown,
      /asset type `HOUSE` \(Dwellings\): average size 45, damage ratio 0\.25,.* unit price 150,000 KZT \/ — USD/,
    );
    assert.match(markdown, /\| Year \| Persons per household \| From \| KZT per USD \| From \|\n/);
    assert.match(markdown, /\| 2020 \| 3\.5 \| baseline \| 412\.5 \| exchange rate table \|\n/);
    assert.match(markdown, /\| 2021 \| 4 \| population \/ households \| 430 \| exchange_rate baseline \|\n/);
    assert.match(
      markdown,
      /\| 2022 \| 4 \| default \| — \| none: amounts known only in the other currency are left out \|\n/,
    );
    // The section comes before the definitions; without metadata the report is as before.
    assert.ok(markdown.indexOf('## National metadata') < markdown.indexOf('## Definitions'));
    assert.doesNotMatch(indicatorMarkdown(report), /National metadata/);
  });

  test('constant prices add the CPI ratio of each year; a tenant in USD needs no rate', async () => {
    const t = await seedTenant(db, 'NC');
    const ctx = await setTenantMoney(db, t, 'KGS', 'KGZ');
    await insertCpi(db, 'KGZ', { 2015: 100, 2020: 125 });
    await insertCard(db, t, { status: 'published', startYear: 2020, deaths: 1 });
    const money = { currency: 'local', basis: 'constant', baseYear: 2015 } as const;
    const report = await computeIndicators(db, ctx, {
      from: 2020,
      to: 2021,
      status: ['published'],
      by: [],
      money,
    });
    const meta = await loadNationalMetadata(db, ctx, report);
    assert.deepEqual(
      meta.years.map((y) => [y.year, y.cpiRatio]),
      [
        [2020, 0.8],
        [2021, null],
      ],
    );
    assert.equal(meta.housing, null);
    const markdown = indicatorMarkdown(report, undefined, meta);
    assert.match(
      markdown,
      /- \*\*Prices\*\*: constant 2015 prices: amounts × CPI\(2015\) \/ CPI\(year\), the country’s CPI/,
    );
    assert.match(markdown, /\| KGS per USD \| From \| CPI ratio \|\n/);
    assert.match(markdown, /\| 2020 \| 4 \| default \| — \| none: .* \| 0\.8 \|\n/);
    assert.match(markdown, /no asset type for C-4/);

    const u = await seedTenant(db, 'NU');
    const usdCtx = tenantContext(u, 'USD');
    await insertCard(db, u, { status: 'published', startYear: 2020, deaths: 1 });
    const usdReport = await computeIndicators(db, usdCtx, { status: ['published'], by: [] });
    const usdMeta = await loadNationalMetadata(db, usdCtx, usdReport);
    assert.deepEqual(
      usdMeta.years.map((y) => [y.year, y.perUsd, y.rateSource]),
      [[2020, 1, 'usd_tenant']],
    );
  });

  test('a report without datacards has no years', async () => {
    const t = await seedTenant(db, 'NE');
    const ctx = tenantContext(t);
    const report = await computeIndicators(db, ctx, { status: ['published'], by: [] });
    const meta = await loadNationalMetadata(db, ctx, report);
    assert.deepEqual([meta.years, meta.states], [[], ['published']]);
    assert.match(indicatorMarkdown(report, undefined, meta), /## National metadata/);
  });
});
