/**
 * A fresh, migrated database for one test file, on the engine the test runner chose:
 * PGlite loaded from a migrated template tarball, or a PostgreSQL database cloned from a
 * migrated template database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';

/** Which engine this test process runs on (set by scripts/run-tests.ts). */
export const testEngine = (): 'pglite' | 'postgres' =>
  process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_ENGINE=postgres needs TEST_DATABASE_URL');
  return url;
}

/** The URL of another database on the same server. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Open a fresh migrated database; close() also drops it (PostgreSQL). */
export async function openTestDatabase(): Promise<Database> {
  if (testEngine() === 'pglite') {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    const database = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: template });
    if (!template) await migrate(database.db);
    return database;
  }
  const template = process.env.TEST_PG_TEMPLATE;
  const database = await openScratchPostgres(adminUrl(), 'll_test', { template, poolSize: 4 });
  if (!template) await migrate(database.db);
  return database;
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A new database on the server of `adminUrl` (empty, or cloned from a template); close() drops it. */
export async function openScratchPostgres(
  adminUrl: string,
  prefix: string,
  options: { template?: string; poolSize?: number } = {},
): Promise<Database> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    adminUrl,
    `create database ${name}${options.template ? ` template ${options.template}` : ''}`,
  );
  const database = await openDatabase({
    kind: 'postgres',
    url: databaseUrl(adminUrl, name),
    poolSize: options.poolSize,
  });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
