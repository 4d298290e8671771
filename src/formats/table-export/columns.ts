/**
 * Columns of a datacard table (CSV, XLSX, GeoJSON properties), derived from the field registry:
 * every descriptive field under its key, the names its references point to, every effect and
 * sector as `<key>` and `<key>_present`, the units of each level, then the extra fields.
 */
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, type FieldDef, SECTOR_FIELDS } from '../../shared/fields.ts';

/** One cell: text, number, flag or empty. */
export type Cell = string | number | boolean | null;

/** How a column's values are typed in a spreadsheet. */
export type CellKind = 'text' | 'integer' | 'decimal' | 'boolean';

/** A code and its display name (event type, cause, unit). */
export interface CodeName {
  code: string;
  name: string;
}

/** An effect or sector as stored: the value (decimals as strings) and the "there were" flag. */
export interface StoredEffect {
  value: number | string | null;
  present: boolean;
}

/** A datacard ready for a table: stored values plus the names its references resolve to. */
export interface TableCard {
  id: string;
  /** Descriptive fields by registry key (ids for references). */
  fields: Readonly<Record<string, string | number | null>>;
  /** Effects and sectors by registry key. */
  effects: Readonly<Record<string, StoredEffect>>;
  extra: Readonly<Record<string, unknown>>;
  eventType: CodeName;
  cause: CodeName | null;
  geoUnit: CodeName;
  /** The card's unit and its ancestors by level (index 0 = level 1); null where the chain has no unit. */
  levels: readonly (CodeName | null)[];
  sourceUuid: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A column: its header and how to read it from a card. */
export interface Column {
  key: string;
  kind: CellKind;
  get(card: TableCard): Cell;
}

/** An extra field as a column source. */
export interface ExtraColumnSource {
  key: string;
  type: string;
}

const KIND: Record<FieldDef['kind'], CellKind> = {
  count: 'integer',
  quantity: 'decimal',
  sector: 'integer',
  text: 'text',
  integer: 'integer',
  decimal: 'decimal',
  ref: 'text',
  status: 'text',
};

/** Names resolved next to each reference field. */
const RESOLVED: Record<string, (prefix: string) => Column[]> = {
  eventTypeId: (p) => codeName(p, (c) => c.eventType),
  causeId: (p) => codeName(p, (c) => c.cause),
  geoUnitId: (p) => codeName(p, (c) => c.geoUnit),
};

function codeName(prefix: string, pick: (card: TableCard) => CodeName | null): Column[] {
  return [
    { key: `${prefix}Code`, kind: 'text', get: (c) => pick(c)?.code ?? null },
    { key: `${prefix}Name`, kind: 'text', get: (c) => pick(c)?.name ?? null },
  ];
}

/** A multi-choice value (an array of codes) as one cell: codes joined by ';'. */
function extraCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

const EXTRA_KIND: Record<string, CellKind> = { integer: 'integer', decimal: 'decimal', currency: 'decimal' };

/** The columns of a datacard table for a tenant with `levelCount` levels and these extra fields. */
export function cardColumns(levelCount: number, extraFields: readonly ExtraColumnSource[]): Column[] {
  const columns: Column[] = [{ key: 'id', kind: 'text', get: (c) => c.id }];
  for (const field of DESCRIPTIVE_FIELDS) {
    columns.push({ key: field.key, kind: KIND[field.kind], get: (c) => c.fields[field.key] ?? null });
    const resolved = RESOLVED[field.key];
    if (resolved) columns.push(...resolved(field.key.replace(/Id$/, '')));
  }
  for (let level = 1; level <= levelCount; level++) {
    columns.push(...codeName(`level${level}`, (c) => c.levels[level - 1] ?? null));
  }
  for (const field of [...EFFECT_FIELDS, ...SECTOR_FIELDS]) {
    columns.push(
      { key: field.key, kind: KIND[field.kind], get: (c) => c.effects[field.key]?.value ?? null },
      { key: `${field.key}_present`, kind: 'boolean', get: (c) => c.effects[field.key]?.present ?? false },
    );
  }
  for (const extra of extraFields) {
    columns.push({
      key: `extra.${extra.key}`,
      kind: EXTRA_KIND[extra.type] ?? 'text',
      get: (c) => extraCell(c.extra[extra.key]),
    });
  }
  columns.push(
    { key: 'sourceUuid', kind: 'text', get: (c) => c.sourceUuid },
    { key: 'createdAt', kind: 'text', get: (c) => c.createdAt },
    { key: 'updatedAt', kind: 'text', get: (c) => c.updatedAt },
  );
  return columns;
}

/** The cells of one card, in column order. */
export const cardCells = (columns: readonly Column[], card: TableCard): Cell[] =>
  columns.map((column) => column.get(card));

/** A point for a card: its own coordinates, else its unit's centroid, else none. */
export interface CardPoint {
  lon: number;
  lat: number;
  source: 'card' | 'unit';
}
