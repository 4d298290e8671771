/**
 * Rows of source tables LossLedger does not model. An import's rows are the latest copy of
 * their table: they replace the tenant's earlier rows of the same table name; the report
 * compares the two by position (created, updated, unchanged).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { LegacyRowItem } from '../../formats/model.ts';
import type { LoaderContext } from './loader-context.ts';
import { BATCH, insertRows, jsonList, type Row } from './rows.ts';

/** The legacy-rows part of one import. */
export class LegacyRowLoader {
  private buffer: Row[] = [];
  private readonly tables = new Set<string>();

  constructor(private readonly lc: LoaderContext) {}

  /** Queue one row. */
  async add(item: LegacyRowItem): Promise<void> {
    this.tables.add(item.table);
    this.buffer.push({
      tenant_id: this.lc.tenantId,
      import_id: this.lc.importId,
      table_name: item.table,
      position: item.position,
      data: item.data,
    });
    if (this.buffer.length >= BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    await insertRows(this.lc.tx, 'legacy_rows', this.buffer);
    this.buffer = [];
  }

  /** Write the rest, count against the earlier copies, then drop those. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.tables.size === 0) return;
    const tables = jsonList([...this.tables]);
    const [c] = await queryRows<{ created: number; updated: number; unchanged: number }>(
      this.lc.tx,
      sql`select count(*) filter (where o.id is null)::int as created,
                 count(*) filter (where o.id is not null and o.data <> n.data)::int as updated,
                 count(*) filter (where o.data = n.data)::int as unchanged
          from legacy_rows n
          left join lateral (
            select id, data from legacy_rows o
            where o.tenant_id = n.tenant_id and o.table_name = n.table_name and o.position = n.position
              and o.import_id is distinct from n.import_id
            limit 1) o on true
          where n.tenant_id = ${this.lc.tenantId} and n.import_id = ${this.lc.importId}`,
    );
    for (const change of ['created', 'updated', 'unchanged'] as const)
      this.lc.report.count('legacyRows', change, c?.[change] ?? 0);
    await this.lc.tx.execute(
      sql`delete from legacy_rows where tenant_id = ${this.lc.tenantId} and table_name in ${tables}
            and import_id is distinct from ${this.lc.importId}`,
    );
  }
}
