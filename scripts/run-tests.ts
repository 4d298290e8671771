/**
 * Test runner: lists the *.test.ts files itself (Node 20 expands no globs), fails when there
 * are none, runs them on PGlite and, when TEST_DATABASE_URL is set, again on PostgreSQL, each
 * test file on a fresh database cloned from a migrated template. Ends with one summary line.
 *
 * Usage: npm test [-- file-substring ...]
 * TEST_TIMINGS=1 also prints the slowest files and tests of each engine; TEST_TIMINGS=<folder>
 * keeps their JSON lines there too (scripts/test-timings.mjs).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { databaseUrl } from '../src/testing/db.ts';

const root = join(import.meta.dirname, '..');
const tmp = join(root, '.test-tmp', String(process.pid));

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const timings = process.env.TEST_TIMINGS;

interface Timing {
  file: string;
  name: string;
  ms: number;
}

/** Print the slowest files and tests of one pass; keep the records if TEST_TIMINGS names a folder. */
function reportTimings(engine: string, timingsFile: string): void {
  const records = readFileSync(timingsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Timing);
  const top = (list: Timing[]) => list.sort((a, b) => b.ms - a.ms).slice(0, 15);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);
  console.log(`\nSlowest files (${engine}):`);
  for (const r of top(records.filter((r) => r.name === r.file))) {
    console.log(`${seconds(r.ms)}  ${relative(root, r.file)}`);
  }
  console.log(`\nSlowest tests (${engine}):`);
  for (const r of top(records.filter((r) => r.name !== r.file))) {
    console.log(`${seconds(r.ms)}  ${relative(root, r.file)} > ${r.name}`);
  }
  if (timings && timings !== '1') {
    mkdirSync(timings, { recursive: true });
    copyFileSync(timingsFile, join(timings, `${engine}.jsonl`));
  }
}

function runNodeTest(files: string[], env: Record<string, string>, tapFile: string): Promise<Counts> {
  const timingsFile = tapFile.replace(/\.tap$/, '.timings.jsonl');
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...(timings
      ? ['--test-reporter=./scripts/test-timings.mjs', `--test-reporter-destination=${timingsFile}`]
      : []),
    ...files,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', () => {
      if (timings) reportTimings(env.TEST_ENGINE ?? '', timingsFile);
      const tap = readFileSync(tapFile, 'utf8');
      const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
      resolve({
        passed: count('pass'),
        failed: count('fail') + count('cancelled'),
        skipped: count('skipped') + count('todo'),
      });
    });
  });
}

/** A migrated embedded database as a tarball (in-memory test databases load it) and as a data folder (CLI targets copy it). */
async function pgliteTemplate(): Promise<{ file: string; dir: string }> {
  const file = join(tmp, 'pglite-template.tar');
  const dir = join(tmp, 'pglite-template');
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  await migrate(database.db);
  await database.dumpTo!(file);
  await database.close();
  return { file, dir };
}

async function postgresTemplate(url: string): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `ll_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, name), poolSize: 1 });
  await migrate(database.db);
  await database.close();
  return {
    name,
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const filters = process.argv.slice(2);
  const files = findTests(join(root, 'src'))
    .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
    .sort();
  if (files.length === 0) {
    console.error('No test files found (looked for src/**/*.test.ts).');
    process.exit(1);
  }
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  console.log(`Running ${files.length} test files: ${files.map((f) => relative(root, f)).join(', ')}`);

  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (c: Counts) => {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  };
  console.log('\n=== Engine: PGlite ===');
  const template = await pgliteTemplate();
  add(
    await runNodeTest(
      files,
      { TEST_ENGINE: 'pglite', TEST_PGLITE_TEMPLATE: template.file, TEST_PGLITE_TEMPLATE_DIR: template.dir },
      join(tmp, 'pglite.tap'),
    ),
  );

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    console.log('\n=== Engine: PostgreSQL ===');
    const tpl = await postgresTemplate(url);
    try {
      add(
        await runNodeTest(
          files,
          { TEST_ENGINE: 'postgres', TEST_PG_TEMPLATE: tpl.name },
          join(tmp, 'postgres.tap'),
        ),
      );
    } finally {
      await tpl.drop();
    }
  } else {
    console.log(
      '\nTEST_DATABASE_URL is not set: PostgreSQL pass skipped (set it to run the suite on PostgreSQL too).',
    );
  }
  rmSync(tmp, { recursive: true, force: true });
  if (process.env.TEST_SUMMARY_FILE) writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(total));
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}

await main();
