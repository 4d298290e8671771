/**
 * The money option through every analytics result, against the hand-computed figures of
 * src/testing/money-factories.ts: USD conversion, a reported USD value winning, constant prices,
 * and a card without a rate or index left out of the figure and counted, never summed as zero.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import type { MoneyBasis } from '../../shared/money.ts';
import {
  CrosstabQuerySchema,
  ListQuerySchema,
  MapQuerySchema,
  StatisticsQuerySchema,
  TimeseriesQuerySchema,
} from '../../shared/schemas/analytics.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type MoneyFixture, seedMoneyFixture } from '../../testing/money-factories.ts';
import { cardCrosstab } from './crosstab.ts';
import { listCards } from './list.ts';
import { cardMap } from './map.ts';
import { countryProfile } from './profile.ts';
import { cardStatistics } from './statistics.ts';
import { cardTimeseries } from './timeseries.ts';
import { filteredTotals } from './totals.ts';

let database: Database;
let f: MoneyFixture;
before(async () => {
  database = await openTestDatabase();
  f = await seedMoneyFixture(database.db);
});
after(() => database.close());

const USD: MoneyBasis = { currency: 'usd', basis: 'nominal' };
const USD_2020: MoneyBasis = { currency: 'usd', basis: 'constant', baseYear: 2020 };
const LOCAL: MoneyBasis = { currency: 'local', basis: 'nominal' };
const LOCAL_2020: MoneyBasis = { currency: 'local', basis: 'constant', baseYear: 2020 };

const stats = (body: unknown) => cardStatistics(database.db, f.ctx, StatisticsQuerySchema.parse(body));

/** The money block of USD at nominal prices over the seven published cards. */
const usdBlock = (measures: string[]) => ({
  currency: 'usd',
  currencyCode: 'USD',
  basis: 'nominal',
  baseYear: null,
  measures,
  cards: 7,
  withLoss: 6,
  counts: { reported: 3, converted: 2, deflated: 0, missing_rate: 1, missing_cpi: 0 },
  missingRateYears: [2021],
  missingCpiYears: [],
});

describe('statistics with money', () => {
  test('without the option losses are summed as stored and no money block is added', async () => {
    const r = await stats({ by: ['year'], measures: ['lossesUsd', 'lossesLocal'] });
    assert.deepEqual(r.rows, [
      { year: 2019, lossesUsd: 0, lossesLocal: 800 },
      { year: 2020, lossesUsd: 13, lossesLocal: 2000 },
      { year: 2021, lossesUsd: 7, lossesLocal: 600 },
    ]);
    assert.equal(r.money, undefined);
  });

  test('USD: reported dollars win (C: 3), local losses convert at the year rate, G (no 2021 rate) is left out', async () => {
    const r = await stats({ by: ['year'], measures: ['count', 'lossesUsd', 'avg:lossesUsd'], money: USD });
    assert.deepEqual(r.rows, [
      { year: 2019, count: 1, lossesUsd: 2, 'avg:lossesUsd': 2 }, // E 800 / 400
      { year: 2020, count: 4, lossesUsd: 15, 'avg:lossesUsd': 5 }, // A 1000 / 500 + B 10 + C 3
      { year: 2021, count: 2, lossesUsd: 7, 'avg:lossesUsd': 7 }, // D 7; G has no rate: not a zero
    ]);
    assert.deepEqual(r.money, usdBlock(['lossesUsd', 'avg:lossesUsd']));
    const all = await stats({ measures: ['avg:lossesUsd', 'max:lossesUsd'], money: USD });
    assert.deepEqual(all.rows, [{ 'avg:lossesUsd': 4.8, 'max:lossesUsd': 10 }], '24 / 5 cards, not 24 / 6');
  });

  test('either loss field measures the loss in the chosen money; counts stay counts', async () => {
    const r = await stats({ measures: ['lossesLocal', 'count:lossesLocal'], money: USD });
    assert.deepEqual(r.rows, [{ lossesLocal: 24, 'count:lossesLocal': 5 }]);
    assert.deepEqual(r.money?.measures, ['lossesLocal']);
  });

  test('local at constant 2020 prices: value x CPI(2020) / CPI(card year); D (no rate) is left out', async () => {
    const r = await stats({ by: ['year'], measures: ['lossesLocal'], money: LOCAL_2020 });
    assert.deepEqual(r.rows, [
      { year: 2019, lossesLocal: 1000 }, // E 800 x 100 / 80
      { year: 2020, lossesLocal: 7000 }, // A 1000 + B 10 x 500 + C 1000
      { year: 2021, lossesLocal: 480 }, // G 600 x 100 / 125
    ]);
    assert.deepEqual(r.money, {
      currency: 'local',
      currencyCode: 'KZT',
      basis: 'constant',
      baseYear: 2020,
      measures: ['lossesLocal'],
      cards: 7,
      withLoss: 6,
      counts: { reported: 4, converted: 1, deflated: 5, missing_rate: 1, missing_cpi: 0 },
      missingRateYears: [2021],
      missingCpiYears: [],
    });
  });

  test('a group whose losses all lack a rate or index sums to null (unknown), a group without losses to 0', async () => {
    const r = await stats({ by: ['year'], measures: ['lossesUsd'], money: USD_2020 });
    assert.deepEqual(r.rows, [
      { year: 2019, lossesUsd: 4 }, // E 800 / 400 x 100 / 50
      { year: 2020, lossesUsd: 15 },
      { year: 2021, lossesUsd: null }, // D: no US CPI for 2021; G: no rate
    ]);
    assert.deepEqual(r.money?.counts, {
      reported: 3,
      converted: 2,
      deflated: 4,
      missing_rate: 1,
      missing_cpi: 1,
    });
    assert.deepEqual([r.money?.missingRateYears, r.money?.missingCpiYears], [[2021], [2021]]);
    const noLoss = await stats({ filter: { serial: ['F'] }, measures: ['lossesUsd'], money: USD });
    assert.deepEqual(noLoss.rows, [{ lossesUsd: 0 }]);
  });

  test('a result without money measures has no money block', async () => {
    const r = await stats({ measures: ['count', 'deaths'], money: USD });
    assert.equal(r.money, undefined);
  });
});

describe('the other results with money', () => {
  test('crosstab: cells, row, column and grand totals converted; unknown cells are null', async () => {
    const r = await cardCrosstab(
      database.db,
      f.ctx,
      CrosstabQuerySchema.parse({ rows: 'geo1', columns: 'year', measure: 'lossesUsd', money: USD_2020 }),
    );
    assert.deepEqual(
      r.columns.map((c) => c.key),
      [2019, 2020, 2021],
    );
    assert.deepEqual(
      r.rows.map((row) => [row.label, row.cells, row.total]),
      [
        ['MNY-P1', [0, 12, null], 12], // A 2 + B 10; D no US CPI
        ['MNY-P2', [4, 3, null], 7], // E 4; C 3; G no rate
      ],
    );
    assert.deepEqual([r.columnTotals, r.total], [[4, 15, null], 19]);
    assert.equal(r.money?.counts.missing_cpi, 1);
  });

  test('time series: local nominal fills B from dollars and leaves D out', async () => {
    const r = await cardTimeseries(
      database.db,
      f.ctx,
      TimeseriesQuerySchema.parse({ measures: ['lossesLocal'], money: LOCAL }),
    );
    assert.deepEqual(r.points, [
      { period: '2019', year: 2019, lossesLocal: 800 },
      { period: '2020', year: 2020, lossesLocal: 7000 }, // 1000 + 10 x 500 + 1000
      { period: '2021', year: 2021, lossesLocal: 600 }, // G; D (7 USD) has no 2021 rate
    ]);
    assert.deepEqual(r.money?.counts, {
      reported: 4,
      converted: 1,
      deflated: 0,
      missing_rate: 1,
      missing_cpi: 0,
    });
  });

  test('map: values per province in USD', async () => {
    const r = await cardMap(
      database.db,
      f.ctx,
      MapQuerySchema.parse({ level: 1, measures: ['lossesUsd'], geometry: false, money: USD }),
    );
    assert.deepEqual(
      r.features.map((x) => [x.properties.code, x.properties.lossesUsd]),
      [
        ['MNY-P1', 19], // A 2 + B 10 + D 7
        ['MNY-P2', 5], // C 3 + E 2; G has no rate
      ],
    );
    assert.deepEqual(r.money, usdBlock(['lossesUsd']));
  });

  test('totals: both loss sums hold the converted loss; the money block counts the cards', async () => {
    const plain = await filteredTotals(database.db, f.ctx, {});
    assert.deepEqual([plain.sums.lossesLocal, plain.sums.lossesUsd, plain.money], [3400, 20, undefined]);
    const r = await filteredTotals(database.db, f.ctx, {}, USD);
    assert.deepEqual([r.sums.lossesLocal, r.sums.lossesUsd, r.sums.deaths], [24, 24, 0]);
    assert.deepEqual(r.money, usdBlock(['lossesLocal', 'lossesUsd']));
  });

  test('list: converted loss columns, sortable, with each card flags; coverage over every matching card', async () => {
    const r = await listCards(
      database.db,
      f.ctx,
      ListQuerySchema.parse({
        columns: ['serial', 'lossesUsd', 'moneyFlags'],
        sort: 'lossesUsd',
        order: 'desc',
        pageSize: 4,
        money: USD_2020,
      }),
    );
    assert.deepEqual(
      r.items.map((i) => [i.serial, i.lossesUsd, i.moneyFlags]),
      [
        ['B', 10, ['reported', 'deflated']],
        ['E', 4, ['converted', 'deflated']],
        ['C', 3, ['reported', 'deflated']],
        ['A', 2, ['converted', 'deflated']],
      ],
    );
    assert.equal(r.money?.cards, 7);
    const next = await listCards(
      database.db,
      f.ctx,
      ListQuerySchema.parse({
        columns: ['serial', 'lossesUsd', 'moneyFlags'],
        sort: 'lossesUsd',
        order: 'desc',
        pageSize: 4,
        money: USD_2020,
        cursor: r.nextCursor,
      }),
    );
    assert.deepEqual(next.items.map((i) => [i.serial, i.lossesUsd, i.moneyFlags]).sort(), [
      ['D', null, ['reported', 'missing_cpi']],
      ['F', null, []],
      ['G', null, ['missing_rate']],
    ]);
  });

  test('list: moneyFlags needs a money basis', async () => {
    await assert.rejects(
      listCards(database.db, f.ctx, ListQuerySchema.parse({ columns: ['serial', 'moneyFlags'] })),
      /moneyFlags needs the money option/,
    );
  });

  test('profile: every loss figure converted, with the money block of its totals', async () => {
    const p = await countryProfile(database.db, f.ctx, { status: 'published', largest: 3, money: USD });
    assert.equal(p.totals.sums.lossesUsd, 24);
    assert.deepEqual(p.money, usdBlock(['lossesLocal', 'lossesUsd']));
    assert.deepEqual(
      p.byYear.points.map((x) => x.lossesUsd),
      [2, 15, 7],
    );
    assert.deepEqual(p.byTopUnit.rows.map((x) => [x.geo1, x.lossesUsd]).sort(), [
      ['MNY-P1', 19],
      ['MNY-P2', 5],
    ]);
  });
});
