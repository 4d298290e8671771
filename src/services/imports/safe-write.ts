/**
 * Writes a batch inside a savepoint; when the database refuses it, retries row by row (each in
 * its own savepoint) to find the rows at fault, which are rejected with their place: the
 * import's error (all-or-nothing) or skipped and listed (per-row). Valid rows are never lost.
 */

import type { Executor } from '../../db/engine.ts';
import { mapDbError } from '../../db/errors.ts';
import { type LoaderContext, reject } from './loader-context.ts';
import type { Row } from './rows.ts';

/** How to write a list of rows. */
export type RowWriter = (tx: Executor, rows: Row[]) => Promise<void>;

/** Write items' rows; returns the items the database refused (per-row mode only). */
export async function writeSafely<T>(
  lc: LoaderContext,
  items: T[],
  placeOf: (item: T) => string,
  toRow: (item: T) => Row,
  write: RowWriter,
): Promise<Set<T>> {
  const failed = new Set<T>();
  if (items.length === 0) return failed;
  try {
    await lc.tx.transaction((sp) => write(sp, items.map(toRow)));
    return failed;
  } catch (error) {
    if (!mapDbError(error)) throw error;
  }
  for (const item of items) {
    try {
      await lc.tx.transaction((sp) => write(sp, [toRow(item)]));
    } catch (error) {
      const mapped = mapDbError(error);
      if (!mapped) throw error;
      failed.add(item);
      reject(lc, placeOf(item), 'database_error', mapped.message);
    }
  }
  return failed;
}
