/**
 * Sendai indicator benchmark: median time to compute every indicator for 30 years (1995-2024)
 * of the demo tenant, national totals only and with every disaggregation, on PGlite and, when
 * BENCH_DATABASE_URL is set, on PostgreSQL. Population and GDP baselines are added so that rates
 * are computed too.
 *
 * Usage: node --import tsx bench/indicators.ts [cards=20000] [runs=7]
 */
import { type Database, openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { baselines } from '../src/db/schema/index.ts';
import { systemContext, withTenant } from '../src/services/context.ts';
import { seedDemo } from '../src/services/demo/seed.ts';
import { computeIndicators } from '../src/services/sendai/indicators.ts';
import { resolveTenant } from '../src/services/tenants/tenants.ts';
import { INDICATOR_DIMENSIONS, type IndicatorDimension } from '../src/shared/schemas/indicators.ts';
import { openScratchPostgres } from '../src/testing/db.ts';

const cards = Number(process.argv[2] ?? 20_000);
const runs = Number(process.argv[3] ?? 7);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function run(label: string, database: Database) {
  const { db } = database;
  await migrate(db);
  const seeded = performance.now();
  await seedDemo(db, { tenantCode: 'DEMO', cards, seed: 1 });
  const tenant = await resolveTenant(db, 'DEMO');
  const years = Array.from({ length: 30 }, (_, i) => 1995 + i);
  await db.insert(baselines).values(
    years.flatMap((year) => [
      { tenantId: tenant.id, year, metric: 'population', value: String(5_000_000 + 40_000 * (year - 1995)) },
      { tenantId: tenant.id, year, metric: 'gdp', value: String(2e12 * 1.06 ** (year - 1995)) },
    ]),
  );
  console.log(
    `\n${label} — ${cards} demo datacards (seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s)`,
  );
  const ctx = withTenant(systemContext('bench'), tenant);
  const variants: [string, IndicatorDimension[]][] = [
    ['totals only', []],
    ['every disaggregation', [...INDICATOR_DIMENSIONS]],
  ];
  for (const [name, by] of variants) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const report = await computeIndicators(db, ctx, { from: 1995, to: 2024, status: ['published'], by });
      times.push(performance.now() - t);
      rows = report.rows.length;
    }
    console.log(
      `  ${name.padEnd(21)}: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (${runs} runs, ${rows} rows)`,
    );
  }
  await database.close();
}

await run('PGlite (worker thread, in memory)', await openDatabase({ kind: 'pglite', dataDir: null }));
const url = process.env.BENCH_DATABASE_URL;
if (url) {
  await run('PostgreSQL', await openScratchPostgres(url, 'll_bench'));
} else {
  console.log('\nBENCH_DATABASE_URL not set: PostgreSQL skipped.');
}
