/**
 * Analytics benchmark: seeds the Demoland demo tenant (20,000 cards by default) and prints the
 * median and p95 latency of totals, statistics, map and list queries through the services, on
 * PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL.
 *
 * Eligible queries read the card summary (src/services/analytics/summary.ts); BENCH_SUMMARY=off
 * sends every query to the datacards, to time what the summary saves.
 *
 * Usage: node --import tsx bench/analytics.ts [cards=20000] [runs=15]
 */
import { type Database, openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { listCards } from '../src/services/analytics/list.ts';
import { cardMap } from '../src/services/analytics/map.ts';
import { cardStatistics } from '../src/services/analytics/statistics.ts';
import { cardTimeseries } from '../src/services/analytics/timeseries.ts';
import { filteredTotals } from '../src/services/analytics/totals.ts';
import { type RequestContext, systemContext, withTenant } from '../src/services/context.ts';
import { seedDemo } from '../src/services/demo/seed.ts';
import { resolveTenant } from '../src/services/tenants/tenants.ts';
import { ListQuerySchema, StatisticsQuerySchema } from '../src/shared/schemas/analytics.ts';
import { openScratchPostgres } from '../src/testing/db.ts';

const cards = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 15);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

/** The queries measured, each a function of the tenant context. */
function cases(db: Database['db'], ctx: RequestContext): [string, () => Promise<unknown>][] {
  const stats = (body: unknown) => () => cardStatistics(db, ctx, StatisticsQuerySchema.parse(body));
  const list = (body: unknown) => () => listCards(db, ctx, ListQuerySchema.parse(body));
  return [
    ['totals (published)', () => filteredTotals(db, ctx, {})],
    [
      'totals (flood, 2000-2010, deaths>0)',
      () =>
        filteredTotals(db, ctx, {
          hazardClusters: ['Water-related'],
          from: '2000',
          to: '2010',
          effects: [{ field: 'deaths', there: true }],
        }),
    ],
    [
      'statistics by event',
      stats({ by: ['event'], measures: ['count', 'deaths', 'directlyAffected', 'lossesLocal'] }),
    ],
    [
      'statistics by geo1, year',
      stats({ by: ['geo1', 'year'], measures: ['count', 'deaths', 'avg:injured'] }),
    ],
    [
      'statistics by geo1, year (summary measures)',
      stats({ by: ['geo1', 'year'], measures: ['count', 'deaths', 'count:injured'] }),
    ],
    [
      'statistics by hazardCluster, month, status',
      stats({
        filter: { status: 'all' },
        by: ['hazardCluster', 'month', 'status'],
        measures: ['count', 'max:deaths'],
      }),
    ],
    [
      'statistics by hazardCluster, month, status (sums)',
      stats({
        filter: { status: 'all' },
        by: ['hazardCluster', 'month', 'status'],
        measures: ['count', 'deaths'],
      }),
    ],
    [
      'time series by month',
      () => cardTimeseries(db, ctx, { interval: 'month', measures: ['count', 'deaths'] }),
    ],
    [
      'map level 2 (with boundaries)',
      () => cardMap(db, ctx, { level: 2, measures: ['count', 'deaths'], geometry: true }),
    ],
    [
      'map level 3 (no boundaries)',
      () => cardMap(db, ctx, { level: 3, measures: ['count', 'deaths'], geometry: false }),
    ],
    ['list page 1 (startDate desc)', list({ pageSize: 50 })],
    ['list page 200 by offset', list({ pageSize: 50, page: 200 })],
    ['list sorted by deaths', list({ sort: 'deaths', pageSize: 50 })],
    ['list by GLIDE number', list({ pageSize: 50, filter: { glide: ['av-2017-000009-xdl'] } })],
    [
      'list sorted by deaths, text filter',
      list({ sort: 'deaths', pageSize: 50, filter: { text: 'bridge' } }),
    ],
  ];
}

/** A cursor 10,000 cards deep (startDate desc), to time one keyset page there. */
async function deepCursor(db: Database['db'], ctx: RequestContext): Promise<string> {
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await listCards(
      db,
      ctx,
      ListQuerySchema.parse({ pageSize: 1000, cursor, columns: ['serial'] }),
      { withTotal: false },
    );
    cursor = page.nextCursor!;
  }
  return cursor!;
}

async function run(label: string, database: Database) {
  await migrate(database.db);
  const seeded = performance.now();
  await seedDemo(database.db, { tenantCode: 'DEMO', cards, seed: 1 });
  console.log(
    `\n${label} — ${cards} demo cards seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  );
  const ctx = withTenant(systemContext('bench'), await resolveTenant(database.db, 'DEMO'));
  const cursor = await deepCursor(database.db, ctx);
  const all: [string, () => Promise<unknown>][] = [
    ...cases(database.db, ctx),
    [
      'list keyset page 10,000 deep',
      () => listCards(database.db, ctx, ListQuerySchema.parse({ pageSize: 50, cursor })),
    ],
  ];
  for (const [name, fn] of all) {
    await fn();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      samples.push(performance.now() - t);
    }
    console.log(
      `  ${name.padEnd(44)} median ${median(samples).toFixed(1).padStart(7)} ms   p95 ${p95(samples).toFixed(1).padStart(7)} ms`,
    );
  }
  await database.close();
}

if (process.env.BENCH_SUMMARY === 'off')
  (await import('../src/services/analytics/summary.ts')).setSummaryRouting(false);
await run('PGlite (worker thread, in memory)', await openDatabase({ kind: 'pglite', dataDir: null }));
const url = process.env.BENCH_DATABASE_URL;
if (url) await run('PostgreSQL', await openScratchPostgres(url, 'll_bench'));
else console.log('\nBENCH_DATABASE_URL not set: PostgreSQL skipped.');
