/**
 * Sendai asset metadata -> asset type items: metadata_element (+ _costs prices by year, _lang
 * names, _indicator -> metadata_indicator.indicator_code). The tables are small (about 500
 * elements) and come last, so they are buffered and yielded at the end of the block, one item per
 * metadata_element_key: the region's own row wins over the '@@@' template row of the same key.
 * Every raw row is also kept as a legacy row.
 */
import type { AssetTypeItem, ImportItem } from '../model.ts';
import { TEMPLATE_COUNTRY } from './national.ts';
import type { Row } from './row.ts';

/** Tables of the asset metadata block. */
export const ASSET_TABLES = new Set([
  'metadata_indicator',
  'metadata_indicator_lang',
  'metadata_element',
  'metadata_element_costs',
  'metadata_element_lang',
  'metadata_element_indicator',
]);

/** key -> country -> values */
type PerCountry<T> = Map<string, Map<string, T>>;

function put<T>(map: PerCountry<T>, row: Row, update: (current: T | undefined) => T): void {
  const key = row.required('metadata_element_key');
  const country = row.text('metadata_country') ?? TEMPLATE_COUNTRY;
  const byCountry = map.get(key) ?? new Map<string, T>();
  byCountry.set(country, update(byCountry.get(country)));
  map.set(key, byCountry);
}

/** The region's value when it has one, else the template's. */
function pick<T>(byCountry: Map<string, T> | undefined, country: string): T | undefined {
  return byCountry?.get(country) ?? byCountry?.get(TEMPLATE_COUNTRY);
}

/** Buffers the asset metadata tables. */
export class AssetMetadata {
  private indicators = new Map<string, string>();
  private elements: PerCountry<Row> = new Map();
  private names: PerCountry<Record<string, string>> = new Map();
  private prices: PerCountry<AssetTypeItem['prices']> = new Map();
  private links: PerCountry<string[]> = new Map();

  /** Take one row; returns its legacy row. */
  add(row: Row): ImportItem[] {
    if (row.table === 'metadata_indicator') {
      const code = row.text('indicator_code');
      if (code !== null) this.indicators.set(row.required('indicator_key'), code);
    } else if (row.table === 'metadata_element') {
      put(this.elements, row, () => row);
    } else if (row.table === 'metadata_element_lang') {
      const [language, name] = [row.text('metadata_lang'), row.text('metadata_element_description')];
      put(this.names, row, (names = {}) => (language && name ? { ...names, [language]: name } : names));
    } else if (row.table === 'metadata_element_costs') {
      const price = {
        year: row.int('metadata_element_year') ?? row.fail('metadata_element_year', 'a value is required'),
        priceLocal: row.decimal('metadata_element_unit_cost'),
        priceUsd: row.decimal('metadata_element_unit_cost_us'),
      };
      put(this.prices, row, (prices = []) => [...prices, price]);
    } else if (row.table === 'metadata_element_indicator') {
      put(this.links, row, (keys = []) => [...keys, row.required('indicator_key')]);
    }
    return [
      { kind: 'legacyRow', table: row.table, position: row.index, data: Object.fromEntries(row.cells) },
    ];
  }

  /** Whether elements are waiting. */
  get pending(): boolean {
    return this.elements.size > 0;
  }

  /** One asset type per element key, in key order. */
  *flush(): Generator<ImportItem> {
    const keys = [...this.elements.keys()].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
    for (const key of keys) yield this.assetType(key);
    this.elements = new Map();
  }

  private assetType(key: string): AssetTypeItem {
    const byCountry = this.elements.get(key)!;
    const country = [...byCountry.keys()].filter((c) => c !== TEMPLATE_COUNTRY).at(-1) ?? TEMPLATE_COUNTRY;
    const row = byCountry.get(country)!;
    const description = row.text('metadata_element_description');
    const names = pick(this.names.get(key), country) ?? {};
    const indicatorKeys = pick(this.links.get(key), country) ?? [];
    const indicators = indicatorKeys.map((k) => this.indicators.get(k)).filter((c) => c !== undefined);
    return {
      kind: 'assetType',
      code: key,
      // The template rows are the English Sendai_en.sql data.
      names: Object.keys(names).length > 0 ? names : { en: description ?? key },
      sector: row.text('metadata_element_sector'),
      indicator: indicators[0] ?? null,
      isicCode: row.text('metadata_element_code'),
      faoCode: row.text('metadata_element_fao'),
      unit: row.text('metadata_element_unit'),
      measurement: row.text('metadata_element_measurement'),
      averageSize: row.decimal('metadata_element_average_size'),
      damageRatio: row.decimal('metadata_element_damage_r'),
      infrastructureFactor: row.decimal('metadata_element_infrastr'),
      equipmentFactor: row.decimal('metadata_element_equipment'),
      workers: row.decimal('metadata_element_workers'),
      unitPriceLocal: row.decimal('metadata_element_price'),
      unitPriceUsd: row.decimal('metadata_element_price_us'),
      source: row.text('metadata_element_source'),
      formula: row.text('metadata_element_formula'),
      prices: pick(this.prices.get(key), country) ?? [],
      legacy: {
        metadata_country: country,
        ...(indicators.length > 1 ? { indicators: indicators.join(',') } : {}),
      },
    };
  }
}
