/** Test data for the import loader: hand-built item streams, a small country, a tenant to import into. */
import type { Db } from '../db/engine.ts';
import { hazards, tenants } from '../db/schema/index.ts';
import type {
  AssetTypeItem,
  CardDetailItem,
  CardInput,
  CardItem,
  ExtraFieldItem,
  GeoUnitItem,
  ImportItem,
  ImportSource,
} from '../formats/model.ts';
import { type RequestContext, systemContext, withTenant } from '../services/context.ts';

/** A source over a fixed list of items (iterable again for a second import). */
export function itemSource(
  items: ImportItem[] | (() => AsyncIterable<ImportItem>),
  name = 'test.xml',
  options: Pick<ImportSource, 'detailsNameItsCards'> = {},
): ImportSource {
  const iterate =
    typeof items === 'function'
      ? items
      : async function* () {
          yield* items;
        };
  return {
    format: 'test',
    name,
    items: { [Symbol.asyncIterator]: () => iterate()[Symbol.asyncIterator]() },
    ...options,
  };
}

/** A new tenant (and the Flooding hazard) with a context working in it. */
export async function importTenant(db: Db, code = 'IMP'): Promise<RequestContext> {
  await db
    .insert(hazards)
    .values({ code: 'MH0600', names: { en: 'Flooding' } })
    .onConflictDoNothing();
  const [t] = await db
    .insert(tenants)
    .values({ code, names: { en: code }, currency: 'XCD' })
    .returning();
  return withTenant(systemContext('test'), { id: t!.id, code, currency: 'XCD', defaultLanguage: 'en' });
}

/** A unit item. */
export const unit = (
  level: number,
  code: string,
  parentCode: string | null,
  more: Partial<GeoUnitItem> = {},
): GeoUnitItem => ({
  kind: 'geoUnit',
  level,
  code,
  parentCode,
  names: { en: `Unit ${code}` },
  placeholder: false,
  bbox: null,
  centroid: null,
  legacy: {},
  ...more,
});

/** A card item; `n` numbers its serial, key and row. */
export function card(n: number, more: Partial<CardInput> = {}): CardItem {
  return {
    kind: 'card',
    place: { table: 'fichas', row: n, line: 100 + n },
    card: {
      sourceKey: String(n),
      sourceUuid: `uuid-${n}`,
      serial: `S${n}`,
      status: 'published',
      eventCode: 'FLOOD',
      causeCode: 'RAIN',
      causeText: null,
      magnitude: null,
      glide: null,
      durationDays: null,
      geoCode: 'P1-D1',
      place: `Place ${n}`,
      latitude: null,
      longitude: null,
      startYear: 2000 + (n % 20),
      startMonth: 5,
      startDay: 10,
      sources: 'newspaper',
      otherLosses: null,
      comments: null,
      effects: { deaths: { value: n, present: n > 0 }, lossesLocal: { value: `${n}.25`, present: false } },
      sectors: { water: { value: null, present: true } },
      extra: {},
      recordedBy: 'clerk',
      recordedOn: '2001-01-01',
      legacy: { clave: n },
      ...more,
    },
  };
}

/** An extra-field definition item. */
export const extraField = (
  key: string,
  type: ExtraFieldItem['type'],
  storage: ExtraFieldItem['storage'] = 'extra',
): ExtraFieldItem => ({
  kind: 'extraField',
  key,
  type,
  labels: { en: key },
  description: null,
  tabKey: '1',
  sortOrder: 1,
  maxLength: null,
  options: [],
  storage,
  legacy: { orden: 1 },
});

/** An asset type item. */
export const assetType = (code: string): AssetTypeItem => ({
  kind: 'assetType',
  code,
  names: { en: `Asset ${code}` },
  sector: 'Housing',
  indicator: 'C-4',
  isicCode: null,
  faoCode: null,
  unit: 'house',
  measurement: 'units',
  averageSize: '60',
  damageRatio: '0.25',
  infrastructureFactor: null,
  equipmentFactor: null,
  workers: null,
  unitPriceLocal: '15000.50',
  unitPriceUsd: null,
  source: null,
  formula: null,
  prices: [{ year: 2010, priceLocal: '14000', priceUsd: '5200' }],
  legacy: { metadata_element_key: 351 },
});

/** A detail item for the card with key `n`. */
export const detail = (n: number, more: Partial<CardDetailItem> = {}): CardDetailItem => ({
  kind: 'cardDetail',
  place: { table: 'extension', row: n },
  sourceKey: String(n),
  humanEffects: [
    { effect: 'deaths', dimension: 'sex', category: 'female', value: 1, present: true },
    { effect: 'deaths', dimension: 'sex', category: 'male', value: 0, present: false },
  ],
  assetEffects: [
    {
      assetCode: 'HOUSE',
      total: null,
      affected: null,
      damaged: '3',
      destroyed: '1.5',
      lossLocal: '1000',
      lossDamagedLocal: null,
      lossDestroyedLocal: null,
      lossUsd: null,
      unit: null,
    },
  ],
  extra: { RAINFALL: 12 },
  ...more,
});

/** Catalogue items of a small country: 2 levels, 3 units, 2 event types, a cause, extra fields, an asset type. */
export function countryItems(): ImportItem[] {
  return [
    { kind: 'geoLevel', level: 1, names: { en: 'Province' }, codeLength: 2, legacy: {} },
    { kind: 'geoLevel', level: 2, names: { en: 'District' }, codeLength: null, legacy: {} },
    unit(1, 'P1', null),
    unit(2, 'P1-D1', 'P1'),
    unit(2, 'P1-D2', 'P1'),
    unit(2, 'P1-D1', 'P1', {
      bbox: { minLon: 1, minLat: 2, maxLon: 3, maxLat: 4 },
      centroid: { lon: 2, lat: 3 },
      legacy: { x: 2 },
    }),
    {
      kind: 'eventType',
      code: 'FLOOD',
      names: { en: 'FLOOD', es: 'INUNDACION' },
      description: 'Water',
      parentCode: null,
      sortOrder: 1,
      hazardCode: null,
      legacy: { serial: 1 },
    },
    {
      kind: 'eventType',
      code: 'FIRE',
      names: { en: 'FIRE' },
      description: null,
      parentCode: null,
      sortOrder: 2,
      hazardCode: null,
      legacy: {},
    },
    { kind: 'cause', code: 'RAIN', names: { en: 'Rain' }, sortOrder: 1, legacy: {} },
    { kind: 'extraTab', key: '1', labels: { en: 'Sendai' }, sortOrder: 1, legacy: {} },
    extraField('RAINFALL', 'integer'),
    extraField('DEATHS_FEMALE', 'integer', 'human_effects'),
  ];
}

/** A whole small file: the country, 3 cards, details (given before their asset type, as DesInventar does), legacy rows. */
export function countryFile(): ImportItem[] {
  return [
    ...countryItems(),
    card(1),
    card(2, { geoCode: 'P1-D2', status: 'support' }),
    card(3, {
      effects: { deaths: { value: 0, present: false }, cropsHa: { value: '741.34', present: true } },
    }),
    detail(1),
    detail(3, { humanEffects: [], assetEffects: [], extra: { RAINFALL: 40 } }),
    assetType('HOUSE'),
    {
      kind: 'baseline',
      unitCode: null,
      year: 2010,
      metric: 'population',
      value: '110000',
      valueUsd: null,
      source: 'census',
    },
    { kind: 'legacyRow', table: 'level_maps', position: 1, data: { filename: 'a.shp' } },
    {
      kind: 'notice',
      level: 'info',
      code: 'unknown_table',
      message: 'table foo is not known',
      place: { table: 'foo', row: 0 },
    },
    {
      kind: 'notice',
      level: 'info',
      code: 'unknown_column',
      message: 'column bar of table fichas has no mapping',
      place: { table: 'fichas', row: 1 },
    },
  ];
}

/** Many generated cards over the small country, for volume tests and benchmarks. */
export async function* syntheticCards(count: number): AsyncGenerator<ImportItem> {
  yield* countryItems();
  for (let n = 1; n <= count; n++) {
    const item = card(n, { geoCode: n % 2 ? 'P1-D1' : 'P1-D2', comments: n % 3 ? null : `Comment ${n}` });
    yield item;
  }
}
