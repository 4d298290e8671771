/** Planner statistics after bulk writes (PGlite has no autovacuum; PostgreSQL's may lag a bulk load). */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from './engine.ts';
import { queryRows } from './query.ts';
import { currentWall } from './tenant-wall.ts';

/** The tables bulk writes fill: datacards and their detail rows. */
const CARD_TABLES = ['datacards', 'human_effects', 'asset_effects'];

/**
 * Refresh the planner's statistics of the card tables that are missing or stale. Without them the
 * planner sorts every remaining card for each keyset page instead of walking the primary key, and
 * joins detail rows to thousands of cards with nested loops.
 */
export async function refreshCardStatistics(db: Db): Promise<void> {
  const stats = await queryRows<{ name: string; live: number; changed: number }>(
    db,
    sql`select relname as name, n_live_tup::float8 as live, n_mod_since_analyze::float8 as changed
        from pg_stat_user_tables where relname in ${sql.raw(`(${CARD_TABLES.map((t) => `'${t}'`).join(', ')})`)}`,
  );
  for (const table of stats) {
    if (table.changed < Math.max(5_000, table.live / 5)) continue;
    try {
      await db.execute(sql.raw(`analyze "${table.name}"`));
    } catch {
      // A role that does not own the table cannot analyze it; queries are only slower then.
    }
  }
}

/**
 * Analyze tables inside a transaction that has just bulk-written them (ANALYZE samples the
 * transaction's own rows): the queries that follow in it otherwise plan for empty tables and
 * pick nested loops over hundreds of thousands of rows. Inside the tenant wall the ANALYZE runs
 * as the owner, like COPY, and the wall is back for the next statement.
 */
export async function analyzeInTransaction(tx: Executor, tables: string[] = CARD_TABLES): Promise<void> {
  const walled = currentWall() !== null;
  if (walled) await tx.execute(sql`select set_config('role', 'none', true)`);
  // A smaller sample than the default 100 (6,000 rows instead of 30,000): enough to plan joins,
  // a fifth of the time on PGlite; refreshCardStatistics() later refines them. Local: the setting
  // ends with the transaction.
  await tx.execute(sql`select set_config('default_statistics_target', '20', true)`);
  try {
    await tx.execute(sql.raw(`analyze ${tables.map((t) => `"${t}"`).join(', ')}`));
  } finally {
    if (walled) await tx.execute(sql`select set_config('role', 'lossledger_app', true)`);
  }
}
