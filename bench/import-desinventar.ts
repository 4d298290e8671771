/**
 * DesInventar XML import benchmark: generates a synthetic export of N cards (default 200,000),
 * imports it into a fresh tenant on PGlite and, when BENCH_DATABASE_URL is set, on PostgreSQL, and
 * prints cards/s, the importer's peak JS heap and its heap after a forced GC every 10 s (the
 * database engine's own memory excluded:
 * PGlite's WASM heap lives in its worker thread, PostgreSQL in its own process).
 *
 * Usage: node --import tsx --expose-gc bench/import-desinventar.ts [cards=200000]
 * BENCH_SUMMARY_TRIGGERS=off disables the card_summary triggers, to time what keeping the summary costs.
 * BENCH_ENGINES=pglite or =postgres runs one engine only (e.g. to profile the importer with --cpu-prof).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { readDesInventarXml } from '../src/formats/desinventar-xml/read.ts';
import { writeSyntheticExport } from '../src/formats/desinventar-xml/synthetic.ts';
import { systemContext, withTenant } from '../src/services/context.ts';
import { runImport } from '../src/services/imports/run-import.ts';
import { createTenant, resolveTenant } from '../src/services/tenants/tenants.ts';
import { openScratchPostgres } from '../src/testing/db.ts';

const cards = Number(process.argv[2] ?? 200_000);
const work = mkdtempSync(join(tmpdir(), 'll-bench-import-'));
const file = join(work, 'synthetic.xml');

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
  const started = performance.now();
  const report = await runImport(database.db, ctx, readDesInventarXml(file), {
    dryRun: false,
    mode: 'all-or-nothing',
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(keeper);
  const imported = report.counts.datacards?.created ?? 0;
  console.log(`\n${label}`);
  console.log(`  status ${report.status}, ${imported} cards created in ${seconds.toFixed(1)} s`);
  console.log(`  throughput: ${Math.round(imported / seconds).toLocaleString('en')} cards/s`);
  console.log(
    `  importer peak JS heap: ${Math.round(peakHeap / 2 ** 20)} MB (start ${Math.round(baseHeap / 2 ** 20)} MB)`,
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
