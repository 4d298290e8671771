/**
 * fichas rows -> card items, column names taken from the field registry (diXml, diXmlFlag).
 * Only evento, level0 and fechano must exist: every other column may be missing (revisions vary).
 * Legacy keeps what the neutral model cannot say, so an export can write the row back as read.
 */
import {
  DESCRIPTIVE_FIELDS,
  EFFECT_FIELDS,
  type EffectKey,
  fieldByKey,
  SECTOR_FIELDS,
  type SectorKey,
} from '../../shared/fields.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { KeySet } from '../key-set.ts';
import type { CardItem, EffectInput, ImportItem, Legacy } from '../model.ts';
import type { ColumnCheck, Row } from './row.ts';

const col = (key: string) => fieldByKey(key).diXml!;
const C = {
  serial: col('serial'),
  status: col('status'),
  event: col('eventTypeId'),
  cause: col('causeId'),
  causeText: col('causeText'),
  magnitude: col('magnitude'),
  glide: col('glide'),
  duration: col('durationDays'),
  level0: col('geoUnitId'),
  place: col('place'),
  latitude: col('latitude'),
  longitude: col('longitude'),
  year: col('startYear'),
  month: col('startMonth'),
  day: col('startDay'),
  sources: col('sources'),
  otherLosses: col('otherLosses'),
  comments: col('comments'),
};

/**
 * Kept in legacy as read: columns with no registry field (observa* also feed the comments) and
 * the three level codes, which an export must write back as they were (orphan units).
 */
const LEGACY_COLUMNS = [
  'clave',
  'level0',
  'name0',
  'name1',
  'name2',
  'defaultab',
  'level1',
  'level2',
  'observa',
  'observa2',
  'observa3',
];
const RECORD_COLUMNS = ['fechapor', 'fechafec', 'uu_id'];

const EFFECT_COLUMNS = EFFECT_FIELDS.map((f) => ({
  key: f.key,
  count: f.kind === 'count',
  value: f.diXml!,
  flag: f.diXmlFlag,
}));
const SECTOR_COLUMNS = SECTOR_FIELDS.map((f) => ({ key: f.key, column: f.diXml! }));

const KNOWN: ReadonlySet<string> = new Set([
  ...DESCRIPTIVE_FIELDS.flatMap((f): string[] => (f.diXml ? [f.diXml] : [])),
  ...EFFECT_COLUMNS.flatMap((c) => (c.flag ? [c.value, c.flag] : [c.value])),
  ...SECTOR_COLUMNS.map((c) => c.column),
  ...LEGACY_COLUMNS,
  ...RECORD_COLUMNS,
]);

/** DesInventar approved codes: 0 (or empty) published, 1 draft, 2 submitted, 3 rejected, 4 support. */
const STATUSES: DatacardStatus[] = ['published', 'draft', 'submitted', 'rejected', 'support'];

/** Reads fichas rows; remembers each clave so extension rows can be checked against it. */
export class FichasReader {
  /** The clave of every card read. */
  readonly claves = new KeySet();

  constructor(private readonly columns: ColumnCheck) {}

  /** Notices (unknown columns, duplicate clave) and the card of one row. */
  read(row: Row): ImportItem[] {
    const legacy: Legacy = {};
    const items: ImportItem[] = this.columns.collect(row, KNOWN, legacy);
    for (const column of LEGACY_COLUMNS) if (row.cells.has(column)) legacy[column] = row.text(column);
    const clave = row.text('clave');
    if (clave !== null && this.claves.has(clave)) {
      const message = `fichas clave ${clave} appears twice; extension rows join the first one`;
      items.push({ kind: 'notice', level: 'warning', code: 'duplicate_clave', message, place: row.place });
    }
    if (clave !== null) this.claves.add(clave);
    const card: CardItem = { kind: 'card', place: row.place, card: this.card(row, legacy, clave) };
    items.push(card);
    return items;
  }

  private card(row: Row, legacy: Legacy, clave: string | null): CardItem['card'] {
    const level0 = row.required(C.level0);
    const month = row.int(C.month) || null;
    let day = row.int(C.day) || null;
    if (month === null && day !== null) {
      // DesInventar accepts a day without a month; a day means nothing then, but keep it for export.
      legacy.fechadia = day;
      day = null;
    }
    const [latitude, longitude] = [row.number(C.latitude), row.number(C.longitude)];
    const unset = (latitude ?? 0) === 0 && (longitude ?? 0) === 0;
    return {
      sourceKey: clave,
      sourceUuid: row.text('uu_id'),
      serial: row.text(C.serial),
      status: status(row, legacy),
      eventCode: row.required(C.event),
      causeCode: row.text(C.cause),
      causeText: row.text(C.causeText),
      magnitude: row.text(C.magnitude),
      glide: row.text(C.glide),
      durationDays: row.int(C.duration),
      geoCode: row.text('level2') ?? row.text('level1') ?? level0,
      place: row.text(C.place),
      latitude: unset ? null : latitude,
      longitude: unset ? null : longitude,
      startYear: row.int(C.year) ?? row.fail(C.year, 'a value is required'),
      startMonth: month,
      startDay: day,
      sources: row.text(C.sources),
      otherLosses: row.text(C.otherLosses),
      comments: comments(row),
      effects: effects(row, legacy),
      sectors: sectors(row, legacy),
      extra: {},
      recordedBy: row.text('fechapor'),
      recordedOn: row.text('fechafec'),
      legacy,
    };
  }
}

function status(row: Row, legacy: Legacy): DatacardStatus {
  const code = row.int(C.status);
  if (code === null && row.cells.has(C.status)) legacy[C.status] = null;
  return STATUSES[code ?? 0] ?? row.fail(C.status, 'not a DesInventar approval status (0-4)');
}

/** di_comments, or the pre-revision-11 observa, observa2, observa3 joined by line breaks. */
function comments(row: Row): string | null {
  const comments = row.text(C.comments);
  if (comments !== null) return comments;
  const parts = ['observa', 'observa2', 'observa3'].map((c) => row.text(c)).filter((t) => t !== null);
  return parts.length > 0 ? parts.join('\n') : null;
}

/** value = the number as given, present = the hay_ flag is set (DESIGN "Effect states"). */
function effects(row: Row, legacy: Legacy): Partial<Record<EffectKey, EffectInput>> {
  const result: Partial<Record<EffectKey, EffectInput>> = {};
  for (const field of EFFECT_COLUMNS) {
    const { value: column, flag: flagColumn } = field;
    if (!row.cells.has(column) && !(flagColumn && row.cells.has(flagColumn))) continue;
    let value: number | string | null = field.count ? row.int(column) : row.decimal(column);
    const flag = flagColumn ? row.int(flagColumn) : null;
    let present = flag !== null && flag !== 0;
    if (flagColumn && present && flag !== -1) legacy[flagColumn] = flag;
    if (value !== null && (typeof value === 'number' ? value < 0 : value.startsWith('-'))) {
      // A negative number is the DesInventar 8 "there were some" sentinel carried over.
      legacy[column] = row.text(column);
      value = null;
      present = true;
    }
    result[field.key] = { value, present };
  }
  return result;
}

/** A flag (-1 or 1) -> present with no count; 0 -> none; n > 1 -> n disruptions (Sendai mode). */
function sectors(row: Row, legacy: Legacy): Partial<Record<SectorKey, EffectInput>> {
  const result: Partial<Record<SectorKey, EffectInput>> = {};
  for (const { key, column } of SECTOR_COLUMNS) {
    if (!row.cells.has(column)) continue;
    const n = row.int(column);
    // The exporter writes -1 for a bare flag: keep any other raw flag value to write it back.
    if (n !== null && n !== -1 && (n === 1 || n < 0)) legacy[column] = n;
    if (n === null || n === 0) result[key] = { value: n, present: false };
    else if (n === 1 || n === -1) result[key] = { value: null, present: true };
    else result[key] = { value: Math.abs(n), present: true };
  }
  return result;
}
