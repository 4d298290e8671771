/** Baselines (denominators) of an import, upserted by (unit, year, metric) in batches. */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { BaselineItem } from '../../formats/model.ts';
import type { GeographyLoader } from './geography.ts';
import { type LoaderContext, reject } from './loader-context.ts';
import { BATCH, type Row } from './rows.ts';
import { canonicalSignedDecimal } from './values.ts';

/** The baselines part of one import. */
export class BaselineLoader {
  /** Pending rows by their key, so a repeated key in one batch keeps the last value. */
  private pending = new Map<string, Row>();

  constructor(
    private readonly lc: LoaderContext,
    private readonly geography: GeographyLoader,
  ) {}

  /** Validate and queue one baseline value. */
  async add(item: BaselineItem): Promise<void> {
    const where = `baseline ${item.metric} ${item.year}${item.unitCode ? ` of ${item.unitCode}` : ''}`;
    const unit = item.unitCode === null ? null : this.geography.resolve(item.unitCode);
    if (item.unitCode !== null && !unit) {
      reject(this.lc, where, 'unknown_geo_unit', `unknown geographic unit '${item.unitCode}'`);
      return;
    }
    const value = item.value === null ? null : canonicalSignedDecimal(item.value);
    const valueUsd = item.valueUsd === null ? null : canonicalSignedDecimal(item.valueUsd);
    if (
      !item.metric ||
      !Number.isInteger(item.year) ||
      (item.value !== null && value === null) ||
      (item.valueUsd !== null && valueUsd === null)
    ) {
      reject(this.lc, where, 'invalid_value', 'a baseline needs a metric, a whole year and numeric values');
      return;
    }
    const row = {
      tenant_id: this.lc.tenantId,
      geo_unit_id: unit?.id ?? null,
      year: item.year,
      metric: item.metric,
      value,
      value_usd: valueUsd,
      source: item.source,
    };
    this.pending.set(`${row.geo_unit_id}|${row.year}|${row.metric}`, row);
    if (this.pending.size >= BATCH) await this.flush();
  }

  /** Upsert the queued values; counts created, updated and unchanged rows. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    await this.geography.flush();
    const [result] = await queryRows<{ created: number; updated: number }>(
      this.lc.tx,
      sql`with written as (
            insert into baselines (tenant_id, geo_unit_id, year, metric, value, value_usd, source)
            select tenant_id, geo_unit_id, year, metric, value, value_usd, source
            from json_populate_recordset(null::baselines, ${JSON.stringify(rows)}::json)
            on conflict on constraint baselines_metric_year do update
              set value = excluded.value, value_usd = excluded.value_usd, source = excluded.source
              where (baselines.value, baselines.value_usd, baselines.source)
                is distinct from (excluded.value, excluded.value_usd, excluded.source)
            returning (xmax = 0) as inserted)
          select count(*) filter (where inserted)::int as created,
                 count(*) filter (where not inserted)::int as updated from written`,
    );
    const created = result?.created ?? 0;
    const updated = result?.updated ?? 0;
    this.lc.report.count('baselines', 'created', created);
    this.lc.report.count('baselines', 'updated', updated);
    this.lc.report.count('baselines', 'unchanged', rows.length - created - updated);
  }
}
