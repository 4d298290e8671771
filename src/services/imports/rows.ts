/**
 * Batch writes of the loader: inserts through COPY (db/copy.ts); updates with many rows in one
 * JSON parameter per statement (json_populate_recordset), which both engines parse far faster
 * than drizzle builds SQL.
 */
import { type SQL, sql } from 'drizzle-orm';
import { copyRows } from '../../db/copy.ts';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';

/** A row keyed by column name. */
export type Row = Record<string, unknown>;

/** Rows per statement. */
export const BATCH = 2000;
/** Rows per COPY. */
const COPY_BATCH = 20_000;

const recordset = (table: string, rows: Row[]) =>
  sql`json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`;

/** How sparse rows are written: every column, and the values of NOT NULL columns rows may omit. */
export interface SparseColumns {
  columns: string[];
  defaults: Record<string, unknown>;
}

/**
 * Insert rows with COPY (db/copy.ts). Rows all have the same keys, or (with `sparse`) omit null
 * values and defaulted columns.
 */
export async function insertRows(
  tx: Executor,
  table: string,
  rows: Row[],
  sparse?: SparseColumns,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = sparse?.columns ?? Object.keys(rows[0]!);
  const defaults = Object.entries(sparse?.defaults ?? {});
  if (defaults.length > 0) {
    for (const row of rows) for (const [c, value] of defaults) row[c] ??= value;
  }
  for (let i = 0; i < rows.length; i += COPY_BATCH) {
    await copyRows(
      tx,
      table,
      columns,
      i === 0 && rows.length <= COPY_BATCH ? rows : rows.slice(i, i + COPY_BATCH),
    );
  }
}

/**
 * Update rows matched on `keys`, setting every other column the rows carry; `also` adds
 * assignments such as `version = d.version + 1` (the target is aliased d).
 */
export async function updateRows(
  tx: Executor,
  table: string,
  rows: Row[],
  keys: string[],
  also?: SQL,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const columns = Object.keys(chunk[0]!).filter((c) => !keys.includes(c));
    const assignments = columns.map((c) => sql`${sql.identifier(c)} = r.${sql.identifier(c)}`);
    if (also) assignments.push(also);
    const match = sql.join(
      keys.map((k) => sql`d.${sql.identifier(k)} = r.${sql.identifier(k)}`),
      sql` and `,
    );
    await tx.execute(
      sql`update ${sql.identifier(table)} as d set ${sql.join(assignments, sql`, `)}
          from ${recordset(table, chunk)} as r where ${match}`,
    );
  }
}

/** Ids taken from a table's identity sequence in blocks, so rows are written with their final ids. */
export class IdPool {
  private free: number[] = [];
  constructor(
    private readonly table: string,
    private readonly block = 200,
  ) {}

  /** The next id (one query per block). */
  async next(tx: Executor): Promise<number> {
    if (this.free.length === 0) {
      const rows = await queryRows<{ id: number }>(
        tx,
        sql`select nextval(pg_get_serial_sequence(${this.table}, 'id'))::int as id
            from generate_series(1, ${this.block}::int)`,
      );
      this.free = rows.map((r) => r.id).sort((a, b) => b - a);
    }
    return this.free.pop()!;
  }
}

/** A list passed as one JSON parameter, for `in (…)` filters (drizzle expands JS arrays into tuples). */
export const jsonList = (values: readonly (string | number)[], type: 'text' | 'uuid' | 'int' = 'text') =>
  sql`(select json_array_elements_text(${JSON.stringify(values)}::json)::${sql.raw(type)})`;
