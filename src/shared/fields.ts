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

const effect = <K extends string, T extends 'count' | 'quantity'>(
  key: K,
  column: string,
  kind: T,
  group: FieldGroup,
  unit: FieldDef['unit'],
  di: { xml: string; flag?: string; di8: string; di8Q?: string },
  sendai?: string[],
): FieldDef & { key: K; kind: T } => ({
  key,
  column,
  presentColumn: `${column}_present`,
  kind,
  group,
  unit,
  labelKey: `field.${key}`,
  diXml: di.xml,
  diXmlFlag: di.flag,
  di8: di.di8,
  di8Quantity: di.di8Q,
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

/** Core effects of a datacard (DesInventar's fichas effects), in form order. */
export const EFFECT_FIELDS = [
  effect(
    'deaths',
    'deaths',
    'count',
    'human',
    'persons',
    { xml: 'muertos', flag: 'hay_muertos', di8: 'EffectPeopleDead', di8Q: 'EffectPeopleDeadQ' },
    ['A-1', 'A-2'],
  ),
  effect(
    'missing',
    'missing',
    'count',
    'human',
    'persons',
    { xml: 'desaparece', flag: 'hay_deasparece', di8: 'EffectPeopleMissing', di8Q: 'EffectPeopleMissingQ' },
    ['A-1', 'A-3'],
  ),
  effect(
    'injured',
    'injured',
    'count',
    'human',
    'persons',
    { xml: 'heridos', flag: 'hay_heridos', di8: 'EffectPeopleInjured', di8Q: 'EffectPeopleInjuredQ' },
    ['B-1', 'B-2'],
  ),
  effect('directlyAffected', 'directly_affected', 'count', 'human', 'persons', {
    xml: 'damnificados',
    flag: 'hay_damnificados',
    di8: 'EffectPeopleHarmed',
    di8Q: 'EffectPeopleHarmedQ',
  }),
  effect('indirectlyAffected', 'indirectly_affected', 'count', 'human', 'persons', {
    xml: 'afectados',
    flag: 'hay_afectados',
    di8: 'EffectPeopleAffected',
    di8Q: 'EffectPeopleAffectedQ',
  }),
  effect('evacuated', 'evacuated', 'count', 'human', 'persons', {
    xml: 'evacuados',
    flag: 'hay_evacuados',
    di8: 'EffectPeopleEvacuated',
    di8Q: 'EffectPeopleEvacuatedQ',
  }),
  effect('relocated', 'relocated', 'count', 'human', 'persons', {
    xml: 'reubicados',
    flag: 'hay_reubicados',
    di8: 'EffectPeopleRelocated',
    di8Q: 'EffectPeopleRelocatedQ',
  }),
  effect(
    'housesDestroyed',
    'houses_destroyed',
    'count',
    'housing',
    'houses',
    { xml: 'vivdest', flag: 'hay_vivdest', di8: 'EffectHousesDestroyed', di8Q: 'EffectHousesDestroyedQ' },
    ['B-1', 'B-4', 'C-1', 'C-4'],
  ),
  effect(
    'housesDamaged',
    'houses_damaged',
    'count',
    'housing',
    'houses',
    { xml: 'vivafec', flag: 'hay_vivafec', di8: 'EffectHousesAffected', di8Q: 'EffectHousesAffectedQ' },
    ['B-1', 'B-3', 'C-1', 'C-4'],
  ),
  effect(
    'lossesLocal',
    'losses_local',
    'quantity',
    'economic',
    'localCurrency',
    { xml: 'valorloc', di8: 'EffectLossesValueLocal' },
    ['C-1'],
  ),
  effect(
    'lossesUsd',
    'losses_usd',
    'quantity',
    'economic',
    'USD',
    { xml: 'valorus', di8: 'EffectLossesValueUSD' },
    ['C-1'],
  ),
  effect(
    'educationCentres',
    'education_centres',
    'count',
    'infrastructure',
    'facilities',
    { xml: 'nescuelas', di8: 'EffectEducationCenters' },
    ['C-1', 'C-5', 'D-1', 'D-3'],
  ),
  effect(
    'healthCentres',
    'health_centres',
    'count',
    'infrastructure',
    'facilities',
    { xml: 'nhospitales', di8: 'EffectMedicalCenters' },
    ['C-1', 'C-5', 'D-1', 'D-2'],
  ),
  effect(
    'cropsHa',
    'crops_ha',
    'quantity',
    'agriculture',
    'ha',
    { xml: 'nhectareas', di8: 'EffectFarmingAndForest' },
    ['C-1', 'C-2'],
  ),
  effect(
    'livestock',
    'livestock',
    'count',
    'agriculture',
    'heads',
    { xml: 'cabezas', di8: 'EffectLiveStock' },
    ['C-1', 'C-2'],
  ),
  effect('roadsM', 'roads_m', 'quantity', 'infrastructure', 'm', { xml: 'kmvias', di8: 'EffectRoads' }, [
    'C-1',
    'C-5',
    'D-1',
    'D-4',
  ]),
] as const;

/** Sectors affected: a flag, or a count of service disruptions in Sendai mode. */
export const SECTOR_FIELDS = [
  sector('transport', 'transporte', 'SectorTransport', ['D-5', 'D-8']),
  sector('communications', 'comunicaciones', 'SectorCommunications', ['D-5', 'D-8']),
  sector('relief', 'socorro', 'SectorRelief', ['D-5', 'D-8']),
  sector('agriculture', 'agropecuario', 'SectorAgricultural', ['D-5', 'D-8']),
  sector('water', 'acueducto', 'SectorWaterSupply', ['D-5', 'D-8']),
  sector('sewerage', 'alcantarillado', 'SectorSewerage', ['D-5', 'D-8']),
  sector('education', 'educacion', 'SectorEducation', ['D-5', 'D-6']),
  sector('energy', 'energia', 'SectorPower', ['D-5', 'D-8']),
  sector('industry', 'industrias', 'SectorIndustry', ['D-5', 'D-8']),
  sector('health', 'salud', 'SectorHealth', ['D-5', 'D-7']),
  sector('other', 'hay_otros', 'SectorOther', ['D-5', 'D-8']),
] as const;

const plain = <K extends string, T extends FieldKind>(
  key: K,
  column: string,
  kind: T,
  group: FieldGroup,
  di: { xml?: string; di8?: string },
  validation?: FieldDef['validation'],
  unit?: FieldDef['unit'],
): FieldDef & { key: K; kind: T } => ({
  key,
  column,
  kind,
  group,
  labelKey: `field.${key}`,
  diXml: di.xml,
  di8: di.di8,
  validation,
  unit,
});

/** Descriptive datacard fields (who, what, where, when). */
export const DESCRIPTIVE_FIELDS = [
  plain('serial', 'serial', 'text', 'identity', { xml: 'serial', di8: 'DisasterSerial' }, { maxLength: 50 }),
  plain('status', 'status', 'status', 'identity', { xml: 'approved', di8: 'RecordStatus' }),
  plain(
    'eventTypeId',
    'event_type_id',
    'ref',
    'event',
    { xml: 'evento', di8: 'EventId' },
    { required: true },
  ),
  plain('causeId', 'cause_id', 'ref', 'event', { xml: 'causa', di8: 'CauseId' }),
  plain(
    'causeText',
    'cause_text',
    'text',
    'event',
    { xml: 'descausa', di8: 'CauseNotes' },
    { maxLength: 500 },
  ),
  plain('disasterEventId', 'disaster_event_id', 'ref', 'event', {}, { uuid: true }),
  plain(
    'magnitude',
    'magnitude',
    'text',
    'event',
    { xml: 'magnitud2', di8: 'EventMagnitude' },
    { maxLength: 200 },
  ),
  plain('glide', 'glide', 'text', 'event', { xml: 'glide' }, { maxLength: 50 }),
  plain(
    'durationDays',
    'duration_days',
    'integer',
    'event',
    { xml: 'duracion', di8: 'EventDuration' },
    { min: 0, max: 36500 },
    'days',
  ),
  plain(
    'geoUnitId',
    'geo_unit_id',
    'ref',
    'place',
    { xml: 'level0', di8: 'GeographyId' },
    { required: true },
  ),
  plain('place', 'place', 'text', 'place', { xml: 'lugar', di8: 'DisasterSiteNotes' }, { maxLength: 500 }),
  plain(
    'latitude',
    'latitude',
    'decimal',
    'place',
    { xml: 'latitude', di8: 'DisasterLatitude' },
    { min: -90, max: 90 },
  ),
  plain(
    'longitude',
    'longitude',
    'decimal',
    'place',
    { xml: 'longitude', di8: 'DisasterLongitude' },
    { min: -180, max: 180 },
  ),
  plain(
    'startYear',
    'start_year',
    'integer',
    'date',
    { xml: 'fechano', di8: 'DisasterBeginTime' },
    { required: true, min: 1000 },
  ),
  plain(
    'startMonth',
    'start_month',
    'integer',
    'date',
    { xml: 'fechames', di8: 'DisasterBeginTime' },
    { min: 1, max: 12 },
  ),
  plain(
    'startDay',
    'start_day',
    'integer',
    'date',
    { xml: 'fechadia', di8: 'DisasterBeginTime' },
    { min: 1, max: 31 },
  ),
  plain(
    'sources',
    'sources',
    'text',
    'notes',
    { xml: 'fuentes', di8: 'DisasterSource' },
    { maxLength: 2000 },
  ),
  plain(
    'otherLosses',
    'other_losses',
    'text',
    'notes',
    { xml: 'otros', di8: 'EffectOtherLosses' },
    { maxLength: 2000 },
  ),
  plain(
    'comments',
    'comments',
    'text',
    'notes',
    { xml: 'di_comments', di8: 'EffectNotes' },
    { maxLength: 20000 },
  ),
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
