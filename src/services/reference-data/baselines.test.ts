import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog } from '../../db/schema/index.ts';
import type { BaselineValue } from '../../shared/baselines.ts';
import { AppError } from '../../shared/errors.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { type BaselineEntry, listBaselines, writeBaselines } from './baselines.ts';

let database: Database;
let t: SeededTenant;
let ctx: RequestContext;
let otherCtx: RequestContext;

before(async () => {
  database = await openTestDatabase();
  t = await seedTenant(database.db, 'BSL');
  const other = await seedTenant(database.db, 'OTH');
  const ref = (s: SeededTenant) => ({ id: s.tenantId, code: s.code, currency: 'USD', defaultLanguage: 'en' });
  ctx = withTenant(systemContext('test'), ref(t));
  otherCtx = withTenant(systemContext('test'), ref(other));
});
after(() => database.close());

const entries = (...values: BaselineValue[]): BaselineEntry[] =>
  values.map((value, i) => ({ at: `values.${i}`, unitAt: `values.${i}.unitCode`, value }));
const write = (values: BaselineValue[], origin: string | null = null, c = ctx) =>
  writeBaselines(database.db, c, entries(...values), origin);
const list = (query = {}, c = ctx) => listBaselines(database.db, c, query);
const brief = async (query = {}) =>
  (await list(query)).map((b) => [b.unitCode, b.year, b.metric, b.value, b.valueUsd, b.source]);

describe('writeBaselines', () => {
  test('creates national and per-unit values; the same values again change nothing', async () => {
    const values: BaselineValue[] = [
      { year: 2020, metric: 'population', value: 19482117, source: 'WB' },
      { unitCode: 'BSL-P1', year: 2020, metric: 'population', value: 2000000, source: 'BNS' },
      { year: 2020, metric: 'persons_per_household', value: 3.4 },
    ];
    assert.deepEqual(await write(values, 'first.csv'), {
      total: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      deleted: 0,
    });
    assert.deepEqual(await write(values), { total: 3, created: 0, updated: 0, unchanged: 3, deleted: 0 });
    assert.deepEqual(await brief({ yearFrom: 2020, yearTo: 2020 }), [
      [null, 2020, 'persons_per_household', 3.4, null, null],
      [null, 2020, 'population', 19482117, null, 'WB'],
      ['BSL-P1', 2020, 'population', 2000000, null, 'BNS'],
    ]);
    const summary = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'baselines'), eq(auditLog.entityId, 'first.csv')));
    assert.deepEqual(summary[0]?.after, {
      total: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      source: 'first.csv',
    });
  });

  test('GDP in USD and GDP in local currency fill the two sides of one row', async () => {
    await write([{ year: 2021, metric: 'gdp', valueUsd: 197e9, source: 'World Bank WDI NY.GDP.MKTP.CD' }]);
    const result = await write([{ year: 2021, metric: 'gdp', value: 83.9e12 }]);
    assert.deepEqual(result, { total: 1, created: 0, updated: 1, unchanged: 0, deleted: 0 });
    assert.deepEqual(await brief({ metric: 'gdp' }), [
      [null, 2021, 'gdp', 83.9e12, 197e9, 'World Bank WDI NY.GDP.MKTP.CD'],
    ]);
  });

  test('each change is audited with the values before and after', async () => {
    await write([{ year: 2022, metric: 'households', value: 5000000 }]);
    await write([{ year: 2022, metric: 'households', value: 5100000, source: 'census' }]);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'baseline'), eq(auditLog.entityId, 'national/2022/households')))
      .orderBy(auditLog.id);
    assert.deepEqual(
      rows.map((r) => [r.tenantId, r.action, r.before, r.after]),
      [
        [t.tenantId, 'create', null, { value: '5000000', valueUsd: null, source: null }],
        [
          t.tenantId,
          'update',
          { value: '5000000', valueUsd: null, source: null },
          { value: '5100000', valueUsd: null, source: 'census' },
        ],
      ],
    );
  });

  test('null clears a value; a baseline left empty is removed', async () => {
    await write([{ year: 2023, metric: 'gdp', value: 100, valueUsd: 1 }]);
    await write([{ year: 2023, metric: 'gdp', value: null }]);
    assert.deepEqual(await brief({ yearFrom: 2023, yearTo: 2023 }), [[null, 2023, 'gdp', null, 1, null]]);
    const result = await write([{ year: 2023, metric: 'gdp', valueUsd: null }]);
    assert.equal(result.deleted, 1);
    assert.deepEqual(await brief({ yearFrom: 2023 }), []);
  });

  test("an unknown or another tenant's unit fails the whole write, naming where", async () => {
    await assert.rejects(
      write([
        { year: 2030, metric: 'population', value: 1 },
        { unitCode: 'OTH-P1', year: 2030, metric: 'population', value: 1 },
      ]),
      (e: unknown) =>
        e instanceof AppError &&
        /values\.1\.unitCode: no geographic unit 'OTH-P1' in this database/.test(e.message),
    );
    assert.deepEqual(await brief({ yearFrom: 2030 }), []);
  });

  test('the same unit, year and metric twice is refused', async () => {
    await assert.rejects(
      write([
        { year: 2031, metric: 'population', value: 1 },
        { year: 2031, metric: 'population', value: 2 },
      ]),
      /population 2031 repeats values\.0/,
    );
  });

  test('viewers cannot write', async () => {
    const viewer = { ...ctx, superadmin: false, roles: ['viewer' as const] };
    await assert.rejects(
      write([{ year: 2032, metric: 'population', value: 1 }], null, viewer),
      /Only an admin/,
    );
  });
});

describe('listBaselines', () => {
  test('filters by unit code or national; tenants never see each other', async () => {
    assert.deepEqual(
      (await list({ unit: 'BSL-P1' })).map((b) => b.value),
      [2000000],
    );
    assert.ok((await list({ unit: 'national' })).every((b) => b.unitCode === null));
    assert.deepEqual(await list({}, otherCtx), []);
    await assert.rejects(list({ unit: 'OTH-P1' }), /No geographic unit with id OTH-P1/);
  });

  test('updatedAt is an ISO timestamp', async () => {
    const [first] = await list();
    assert.match(first?.updatedAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });
});
