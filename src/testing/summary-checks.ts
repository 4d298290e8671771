/** Checks of the card summary against the datacards it adds up (see db/schema/summary.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { queryRows } from '../db/query.ts';
import { SUMMARY_FIELDS, summarySumColumn, summaryWithColumn } from '../db/schema/index.ts';

const id = (name: string) => sql.identifier(name);
const KEYS = sql`tenant_id, status, event_type_id, cause_id, start_year, start_month`;

/** Summary rows that a fresh grouping of the live cards does not give, and the other way round (empty = in step). */
export async function summaryDrift(db: Db): Promise<Record<string, unknown>[]> {
  const fresh = sql`select ${KEYS}, geo_ancestors[1], geo_ancestors[2], count(*)::int, ${sql.join(
    SUMMARY_FIELDS.flatMap((f) => [
      sql`coalesce(sum(${id(f.column)}), 0)`,
      sql`(count(*) filter (where ${id(f.column)} > 0 or ${id(f.presentColumn!)}))::int`,
    ]),
    sql`, `,
  )} from datacards where deleted_at is null group by 1, 2, 3, 4, 5, 6, 7, 8`;
  const stored = sql`select ${KEYS}, geo1, geo2, cards, ${sql.join(
    SUMMARY_FIELDS.flatMap((f) => [id(summarySumColumn(f)), id(summaryWithColumn(f))]),
    sql`, `,
  )} from card_summary`;
  return queryRows(db, sql`(${stored} except all ${fresh}) union all (${fresh} except all ${stored})`);
}

/** The cards the summary counts for a tenant. */
export async function summaryCardCount(db: Db, tenantId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(cards), 0)::int as n from card_summary where tenant_id = ${tenantId}`,
  );
  return row?.n ?? 0;
}
