/**
 * The first import into an empty database (no datacards in any tenant: a country moving from
 * DesInventar) loads like a restore: the datacards table is locked for the import's transaction,
 * its secondary indexes are dropped and built again once at the end (a sort each, instead of a
 * tree insertion per card per index), and the card summary triggers are off while the tenant's
 * summary is computed once from its cards at the end. All of it is transactional: an import that
 * fails rolls back to the indexes and triggers it found. Only with deferred reference checks
 * (deferred-references.ts: superuser, all-or-nothing, a tenant without cards).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { SUMMARY_FIELDS, summarySumColumn, summaryWithColumn } from '../../db/schema/index.ts';

/** The statement triggers that keep card_summary (migration card_summary_list_indexes). */
const SUMMARY_TRIGGERS = [
  'card_summary_insert',
  'card_summary_update',
  'card_summary_delete',
  'card_summary_truncate',
];

/** A bulk load in progress: finish() before anything reads the cards through their indexes. */
export interface BulkLoad {
  /** Build the dropped indexes again, turn the triggers back on and compute the tenant's summary. */
  finish(): Promise<void>;
}

/** Start a bulk load when the datacards table is empty; null (and nothing changed) otherwise. */
export async function startBulkLoad(tx: Executor, tenantId: number): Promise<BulkLoad | null> {
  const empty = async () =>
    (await queryRows<{ empty: boolean }>(tx, sql`select not exists(select 1 from datacards) as empty`))[0]
      ?.empty;
  if (!(await empty())) return null;
  await tx.execute(sql`lock table datacards in access exclusive mode`);
  // Another import may have written cards between the check and the lock.
  if (!(await empty())) return null;
  const indexes = await queryRows<{ name: string; definition: string }>(
    tx,
    sql`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'datacards'::regclass and not i.indisunique and not i.indisprimary
        order by c.relname`,
  );
  for (const index of indexes) await tx.execute(sql`drop index ${sql.identifier(index.name)}`);
  for (const trigger of SUMMARY_TRIGGERS)
    await tx.execute(sql`alter table datacards disable trigger ${sql.identifier(trigger)}`);
  // Pages filled to 90 % keep room to merge the cards' extension values into them in place
  // (an update on the same page touches no index); later updates of the cards gain the same.
  await tx.execute(sql`alter table datacards set (fillfactor = 90)`);
  // Sorts and groupings of the whole import (summary, checks) in memory.
  await tx.execute(sql`set local work_mem = '64MB'`);
  return {
    async finish() {
      await tx.execute(sql`alter table datacards reset (fillfactor)`);
      for (const index of indexes) await tx.execute(sql.raw(index.definition));
      for (const trigger of SUMMARY_TRIGGERS)
        await tx.execute(sql`alter table datacards enable always trigger ${sql.identifier(trigger)}`);
      await rebuildSummary(tx, tenantId);
    },
  };
}

const id = (name: string) => sql.identifier(name);

/** Replace a tenant's card summary with a fresh grouping of its live cards. */
export async function rebuildSummary(tx: Executor, tenantId: number): Promise<void> {
  const effects: SQL[] = SUMMARY_FIELDS.flatMap((f) => [
    sql`coalesce(sum(${id(f.column)}), 0)`,
    sql`(count(*) filter (where ${id(f.column)} > 0 or ${id(f.presentColumn!)}))::int`,
  ]);
  const columns = SUMMARY_FIELDS.flatMap((f) => [id(summarySumColumn(f)), id(summaryWithColumn(f))]);
  await tx.execute(sql`delete from card_summary where tenant_id = ${tenantId}`);
  await tx.execute(
    sql`insert into card_summary (tenant_id, status, event_type_id, cause_id, start_year, start_month, geo1, geo2,
          cards, ${sql.join(columns, sql`, `)})
        select tenant_id, status, event_type_id, cause_id, start_year, start_month, geo_ancestors[1], geo_ancestors[2],
          count(*)::int, ${sql.join(effects, sql`, `)}
        from datacards where tenant_id = ${tenantId} and deleted_at is null
        group by 1, 2, 3, 4, 5, 6, 7, 8
        order by 1, 2, 3, 4, 5, 6, 7, 8`,
  );
}
