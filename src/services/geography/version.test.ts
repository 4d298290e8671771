/** A new version of a level with predecessor -> successor links (Kazakhstan 2022, in squares). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError } from '../../shared/errors.ts';
import {
  CHANGE_DATE,
  importChange,
  importLevel,
  LEVEL1_AFTER,
  LINKS_CSV,
  seedBoundaryTenant,
} from '../../testing/boundary-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import type { RequestContext } from '../context.ts';
import { readUnitLinks } from './links-file.ts';

let database: Database;
let ctx: RequestContext;
let cards: { id: string; unit: number; ancestors: number[] }[] = [];

const units = () =>
  queryRows<{
    id: number;
    level: number;
    code: string;
    parent: string | null;
    from: string | null;
    to: string | null;
  }>(
    database.db,
    sql`select u.id, u.level, u.code, p.code as parent, u.valid_from::text as "from", u.valid_to::text as "to"
          from geo_units u left join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
         order by u.level, u.code, u.valid_from nulls first`,
  );
const links = () =>
  queryRows<{ from: string; to: string; share: number | null }>(
    database.db,
    sql`select p.code || coalesce('@' || p.valid_from::text, '') as from,
               s.code || coalesce('@' || s.valid_from::text, '') as to, l.share
          from geo_unit_links l
          join geo_units p on p.tenant_id = l.tenant_id and p.id = l.predecessor_id
          join geo_units s on s.tenant_id = l.tenant_id and s.id = l.successor_id
         order by 1, 2`,
  );
const cardUnits = () =>
  queryRows<{ id: string; unit: number; ancestors: number[] }>(
    database.db,
    sql`select id::text, geo_unit_id as unit, geo_ancestors as ancestors from datacards order by serial, id`,
  );

before(async () => {
  database = await openTestDatabase();
  const seeded = await seedBoundaryTenant(database.db);
  ctx = seeded.ctx;
  const [vosW] = await queryRows<{ id: number }>(
    database.db,
    sql`select id from geo_units where code = 'VOS-W'`,
  );
  await seeded.card(vosW!.id, '2020-05-01', 5);
  cards = await cardUnits();
});
after(() => database.close());

const problemsOf = async (run: Promise<unknown>) => {
  const error = await run.then(
    () => assert.fail('expected a failure'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
  return error.message;
};

describe('links file', () => {
  test('reads links with optional shares and an optional header; lists every bad line', () => {
    assert.deepEqual(readUnitLinks('A,B,0.25\nA,C\n', 'x.csv'), [
      { line: 1, predecessorCode: 'A', successorCode: 'B', share: 0.25 },
      { line: 2, predecessorCode: 'A', successorCode: 'C', share: null },
    ]);
    assert.equal(readUnitLinks(LINKS_CSV, 'links.csv').length, 6);
    assert.throws(
      () =>
        readUnitLinks(
          'predecessor_code,successor_code,share\nA,B,2\nA,\nA,B,0.5\nC,D,0.7\nC,E,0.6\n',
          'bad.csv',
        ),
      (e: AppError) =>
        /line 2: share must be a number above 0 and at most 1, got '2'/.test(e.message) &&
        /line 3: both a predecessor code and a successor code are required/.test(e.message) &&
        /line 4: A -> B repeats line 2/.test(e.message) &&
        /the shares of predecessor C add up to 1\.3/.test(e.message),
    );
  });
});

describe('importGeography with a new version and links', () => {
  test('links naming unknown codes fail with every problem, and nothing is written', async () => {
    const before = await units();
    const message = await problemsOf(
      importLevel(database.db, ctx, 1, LEVEL1_AFTER, CHANGE_DATE, 'VOS,ABY\nNOPE,ZHT\nKAR,GONE\n'),
    );
    assert.match(message, /links line 2: predecessor NOPE is not a level-1 unit valid before 2022-06-08/);
    assert.match(message, /links line 3: successor GONE is not in the file/);
    assert.match(
      await problemsOf(importLevel(database.db, ctx, 1, LEVEL1_AFTER, null, 'VOS,ABY\n')),
      /links need a validFrom date/,
    );
    assert.deepEqual(await units(), before);
    assert.deepEqual(await links(), []);
  });

  test('ends replaced units, creates successors, links them with shares; continuing units keep their row', async () => {
    const akmBefore = (await units()).find((u) => u.code === 'AKM')!;
    const { level1, level2 } = await importChange(database.db, ctx);
    assert.deepEqual(
      { ...level1, runId: undefined },
      { runId: undefined, levelCreated: false, created: 7, updated: 0, unchanged: 1, ended: 5, linked: 8 },
    );
    assert.equal(level2.created, 2);
    assert.equal(level2.ended, 2);
    const all = await units();
    const row = (code: string, from: string | null) => all.find((u) => u.code === code && u.from === from);
    assert.equal(row('AKM', null)?.id, akmBefore.id, 'Akmola continues in the same row');
    assert.equal(row('AKM', null)?.to, null);
    for (const code of ['VOS', 'ALM', 'KAR', 'M1', 'M2'])
      assert.equal(row(code, null)?.to, CHANGE_DATE, code);
    for (const code of ['VOS', 'ABY', 'ALM', 'ZHT', 'KAR', 'ULT', 'MRG'])
      assert.equal(row(code, CHANGE_DATE)?.to, null, code);
    // Districts whose parent was replaced get a new row under the new parent; the old one ends.
    assert.equal(row('VOS-W', CHANGE_DATE)?.parent, 'ABY');
    assert.equal(row('VOS-W', null)?.to, CHANGE_DATE);
    assert.deepEqual(await links(), [
      { from: 'ALM', to: 'ALM@2022-06-08', share: null },
      { from: 'ALM', to: 'ZHT@2022-06-08', share: null },
      { from: 'KAR', to: 'KAR@2022-06-08', share: 0.7 },
      { from: 'KAR', to: 'ULT@2022-06-08', share: 0.3 },
      { from: 'M1', to: 'MRG@2022-06-08', share: 1 },
      { from: 'M2', to: 'MRG@2022-06-08', share: 1 },
      { from: 'VOS', to: 'ABY@2022-06-08', share: 0.4 },
      { from: 'VOS', to: 'VOS@2022-06-08', share: 0.6 },
      { from: 'VOS-E', to: 'VOS-E@2022-06-08', share: 1 },
      { from: 'VOS-W', to: 'VOS-W@2022-06-08', share: 1 },
    ]);
  });

  test('a card dated before the change keeps its unit and its East Kazakhstan ancestors', async () => {
    assert.deepEqual(await cardUnits(), cards);
  });

  test('every end and new unit is audited; the run is recorded', async () => {
    const [audit] = await queryRows<{ ended: number; created: number; withPredecessors: number }>(
      database.db,
      sql`select count(*) filter (where action = 'update' and after->>'validTo' = ${CHANGE_DATE})::int as ended,
                 count(*) filter (where action = 'create' and after->>'validFrom' = ${CHANGE_DATE})::int as created,
                 count(*) filter (where action = 'create' and jsonb_array_length(after->'predecessorIds') > 0)::int
                   as "withPredecessors"
            from audit_log where entity = 'geo_unit'`,
    );
    assert.deepEqual(audit, { ended: 7, created: 9, withPredecessors: 9 });
    const runs = await queryRows<{ status: string; n: number }>(
      database.db,
      sql`select status, count(*)::int as n from import_runs group by status order by status`,
    );
    assert.deepEqual(runs, [
      { status: 'failed', n: 2 },
      { status: 'succeeded', n: 4 },
    ]);
  });

  test('importing the same version again changes nothing', async () => {
    const before = [await units(), await links()];
    const { level1, level2 } = await importChange(database.db, ctx);
    assert.deepEqual(
      [level1.created, level1.updated, level1.ended, level1.linked, level2.created, level2.ended],
      [0, 0, 0, 0, 0, 0],
    );
    assert.deepEqual([await units(), await links()], before);
  });
});
