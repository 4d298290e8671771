/**
 * Facts: where the DesInventar-Sendai extension columns (scripts/Sendai_en.sql, 98 columns) go.
 * Disaggregated human effects -> human_effects rows; sub-indicator damage and losses -> one
 * asset_effects row per group under a generic asset code "SENDAI:<indicator>"; the per-asset
 * quartets TOTAL_<k>, DAMAGED_<k>, DESTRYD_<k>, LOSS_<k> -> an asset_effects row for asset type <k>
 * (metadata_element_key). Every other column (incl. the computed A_1, C_1, ECONOMIC_LOSS*, T_*
 * indicator columns, which are derived values) stays an extra field. The exporter reads the same
 * tables backwards.
 */
import type { AssetEffectInput, HumanEffectInput, Names } from '../model.ts';

/** Where a human-effects column goes. */
export interface HumanColumn {
  effect: string;
  dimension: HumanEffectInput['dimension'];
  category: string;
}

/** The quantity fields of an asset effect a column can fill. */
export type AssetField = Exclude<keyof AssetEffectInput, 'assetCode' | 'unit'>;

/** A group of Sendai columns that together describe damage to one generic asset type. */
export interface SendaiAssetGroup {
  code: string;
  indicator: string;
  names: Names;
  sector: string;
  measurement: string | null;
  /** Upper-case column name -> field of the asset effect. */
  columns: Record<string, AssetField>;
}

const EFFECTS: [prefix: string, effect: string][] = [
  ['DEATHS', 'deaths'],
  ['MISSING', 'missing'],
  ['INJURED', 'injured'],
  ['LIVING_DMGD_DWELLINGS', 'livingDamagedDwellings'],
  ['LIVING_DSTR_DWELLINGS', 'livingDestroyedDwellings'],
  ['LIVELIHOODS', 'livelihoods'],
];

const CATEGORIES: [suffix: string, dimension: HumanEffectInput['dimension'], category: string][] = [
  ['FEMALE', 'sex', 'female'],
  ['MALE', 'sex', 'male'],
  ['CHILDREN', 'age', '0-14'],
  ['ADULTS', 'age', '15-64'],
  ['ELDER', 'age', '65+'],
  ['DISABLED', 'disability', 'disabled'],
  ['POOR', 'income', 'poor'],
];

/** Upper-case column name -> human effect, dimension and category (42 disaggregations + 3 totals). */
export const SENDAI_HUMAN_COLUMNS: ReadonlyMap<string, HumanColumn> = new Map([
  ...EFFECTS.flatMap(([prefix, effect]) =>
    CATEGORIES.map(([suffix, dimension, category]): [string, HumanColumn] => [
      `${prefix}_${suffix}`,
      { effect, dimension, category },
    ]),
  ),
  ['LIVING_DMGD_DWELLINGS', { effect: 'livingDamagedDwellings', dimension: 'total', category: 'all' }],
  ['LIVING_DSTR_DWELLINGS', { effect: 'livingDestroyedDwellings', dimension: 'total', category: 'all' }],
  ['LIVELIHOOD_AFCTD', { effect: 'livelihoods', dimension: 'total', category: 'all' }],
]);

const group = (
  indicator: string,
  name: string,
  sector: string,
  measurement: string | null,
  columns: Record<string, AssetField>,
  suffix = '',
): SendaiAssetGroup => ({
  code: `SENDAI:${indicator}${suffix}`,
  indicator,
  names: { en: name },
  sector,
  measurement,
  columns,
});

/** The generic asset types of the Sendai extension columns. */
export const SENDAI_ASSET_GROUPS: readonly SendaiAssetGroup[] = [
  group('C-2C', 'Crops', 'Agriculture', 'ha', {
    HA_DMGD: 'damaged',
    HA_DSTR: 'destroyed',
    LOSS_CROPS: 'lossLocal',
  }),
  group('C-2L', 'Livestock', 'Agriculture', 'heads', {
    LIVESTOCK_TOTAL: 'total',
    LIVESTOCK_DMGD: 'damaged',
    LOSS_LIVESTOCK_TOTAL: 'lossLocal',
  }),
  group('C-2FO', 'Forestry', 'Agriculture', 'ha', {
    HA_FOREST_TOTAL: 'total',
    HA_FOREST_DMGD: 'damaged',
    HA_FOREST_DSTR: 'destroyed',
    LOSS_FOREST_TOTAL: 'lossLocal',
  }),
  group('C-2A', 'Aquaculture', 'Agriculture', 'ha', {
    HA_AQUACULTURE_TOTAL: 'total',
    HA_AQUACULTURE_DMGD: 'damaged',
    HA_AQUACULTURE_DSTR: 'destroyed',
    LOSS_AQUACULTURE_TOTAL: 'lossLocal',
  }),
  group('C-2FI', 'Fishing vessels', 'Agriculture', 'vessels', {
    VESSELS_TOTAL: 'total',
    VESSELS_DMGD: 'damaged',
    VESSELS_DSTR: 'destroyed',
    LOSS_VESSELS_TOTAL: 'lossLocal',
  }),
  group('C-2LB', 'Agricultural stock facilities', 'Agriculture', 'facilities', {
    STOCK_FACILITIES_AFCTD: 'affected',
    STOCK_FACILITIES_DMGD: 'damaged',
    STOCK_FACILITIES_DSTR: 'destroyed',
    STOCK_LOSS_AFCTD: 'lossLocal',
  }),
  group('C-2LA', 'Agricultural assets', 'Agriculture', 'assets', {
    AGRI_ASSETS_AFCTD: 'affected',
    AGRI_ASSETS_DMGD: 'damaged',
    AGRI_ASSETS_DSTR: 'destroyed',
    AGRI_ASSETS_LOSS_AFCTD: 'lossLocal',
  }),
  group('C-3', 'Productive assets', 'Productive', 'facilities', {
    PRODUCTIVE_ASSETS_AFCTD: 'affected',
    PRODUCTIVE_ASSETS_DMGD: 'damaged',
    PRODUCTIVE_ASSETS_DSTR: 'destroyed',
    PRODUCTIVE_ASSETS_LOSS_AFCTD: 'lossLocal',
  }),
  group('C-4', 'Housing', 'Housing', 'dwellings', {
    HOUSES_TOTAL: 'total',
    LOSS_DWELLINGS: 'lossLocal',
    LOSS_DWELLINGS_DMGD: 'lossDamagedLocal',
    LOSS__DWELLINGSDSTR: 'lossDestroyedLocal',
  }),
  group('D-2', 'Health facilities', 'Health', 'facilities', {
    HEALTH_FACILITIES_DMGD: 'damaged',
    HEALTH_FACILITIES_DSTR: 'destroyed',
    LOSS_HEALTH_FACILITIES: 'lossLocal',
  }),
  group('D-3', 'Education facilities', 'Education', 'facilities', {
    EDUCATION_DMGD: 'damaged',
    EDUCATION_DSTR: 'destroyed',
    LOSS_EDUCATION: 'lossLocal',
  }),
  group('C-5', 'Other critical infrastructure', 'Infrastructure', 'units', {
    NUMBER_INFRASTRUCTURES: 'total',
    NUMBER_DMGD_INFRASTRUCTURES: 'damaged',
    NUMBER_DSTR_INFRASTRUCTURES: 'destroyed',
    LOSS_INFRASTRUCTURES: 'lossLocal',
  }),
  group(
    'C-6',
    'Cultural heritage, fixed',
    'Culture',
    'sites',
    { CULTURAL_FIXED_DMGD: 'damaged', CULTURAL_FIXED_DSTR: 'destroyed', LOSS_CULTURAL_FIXED: 'lossLocal' },
    '-FIXED',
  ),
  group(
    'C-6',
    'Cultural heritage, mobile',
    'Culture',
    'objects',
    {
      CULTURAL_MOBILE_DMGD: 'damaged',
      CULTURAL_MOBILE_DSTR: 'destroyed',
      LOSS_CULTURAL_MOBILE_DMGD: 'lossDamagedLocal',
      LOSS_CULTURAL_MOBILE_DSTR: 'lossDestroyedLocal',
    },
    '-MOBILE',
  ),
  // Disruptions of basic services without a card sector column: the count goes in `affected`.
  group(
    'D-8',
    'Public administration service',
    'Basic services',
    'disruptions',
    { PUBLIC_ADMIN_SERVICE: 'affected' },
    '-PUBLIC-ADMIN',
  ),
  group(
    'D-8',
    'Solid waste service',
    'Basic services',
    'disruptions',
    { SOLID_WASTE_SERVICE: 'affected' },
    '-SOLID-WASTE',
  ),
];

const QUARTET = /^(TOTAL|DAMAGED|DESTRYD|LOSS)_(\d+)$/;
const QUARTET_FIELDS: Record<string, AssetField> = {
  TOTAL: 'total',
  DAMAGED: 'damaged',
  DESTRYD: 'destroyed',
  LOSS: 'lossLocal',
};

/** Where an extension column's values go. */
export type SendaiColumn =
  | { storage: 'human_effects'; human: HumanColumn }
  | { storage: 'asset_effects'; assetCode: string; field: AssetField; group: SendaiAssetGroup | null }
  | { storage: 'extra' };

const BY_COLUMN = new Map(
  SENDAI_ASSET_GROUPS.flatMap((g) =>
    Object.entries(g.columns).map(([column, field]) => [column, { g, field }]),
  ),
);

/** Classify an extension column by name (any case). */
export function classifyColumn(column: string): SendaiColumn {
  const upper = column.toUpperCase();
  const human = SENDAI_HUMAN_COLUMNS.get(upper);
  if (human) return { storage: 'human_effects', human };
  const grouped = BY_COLUMN.get(upper);
  if (grouped)
    return { storage: 'asset_effects', assetCode: grouped.g.code, field: grouped.field, group: grouped.g };
  const quartet = QUARTET.exec(upper);
  if (quartet)
    return {
      storage: 'asset_effects',
      assetCode: quartet[2]!,
      field: QUARTET_FIELDS[quartet[1]!]!,
      group: null,
    };
  return { storage: 'extra' };
}
