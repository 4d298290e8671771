/**
 * metadata_national(_values, _lang) -> baseline items. metadata_country '@@@' is DesInventar's
 * default template copied into every region; the rows for the region's own code hold the data.
 * The definition and language rows, and the template's values, are kept as legacy rows.
 */
import type { BaselineItem, ImportItem } from '../model.ts';
import type { Row } from './row.ts';

/** Tables of the national metadata block. */
export const NATIONAL_TABLES = new Set([
  'metadata_national',
  'metadata_national_values',
  'metadata_national_lang',
]);

/** The template's country code. */
export const TEMPLATE_COUNTRY = '@@@';

/** metadata_key -> baseline metric (scripts/Sendai_en.sql, table metadata_national). */
export const NATIONAL_METRICS: Readonly<Record<string, string>> = {
  '1': 'population',
  '2': 'population_0_14',
  '3': 'population_15_64',
  '4': 'population_65_plus',
  '5': 'gdp',
  '6': 'households',
  '7': 'currency',
  '8': 'exchange_rate',
  '9': 'roads_paved_pct',
  '11': 'persons_per_household',
};

/** The metric of a metadata_key; keys DesInventar does not define become di_metadata_<key>. */
export const nationalMetric = (key: string) => NATIONAL_METRICS[key] ?? `di_metadata_${key}`;

/** Reads the national metadata tables (metadata_national precedes its values). */
export class NationalMetadata {
  /** `${key}|${country}` -> metadata_source */
  private readonly sources = new Map<string, string | null>();

  /** Items for one row of a national metadata table. */
  read(row: Row): ImportItem[] {
    const country = row.text('metadata_country') ?? TEMPLATE_COUNTRY;
    const key = row.required('metadata_key');
    if (row.table === 'metadata_national') this.sources.set(`${key}|${country}`, row.text('metadata_source'));
    if (row.table !== 'metadata_national_values' || country === TEMPLATE_COUNTRY) {
      return [
        { kind: 'legacyRow', table: row.table, position: row.index, data: Object.fromEntries(row.cells) },
      ];
    }
    const baseline: BaselineItem = {
      kind: 'baseline',
      unitCode: null,
      year: row.int('metadata_year') ?? row.fail('metadata_year', 'a value is required'),
      metric: nationalMetric(key),
      value: row.decimal('metadata_value'),
      valueUsd: row.decimal('metadata_value_us'),
      source: this.sources.get(`${key}|${country}`) ?? this.sources.get(`${key}|${TEMPLATE_COUNTRY}`) ?? null,
    };
    return [baseline];
  }
}
