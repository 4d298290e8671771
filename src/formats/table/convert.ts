/**
 * One spreadsheet row to a card (catalogue references still as source values, resolved by the
 * caller). Errors name the row, the header and the target.
 */
import { EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import type { ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import {
  type CardInput,
  type EffectInput,
  type Legacy,
  SourceFormatError,
  type SourcePlace,
} from '../model.ts';
import { MAX_GEO_LEVELS, type TableMapping } from './mapping.ts';
import type { GeoParts } from './resolve.ts';
import {
  CellError,
  cellBoolean,
  cellDate,
  cellInteger,
  cellNumber,
  cellText,
  decimalString,
  type TableCell,
} from './values.ts';

/** A mapping bound to a file's headers. */
export interface BoundMapping {
  file: string;
  headers: string[];
  /** Target -> column index. */
  columns: Map<string, number>;
  /** Indexes of headers the mapping does not name (kept in legacy). */
  unmapped: number[];
  fixed: Record<string, string | number | boolean>;
  decimal: '.' | ',';
  dateOrder: 'dmy' | 'mdy';
  extraTypes: Map<string, ExtraFieldType> | null;
}

/** A converted row: the card and its references as found in the file. */
export interface RowCard {
  card: Omit<CardInput, 'eventCode' | 'causeCode' | 'geoCode'>;
  event: string | null;
  cause: string | null;
  geo: GeoParts;
}

/** Bind a (checked) mapping to headers. */
export function bindMapping(
  file: string,
  mapping: TableMapping,
  headers: string[],
  extraTypes: Map<string, ExtraFieldType> | null,
): BoundMapping {
  const columns = new Map<string, number>();
  for (const [header, target] of Object.entries(mapping.columns)) {
    if (target !== 'ignore') columns.set(target, headers.indexOf(header));
  }
  const named = new Set(Object.keys(mapping.columns));
  return {
    file,
    headers,
    columns,
    unmapped: headers.flatMap((h, i) => (named.has(h) ? [] : [i])),
    fixed: mapping.fixed ?? {},
    decimal: mapping.options?.decimalSeparator ?? '.',
    dateOrder: mapping.options?.dateOrder ?? 'dmy',
    extraTypes,
  };
}

const STATUS: Record<string, DatacardStatus> = {
  PUBLISHED: 'published',
  DRAFT: 'draft',
  SUBMITTED: 'submitted',
  REJECTED: 'rejected',
  SUPPORT: 'support',
  READY: 'submitted',
  DELETED: 'rejected',
  TRASH: 'support',
  '0': 'published',
  '1': 'draft',
  '2': 'submitted',
  '3': 'rejected',
  '4': 'support',
};

function statusOf(cell: TableCell): DatacardStatus | null {
  const text = cellText(cell);
  if (text === null) return null;
  const status = STATUS[text.toUpperCase()];
  if (!status)
    throw new CellError(`'${text}' is not a status (published, draft, submitted, rejected, support)`);
  return status;
}

/** A count or quantity: n >= 0 is the value, -1 means "there were" (DesInventar). */
function effectOf(cell: TableCell, kind: 'count' | 'quantity', decimal: '.' | ','): EffectInput | null {
  const n = cellNumber(cell, decimal);
  if (n === null) return null;
  if (n === -1) return { value: null, present: true };
  if (n < 0) throw new CellError(`${n} is negative (-1 means "there were")`);
  if (kind === 'count' && !Number.isInteger(n))
    throw new CellError(`'${cellText(cell)}' is not a whole number`);
  return { value: kind === 'count' ? n : decimalString(n), present: false };
}

/** A sector: a yes/no flag or a count of disruptions. */
function sectorOf(cell: TableCell, decimal: '.' | ','): EffectInput | null {
  let n: number | null;
  try {
    n = cellNumber(cell, decimal);
  } catch {
    const flag = cellBoolean(cell);
    return flag === null ? null : { value: flag ? null : 0, present: flag };
  }
  if (n === null) return null;
  if (n === -1) return { value: null, present: true };
  if (n < 0 || !Number.isInteger(n)) throw new CellError(`'${cellText(cell)}' is neither yes/no nor a count`);
  return { value: n, present: false };
}

function extraOf(cell: TableCell, type: ExtraFieldType | undefined, decimal: '.' | ','): unknown {
  if (cellText(cell) === null) return null;
  switch (type) {
    case 'integer':
      return cellInteger(cell, decimal, Number.MIN_SAFE_INTEGER);
    case 'decimal':
    case 'currency':
      return cellNumber(cell, decimal);
    case 'yesno':
      return cellBoolean(cell);
    case 'date': {
      const d = cellDate(cell);
      if (!d || d.month === null || d.day === null)
        throw new CellError(`'${cellText(cell)}' is not a full date`);
      return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    }
    case 'multichoice':
      return cellText(cell)!
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case undefined:
      return cell instanceof Date ? cellText(cell) : cell;
    default:
      return cellText(cell);
  }
}

/** Reads targets of one row, turning CellErrors into SourceFormatErrors that name the place. */
class RowReader {
  constructor(
    private readonly m: BoundMapping,
    private readonly cells: TableCell[],
    private readonly place: SourcePlace,
  ) {}

  has = (target: string) => this.m.columns.has(target) || this.m.fixed[target] !== undefined;

  read<T>(target: string, parse: (cell: TableCell) => T): T {
    const index = this.m.columns.get(target);
    const cell = index !== undefined ? (this.cells[index] ?? null) : (this.m.fixed[target] ?? null);
    try {
      return parse(cell);
    } catch (error) {
      if (!(error instanceof CellError)) throw error;
      const column = index !== undefined ? this.m.headers[index]! : `fixed.${target}`;
      throw new SourceFormatError(
        `${this.m.file} row ${this.place.line}, column '${column}' (${target}): ${error.message}`,
        { ...this.place, column },
      );
    }
  }

  text = (target: string) => this.read(target, cellText);

  /** Text that every card needs; names the first mapped target of `targets` when all are blank. */
  required(targets: string[], what: string): void {
    if (targets.some((t) => this.text(t) !== null)) return;
    const first = targets.find((t) => this.has(t)) ?? targets[0]!;
    this.read(first, () => {
      throw new CellError(`is empty; every card needs ${what}`);
    });
  }
}

function dateOf(r: RowReader, m: BoundMapping) {
  const required = (d: ReturnType<typeof cellDate>) => {
    if (!d) throw new CellError('is empty; every card needs a date');
    return d;
  };
  if (r.has('date') && !r.has('startYear')) return r.read('date', (c) => required(cellDate(c, m.dateOrder)));
  const whole = r.has('date') ? r.read('date', (c) => cellDate(c, m.dateOrder)) : null;
  if (whole) return whole;
  const year = r.read('startYear', (c) => {
    const y = cellInteger(c, m.decimal, 1000);
    if (y === null) throw new CellError('is empty; every card needs a year');
    return y;
  });
  const month = r.read('startMonth', (c) => cellInteger(c, m.decimal, 0, 12)) || null;
  const day = r.read('startDay', (c) => {
    const d = cellInteger(c, m.decimal, 0, 31) || null;
    if (d !== null && month === null) throw new CellError('a day needs a month');
    return d;
  });
  return { year, month, day };
}

/** Convert one row. */
export function convertRow(m: BoundMapping, cells: TableCell[], place: SourcePlace): RowCard {
  const r = new RowReader(m, cells, place);
  const date = dateOf(r, m);
  const effects: CardInput['effects'] = {};
  for (const f of EFFECT_FIELDS) {
    if (!r.has(f.key) && !r.has(`${f.key}.present`)) continue;
    const effect = r.read(f.key, (c) => effectOf(c, f.kind, m.decimal)) ?? { value: null, present: false };
    if (r.read(`${f.key}.present`, cellBoolean)) effect.present = true;
    effects[f.key] = effect;
  }
  const sectors: CardInput['sectors'] = {};
  for (const f of SECTOR_FIELDS) {
    const value = r.has(`sector.${f.key}`) ? r.read(`sector.${f.key}`, (c) => sectorOf(c, m.decimal)) : null;
    if (value) sectors[f.key] = value;
  }
  const extra: Record<string, unknown> = {};
  for (const target of new Set([...m.columns.keys(), ...Object.keys(m.fixed)])) {
    if (!target.startsWith('extra.')) continue;
    const key = target.slice('extra.'.length);
    const value = r.read(target, (c) => extraOf(c, m.extraTypes?.get(key), m.decimal));
    if (value !== null) extra[key] = value;
  }
  const legacy: Legacy = {};
  for (const i of m.unmapped) {
    const text = cellText(cells[i] ?? null);
    if (text !== null) legacy[m.headers[i]!] = text;
  }
  const lat = r.read('latitude', (c) => cellNumber(c, m.decimal));
  const lon = r.read('longitude', (c) => cellNumber(c, m.decimal));
  const noPoint = lat === null || lon === null || (lat === 0 && lon === 0);
  const levels = Array.from({ length: MAX_GEO_LEVELS }, (_, i) => i + 1);
  r.required(['eventType'], 'an event type');
  r.required(['geoUnit', ...levels.flatMap((l) => [`geoCode${l}`, `geoName${l}`])], 'a place');
  return {
    event: r.text('eventType'),
    cause: r.text('cause'),
    geo: {
      unit: r.text('geoUnit'),
      codes: levels.map((l) => r.text(`geoCode${l}`)),
      names: levels.map((l) => r.text(`geoName${l}`)),
    },
    card: {
      sourceKey: null,
      sourceUuid: r.text('uuid'),
      serial: r.text('serial'),
      status: r.read('status', statusOf) ?? 'draft',
      causeText: r.text('causeText'),
      magnitude: r.text('magnitude'),
      glide: r.text('glide'),
      durationDays: r.read('durationDays', (c) => cellInteger(c, m.decimal, 0)),
      place: r.text('place'),
      latitude: noPoint ? null : lat,
      longitude: noPoint ? null : lon,
      startYear: date.year,
      startMonth: date.month,
      startDay: date.day,
      sources: r.text('sources'),
      otherLosses: r.text('otherLosses'),
      comments: r.text('comments'),
      effects,
      sectors,
      extra,
      recordedBy: r.text('recordedBy'),
      recordedOn: r.read('recordedOn', (c) => (c instanceof Date ? c.toISOString() : cellText(c))),
      legacy,
    },
  };
}
