/**
 * A tenant's asset types over the API: list them with their valuation parameters and prices by
 * year (viewers), and replace one type's prices (admins, with the version read last).
 */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { notFound, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { AssetPricesPutSchema, AssetType } from '../../shared/schemas/reference-data.ts';
import { requireRole, requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { applyPriceChanges, lockPrices, type PriceChange, samePrice } from './asset-prices.ts';

const NUMBERS = [
  'averageSize',
  'damageRatio',
  'infrastructureFactor',
  'equipmentFactor',
  'unitPrice',
  'unitPriceUsd',
] as const;

type Row = Omit<AssetType, (typeof NUMBERS)[number] | 'prices'> &
  Record<(typeof NUMBERS)[number], string | null> & {
    prices: { year: number; unitPrice: string | null; unitPriceUsd: string | null }[];
  };

const num = (x: string | null) => (x === null ? null : Number(x));

/** Asset types of the tenant (one, or all by id), prices by year. */
async function loadAssetTypes(db: Executor, tenantId: number, id?: number): Promise<AssetType[]> {
  const rows = await queryRows<Row>(
    db,
    sql`select t.id, t.code, t.names, t.sector, t.indicator, t.isic_code as "isicCode", t.fao_code as "faoCode",
        t.unit, t.measurement, t.average_size::text as "averageSize", t.damage_ratio::text as "damageRatio",
        t.infrastructure_factor::text as "infrastructureFactor", t.equipment_factor::text as "equipmentFactor",
        t.unit_price_local::text as "unitPrice", t.unit_price_usd::text as "unitPriceUsd",
        coalesce((select json_agg(json_build_object('year', p.year, 'unitPrice', p.price_local::text,
            'unitPriceUsd', p.price_usd::text) order by p.year)
          from asset_type_prices p where p.tenant_id = t.tenant_id and p.asset_type_id = t.id), '[]'::json) as prices,
        t.version, to_json(t.updated_at) #>> '{}' as "updatedAt"
      from asset_types t
      where t.tenant_id = ${tenantId} ${id === undefined ? sql`` : sql`and t.id = ${id}`}
      order by t.id`,
  );
  return rows.map((r) => ({
    ...r,
    ...Object.fromEntries(NUMBERS.map((k) => [k, num(r[k])])),
    prices: r.prices.map((p) => ({
      year: p.year,
      unitPrice: num(p.unitPrice),
      unitPriceUsd: num(p.unitPriceUsd),
    })),
  })) as AssetType[];
}

/** The tenant's asset types, by id. */
export async function listAssetTypes(db: Db, ctx: RequestContext): Promise<AssetType[]> {
  requireRole(ctx, 'viewer', 'read asset types', false);
  return loadAssetTypes(db, tenantOf(ctx).id);
}

/**
 * Replace an asset type's prices: the listed years are set (an absent unitPriceUsd clears it),
 * the others deleted. 404 for an unknown type, 409 when `version` is not the current one.
 */
export async function putAssetTypePrices(
  db: Db,
  ctx: RequestContext,
  rawId: string,
  body: z.infer<typeof AssetPricesPutSchema>,
): Promise<AssetType> {
  const tenant = tenantOf(ctx);
  requireTenantAdmin(ctx, 'change asset prices');
  const seen = new Map<number, number>();
  const repeats = body.prices.flatMap((p, i) => {
    const first = seen.get(p.year);
    seen.set(p.year, first ?? i);
    return first === undefined
      ? []
      : [{ path: `prices.${i}.year`, code: 'duplicate', message: `${p.year} repeats prices.${first}` }];
  });
  if (repeats.length) throw validationFailed(repeats);
  const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  return db.transaction(async (tx) => {
    const [type] =
      id === null
        ? []
        : await queryRows<{ code: string; version: number }>(
            tx,
            sql`select code, version from asset_types where tenant_id = ${tenant.id} and id = ${id} for update`,
          );
    if (!type || id === null) throw notFound('asset type', rawId);
    if (type.version !== body.version) throw versionConflict('asset type', rawId, type.version);
    const stored = await lockPrices(tx, tenant.id, [id]);
    const listed = new Map(
      body.prices.map((p) => [
        p.year,
        {
          priceLocal: p.unitPrice === null ? null : String(p.unitPrice),
          priceUsd: p.unitPriceUsd == null ? null : String(p.unitPriceUsd),
        },
      ]),
    );
    const years = [...new Set([...listed.keys(), ...[...stored.values()].map((s) => s.year)])].sort(
      (a, b) => a - b,
    );
    const changes: PriceChange[] = years.flatMap((year) => {
      const old = stored.get(`${id}/${year}`);
      const before = old ? { priceLocal: old.priceLocal, priceUsd: old.priceUsd } : null;
      const after = listed.get(year) ?? null;
      return samePrice(before, after) ? [] : [{ typeId: id, code: type.code, year, before, after }];
    });
    await applyPriceChanges(tx, ctx, tenant.id, changes);
    return (await loadAssetTypes(tx, tenant.id, id))[0]!;
  });
}
