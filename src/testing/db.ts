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
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  const name = `ll_test_${randomBytes(6).toString('hex')}`;
  const template = process.env.TEST_PG_TEMPLATE;
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(adminUrl(), name), poolSize: 4 });
  if (!template) await migrate(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: adminUrl() });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
