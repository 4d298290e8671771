/** Rows of source tables kept verbatim (legacy_rows), read back by table in source order. */
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { legacyRows } from '../../db/schema/index.ts';

/** A verbatim row: column -> text (null = empty element). */
export type LegacyData = Record<string, string | null>;

const PAGE = 2_000;

/** The tables that have verbatim rows, in the order they were first stored, with their row counts. */
export async function legacyTables(ex: Executor, tenantId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ table_name: string; n: number }>(
    ex,
    sql`select table_name, count(*)::int as n from legacy_rows where tenant_id = ${tenantId}
        group by table_name order by min(id)`,
  );
  return new Map(rows.map((r) => [r.table_name, r.n]));
}

/** The verbatim rows of one table by position, paged so a large table never sits in memory whole. */
export async function* legacyRowsOf(
  ex: Executor,
  tenantId: number,
  table: string,
): AsyncGenerator<LegacyData> {
  let after: { position: number; id: number } | null = null;
  for (;;) {
    const base = and(eq(legacyRows.tenantId, tenantId), eq(legacyRows.tableName, table));
    const page: { id: number; position: number; data: LegacyData }[] = await ex
      .select({ id: legacyRows.id, position: legacyRows.position, data: legacyRows.data })
      .from(legacyRows)
      .where(
        after === null
          ? base
          : and(
              base,
              or(
                gt(legacyRows.position, after.position),
                and(eq(legacyRows.position, after.position), gt(legacyRows.id, after.id)),
              ),
            ),
      )
      .orderBy(asc(legacyRows.position), asc(legacyRows.id))
      .limit(PAGE);
    for (const row of page) yield row.data;
    if (page.length < PAGE) return;
    const last = page[page.length - 1]!;
    after = { position: last.position, id: last.id };
  }
}

/** Every verbatim row of a small table (catalogue-sized: niveles, metadata_national …). */
export async function allLegacyRows(ex: Executor, tenantId: number, table: string): Promise<LegacyData[]> {
  const rows: LegacyData[] = [];
  for await (const row of legacyRowsOf(ex, tenantId, table)) rows.push(row);
  return rows;
}
