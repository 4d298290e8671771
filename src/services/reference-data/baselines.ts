/**
 * A tenant's baselines (denominators): list them, and upsert values by (unit, year, metric) in
 * one transaction with an audit row per change. Shared by the API and `import baselines`.
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { BaselineValue } from '../../shared/baselines.ts';
import { type FieldIssue, notFound, validationFailed } from '../../shared/errors.ts';
import type {
  Baseline,
  BaselineQuerySchema,
  BaselineWriteResultSchema,
} from '../../shared/schemas/reference-data.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { insertAuditRows } from './audit-rows.ts';

/** One value to write, with where it came from for error messages ('line 4', 'values.3'). */
export interface BaselineEntry {
  at: string;
  /** Where the unit code is named, for an unknown unit. */
  unitAt: string;
  value: BaselineValue;
}

/** What a write did. */
export type BaselineWriteResult = z.infer<typeof BaselineWriteResultSchema>;

interface Stored {
  id: number;
  geo_unit_id: number | null;
  year: number;
  metric: string;
  value: string | null;
  value_usd: string | null;
  source: string | null;
}

const keyOf = (unit: number | string | null | undefined, year: number, metric: string) =>
  `${unit ?? ''}|${year}|${metric}`;
const numberText = (n: number | null) => (n === null ? null : String(n));
const sameNumber = (stored: string | null, n: number | null) =>
  stored === null || n === null ? stored === n : Number(stored) === n;

/** Unit ids by code: the current version of each code, else its latest. */
async function resolveUnits(tx: Executor, tenantId: number, codes: string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await queryRows<{ code: string; id: number }>(
    tx,
    sql`select distinct on (code) code, id from geo_units
        where tenant_id = ${tenantId} and code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})
        order by code, (valid_to is null) desc, valid_from desc nulls last`,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

function checkDuplicates(entries: BaselineEntry[]): void {
  const seen = new Map<string, string>();
  const issues: FieldIssue[] = [];
  for (const { at, value: v } of entries) {
    const key = keyOf(v.unitCode, v.year, v.metric);
    const first = seen.get(key);
    if (first)
      issues.push({ path: at, code: 'duplicate', message: `${v.metric} ${v.year} repeats ${first}` });
    else seen.set(key, at);
  }
  if (issues.length) throw validationFailed(issues);
}

/** Upsert baseline values (absent value/valueUsd/source keep what is stored); all or nothing. */
export async function writeBaselines(
  db: Db,
  ctx: RequestContext,
  entries: BaselineEntry[],
  origin: string | null,
): Promise<BaselineWriteResult> {
  const tenant = tenantOf(ctx);
  requireTenantAdmin(ctx, 'change baselines');
  checkDuplicates(entries);
  return db.transaction(async (tx) => {
    const codes = [...new Set(entries.flatMap((e) => (e.value.unitCode ? [e.value.unitCode] : [])))];
    const units = await resolveUnits(tx, tenant.id, codes);
    const unknown = entries.filter((e) => e.value.unitCode && !units.has(e.value.unitCode));
    if (unknown.length)
      throw validationFailed(
        unknown.map((e) => ({
          path: e.unitAt,
          code: 'unknown_reference',
          message: `no geographic unit '${e.value.unitCode}' in this database`,
        })),
      );
    const rows = entries.map((e) => ({
      ...e.value,
      unitId: e.value.unitCode ? units.get(e.value.unitCode)! : null,
    }));
    const stored = await storedRows(tx, tenant.id, rows);
    const plan = planChanges(rows, stored);
    await applyChanges(tx, tenant.id, plan);
    const actor = { tenantId: tenant.id, ctx };
    await insertAuditRows(tx, actor, 'baseline', plan.audit);
    const result = {
      total: entries.length,
      created: plan.inserts.length,
      updated: plan.updates.length,
      unchanged: entries.length - plan.inserts.length - plan.updates.length - plan.deletes.length,
      deleted: plan.deletes.length,
    };
    if (origin)
      await recordAudit(tx, ctx, {
        tenantId: tenant.id,
        action: 'import',
        entity: 'baselines',
        entityId: origin,
        after: { ...result, source: origin },
      });
    return result;
  });
}

type Row = BaselineValue & { unitId: number | null };

async function storedRows(tx: Executor, tenantId: number, rows: Row[]): Promise<Map<string, Stored>> {
  const keys = rows.map((r) => ({ geo_unit_id: r.unitId, year: r.year, metric: r.metric }));
  const found = await queryRows<Stored>(
    tx,
    sql`select b.id, b.geo_unit_id, b.year, b.metric, b.value::text as value, b.value_usd::text as value_usd, b.source
        from baselines b
        join json_to_recordset(${JSON.stringify(keys)}::json) as k(geo_unit_id int, year int, metric text)
          on coalesce(b.geo_unit_id, 0) = coalesce(k.geo_unit_id, 0) and b.year = k.year and b.metric = k.metric
        where b.tenant_id = ${tenantId}
        for update of b`,
  );
  return new Map(found.map((s) => [keyOf(s.geo_unit_id, s.year, s.metric), s]));
}

interface Plan {
  inserts: {
    geo_unit_id: number | null;
    year: number;
    metric: string;
    value: string | null;
    value_usd: string | null;
    source: string | null;
  }[];
  updates: { id: number; value: string | null; value_usd: string | null; source: string | null }[];
  deletes: number[];
  audit: { action: 'create' | 'update' | 'delete'; entityId: string; before: unknown; after: unknown }[];
}

function planChanges(rows: Row[], stored: Map<string, Stored>): Plan {
  const plan: Plan = { inserts: [], updates: [], deletes: [], audit: [] };
  for (const r of rows) {
    const old = stored.get(keyOf(r.unitId, r.year, r.metric));
    const value = r.value !== undefined ? r.value : old?.value == null ? null : Number(old.value);
    const valueUsd =
      r.valueUsd !== undefined ? r.valueUsd : old?.value_usd == null ? null : Number(old.value_usd);
    const source = r.source !== undefined ? r.source : (old?.source ?? null);
    const after = { value: numberText(value), valueUsd: numberText(valueUsd), source };
    const entityId = `${r.unitCode ?? 'national'}/${r.year}/${r.metric}`;
    const before = old ? { value: old.value, valueUsd: old.value_usd, source: old.source } : null;
    if (value === null && valueUsd === null) {
      if (!old) continue;
      plan.deletes.push(old.id);
      plan.audit.push({ action: 'delete', entityId, before, after: null });
    } else if (!old) {
      plan.inserts.push({
        geo_unit_id: r.unitId,
        year: r.year,
        metric: r.metric,
        value: after.value,
        value_usd: after.valueUsd,
        source,
      });
      plan.audit.push({ action: 'create', entityId, before: null, after });
    } else if (
      !sameNumber(old.value, value) ||
      !sameNumber(old.value_usd, valueUsd) ||
      old.source !== source
    ) {
      plan.updates.push({ id: old.id, value: after.value, value_usd: after.valueUsd, source });
      plan.audit.push({ action: 'update', entityId, before, after });
    }
  }
  return plan;
}

const BATCH = 2000;

async function applyChanges(tx: Executor, tenantId: number, plan: Plan): Promise<void> {
  for (let i = 0; i < plan.inserts.length; i += BATCH) {
    const json = JSON.stringify(plan.inserts.slice(i, i + BATCH));
    await tx.execute(sql`insert into baselines (tenant_id, geo_unit_id, year, metric, value, value_usd, source)
      select ${tenantId}, geo_unit_id, year, metric, value, value_usd, source
      from json_to_recordset(${json}::json)
        as v(geo_unit_id int, year int, metric text, value numeric, value_usd numeric, source text)`);
  }
  for (let i = 0; i < plan.updates.length; i += BATCH) {
    const json = JSON.stringify(plan.updates.slice(i, i + BATCH));
    await tx.execute(sql`update baselines b
      set value = v.value, value_usd = v.value_usd, source = v.source, updated_at = now()
      from json_to_recordset(${json}::json) as v(id int, value numeric, value_usd numeric, source text)
      where b.tenant_id = ${tenantId} and b.id = v.id`);
  }
  for (let i = 0; i < plan.deletes.length; i += BATCH) {
    const ids = JSON.stringify(plan.deletes.slice(i, i + BATCH));
    await tx.execute(sql`delete from baselines where tenant_id = ${tenantId}
      and id in (select value::int from json_array_elements_text(${ids}::json))`);
  }
}

/** The tenant's baselines, by unit (national first), metric and year. */
export async function listBaselines(
  db: Db,
  ctx: RequestContext,
  query: z.infer<typeof BaselineQuerySchema>,
): Promise<Baseline[]> {
  const tenant = tenantOf(ctx);
  let unitFilter = sql``;
  if (query.unit === 'national') unitFilter = sql`and b.geo_unit_id is null`;
  else if (query.unit !== undefined) {
    const unitId = (await resolveUnits(db, tenant.id, [query.unit])).get(query.unit);
    if (unitId === undefined) throw notFound('geographic unit', query.unit);
    unitFilter = sql`and b.geo_unit_id = ${unitId}`;
  }
  const rows = await queryRows<
    Omit<Baseline, 'value' | 'valueUsd'> & { value: string | null; valueUsd: string | null }
  >(
    db,
    sql`select u.code as "unitCode", b.year, b.metric, b.value::text as value, b.value_usd::text as "valueUsd",
          b.source, to_json(b.updated_at) #>> '{}' as "updatedAt"
        from baselines b left join geo_units u on u.tenant_id = b.tenant_id and u.id = b.geo_unit_id
        where b.tenant_id = ${tenant.id} ${unitFilter}
          ${query.metric ? sql`and b.metric = ${query.metric}` : sql``}
          ${query.yearFrom !== undefined ? sql`and b.year >= ${query.yearFrom}` : sql``}
          ${query.yearTo !== undefined ? sql`and b.year <= ${query.yearTo}` : sql``}
        order by u.code nulls first, b.metric, b.year`,
  );
  return rows.map((r) => ({
    ...r,
    value: r.value === null ? null : Number(r.value),
    valueUsd: r.valueUsd === null ? null : Number(r.valueUsd),
  }));
}

/** Upsert the values of a PUT body, naming problems by their place in it (values.3.unitCode). */
export function putBaselines(
  db: Db,
  ctx: RequestContext,
  values: BaselineValue[],
): Promise<BaselineWriteResult> {
  const entries = values.map((value, i) => ({ at: `values.${i}`, unitAt: `values.${i}.unitCode`, value }));
  return writeBaselines(db, ctx, entries, null);
}
