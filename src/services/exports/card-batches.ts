/**
 * The cards of an export in keyset-paged batches (ORDER BY id, `id > last`), fetched one batch
 * ahead of the writer. Each batch travels as one JSON text: an order of magnitude fewer values
 * to hand across PGlite's worker boundary than 2,000 rows of 90 columns; numeric columns are
 * cast to text first, so money and areas stay exact.
 */
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { datacards } from '../../db/schema/index.ts';

/** Cards per query. */
export const EXPORT_BATCH = 2_000;

/** A datacard row as drizzle returns it. */
export type CardRow = typeof datacards.$inferSelect;

/** `col as "col"` for each column, numerics as text; keys come back as drizzle's property names. */
const SELECT_LIST = sql.raw(
  Object.entries(getTableColumns(datacards))
    .map(([key, column]) => `${column.name}${column.columnType === 'PgNumeric' ? '::text' : ''} as "${key}"`)
    .join(', '),
);

/** One batch: the cards and whatever the caller loaded with them. */
export interface CardBatch<T> {
  rows: CardRow[];
  extra: T;
}

/**
 * The matching cards in batches ordered by id. The next batch — and what `load` adds to it —
 * is fetched while the caller writes the current one, one query at a time (a transaction's
 * single connection must not run two).
 */
export async function* cardBatches<T = undefined>(
  ex: Executor,
  where: SQL,
  options: { batchSize?: number; load?: (rows: CardRow[]) => Promise<T> } = {},
): AsyncGenerator<CardBatch<T>> {
  const batchSize = options.batchSize ?? EXPORT_BATCH;
  const fetch = (after: string | null): Promise<CardBatch<T>> => {
    const page = sql`select ${SELECT_LIST} from datacards
      where ${where} ${after === null ? sql`` : sql`and datacards.id > ${after}`}
      order by datacards.id limit ${batchSize}`;
    const batch = queryRows<{ rows: string }>(
      ex,
      sql`select coalesce(json_agg(t order by t.id), '[]')::text as rows from (${page}) t`,
    ).then(async ([r]) => {
      const rows = JSON.parse(r?.rows ?? '[]') as CardRow[];
      return { rows, extra: (options.load && rows.length ? await options.load(rows) : undefined) as T };
    });
    // Awaited below; this only keeps a prefetch the caller abandoned from becoming an unhandled rejection.
    batch.catch(() => {});
    return batch;
  };
  let pending = fetch(null);
  for (;;) {
    const batch = await pending;
    const full = batch.rows.length === batchSize;
    if (full) pending = fetch(batch.rows[batch.rows.length - 1]!.id);
    if (batch.rows.length) yield batch;
    if (!full) return;
  }
}
