/**
 * Everything a tenant holds, with database ids replaced by codes, so two tenants can be compared
 * record by record (used by the export round-trip tests: import, export, import again, compare).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { ALL_FIELDS } from '../../shared/fields.ts';

type Rows = Record<string, unknown>[];

/** A tenant's records by kind, each list in a stable order. */
export interface TenantSnapshot {
  levels: Rows;
  units: Rows;
  eventTypes: Rows;
  causes: Rows;
  tabs: Rows;
  fields: Rows;
  assetTypes: Rows;
  prices: Rows;
  baselines: Rows;
  cards: Rows;
  humanEffects: Rows;
  assetEffects: Rows;
  legacyRows: Rows;
}

const CARD_COLUMNS = [
  ...new Set(
    ALL_FIELDS.flatMap((f) => [f.column, ...(f.presentColumn ? [f.presentColumn] : [])]).filter(
      (c) => !['event_type_id', 'cause_id', 'geo_unit_id', 'disaster_event_id'].includes(c),
    ),
  ),
];

/** The identity a card keeps through an export: its source uuid, else its id (the export's uu_id). */
const cardKey = sql`coalesce(d.source_uuid, d.id::text)`;

/** Read a tenant's records. */
export async function snapshotTenant(ex: Executor, tenantId: number): Promise<TenantSnapshot> {
  const q = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(ex, query);
  const unitCode = (column: string) =>
    sql.raw(`(select code from geo_units x where x.tenant_id = ${tenantId} and x.id = ${column})`);
  return {
    levels: await q(
      sql`select level, names, code_length, legacy from geo_levels where tenant_id = ${tenantId} order by level`,
    ),
    units:
      await q(sql`select u.level, u.code, p.code as parent, u.names, u.placeholder, u.bbox_min_lon, u.bbox_min_lat,
        u.bbox_max_lon, u.bbox_max_lat, u.centroid_lon, u.centroid_lat, u.valid_from, u.valid_to, u.legacy
      from geo_units u left join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
      where u.tenant_id = ${tenantId} order by u.code, u.valid_from`),
    eventTypes:
      await q(sql`select e.code, e.names, e.description, e.hazard_code, p.code as parent, e.sort_order, e.active, e.legacy
      from event_types e left join event_types p on p.tenant_id = e.tenant_id and p.id = e.parent_id
      where e.tenant_id = ${tenantId} order by e.code`),
    causes: await q(
      sql`select code, names, sort_order, active, legacy from causes where tenant_id = ${tenantId} order by code`,
    ),
    tabs: await q(
      sql`select labels, sort_order, legacy from extra_field_tabs where tenant_id = ${tenantId} order by legacy->>'tabKey'`,
    ),
    fields:
      await q(sql`select f.key, f.type, f.labels, f.description, t.legacy->>'tabKey' as tab, f.sort_order, f.required,
        f.max_length, f.options, f.storage, f.legacy
      from extra_field_definitions f left join extra_field_tabs t on t.tenant_id = f.tenant_id and t.id = f.tab_id
      where f.tenant_id = ${tenantId} order by f.key`),
    assetTypes:
      await q(sql`select code, names, sector, indicator, isic_code, fao_code, unit, measurement, average_size::text,
        damage_ratio::text, infrastructure_factor::text, equipment_factor::text, workers::text, unit_price_local::text,
        unit_price_usd::text, source, formula, legacy
      from asset_types where tenant_id = ${tenantId} order by code`),
    prices: await q(sql`select a.code, p.year, p.price_local::text, p.price_usd::text from asset_type_prices p
      join asset_types a on a.tenant_id = p.tenant_id and a.id = p.asset_type_id
      where p.tenant_id = ${tenantId} order by a.code, p.year`),
    baselines:
      await q(sql`select ${unitCode('b.geo_unit_id')} as unit, year, metric, value::text, value_usd::text, source
      from baselines b where tenant_id = ${tenantId} order by 1, year, metric`),
    cards:
      await q(sql`select ${cardKey} as key, e.code as event, c.code as cause, ${unitCode('d.geo_unit_id')} as unit,
        array(select code from geo_units x join unnest(d.geo_ancestors) with ordinality a(id, n)
              on x.tenant_id = d.tenant_id and x.id = a.id order by a.n) as ancestors,
        ${sql.raw(CARD_COLUMNS.map((c) => `d.${c}${/^(losses|crops|roads)/.test(c) && !c.endsWith('present') ? '::text' : ''} as ${c}`).join(', '))},
        d.start_date, d.extra, d.recorded_by, d.recorded_on, d.legacy, d.deleted_at is not null as deleted
      from datacards d join event_types e on e.tenant_id = d.tenant_id and e.id = d.event_type_id
      left join causes c on c.tenant_id = d.tenant_id and c.id = d.cause_id
      where d.tenant_id = ${tenantId} and d.deleted_at is null order by 1, d.serial`),
    humanEffects: await q(sql`select ${cardKey} as card, h.effect, h.dimension, h.category, h.value, h.present
      from human_effects h join datacards d on d.tenant_id = h.tenant_id and d.id = h.datacard_id
      where h.tenant_id = ${tenantId} order by 1, 2, 3, 4`),
    assetEffects:
      await q(sql`select ${cardKey} as card, a.code as asset, e.total::text, e.affected::text, e.damaged::text,
        e.destroyed::text, e.loss_local::text, e.loss_damaged_local::text, e.loss_destroyed_local::text, e.loss_usd::text,
        e.unit, e.source
      from asset_effects e join datacards d on d.tenant_id = e.tenant_id and d.id = e.datacard_id
      join asset_types a on a.tenant_id = e.tenant_id and a.id = e.asset_type_id
      where e.tenant_id = ${tenantId} order by 1, 2`),
    legacyRows: await q(sql`select table_name, position, data from legacy_rows where tenant_id = ${tenantId}
      order by table_name, position, id`),
  };
}
