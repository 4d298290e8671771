/**
 * A card as a fichas row, column names from the field registry (diXml / diXmlFlag). The inverse
 * of the reader (src/formats/desinventar-xml/fichas.ts): what it kept in legacy (clave, name0-2,
 * defaultab, raw flags and sentinels, unknown columns) is written back in its column.
 */
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, type FieldDef, SECTOR_FIELDS } from '../../shared/fields.ts';
import type { CardInput, EffectInput, Legacy } from '../model.ts';
import { DI_COLUMNS, type DiRow } from './tables.ts';
import { APPROVED, type DiCell, legacyCell } from './values.ts';

/** The unit of a card at levels 1-3 (DesInventar level0-level2), from the top down. */
export interface FichaUnit {
  code: string;
  name: string | null;
}

/** What a fichas row is made of. */
export interface FichaInput {
  /** The row key extension rows join on. */
  clave: number;
  card: CardInput;
  /** The card's unit and its ancestors at levels 1-3 (null where the chain has none). */
  units: readonly (FichaUnit | null)[];
  /** uu_id when the card has no source identity: its LossLedger id. */
  id: string;
}

const xml = (key: string): string => DESCRIPTIVE_FIELDS.find((f) => f.key === key)!.diXml!;

/** Registry keys of descriptive fields -> their value on a card. */
const DESCRIPTIVE: [column: string, read: (c: CardInput) => DiCell][] = [
  [xml('serial'), (c) => c.serial],
  [xml('eventTypeId'), (c) => c.eventCode],
  [xml('causeId'), (c) => c.causeCode],
  [xml('causeText'), (c) => c.causeText],
  [xml('magnitude'), (c) => c.magnitude],
  [xml('glide'), (c) => c.glide],
  [xml('durationDays'), (c) => c.durationDays],
  [xml('place'), (c) => c.place],
  // DesInventar's convention: 0 = not set, for coordinates and for month and day.
  [xml('latitude'), (c) => c.latitude ?? 0],
  [xml('longitude'), (c) => c.longitude ?? 0],
  [xml('startYear'), (c) => c.startYear],
  [xml('startMonth'), (c) => c.startMonth ?? 0],
  [xml('startDay'), (c) => c.startDay ?? 0],
  [xml('sources'), (c) => c.sources],
  [xml('otherLosses'), (c) => c.otherLosses],
  [xml('comments'), (c) => c.comments],
];

const isPositive = (value: EffectInput['value']) =>
  value !== null && (typeof value === 'number' ? value > 0 : Number(value) > 0);

/** An effect's value cell and, when it has one, its hay_ flag (-1 when present or the value is positive). */
function effectCells(field: FieldDef, effect: EffectInput | undefined, legacy: Legacy): [string, DiCell][] {
  const value = effect?.value ?? null;
  const present = effect?.present ?? false;
  // A negative DesInventar 8 sentinel the reader turned into "present" goes back as it came.
  const sentinel = value === null && present && Object.hasOwn(legacy, field.diXml!);
  const cells: [string, DiCell][] = [[field.diXml!, sentinel ? legacyCell(legacy[field.diXml!]) : value]];
  if (field.diXmlFlag) {
    const raw =
      Object.hasOwn(legacy, field.diXmlFlag) && present ? legacyCell(legacy[field.diXmlFlag]) : null;
    cells.push([field.diXmlFlag, raw ?? (present || isPositive(value) ? -1 : 0)]);
  }
  return cells;
}

/** A sector: its count; a bare flag as the raw value read (else -1); none as the value read. */
function sectorCell(field: FieldDef, sector: EffectInput | undefined, legacy: Legacy): DiCell {
  const value = sector?.value ?? null;
  const raw = Object.hasOwn(legacy, field.diXml!) ? Number(legacyCell(legacy[field.diXml!])) : null;
  if (value === null) return sector?.present ? (raw ?? -1) : null;
  if (raw !== null && raw < 0 && Math.abs(raw) === Number(value)) return raw;
  return value;
}

/** Legacy keys the row consumes; any other legacy key is an unknown source column written back as is. */
const CONSUMED = new Set([...DI_COLUMNS.fichas, 'level1', 'level2']);

/** The fichas row of a card, in DesInventar's column order, then unknown source columns. */
export function fichasRow(input: FichaInput): DiRow {
  const { card, units, clave } = input;
  const { legacy } = card;
  const values = new Map<string, DiCell>();
  for (const [column, read] of DESCRIPTIVE) values.set(column, read(card));
  for (const field of EFFECT_FIELDS) {
    for (const [column, cell] of effectCells(field, card.effects[field.key], legacy))
      values.set(column, cell);
  }
  for (const field of SECTOR_FIELDS)
    values.set(field.diXml!, sectorCell(field, card.sectors[field.key], legacy));
  const fromSource = (key: string, fallback: DiCell) =>
    Object.hasOwn(legacy, key) ? legacyCell(legacy[key]) : fallback;
  for (let level = 0; level < 3; level++) {
    const unit = units[level] ?? null;
    values.set(`level${level}`, unit?.code ?? null);
    values.set(`name${level}`, fromSource(`name${level}`, unit?.name ?? null));
  }
  if (card.startMonth === null && card.startDay === null && Object.hasOwn(legacy, 'fechadia'))
    values.set('fechadia', legacyCell(legacy.fechadia)); // a day the source gave without a month
  values.set('clave', clave);
  values.set('defaultab', fromSource('defaultab', null));
  values.set(
    'approved',
    Object.hasOwn(legacy, 'approved') && card.status === 'published' ? null : APPROVED[card.status],
  );
  values.set('fechapor', card.recordedBy);
  values.set('fechafec', card.recordedOn);
  values.set('uu_id', card.sourceUuid ?? input.id);
  const row: [string, DiCell][] = DI_COLUMNS.fichas.map((c) => [c, values.get(c) ?? null]);
  for (const [key, value] of Object.entries(legacy))
    if (!CONSUMED.has(key)) row.push([key, legacyCell(value)]);
  return row;
}
