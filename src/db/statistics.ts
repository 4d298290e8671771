/** Planner statistics after bulk writes (PGlite has no autovacuum; PostgreSQL's may lag a bulk load). */
import { sql } from 'drizzle-orm';
import type { Db } from './engine.ts';
import { queryRows } from './query.ts';

/**
 * Refresh the planner's statistics of datacards when they are missing or stale. Without them the
 * planner sorts every remaining card for each keyset page instead of walking the primary key.
 */
export async function refreshCardStatistics(db: Db): Promise<void> {
  const [stats] = await queryRows<{ live: number; changed: number }>(
    db,
    sql`select n_live_tup::float8 as live, n_mod_since_analyze::float8 as changed
        from pg_stat_user_tables where relname = 'datacards'`,
  );
  if (!stats || stats.changed < Math.max(5_000, stats.live / 5)) return;
  try {
    await db.execute(sql`analyze datacards`);
  } catch {
    // A role that does not own the table cannot analyze it; queries are only slower then.
  }
}
