/**
 * The datacard field registry: every datacard field described once.
 * Zod schemas, list columns, OpenAPI docs, totals and the schema test derive from it.
 */

/** How a field's value is stored and validated. */
export type FieldKind =
  | 'count' // integer >= 0, with a "there were" flag
  | 'quantity' // decimal >= 0 (money, hectares, metres), with a "there were" flag
  | 'sector' // integer >= 0 (disruptions in Sendai mode) or a bare "affected" flag
  | 'text'
  | 'integer'
  | 'decimal'
  | 'ref' // reference to a tenant catalogue row
  | 'status';

/** The form / report section a field belongs to. */
export type FieldGroup =
  | 'identity'
  | 'event'
  | 'place'
  | 'date'
  | 'human'
  | 'housing'
  | 'economic'
  | 'infrastructure'
  | 'agriculture'
  | 'sector'
  | 'notes';

/** One datacard field. */
export interface FieldDef {
  /** API / JSON key (camelCase). */
  key: string;
  /** Database column of the value. */
  column: string;
  /** Database column of the "there were" flag, for effects and sectors. */
  presentColumn?: string;
  kind: FieldKind;
  group: FieldGroup;
  unit?:
    | 'persons'
    | 'houses'
    | 'facilities'
    | 'ha'
    | 'm'
    | 'heads'
    | 'localCurrency'
    | 'USD'
    | 'days'
    | 'disruptions';
  /** i18n key of the field's label. */
  labelKey: string;
  /** DesInventar 9 XML column (fichas) and its "hay_" flag column. */
  diXml?: string;
  diXmlFlag?: string;
  /** DesInventar 8 (Disaster table) column and its quantity twin. */
  di8?: string;
  di8Quantity?: string;
  /** Sendai Framework indicators this field feeds. */
  sendai?: string[];
  /** Extra validation beyond the kind's defaults. */
  validation?: { min?: number; max?: number; maxLength?: number; required?: boolean; uuid?: boolean };
}

/** snake_case database column of a camelCase key (housesDestroyed -> houses_destroyed). */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A core effect. Its column is the snake_case key; the DesInventar 8 quantity twin exists exactly
 * for the effects that have a DesInventar "hay_" flag, and is the DI8 column plus 'Q'.
 */
const effect = <K extends string, T extends 'count' | 'quantity'>(
  key: K,
  kind: T,
  group: FieldGroup,
  unit: FieldDef['unit'],
  xml: string,
  flag: string | undefined,
  di8: string,
  sendai?: string[],
): FieldDef & { key: K; kind: T } => ({
  key,
  column: snake(key),
  presentColumn: `${snake(key)}_present`,
  kind,
  group,
  unit,
  labelKey: `field.${key}`,
  diXml: xml,
  diXmlFlag: flag,
  di8,
  di8Quantity: flag ? `${di8}Q` : undefined,
  sendai,
});

const sector = <K extends string>(
  key: K,
  xml: string,
  di8: string,
  sendai: string[],
): FieldDef & { key: K; kind: 'sector' } => ({
  key,
  column: `sector_${key}`,
  presentColumn: `sector_${key}_present`,
  kind: 'sector',
  group: 'sector',
  unit: 'disruptions',
  labelKey: `sector.${key}`,
  diXml: xml,
  di8,
  sendai,
});

const H = 'human';
const P = 'persons';

/** Core effects of a datacard (DesInventar's fichas effects), in form order. */
export const EFFECT_FIELDS = [
  effect('deaths', 'count', H, P, 'muertos', 'hay_muertos', 'EffectPeopleDead', ['A-1', 'A-2']),
  effect('missing', 'count', H, P, 'desaparece', 'hay_deasparece', 'EffectPeopleMissing', ['A-1', 'A-3']),
  effect('injured', 'count', H, P, 'heridos', 'hay_heridos', 'EffectPeopleInjured', ['B-1', 'B-2']),
  effect('directlyAffected', 'count', H, P, 'damnificados', 'hay_damnificados', 'EffectPeopleHarmed'),
  effect('indirectlyAffected', 'count', H, P, 'afectados', 'hay_afectados', 'EffectPeopleAffected'),
  effect('evacuated', 'count', H, P, 'evacuados', 'hay_evacuados', 'EffectPeopleEvacuated'),
  effect('relocated', 'count', H, P, 'reubicados', 'hay_reubicados', 'EffectPeopleRelocated'),
  effect('housesDestroyed', 'count', 'housing', 'houses', 'vivdest', 'hay_vivdest', 'EffectHousesDestroyed', [
    'B-1',
    'B-4',
    'C-1',
    'C-4',
  ]),
  effect('housesDamaged', 'count', 'housing', 'houses', 'vivafec', 'hay_vivafec', 'EffectHousesAffected', [
    'B-1',
    'B-3',
    'C-1',
    'C-4',
  ]),
  effect(
    'lossesLocal',
    'quantity',
    'economic',
    'localCurrency',
    'valorloc',
    undefined,
    'EffectLossesValueLocal',
    ['C-1'],
  ),
  effect('lossesUsd', 'quantity', 'economic', 'USD', 'valorus', undefined, 'EffectLossesValueUSD', ['C-1']),
  effect(
    'educationCentres',
    'count',
    'infrastructure',
    'facilities',
    'nescuelas',
    undefined,
    'EffectEducationCenters',
    ['C-1', 'C-5', 'D-1', 'D-3'],
  ),
  effect(
    'healthCentres',
    'count',
    'infrastructure',
    'facilities',
    'nhospitales',
    undefined,
    'EffectMedicalCenters',
    ['C-1', 'C-5', 'D-1', 'D-2'],
  ),
  effect('cropsHa', 'quantity', 'agriculture', 'ha', 'nhectareas', undefined, 'EffectFarmingAndForest', [
    'C-1',
    'C-2',
  ]),
  effect('livestock', 'count', 'agriculture', 'heads', 'cabezas', undefined, 'EffectLiveStock', [
    'C-1',
    'C-2',
  ]),
  effect('roadsM', 'quantity', 'infrastructure', 'm', 'kmvias', undefined, 'EffectRoads', [
    'C-1',
    'C-5',
    'D-1',
    'D-4',
  ]),
] as const;

/**
 * Sectors affected: a flag, or a count of service disruptions in Sendai mode. Agriculture,
 * industry and "other" are not basic services of D-8 (water, sewage, solid waste, transport,
 * power, ICT, relief, public administration), so they feed no indicator.
 */
export const SECTOR_FIELDS = [
  sector('transport', 'transporte', 'SectorTransport', ['D-5', 'D-8']),
  sector('communications', 'comunicaciones', 'SectorCommunications', ['D-5', 'D-8']),
  sector('relief', 'socorro', 'SectorRelief', ['D-5', 'D-8']),
  sector('agriculture', 'agropecuario', 'SectorAgricultural', []),
  sector('water', 'acueducto', 'SectorWaterSupply', ['D-5', 'D-8']),
  sector('sewerage', 'alcantarillado', 'SectorSewerage', ['D-5', 'D-8']),
  sector('education', 'educacion', 'SectorEducation', ['D-5', 'D-6']),
  sector('energy', 'energia', 'SectorPower', ['D-5', 'D-8']),
  sector('industry', 'industrias', 'SectorIndustry', []),
  sector('health', 'salud', 'SectorHealth', ['D-5', 'D-7']),
  sector('other', 'hay_otros', 'SectorOther', []),
] as const;

/** A descriptive field; its column is the snake_case key. */
const plain = <K extends string, T extends FieldKind>(
  key: K,
  kind: T,
  group: FieldGroup,
  xml: string | undefined,
  di8: string | undefined,
  validation?: FieldDef['validation'],
  unit?: FieldDef['unit'],
): FieldDef & { key: K; kind: T } => ({
  key,
  column: snake(key),
  kind,
  group,
  labelKey: `field.${key}`,
  diXml: xml,
  di8,
  validation,
  unit,
});

const BEGIN = 'DisasterBeginTime';

/** Descriptive datacard fields (who, what, where, when). */
export const DESCRIPTIVE_FIELDS = [
  plain('serial', 'text', 'identity', 'serial', 'DisasterSerial', { maxLength: 50 }),
  plain('status', 'status', 'identity', 'approved', 'RecordStatus'),
  plain('eventTypeId', 'ref', 'event', 'evento', 'EventId', { required: true }),
  plain('causeId', 'ref', 'event', 'causa', 'CauseId'),
  plain('causeText', 'text', 'event', 'descausa', 'CauseNotes', { maxLength: 500 }),
  plain('disasterEventId', 'ref', 'event', undefined, undefined, { uuid: true }),
  plain('magnitude', 'text', 'event', 'magnitud2', 'EventMagnitude', { maxLength: 200 }),
  plain('glide', 'text', 'event', 'glide', undefined, { maxLength: 50 }),
  plain('durationDays', 'integer', 'event', 'duracion', 'EventDuration', { min: 0, max: 36500 }, 'days'),
  plain('geoUnitId', 'ref', 'place', 'level0', 'GeographyId', { required: true }),
  plain('place', 'text', 'place', 'lugar', 'DisasterSiteNotes', { maxLength: 500 }),
  plain('latitude', 'decimal', 'place', 'latitude', 'DisasterLatitude', { min: -90, max: 90 }),
  plain('longitude', 'decimal', 'place', 'longitude', 'DisasterLongitude', { min: -180, max: 180 }),
  plain('startYear', 'integer', 'date', 'fechano', BEGIN, { required: true, min: 1000 }),
  plain('startMonth', 'integer', 'date', 'fechames', BEGIN, { min: 1, max: 12 }),
  plain('startDay', 'integer', 'date', 'fechadia', BEGIN, { min: 1, max: 31 }),
  plain('sources', 'text', 'notes', 'fuentes', 'DisasterSource', { maxLength: 2000 }),
  plain('otherLosses', 'text', 'notes', 'otros', 'EffectOtherLosses', { maxLength: 2000 }),
  plain('comments', 'text', 'notes', 'di_comments', 'EffectNotes', { maxLength: 20000 }),
] as const;

/** Every datacard field. */
export const ALL_FIELDS: readonly FieldDef[] = [...DESCRIPTIVE_FIELDS, ...EFFECT_FIELDS, ...SECTOR_FIELDS];

/** Key of a core effect. */
export type EffectKey = (typeof EFFECT_FIELDS)[number]['key'];
/** Key of a sector. */
export type SectorKey = (typeof SECTOR_FIELDS)[number]['key'];
/** Key of a descriptive field. */
export type DescriptiveKey = (typeof DESCRIPTIVE_FIELDS)[number]['key'];

/** Keys of the core effects, in registry order. */
export const EFFECT_KEYS: EffectKey[] = EFFECT_FIELDS.map((f) => f.key);
/** Keys of the sectors, in registry order. */
export const SECTOR_KEYS: SectorKey[] = SECTOR_FIELDS.map((f) => f.key);

/** The drizzle property name of a snake_case column (houses_destroyed -> housesDestroyed). */
export const columnProp = (column: string) =>
  column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Look up a field by key; throws for an unknown key (a programming error). */
export function fieldByKey(key: string): FieldDef {
  const field = ALL_FIELDS.find((f) => f.key === key);
  if (!field) throw new Error(`unknown datacard field: ${key}`);
  return field;
}
