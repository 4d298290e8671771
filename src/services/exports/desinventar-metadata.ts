/**
 * Sendai metadata rows that exist only in LossLedger: the reader keeps every metadata row of a
 * source verbatim, so the export writes those back and adds rows for asset types, prices and
 * national baselines created (or changed) here. Keys and indicator codes follow the reader's
 * mapping (src/formats/desinventar-xml/metadata.ts, national.ts) read backwards.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { assetTypePrices, assetTypes, baselines } from '../../db/schema/index.ts';
import { type DiRow, orderedRow } from '../../formats/desinventar-export/tables.ts';
import { NATIONAL_METRICS, TEMPLATE_COUNTRY } from '../../formats/desinventar-xml/national.ts';
import { allLegacyRows, type LegacyData } from './desinventar-legacy.ts';

/** Metadata table -> rows to write after its verbatim rows. */
export type MetadataRows = Map<string, DiRow[]>;

const KEY_OF_METRIC = new Map(Object.entries(NATIONAL_METRICS).map(([key, metric]) => [metric, key]));
const metricKey = (metric: string): string | null =>
  KEY_OF_METRIC.get(metric) ?? /^di_metadata_(\d+)$/.exec(metric)?.[1] ?? null;

const add = (rows: MetadataRows, table: string, row: Record<string, string | number | null>) => {
  const list = rows.get(table) ?? [];
  list.push(orderedRow(table, row));
  rows.set(table, list);
};

/** The region's own country code: the first one the verbatim metadata uses, else the tenant code. */
function regionCountry(verbatim: LegacyData[], tenantCode: string): string {
  for (const row of verbatim) {
    const country = row.metadata_country;
    if (country && country !== TEMPLATE_COUNTRY) return country;
  }
  return tenantCode;
}

/** Rows for asset types, prices and national baselines that no verbatim row covers. */
export async function metadataRows(
  ex: Executor,
  tenantId: number,
  tenantCode: string,
): Promise<MetadataRows> {
  // One query at a time: a snapshot transaction has a single connection.
  const national = await allLegacyRows(ex, tenantId, 'metadata_national');
  const elements = await allLegacyRows(ex, tenantId, 'metadata_element');
  const costs = await allLegacyRows(ex, tenantId, 'metadata_element_costs');
  const indicators = await allLegacyRows(ex, tenantId, 'metadata_indicator');
  const country = regionCountry([...national, ...elements], tenantCode);
  const rows: MetadataRows = new Map();
  await assetRows(ex, tenantId, { country, elements, costs, indicators }, rows);
  await baselineRows(ex, tenantId, country, national, rows);
  return rows;
}

interface AssetContext {
  country: string;
  elements: LegacyData[];
  costs: LegacyData[];
  indicators: LegacyData[];
}

async function assetRows(ex: Executor, tenantId: number, c: AssetContext, rows: MetadataRows): Promise<void> {
  const types = await ex
    .select()
    .from(assetTypes)
    .where(eq(assetTypes.tenantId, tenantId))
    .orderBy(asc(assetTypes.id));
  const prices = await ex
    .select()
    .from(assetTypePrices)
    .where(eq(assetTypePrices.tenantId, tenantId))
    .orderBy(asc(assetTypePrices.assetTypeId), asc(assetTypePrices.year));
  const verbatimKeys = new Set(c.elements.map((e) => e.metadata_element_key));
  const verbatimCosts = new Set(
    c.costs.map((r) => `${r.metadata_element_key}|${r.metadata_country}|${r.metadata_element_year}`),
  );
  const indicatorKeys = new Map(c.indicators.map((r) => [r.indicator_code, r.indicator_key]));
  let nextKey =
    Math.max(
      0,
      ...[...verbatimKeys].map(Number).filter(Number.isFinite),
      ...types.map((t) => Number(t.code)).filter(Number.isInteger),
    ) + 1;
  const keys = new Map<number, { key: string; country: string }>();
  for (const t of types) {
    if (t.legacy.generic === true) continue;
    const own = typeof t.legacy.metadata_country === 'string' ? t.legacy.metadata_country : null;
    const key = /^\d+$/.test(t.code) ? t.code : String(nextKey++);
    keys.set(t.id, { key, country: own ?? c.country });
    if (own !== null && verbatimKeys.has(t.code)) continue;
    add(rows, 'metadata_element', {
      metadata_element_key: key,
      metadata_country: c.country,
      metadata_element_code: t.isicCode,
      metadata_element_fao: t.faoCode,
      metadata_element_sector: t.sector,
      metadata_element_source: t.source,
      metadata_element_description: t.names.en ?? Object.values(t.names)[0] ?? t.code,
      metadata_element_unit: t.unit,
      metadata_element_measurement: t.measurement,
      metadata_element_average_size: t.averageSize,
      metadata_element_equipment: t.equipmentFactor,
      metadata_element_infrastr: t.infrastructureFactor,
      metadata_element_damage_r: t.damageRatio,
      metadata_element_formula: t.formula,
      metadata_element_workers: t.workers,
      metadata_element_price: t.unitPriceLocal,
      metadata_element_price_us: t.unitPriceUsd,
    });
    for (const [lang, name] of Object.entries(t.names)) {
      add(rows, 'metadata_element_lang', {
        metadata_element_key: key,
        metadata_country: c.country,
        metadata_lang: lang,
        metadata_element_sector: t.sector,
        metadata_element_source: t.source,
        metadata_element_description: name,
        metadata_element_unit: t.unit,
        metadata_element_measurement: t.measurement,
      });
    }
    const indicator = t.indicator === null ? undefined : indicatorKeys.get(t.indicator);
    if (indicator) {
      add(rows, 'metadata_element_indicator', {
        metadata_element_key: key,
        metadata_country: c.country,
        indicator_key: indicator,
      });
    }
  }
  for (const p of prices) {
    const owner = keys.get(p.assetTypeId);
    if (!owner || verbatimCosts.has(`${owner.key}|${owner.country}|${p.year}`)) continue;
    add(rows, 'metadata_element_costs', {
      metadata_element_key: owner.key,
      metadata_country: owner.country,
      metadata_element_year: p.year,
      metadata_element_unit_cost: p.priceLocal,
      metadata_element_unit_cost_us: p.priceUsd,
    });
  }
}

/** National baselines as metadata_national_values, with a definition row for keys the region lacks. */
async function baselineRows(
  ex: Executor,
  tenantId: number,
  country: string,
  national: LegacyData[],
  rows: MetadataRows,
): Promise<void> {
  const values = await ex
    .select()
    .from(baselines)
    .where(and(eq(baselines.tenantId, tenantId), isNull(baselines.geoUnitId)))
    .orderBy(asc(baselines.metric), asc(baselines.year));
  const defined = new Set(national.map((n) => `${n.metadata_key}|${n.metadata_country}`));
  const template = new Map(
    national.filter((n) => n.metadata_country === TEMPLATE_COUNTRY).map((n) => [n.metadata_key, n]),
  );
  for (const b of values) {
    const key = metricKey(b.metric);
    if (key === null) continue;
    if (!defined.has(`${key}|${country}`)) {
      defined.add(`${key}|${country}`);
      const base = template.get(key);
      add(rows, 'metadata_national', {
        metadata_key: key,
        metadata_country: country,
        metadata_variable: base?.metadata_variable ?? b.metric,
        metadata_description: base?.metadata_description ?? b.metric,
        metadata_source: b.source ?? base?.metadata_source ?? null,
        metadata_default_value: null,
        metadata_default_value_us: null,
      });
    }
    add(rows, 'metadata_national_values', {
      metadata_key: key,
      metadata_country: country,
      metadata_year: b.year,
      metadata_value: b.value,
      metadata_value_us: b.valueUsd,
    });
  }
}
