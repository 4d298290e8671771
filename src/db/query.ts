/** Raw-SQL helpers that give the same result shape on both engines. */
import type { SQL } from 'drizzle-orm';
import type { Executor } from './engine.ts';

/** Run a raw `sql` query and return its rows typed as T (cast numbers in SQL: int8 comes back as text). */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
