/** Asset types of an import (upserted by code) with their unit prices by year (upserted by year). */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { AssetTypeItem } from '../../formats/model.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import { IdPool, type Row } from './rows.ts';
import { CatalogueStore, VERSION_BUMP } from './store.ts';
import { canonicalSignedDecimal, normalizeNumeric } from './values.ts';

/** Decimal columns of asset_types and the item fields they come from. */
const DECIMALS = {
  average_size: 'averageSize',
  damage_ratio: 'damageRatio',
  infrastructure_factor: 'infrastructureFactor',
  equipment_factor: 'equipmentFactor',
  workers: 'workers',
  unit_price_local: 'unitPriceLocal',
  unit_price_usd: 'unitPriceUsd',
} as const;
const TEXTS = {
  sector: 'sector',
  indicator: 'indicator',
  isic_code: 'isicCode',
  fao_code: 'faoCode',
  unit: 'unit',
  measurement: 'measurement',
  source: 'source',
  formula: 'formula',
} as const;
const CONTENT = ['names', ...Object.keys(TEXTS), ...Object.keys(DECIMALS), 'legacy'];

type Prices = Map<number, { local: string | null; usd: string | null }>;

/** Asset types and prices of one import. */
export class AssetLoader {
  readonly types: CatalogueStore;
  private readonly ids = new IdPool('asset_types', 200);
  /** Stored and pending prices by asset type id. */
  private readonly prices = new Map<number, Prices>();
  private pendingPrices: Row[] = [];

  private constructor(private readonly lc: LoaderContext) {
    this.types = new CatalogueStore(
      {
        table: 'asset_types',
        kind: 'assetTypes',
        auditEntity: 'asset_type',
        keyColumns: ['tenant_id', 'id'],
        content: CONTENT,
        bump: VERSION_BUMP,
      },
      lc.report,
    );
  }

  /** Load the tenant's asset types and prices. */
  static async load(lc: LoaderContext): Promise<AssetLoader> {
    const a = new AssetLoader(lc);
    const rows = await queryRows<Row>(
      lc.tx,
      sql`select tenant_id, id, code, ${sql.raw(CONTENT.join(', '))} from asset_types where tenant_id = ${lc.tenantId}`,
    );
    for (const row of rows) {
      for (const c of Object.keys(DECIMALS)) row[c] = normalizeNumeric(row[c]);
      a.types.load(row.code as string, row);
    }
    const prices = await queryRows<{
      asset_type_id: number;
      year: number;
      price_local: string | null;
      price_usd: string | null;
    }>(
      lc.tx,
      sql`select asset_type_id, year, price_local, price_usd from asset_type_prices where tenant_id = ${lc.tenantId}`,
    );
    for (const p of prices) {
      const byYear = a.prices.get(p.asset_type_id) ?? new Map();
      byYear.set(p.year, { local: normalizeNumeric(p.price_local), usd: normalizeNumeric(p.price_usd) });
      a.prices.set(p.asset_type_id, byYear);
    }
    return a;
  }

  /** The id of an asset code, or null. */
  idOf(code: string): number | null {
    return (this.types.get(code)?.id as number | undefined) ?? null;
  }

  /** Upsert an asset type and its prices. */
  async assetType(item: AssetTypeItem): Promise<void> {
    const where = `assetType ${item.code}`;
    const decimals: Row = {};
    for (const [column, field] of Object.entries(DECIMALS)) {
      const raw = item[field];
      const value = raw === null ? null : canonicalSignedDecimal(raw);
      if (raw !== null && value === null) {
        reject(this.lc, where, 'invalid_value', `${field} '${raw}' is not a number`);
        return;
      }
      decimals[column] = value;
    }
    const current = this.types.get(item.code);
    const id = (current?.id as number | undefined) ?? (await this.ids.next(this.lc.tx));
    const pricesChanged = this.stagePrices(id, item, where);
    if (pricesChanged === null) return;
    this.types.put(
      item.code,
      {
        tenant_id: this.lc.tenantId,
        id,
        code: item.code,
        names: { ...((current?.names as object) ?? {}), ...item.names },
        ...Object.fromEntries(Object.entries(TEXTS).map(([column, field]) => [column, item[field]])),
        ...decimals,
        legacy: item.legacy,
      },
      pricesChanged,
    );
  }

  /** Queue the prices that differ from the stored ones; true when any does, null when one is invalid. */
  private stagePrices(id: number, item: AssetTypeItem, where: string): boolean | null {
    const byYear: Prices = this.prices.get(id) ?? new Map();
    const incoming = new Map<number, { local: string | null; usd: string | null }>();
    for (const p of item.prices) {
      const local = p.priceLocal === null ? null : canonicalSignedDecimal(p.priceLocal);
      const usd = p.priceUsd === null ? null : canonicalSignedDecimal(p.priceUsd);
      if (
        !Number.isInteger(p.year) ||
        (p.priceLocal !== null && local === null) ||
        (p.priceUsd !== null && usd === null)
      ) {
        reject(this.lc, where, 'invalid_value', `price of year ${p.year} is not valid`);
        return null;
      }
      incoming.set(p.year, { local, usd });
    }
    let changed = false;
    for (const [year, price] of incoming) {
      const stored = byYear.get(year);
      if (stored && stored.local === price.local && stored.usd === price.usd) continue;
      changed = true;
      byYear.set(year, price);
      this.pendingPrices.push({
        tenant_id: this.lc.tenantId,
        asset_type_id: id,
        year,
        price_local: price.local,
        price_usd: price.usd,
      });
    }
    this.prices.set(id, byYear);
    return changed;
  }

  /** Write pending asset types, then their prices. */
  async flush(): Promise<void> {
    await this.types.flush(this.lc.tx, auditBase(this.lc, 'asset_type'));
    if (this.pendingPrices.length === 0) return;
    // One row per (asset type, year): a repeated item's later price wins.
    const rows = [...new Map(this.pendingPrices.map((r) => [`${r.asset_type_id}/${r.year}`, r])).values()];
    this.pendingPrices = [];
    await this.lc.tx.execute(
      sql`insert into asset_type_prices (tenant_id, asset_type_id, year, price_local, price_usd)
          select tenant_id, asset_type_id, year, price_local, price_usd
          from json_populate_recordset(null::asset_type_prices, ${JSON.stringify(rows)}::json)
          on conflict (tenant_id, asset_type_id, year)
          do update set price_local = excluded.price_local, price_usd = excluded.price_usd`,
    );
  }
}
