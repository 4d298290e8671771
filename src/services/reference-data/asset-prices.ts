/**
 * Unit prices of a tenant's asset types by year (asset_type_prices): the write core shared by
 * `import asset-prices` (upsert per year and currency) and PUT …/asset-types/{id}/prices (replace).
 * Each changed (type, year) is audited; a type whose prices change gets a new version.
 */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import type { ReferenceImportResult } from '../../shared/schemas/reference-data.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import type { AssetPricesFile } from './asset-prices-file.ts';
import { insertAuditRows } from './audit-rows.ts';
import { fileProblems } from './csv-file.ts';

/** One year's prices as stored (decimal text). */
export interface StoredPrice {
  priceLocal: string | null;
  priceUsd: string | null;
}

/** A (type, year) whose prices change; `after` null deletes the year. */
export interface PriceChange {
  typeId: number;
  code: string;
  year: number;
  before: StoredPrice | null;
  after: StoredPrice | null;
}

/** Stored prices of some asset types by `${typeId}/${year}`, locked for the transaction. */
export async function lockPrices(
  tx: Executor,
  tenantId: number,
  typeIds: number[],
): Promise<Map<string, StoredPrice & { typeId: number; year: number }>> {
  if (typeIds.length === 0) return new Map();
  const rows = await queryRows<StoredPrice & { typeId: number; year: number }>(
    tx,
    sql`select asset_type_id as "typeId", year, price_local::text as "priceLocal", price_usd::text as "priceUsd"
      from asset_type_prices
      where tenant_id = ${tenantId} and asset_type_id in (select value::int from json_array_elements_text(${JSON.stringify(typeIds)}::json))
      order by asset_type_id, year
      for update`,
  );
  return new Map(rows.map((r) => [`${r.typeId}/${r.year}`, r]));
}

/** Equal prices (numbers compared as numbers: '120.00' is 120). */
export const samePrice = (a: StoredPrice | null, b: StoredPrice | null) => {
  const same = (x: string | null | undefined, y: string | null | undefined) =>
    x == null || y == null ? (x ?? null) === (y ?? null) : Number(x) === Number(y);
  return same(a?.priceLocal, b?.priceLocal) && same(a?.priceUsd, b?.priceUsd);
};

/** Write the changes: upsert or delete the years, bump the types' versions, one audit row per year. */
export async function applyPriceChanges(
  tx: Executor,
  ctx: RequestContext,
  tenantId: number,
  changes: PriceChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const upserts = changes.flatMap((c) =>
    c.after
      ? [
          {
            asset_type_id: c.typeId,
            year: c.year,
            price_local: c.after.priceLocal,
            price_usd: c.after.priceUsd,
          },
        ]
      : [],
  );
  if (upserts.length)
    await tx.execute(sql`insert into asset_type_prices (tenant_id, asset_type_id, year, price_local, price_usd)
      select ${tenantId}, v.asset_type_id, v.year, v.price_local, v.price_usd
      from json_to_recordset(${JSON.stringify(upserts)}::json)
        as v(asset_type_id int, year int, price_local numeric, price_usd numeric)
      on conflict (tenant_id, asset_type_id, year)
        do update set price_local = excluded.price_local, price_usd = excluded.price_usd`);
  const deletes = changes.flatMap((c) => (c.after ? [] : [{ asset_type_id: c.typeId, year: c.year }]));
  if (deletes.length)
    await tx.execute(sql`delete from asset_type_prices p
      using json_to_recordset(${JSON.stringify(deletes)}::json) as v(asset_type_id int, year int)
      where p.tenant_id = ${tenantId} and p.asset_type_id = v.asset_type_id and p.year = v.year`);
  const typeIds = JSON.stringify([...new Set(changes.map((c) => c.typeId))]);
  await tx.execute(sql`update asset_types set version = version + 1, updated_at = now()
    where tenant_id = ${tenantId} and id in (select value::int from json_array_elements_text(${typeIds}::json))`);
  await insertAuditRows(
    tx,
    { tenantId, ctx },
    'asset_type_price',
    changes.map((c) => ({
      action: c.before === null ? 'create' : c.after === null ? 'delete' : 'update',
      entityId: `${c.code}/${c.year}`,
      before: c.before,
      after: c.after,
    })),
  );
}

/**
 * Upsert the prices of a file: each line sets its currency's price of the year (the tenant's
 * currency unless the line says USD) and keeps the other. All or nothing: an unknown asset
 * code, a foreign currency or a repeated (asset, year, currency) names its line and column.
 */
export async function importAssetPrices(
  db: Db,
  ctx: RequestContext,
  file: AssetPricesFile,
  options: { origin: string },
): Promise<ReferenceImportResult> {
  const tenant = tenantOf(ctx);
  requireTenantAdmin(ctx, 'change asset prices');
  return db.transaction(async (tx) => {
    const codes = JSON.stringify([...new Set(file.rows.map((r) => r.code))]);
    const types = await queryRows<{ id: number; code: string }>(
      tx,
      sql`select id, code from asset_types
        where tenant_id = ${tenant.id} and code in (select value from json_array_elements_text(${codes}::json))
        order by id for update`,
    );
    const idOf = new Map(types.map((t) => [t.code, t.id]));
    const stored = await lockPrices(
      tx,
      tenant.id,
      types.map((t) => t.id),
    );
    const issues: FieldIssue[] = [];
    const issue = (line: number, column: string, message: string, code = 'invalid') =>
      issues.push({ path: `line ${line}, column ${column}`, code, message });
    const next = new Map<string, PriceChange>();
    const firstLine = new Map<string, number>();
    for (const r of file.rows) {
      const typeId = idOf.get(r.code);
      const currency = r.currency ?? tenant.currency;
      if (typeId === undefined)
        issue(
          r.line,
          file.codeColumn,
          `no asset type '${r.code}' in ${tenant.code} (import asset-params first)`,
          'unknown_reference',
        );
      if (currency !== tenant.currency && currency !== 'USD')
        issue(
          r.line,
          'currency',
          `'${currency}' is neither the tenant's currency (${tenant.currency}) nor USD`,
        );
      if (typeId === undefined || (currency !== tenant.currency && currency !== 'USD')) continue;
      const side = currency === tenant.currency ? 'priceLocal' : 'priceUsd';
      const key = `${typeId}/${r.year}`;
      const first = firstLine.get(`${key}/${side}`);
      if (first) issue(r.line, 'year', `${r.code} ${r.year} ${currency} repeats line ${first}`, 'duplicate');
      firstLine.set(`${key}/${side}`, first ?? r.line);
      const old = stored.get(key);
      const before = old ? { priceLocal: old.priceLocal, priceUsd: old.priceUsd } : null;
      const change = next.get(key) ?? {
        typeId,
        code: r.code,
        year: r.year,
        before,
        after: before ?? { priceLocal: null, priceUsd: null },
      };
      change.after = { ...change.after!, [side]: String(r.unitPrice) };
      next.set(key, change);
    }
    if (issues.length) throw fileProblems(options.origin, issues);
    const changes = [...next.values()].filter((c) => !samePrice(c.before, c.after));
    await applyPriceChanges(tx, ctx, tenant.id, changes);
    const created = changes.filter((c) => c.before === null).length;
    const result = {
      total: file.rows.length,
      created,
      updated: changes.length - created,
      unchanged: next.size - changes.length,
    };
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'import',
      entity: 'asset_type_prices',
      entityId: options.origin,
      after: { ...result, source: options.origin },
    });
    return result;
  });
}
