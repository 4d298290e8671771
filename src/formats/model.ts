/**
 * The neutral import model. Every source format (DesInventar XML, DesInventar 8, spreadsheets)
 * is read into a stream of these items; one loader (src/services/imports) writes them to the
 * database. Items refer to each other by source codes, never by database ids.
 *
 * Order: an item may refer only to catalogue items (levels, units, event types, causes, tabs,
 * extra fields) that came before it — except asset types and cards, which the loader resolves
 * at the end (DesInventar exports list metadata_element after fichas and extension).
 */
import type { EffectKey, SectorKey } from '../shared/fields.ts';
import type { ExtraFieldType } from '../shared/schemas/extra-fields.ts';
import type { DatacardStatus } from '../shared/status.ts';

/** Names or labels per language code. */
export type Names = Record<string, string>;

/** Source-system fields kept verbatim for lossless export. */
export type Legacy = Record<string, string | number | boolean | null>;

/** Where an item came from, for messages: 'fichas row 17 (line 2345)'. */
export interface SourcePlace {
  table: string;
  /** 1-based row number within the table. */
  row: number;
  line?: number;
}

/** An effect or sector value: integer counts as numbers, quantities (money, ha, m) as decimal strings. */
export interface EffectInput {
  value: number | string | null;
  present: boolean;
}

/** An administrative level. */
export interface GeoLevelItem {
  kind: 'geoLevel';
  level: number;
  names: Names;
  codeLength: number | null;
  legacy: Legacy;
}

/** An administrative unit; `placeholder` marks a parent invented for orphan units. */
export interface GeoUnitItem {
  kind: 'geoUnit';
  level: number;
  code: string;
  parentCode: string | null;
  names: Names;
  placeholder: boolean;
  bbox: { minLon: number; minLat: number; maxLon: number; maxLat: number } | null;
  centroid: { lon: number; lat: number } | null;
  legacy: Legacy;
  place?: SourcePlace;
}

/** An event type of the tenant's catalogue (DesInventar eventos). */
export interface EventTypeItem {
  kind: 'eventType';
  code: string;
  names: Names;
  description: string | null;
  parentCode: string | null;
  sortOrder: number;
  /** A hazard code when the source gives one; otherwise the loader may suggest one from the crosswalk. */
  hazardCode: string | null;
  legacy: Legacy;
}

/** A cause (DesInventar causas). */
export interface CauseItem {
  kind: 'cause';
  code: string;
  names: Names;
  sortOrder: number;
  legacy: Legacy;
}

/** A tab of extra fields (DesInventar extensiontabs). */
export interface ExtraTabItem {
  kind: 'extraTab';
  /** The source's key (DesInventar ntab), referred to by extra fields. */
  key: string;
  labels: Names;
  sortOrder: number;
  legacy: Legacy;
}

/** An extra-field definition (DesInventar diccionario + extensioncodes). */
export interface ExtraFieldItem {
  kind: 'extraField';
  key: string;
  type: ExtraFieldType;
  labels: Names;
  description: string | null;
  tabKey: string | null;
  sortOrder: number;
  maxLength: number | null;
  options: { code: string; labels: Names }[];
  /** Where values go: datacards.extra, or human_effects / asset_effects for Sendai columns. */
  storage: 'extra' | 'human_effects' | 'asset_effects';
  legacy: Legacy;
}

/** An asset type with valuation parameters (DesInventar metadata_element + costs). */
export interface AssetTypeItem {
  kind: 'assetType';
  code: string;
  names: Names;
  sector: string | null;
  indicator: string | null;
  isicCode: string | null;
  faoCode: string | null;
  unit: string | null;
  measurement: string | null;
  /** Decimal strings. */
  averageSize: string | null;
  damageRatio: string | null;
  infrastructureFactor: string | null;
  equipmentFactor: string | null;
  workers: string | null;
  unitPriceLocal: string | null;
  unitPriceUsd: string | null;
  source: string | null;
  formula: string | null;
  prices: { year: number; priceLocal: string | null; priceUsd: string | null }[];
  legacy: Legacy;
}

/** A denominator value (DesInventar metadata_national_values). */
export interface BaselineItem {
  kind: 'baseline';
  /** Null = national. */
  unitCode: string | null;
  year: number;
  metric: string;
  value: string | null;
  valueUsd: string | null;
  source: string | null;
}

/** The core of one datacard. */
export interface CardInput {
  /** Joins cardDetail items to this card within one source (DesInventar clave). */
  sourceKey: string | null;
  /** Identity in the source system (uu_id / DisasterId): the re-import key. */
  sourceUuid: string | null;
  serial: string | null;
  status: DatacardStatus;
  eventCode: string;
  causeCode: string | null;
  causeText: string | null;
  magnitude: string | null;
  glide: string | null;
  durationDays: number | null;
  /** Code of the deepest unit given. */
  geoCode: string;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  startYear: number;
  startMonth: number | null;
  startDay: number | null;
  sources: string | null;
  otherLosses: string | null;
  comments: string | null;
  effects: Partial<Record<EffectKey, EffectInput>>;
  sectors: Partial<Record<SectorKey, EffectInput>>;
  extra: Record<string, unknown>;
  recordedBy: string | null;
  recordedOn: string | null;
  legacy: Legacy;
}

/** One datacard. */
export interface CardItem {
  kind: 'card';
  place: SourcePlace;
  card: CardInput;
}

/** One Sendai disaggregation value of a card. */
export interface HumanEffectInput {
  effect: string;
  dimension: 'sex' | 'age' | 'disability' | 'income' | 'total';
  category: string;
  value: number | null;
  present: boolean;
}

/** Damage to one asset type on a card (quantities and losses as decimal strings). */
export interface AssetEffectInput {
  assetCode: string;
  total: string | null;
  affected: string | null;
  damaged: string | null;
  destroyed: string | null;
  lossLocal: string | null;
  lossDamagedLocal: string | null;
  lossDestroyedLocal: string | null;
  lossUsd: string | null;
  unit: string | null;
}

/** Detail of a card given in a separate table (DesInventar extension), joined by sourceKey. */
export interface CardDetailItem {
  kind: 'cardDetail';
  place: SourcePlace;
  sourceKey: string;
  humanEffects: HumanEffectInput[];
  assetEffects: AssetEffectInput[];
  /** Values of extra fields with storage 'extra'. */
  extra: Record<string, unknown>;
}

/** A row of a source table LossLedger does not model, kept verbatim. */
export interface LegacyRowItem {
  kind: 'legacyRow';
  table: string;
  position: number;
  data: Record<string, string | null>;
}

/** Something the reader noticed: an unknown table or column, a repaired value, a skipped row. */
export interface NoticeItem {
  kind: 'notice';
  level: 'info' | 'warning';
  code: string;
  message: string;
  place?: SourcePlace;
}

/** Progress of the reader, for progress bars (bytes read of total, when known). */
export interface ProgressItem {
  kind: 'progress';
  bytesRead: number;
  bytesTotal: number | null;
}

/** Anything a reader yields. */
export type ImportItem =
  | GeoLevelItem
  | GeoUnitItem
  | EventTypeItem
  | CauseItem
  | ExtraTabItem
  | ExtraFieldItem
  | AssetTypeItem
  | BaselineItem
  | CardItem
  | CardDetailItem
  | LegacyRowItem
  | NoticeItem
  | ProgressItem;

/** A source read into the model. */
export interface ImportSource {
  /** 'desinventar-xml' | 'di8' | 'table' */
  format: string;
  /** File or folder name, for the report. */
  name: string;
  items: AsyncIterable<ImportItem>;
  /**
   * True when every card detail names the source key of a card item of the same source (the
   * reader drops and reports details that do not): the loader may then find a detail's card
   * without looking it up.
   */
  detailsNameItsCards?: boolean;
}

/** Raised by readers for bad input: the message names the place (file, table, row, line, column). */
export class SourceFormatError extends Error {
  constructor(
    message: string,
    readonly place?: SourcePlace & { column?: string },
  ) {
    super(message);
    this.name = 'SourceFormatError';
  }
}
