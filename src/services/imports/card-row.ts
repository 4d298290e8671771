/**
 * One card item -> a validated datacards row (keyed by column), with the rules of the API where
 * they apply: known codes, non-negative whole counts, decimal quantities, real partial dates not
 * in the future, coordinates in range and given together, text lengths, extra values by type.
 */
import { randomUUID } from 'node:crypto';
import { checkCoordinatePair } from '../../domain/coordinates.ts';
import { checkPartialDate } from '../../domain/dates.ts';
import type { CardInput, EffectInput } from '../../formats/model.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, type FieldDef, SECTOR_FIELDS } from '../../shared/fields.ts';
import { DATACARD_STATUS_VALUES } from '../../shared/status.ts';
import type { CatalogueLoader } from './catalogues.ts';
import type { ExtraFieldLoader } from './extra-fields.ts';
import { ancestorsOf, type GeographyLoader, type UnitRef } from './geography.ts';
import type { LoaderContext } from './loader-context.ts';
import type { Row, SparseColumns } from './rows.ts';
import { canonicalDecimal, MAX_INT } from './values.ts';

/** What card rows are resolved against. */
export interface CardResolvers {
  catalogues: CatalogueLoader;
  geography: GeographyLoader;
  extra: ExtraFieldLoader;
}

/** A card ready to write. */
export interface CardRow {
  row: Row;
  /** The re-import identity (null: no uuid and no serial, so never matched). */
  identity: string | null;
  /** Core effect values by key, for the report's totals. */
  effects: Record<string, string | number | null>;
}

/** A card that cannot be written: the problem code and message. */
export interface CardProblem {
  code: string;
  message: string;
}

/** Columns compared to decide whether a stored card changed (extra is merged, not compared whole). */
export const CARD_COMPARE_COLUMNS = [
  ...DESCRIPTIVE_FIELDS.filter((f) => f.key !== 'disasterEventId').map((f) => f.column),
  'geo_ancestors',
  ...[...EFFECT_FIELDS, ...SECTOR_FIELDS].flatMap((f) => [f.column, f.presentColumn!]),
  'source_uuid',
  'recorded_by',
  'recorded_on',
  'legacy',
];

const EFFECTS_AND_SECTORS: readonly FieldDef[] = [...EFFECT_FIELDS, ...SECTOR_FIELDS];
const PRESENT_COLUMNS = new Set(EFFECTS_AND_SECTORS.map((f) => f.presentColumn!));

/** A card row's value of a column (a stored row may give null where a new row gives false). */
export const cardValue = (row: Row, column: string): unknown =>
  row[column] ?? (PRESENT_COLUMNS.has(column) ? false : null);

/** Every column a card row writes (card rows carry all of them, see putEffects). */
export const CARD_COLUMNS: SparseColumns = {
  columns: [
    'tenant_id',
    'id',
    ...CARD_COMPARE_COLUMNS,
    'extra',
    'version',
    'import_id',
    'created_by',
    'updated_by',
  ],
  defaults: {},
};

/**
 * Every card row starts as a copy of this object: V8 keeps an object whose properties are added
 * one by one under computed names in its slow dictionary mode after a dozen, while a copy of an
 * object holding them all stays fast (the rows are read column by column for COPY).
 */
const CARD_TEMPLATE: Row = Object.fromEntries(CARD_COLUMNS.columns.map((c) => [c, null]));

const TEXT_LIMITS = DESCRIPTIVE_FIELDS.filter((f) => f.kind === 'text').map((f) => ({
  key: f.key as keyof CardInput,
  column: f.column,
  max: f.validation?.maxLength ?? 2000,
}));

/** The stored value of one effect or sector, or an issue. */
function effectValue(
  field: FieldDef,
  input: EffectInput | undefined,
  issues: FieldIssue[],
): string | number | null {
  const raw = input?.value ?? null;
  if (raw === null) return null;
  const path = `${field.kind === 'sector' ? 'sectors' : 'effects'}.${field.key}`;
  if (field.kind === 'quantity') {
    const value = canonicalDecimal(raw);
    if (value === null)
      issues.push({ path, code: 'invalid_value', message: `'${raw}' is not a non-negative number` });
    else if (Number(value) > 1e15) issues.push({ path, code: 'invalid_value', message: 'is too large' });
    return value;
  }
  const n = typeof raw === 'number' ? raw : /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n))
    issues.push({ path, code: 'invalid_value', message: `'${raw}' is not a whole number` });
  else if (n < 0) issues.push({ path, code: 'invalid_value', message: `${n} is negative` });
  else if (n > MAX_INT) issues.push({ path, code: 'invalid_value', message: `${n} is too large` });
  return n;
}

function checkNumbers(card: CardInput, issues: FieldIssue[]): void {
  const { startYear: y, startMonth: m, startDay: d, durationDays, latitude, longitude } = card;
  const whole = (v: number | null, path: string, min: number, max: number) => {
    if (v !== null && (!Number.isInteger(v) || v < min || v > max))
      issues.push({
        path,
        code: 'invalid_value',
        message: `${v} is not a whole number from ${min} to ${max}`,
      });
  };
  whole(y, 'startYear', 1000, 9999);
  whole(m, 'startMonth', 1, 12);
  whole(d, 'startDay', 1, 31);
  whole(durationDays, 'durationDays', 0, 36500);
  if (issues.length === 0) issues.push(...checkPartialDate({ year: y, month: m, day: d }, new Date()));
  const range = (v: number | null, path: string, limit: number) => {
    if (v !== null && !(Number.isFinite(v) && Math.abs(v) <= limit))
      issues.push({ path, code: 'invalid_value', message: `${v} is outside -${limit}..${limit}` });
  };
  range(latitude, 'latitude', 90);
  range(longitude, 'longitude', 180);
  issues.push(...checkCoordinatePair(latitude, longitude));
}

interface Refs {
  eventTypeId: number;
  causeId: number | null;
  unit: UnitRef;
}

/** The ids of the card's codes, or the problem of the first unknown one (listed as unmapped). */
function resolveRefs(lc: LoaderContext, r: CardResolvers, card: CardInput): Refs | CardProblem {
  const eventTypeId = r.catalogues.eventTypeId(card.eventCode);
  if (eventTypeId === null) {
    lc.report.addUnmapped('eventTypes', card.eventCode);
    return { code: 'unknown_event_type', message: `unknown event type '${card.eventCode}'` };
  }
  const causeId = card.causeCode === null ? null : r.catalogues.causeId(card.causeCode);
  if (card.causeCode !== null && causeId === null) {
    lc.report.addUnmapped('causes', card.causeCode);
    return { code: 'unknown_cause', message: `unknown cause '${card.causeCode}'` };
  }
  const pad = (n: number | null) => String(n ?? 1).padStart(2, '0');
  const unit = r.geography.resolve(
    card.geoCode,
    () => `${String(card.startYear).padStart(4, '0')}-${pad(card.startMonth)}-${pad(card.startDay)}`,
  );
  if (!unit) {
    lc.report.addUnmapped('geoUnits', card.geoCode);
    return { code: 'unknown_geo_unit', message: `unknown geographic unit '${card.geoCode}'` };
  }
  return { eventTypeId, causeId, unit };
}

function checkTexts(card: CardInput, issues: FieldIssue[]): void {
  if (!DATACARD_STATUS_VALUES.includes(card.status))
    issues.push({ path: 'status', code: 'invalid_value', message: `unknown status '${card.status}'` });
  for (const t of TEXT_LIMITS) {
    const v = card[t.key];
    if (typeof v === 'string' && v.length > t.max)
      issues.push({
        path: t.key,
        code: 'too_long',
        message: `has ${v.length} characters (at most ${t.max})`,
      });
  }
}

/**
 * Effects and sectors into the row: every value and flag, so that every card row has the same
 * columns in the same order (one object shape: COPY encodes them several times faster).
 */
function putEffects(card: CardInput, row: Row, issues: FieldIssue[]): Record<string, string | number | null> {
  const effects: Record<string, string | number | null> = {};
  for (const f of EFFECTS_AND_SECTORS) {
    const input =
      f.kind === 'sector'
        ? card.sectors[f.key as keyof CardInput['sectors']]
        : card.effects[f.key as keyof CardInput['effects']];
    const value = input ? effectValue(f, input, issues) : null;
    row[f.column] = value;
    row[f.presentColumn!] = input?.present ?? false;
    if (input && f.kind !== 'sector') effects[f.key] = value;
  }
  return effects;
}

/** Resolve and validate a card; a problem names the first reason it cannot be written. */
export function toCardRow(lc: LoaderContext, r: CardResolvers, card: CardInput): CardRow | CardProblem {
  const refs = resolveRefs(lc, r, card);
  if ('code' in refs) return refs;
  const issues: FieldIssue[] = [];
  checkTexts(card, issues);
  checkNumbers(card, issues);
  issues.push(...r.extra.checkValues(card.extra));
  const row: Row = {
    ...CARD_TEMPLATE,
    tenant_id: lc.tenantId,
    id: randomUUID(),
    serial: card.serial,
    status: card.status,
    event_type_id: refs.eventTypeId,
    cause_id: refs.causeId,
    cause_text: card.causeText,
    magnitude: card.magnitude,
    glide: card.glide,
    duration_days: card.durationDays,
    geo_unit_id: refs.unit.id,
    geo_ancestors: ancestorsOf(refs.unit),
    place: card.place,
    latitude: card.latitude,
    longitude: card.longitude,
    start_year: card.startYear,
    start_month: card.startMonth,
    start_day: card.startDay,
    sources: card.sources,
    other_losses: card.otherLosses,
    comments: card.comments,
    extra: card.extra,
    source_uuid: card.sourceUuid,
    recorded_by: card.recordedBy,
    recorded_on: card.recordedOn,
    legacy: card.legacy,
    version: 1,
    import_id: lc.importId,
    created_by: lc.actor,
    updated_by: lc.actor,
  };
  const effects = putEffects(card, row, issues);
  if (issues.length > 0)
    return { code: issues[0]!.code, message: issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  return { row, identity: identityOf(card, refs.unit.id), effects };
}

/** The re-import identity (DESIGN.md): uu_id, else serial + start date + unit. */
export function identityOf(
  card: Pick<CardInput, 'sourceUuid' | 'serial' | 'startYear' | 'startMonth' | 'startDay'>,
  unitId: number,
): string | null {
  if (card.sourceUuid) return `u:${card.sourceUuid}`;
  if (!card.serial) return null;
  return `s:${card.serial}|${card.startYear}|${card.startMonth ?? ''}|${card.startDay ?? ''}|${unitId}`;
}

/** True when the result is a problem. */
export const isProblem = (r: CardRow | CardProblem): r is CardProblem => 'code' in r;
