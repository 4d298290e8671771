/**
 * Bulk loading with COPY … FROM in CSV on both engines: PGlite reads the rows from '/dev/blob'
 * in its worker thread, PostgreSQL from a COPY stream on the transaction's connection
 * (pg-copy-streams). Parsing CSV is several times cheaper for the engine than a JSON
 * parameter, and no SQL is built per row.
 */
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { array, type Encoder, json, scalar, toCsv } from './csv-bytes.ts';
import type { Executor } from './engine.ts';
import { RemotePglite, RemoteTransaction } from './pglite-remote.ts';
import { queryRows } from './query.ts';
import { currentWall } from './tenant-wall.ts';

/** How each column of a table is written, by its type (looked up once per process). */
const encoders = new Map<string, Map<string, Encoder>>();

async function encodersOf(tx: Executor, table: string): Promise<Map<string, Encoder>> {
  let known = encoders.get(table);
  if (!known) {
    const columns = await queryRows<{ name: string; type: string }>(
      tx,
      sql`select column_name as name, data_type as type
          from information_schema.columns
          where table_name = ${table} and table_schema = any(current_schemas(true))`,
    );
    known = new Map(
      columns.map((c) => [
        c.name,
        c.type === 'ARRAY' ? array : c.type === 'json' || c.type === 'jsonb' ? json : scalar,
      ]),
    );
    // Temporary tables come and go with their transaction, but each name is always created with
    // the same column types (the importer's staging tables), so their encoders are kept too.
    if (columns.length > 0) encoders.set(table, known);
  }
  return known;
}

/** The client under a drizzle database or transaction. */
const clientOf = (executor: Executor): unknown =>
  (executor as unknown as { session: { client: unknown } }).session.client;

/** COPY rows into `table` (a permanent or temporary table): the given columns, others take their defaults. */
export async function copyRows(
  tx: Executor,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const byColumn = await encodersOf(tx, table);
  const encode = columns.map((c) => {
    const e = byColumn.get(c);
    if (!e) throw new Error(`copyRows: table ${table} has no column ${c}`);
    return e;
  });
  const statement = `copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv)`;
  const csv = toCsv(columns, rows, encode);
  const client = clientOf(tx);
  if (client instanceof RemoteTransaction || client instanceof RemotePglite) {
    // The bytes' buffer is transferred to the worker thread, not copied.
    await client.copyFrom(statement.replace('from stdin', "from '/dev/blob'"), csv);
    return;
  }
  const data = Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength);
  if (client instanceof pg.Pool) {
    const connection = await client.connect();
    let failure: Error | undefined;
    try {
      await copyAsOwner(connection, false, () =>
        pipeline([data], connection.query(copyFromStream(statement))),
      );
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      // A failed COPY may leave the connection without its wall: destroy it rather than reuse it.
      connection.release(failure);
    }
    return;
  }
  const connection = client as pg.ClientBase;
  await copyAsOwner(connection, true, () => pipeline([data], connection.query(copyFromStream(statement))));
}

/**
 * PostgreSQL refuses COPY FROM into a table with row-level security, so inside a tenant wall
 * (db/tenant-wall.ts) the COPY itself runs as the owner; the importer writes only its own
 * tenant's rows, and the wall is back for the next statement (`local`: within the transaction).
 */
async function copyAsOwner(connection: pg.ClientBase, local: boolean, copy: () => Promise<unknown>) {
  if (currentWall() === null) {
    await copy();
    return;
  }
  await connection.query(`select set_config('role', 'none', ${local})`);
  await copy();
  await connection.query(`select set_config('role', 'lossledger_app', ${local})`);
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
