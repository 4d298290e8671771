/**
 * The real Grenada DesInventar export, imported with the importer: the per-event and total
 * figures of ../shared/data/desinventar/MANIFEST.md come out exactly through the statistics
 * service, the HTTP endpoint and the `lossledger stats` command, for all cards and published ones.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { readDesInventarXml } from '../../formats/desinventar-xml/read.ts';
import { StatisticsQuerySchema } from '../../shared/schemas/analytics.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';
import { openTestDatabase } from '../../testing/db.ts';
import {
  GRD_ALL,
  GRD_EVENT_MEASURES,
  GRD_FILE,
  GRD_PUBLISHED,
  GRD_PUBLISHED_BY_EVENT,
  skipWithoutGrd,
} from '../../testing/desinventar-manifest.ts';
import { testClient } from '../../testing/http.ts';
import { importTenant } from '../../testing/import-factories.ts';
import type { RequestContext } from '../context.ts';
import { runImport } from '../imports/run-import.ts';
import { cardStatistics, type StatisticsRow } from './statistics.ts';

type Rows = StatisticsRow[];

/** Each MANIFEST event's figures equal the row of that event (and no other event appears). */
function expectByEvent(rows: Rows): void {
  assert.deepEqual(rows.map((r) => r.event).sort(), Object.keys(GRD_PUBLISHED_BY_EVENT).sort());
  for (const row of rows)
    for (const [measure, value] of Object.entries(GRD_PUBLISHED_BY_EVENT[String(row.event)]!))
      assert.equal(row[measure], value, `${row.event} ${measure}`);
}

/** The one row of an ungrouped query equals the figures. */
function expectTotals(rows: Rows, figures: Record<string, number>): void {
  assert.equal(rows.length, 1);
  for (const [measure, value] of Object.entries(figures)) assert.equal(rows[0]![measure], value, measure);
}

const ALL = { filter: { status: 'all' }, measures: Object.keys(GRD_ALL) };
const PUBLISHED = { measures: Object.keys(GRD_PUBLISHED) };
const BY_EVENT = { by: ['event'], measures: GRD_EVENT_MEASURES };

describe('Grenada export: MANIFEST figures through statistics', { skip: skipWithoutGrd }, () => {
  let database: Database;
  let ctx: RequestContext;
  before(async () => {
    database = await openTestDatabase();
    ctx = await importTenant(database.db, 'GRD');
    const source = readDesInventarXml(GRD_FILE);
    await runImport(database.db, ctx, source, { dryRun: false, mode: 'all-or-nothing' });
  });
  after(() => database.close());

  const stats = async (body: unknown) =>
    (await cardStatistics(database.db, ctx, StatisticsQuerySchema.parse(body))).rows;

  test('service: all 162 cards, the 131 published, and published by event', async () => {
    expectTotals(await stats(ALL), GRD_ALL);
    expectTotals(await stats(PUBLISHED), GRD_PUBLISHED);
    expectByEvent(await stats(BY_EVENT));
    const allByEvent = await stats({ ...BY_EVENT, filter: { status: 'all' } });
    assert.equal(
      allByEvent.reduce((sum, r) => sum + Number(r.deaths), 0),
      GRD_ALL.deaths,
    );
  });

  test('HTTP: POST and GET /query/statistics', async () => {
    const api = testClient(database);
    const post = async (body: unknown) => {
      const res = await api.post('/api/tenants/GRD/query/statistics', body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return (res.body as { rows: Rows }).rows;
    };
    expectTotals(await post(ALL), GRD_ALL);
    expectTotals(await post(PUBLISHED), GRD_PUBLISHED);
    expectByEvent(await post(BY_EVENT));
    const get = await api.get(
      `/api/tenants/GRD/query/statistics?by=event&measures=${GRD_EVENT_MEASURES.join(',')}`,
    );
    expectByEvent((get.body as { rows: Rows }).rows);
  });
});

describe('Grenada export: MANIFEST figures through `lossledger stats`', { skip: skipWithoutGrd }, () => {
  let cli: CliTarget;
  before(async () => {
    cli = await cliTarget();
    const created = await cli.run(['tenant', 'create', 'GRD', '--name', 'Grenada', '--currency', 'XCD']);
    assert.equal(created.code, 0, created.stderr);
    const imported = await cli.run(['import', 'desinventar', GRD_FILE, '--tenant', 'GRD']);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(() => cli.close());

  const stats = async (...args: string[]) => {
    const run = await cli.run(['stats', '--tenant', 'GRD', ...args]);
    assert.equal(run.code, 0, run.stderr);
    return run.stdout;
  };

  test('JSON { rows } for all cards, published cards and published by event', async () => {
    const json = async (...args: string[]) => {
      const parsed = JSON.parse(await stats(...args, '--format', 'json')) as { rows: Rows };
      assert.deepEqual(Object.keys(parsed), ['rows']);
      return parsed.rows;
    };
    expectTotals(await json('--status', 'all', '--measure', ALL.measures.join(',')), GRD_ALL);
    expectTotals(await json('--measure', PUBLISHED.measures.join(',')), GRD_PUBLISHED);
    const byEvent = await json(
      '--by',
      'event',
      '--measure',
      GRD_EVENT_MEASURES.join(','),
      '--status',
      'published',
    );
    expectByEvent(byEvent);
    assert.deepEqual(Object.keys(byEvent[0]!), ['event', ...GRD_EVENT_MEASURES]);
  });

  test('CSV: a header of dimensions and measures, one line per event', async () => {
    const lines = (await stats('--by', 'event', '--measure', 'count,deaths', '--format', 'csv'))
      .trim()
      .split('\n');
    assert.equal(lines[0], 'event,count,deaths');
    assert.ok(lines.includes('EPIDEMIC,10,4940'), lines.join('\n'));
    assert.equal(lines.length, 1 + Object.keys(GRD_PUBLISHED_BY_EVENT).length);
  });
});
