/**
 * DesInventar XML import benchmark: generates a synthetic export of N cards (default 200,000),
 * imports it into a fresh tenant on PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL, and
 * prints cards/s, the importer's peak JS heap and its heap after a forced GC every 10 s (the
 * database engine's own memory excluded:
 * PGlite's WASM heap lives in its worker thread, PostgreSQL in its own process).
 *
 * Usage: node --import tsx --expose-gc bench/import-desinventar.ts [cards=200000]
 * Where the time goes: the importer's main thread busy time (event loop utilisation) and the
 * engine's own working time (PGlite: its worker thread's time on requests; PostgreSQL: the CPU
 * time of the database's server processes, read from /proc when the server runs on this machine).
 *
 * BENCH_SUMMARY_TRIGGERS=off disables the card_summary triggers, to time what keeping the summary costs.
 * BENCH_ENGINES=pglite or =postgres runs one engine only (e.g. to profile the importer with --cpu-prof).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { queryRows } from '../src/db/query.ts';
import { readDesInventarXml } from '../src/formats/desinventar-xml/read.ts';
import { writeSyntheticExport } from '../src/formats/desinventar-xml/synthetic.ts';
import { systemContext, withTenant } from '../src/services/context.ts';
import { runImport } from '../src/services/imports/run-import.ts';
import { createTenant, resolveTenant } from '../src/services/tenants/tenants.ts';
import { openScratchPostgres } from '../src/testing/db.ts';

const cards = Number(process.argv[2] ?? 200_000);
const work = mkdtempSync(join(tmpdir(), 'll-bench-import-'));
const file = join(work, 'synthetic.xml');

/** CPU milliseconds of the server processes of this database (null when /proc does not show them). */
async function serverCpuMs(database: Database): Promise<number | null> {
  const backends = await queryRows<{ pid: number }>(
    database.db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of backends) {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th (clock ticks of 10 ms).
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks * 10;
}

/** The engine's working milliseconds so far. */
const engineMs = (database: Database) =>
  database.engineBusyMs ? database.engineBusyMs() : serverCpuMs(database);

async function run(label: string, database: Database) {
  await migrate(database.db);
  if (process.env.BENCH_SUMMARY_TRIGGERS === 'off')
    for (const t of ['insert', 'update', 'delete', 'truncate'])
      await database.db.execute(sql.raw(`alter table datacards disable trigger card_summary_${t}`));
  await createTenant(database.db, systemContext('bench'), {
    code: 'BENCH',
    names: { en: 'Bench' },
    currency: 'USD',
  });
  const ctx = withTenant(systemContext('bench'), await resolveTenant(database.db, 'BENCH'));
  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 100);
  // What the importer keeps (garbage collected first), every 10 s: flat if nothing grows with the file.
  const retained: number[] = [];
  const keeper = setInterval(() => {
    globalThis.gc?.();
    retained.push(process.memoryUsage().heapUsed);
  }, 10_000);
  globalThis.gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  const engineBefore = await engineMs(database);
  const loopBefore = performance.eventLoopUtilization();
  const started = performance.now();
  const report = await runImport(database.db, ctx, readDesInventarXml(file), {
    dryRun: false,
    mode: 'all-or-nothing',
  });
  const seconds = (performance.now() - started) / 1000;
  const loop = performance.eventLoopUtilization(loopBefore);
  const engineAfter = await engineMs(database);
  clearInterval(sampler);
  clearInterval(keeper);
  const imported = report.counts.datacards?.created ?? 0;
  console.log(`\n${label}`);
  console.log(`  status ${report.status}, ${imported} cards created in ${seconds.toFixed(1)} s`);
  console.log(`  throughput: ${Math.round(imported / seconds).toLocaleString('en')} cards/s`);
  console.log(
    `  importer peak JS heap: ${Math.round(peakHeap / 2 ** 20)} MB (start ${Math.round(baseHeap / 2 ** 20)} MB)`,
  );
  const engineSeconds =
    engineBefore === null || engineAfter === null ? null : (engineAfter - engineBefore) / 1000;
  console.log(
    `  importer main thread busy ${(loop.active / 1000).toFixed(1)} s; engine ${
      database.engineBusyMs ? 'thread busy' : 'server CPU'
    } ${engineSeconds === null ? 'not measurable here' : `${engineSeconds.toFixed(1)} s`}`,
  );
  if (retained.length > 0) {
    const mb = (n: number) => Math.round(n / 2 ** 20);
    console.log(
      `  heap after GC every 10 s: ${retained.map(mb).join(', ')} MB (max ${mb(Math.max(...retained))} MB)`,
    );
  }
  await database.close();
}

try {
  const t = performance.now();
  const summary = await writeSyntheticExport(file, cards);
  console.log(
    `Synthetic export: ${summary.cards.toLocaleString('en')} cards, ${Math.round(summary.bytes / 2 ** 20)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
  if (engines.includes('pglite'))
    await run(
      'PGlite (embedded, on disk)',
      await openDatabase({ kind: 'pglite', dataDir: join(work, 'data') }),
    );
  const url = process.env.BENCH_DATABASE_URL;
  if (!engines.includes('postgres')) {
    // PostgreSQL not asked for.
  } else if (url) {
    await run('PostgreSQL', await openScratchPostgres(url, 'll_bench'));
  } else {
    console.log('\nBENCH_DATABASE_URL not set: PostgreSQL skipped.');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
