/**
 * Opens the database: PGlite in a worker thread (embedded, the default) or PostgreSQL
 * (DATABASE_URL). This is the only module that knows which engine is in use.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { acquireDataDirLock } from './lock.ts';
import { RemotePglite } from './pglite-remote.ts';
import * as schema from './schema/index.ts';
import { installTenantWall, tenantWallAvailable } from './tenant-wall.ts';

/** The drizzle schema object. */
export type Schema = typeof schema;
/** A drizzle database on either engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** An open transaction on either engine. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or a transaction. */
export type Executor = Db | Tx;

/** Where the data lives. */
export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: string; lockCommand?: string };

/** An open database with its engine-specific extras. */
export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Human-readable location (folder or URL without password). */
  location: string;
  /**
   * PostgreSQL only: whether row-level security can wall requests into their tenant (the role of
   * migration tenant_wall exists and may be taken); asked after migrations, answer kept once true.
   */
  tenantWall: () => Promise<boolean>;
  /** Embedded only: write the whole database to a tarball. */
  dumpTo?: (file: string) => Promise<void>;
  /** Embedded only: milliseconds its thread has spent on requests (benchmarks). */
  engineBusyMs?: () => Promise<number>;
  close(): Promise<void>;
}

/** Choose the engine from the environment: DATABASE_URL wins, else DATA_DIR (default ./data). */
export function configFromEnv(env: NodeJS.ProcessEnv, dataDirFlag?: string): DatabaseConfig {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL };
  return { kind: 'pglite', dataDir: resolve(dataDirFlag ?? env.DATA_DIR ?? './data') };
}

/**
 * End a pool and wait until its connections are really closed: pool.end() resolves once the last
 * client is taken out of the pool, before its socket has gone, so dropping the database right
 * after (tests) would kill connections still saying goodbye.
 */
async function endPool(pool: pg.Pool): Promise<void> {
  const open = pool.totalCount;
  let removed = 0;
  const gone = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      if (++removed >= open) resolve();
    });
  });
  await pool.end();
  await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
}

/** Open the database described by config. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    installTenantWall(pool);
    await pool.query('select 1');
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
    const url = new URL(config.url);
    url.password = '';
    // Asked per tenant request: kept once true; a false answer is asked again at most once a minute
    // (the role may be created later by an operator), not on every request.
    let walled = false;
    let checkedAt = 0;
    return {
      db,
      engine: 'postgres',
      location: url.toString(),
      tenantWall: async () => {
        if (walled || Date.now() - checkedAt < 60_000) return walled;
        checkedAt = Date.now();
        walled = await tenantWallAvailable(db);
        return walled;
      },
      close: () => endPool(pool),
    };
  }
  let release = () => {};
  let pgData: string | null = null;
  if (config.dataDir) {
    mkdirSync(config.dataDir, { recursive: true });
    release = acquireDataDirLock(config.dataDir, config.lockCommand ?? process.argv.slice(1).join(' '));
    pgData = resolve(config.dataDir, 'pgdata');
  }
  try {
    const remote = await RemotePglite.start({ dataDir: pgData, loadDataDir: config.loadDataDir });
    const db = drizzlePglite({ client: remote as never, schema }) as unknown as Db;
    return {
      db,
      engine: 'pglite',
      location: config.dataDir ?? 'memory',
      tenantWall: async () => false,
      dumpTo: (file) => remote.dumpTo(file),
      engineBusyMs: () => remote.busyMs(),
      close: async () => {
        await remote.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
