/**
 * Test runner: lists the *.test.ts files itself (Node 20 expands no globs), fails when there
 * are none, runs them on PGlite and, when TEST_DATABASE_URL is set, again on PostgreSQL, each
 * test file on a fresh database cloned from a migrated template. Ends with one summary line.
 *
 * Usage: npm test [-- file-substring ...]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function runNodeTest(files: string[], env: Record<string, string>, tapFile: string): Promise<Counts> {
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
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

async function pgliteTemplate(): Promise<string> {
  const file = join(tmp, 'pglite-template.tar');
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database.db);
  await database.dumpTo!(file);
  await database.close();
  return file;
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
      { TEST_ENGINE: 'pglite', TEST_PGLITE_TEMPLATE: template },
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
