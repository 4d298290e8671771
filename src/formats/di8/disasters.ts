/**
 * One DI8 Disaster row to a card. Columns come from the field registry (`di8`, `di8Quantity`);
 * DisasterId, RecordAuthor and RecordCreation are mapped here; every other column is kept in
 * legacy, as are -2 cells and quantity twins that cannot be derived from the value.
 */
import {
  DESCRIPTIVE_FIELDS,
  EFFECT_FIELDS,
  type EffectKey,
  SECTOR_FIELDS,
  type SectorKey,
} from '../../shared/fields.ts';
import {
  type CardInput,
  type EffectInput,
  type Legacy,
  SourceFormatError,
  type SourcePlace,
} from '../model.ts';
import { beginTimeOf, type Di8Row, di8Effect, numberOf, statusOf, textOf } from './values.ts';

type Descriptive = (typeof DESCRIPTIVE_FIELDS)[number]['key'];
const di8Column = (key: Descriptive) => DESCRIPTIVE_FIELDS.find((f) => f.key === key)!.di8!;

/** Columns of the DI8 Disaster table that have a home other than legacy. */
export const MAPPED_COLUMNS = new Set<string>(
  [
    'DisasterId',
    'RecordAuthor',
    'RecordCreation',
    ...DESCRIPTIVE_FIELDS.flatMap((f) => (f.di8 ? [f.di8] : [])),
    ...[...EFFECT_FIELDS, ...SECTOR_FIELDS].flatMap((f) => [f.di8, f.di8Quantity]),
  ].filter((c): c is string => c !== undefined),
);

/** Columns of the DI8 schema that LossLedger keeps only in legacy (not reported as unknown). */
export const LEGACY_COLUMNS = new Set(['RegionId', 'EventNotes', 'RecordSync', 'RecordUpdate']);

/** What a card's conversion noticed, for the reader's totals and notices. */
export interface CardFindings {
  /** Effect keys and sector.KEY of the cells that held -2 ("don't know"). */
  dontKnow: string[];
  unknownStatus: string | null;
  dayDropped: boolean;
}

function text(row: Di8Row, key: Descriptive): string | null {
  return textOf(row[di8Column(key)] ?? null);
}

function required(row: Di8Row, key: Descriptive, place: SourcePlace): string {
  const value = text(row, key);
  if (value !== null) return value;
  const column = di8Column(key);
  throw new SourceFormatError(`${place.table} row ${place.row}, column ${column}: is empty`, {
    ...place,
    column,
  });
}

/** Effects and sectors by the DESIGN rules; -2 cells are listed and kept in legacy. */
function effectsOf(row: Di8Row, place: SourcePlace, legacy: Legacy, dontKnow: string[]) {
  const effects: Partial<Record<EffectKey, EffectInput>> = {};
  const sectors: Partial<Record<SectorKey, EffectInput>> = {};
  const convert = (
    column: string | undefined,
    qColumn: string | undefined,
    kind: 'count' | 'quantity',
    key: string,
  ) => {
    if (column === undefined || !(column in row)) return null;
    const raw = numberOf(row[column], place, column);
    const q = qColumn ? numberOf(row[qColumn], place, qColumn) : null;
    const result = di8Effect(raw, q, kind, place, column);
    if (result.dontKnow) {
      dontKnow.push(key);
      legacy[column] = -2;
    }
    // The twin is normally max(0, value); keep it when it says something else.
    if (qColumn && q !== null && q !== Math.max(0, raw ?? 0) && !(raw === -1 && q > 0)) legacy[qColumn] = q;
    return result.input;
  };
  for (const f of EFFECT_FIELDS) {
    const input = convert(f.di8, f.di8Quantity, f.kind, f.key);
    if (input) effects[f.key] = input;
  }
  for (const f of SECTOR_FIELDS) {
    const input = convert(f.di8, undefined, 'count', `sector.${f.key}`);
    if (input) sectors[f.key] = input;
  }
  return { effects, sectors };
}

/** Coordinates; 0,0 means "not set" in DesInventar. */
function coordinatesOf(row: Di8Row, place: SourcePlace) {
  const lat = numberOf(row[di8Column('latitude')], place, di8Column('latitude'));
  const lon = numberOf(row[di8Column('longitude')], place, di8Column('longitude'));
  if (lat === null || lon === null || (lat === 0 && lon === 0)) return { latitude: null, longitude: null };
  return { latitude: lat, longitude: lon };
}

/** The card of one Disaster row (throws SourceFormatError naming row and column for bad cells). */
export function cardOf(row: Di8Row, place: SourcePlace): { card: CardInput; findings: CardFindings } {
  const legacy: Legacy = {};
  const findings: CardFindings = { dontKnow: [], unknownStatus: null, dayDropped: false };
  for (const [column, value] of Object.entries(row)) {
    if (!MAPPED_COLUMNS.has(column) && textOf(value) !== null) legacy[column] = value;
  }
  const date = beginTimeOf(row[di8Column('startYear')] ?? null, place, di8Column('startYear'));
  findings.dayDropped = date.dayDropped;
  const status = statusOf(row[di8Column('status')] ?? null);
  if (status === null) {
    findings.unknownStatus = textOf(row[di8Column('status')] ?? null) ?? '(blank)';
    legacy[di8Column('status')] = row[di8Column('status')] ?? null;
  }
  const id = textOf(row.DisasterId ?? null);
  const duration = numberOf(row[di8Column('durationDays')], place, di8Column('durationDays'));
  const { effects, sectors } = effectsOf(row, place, legacy, findings.dontKnow);
  const card: CardInput = {
    sourceKey: id,
    sourceUuid: id,
    serial: text(row, 'serial'),
    status: status ?? 'support',
    eventCode: required(row, 'eventTypeId', place),
    causeCode: text(row, 'causeId'),
    causeText: text(row, 'causeText'),
    magnitude: text(row, 'magnitude'),
    glide: null,
    durationDays: duration === null ? null : Math.round(duration),
    geoCode: required(row, 'geoUnitId', place),
    place: text(row, 'place'),
    ...coordinatesOf(row, place),
    startYear: date.year,
    startMonth: date.month,
    startDay: date.day,
    sources: text(row, 'sources'),
    otherLosses: text(row, 'otherLosses'),
    comments: text(row, 'comments'),
    effects,
    sectors,
    extra: {},
    recordedBy: textOf(row.RecordAuthor ?? null),
    recordedOn: textOf(row.RecordCreation ?? null),
    legacy,
  };
  return { card, findings };
}
