/**
 * Value rules of DesInventar 8 region databases: language codes, numbers, the tri-state
 * effects (n, -1 "there were", -2 "don't know"), record statuses and DisasterBeginTime.
 */
import type { DatacardStatus } from '../../shared/status.ts';
import { type EffectInput, SourceFormatError, type SourcePlace } from '../model.ts';

/** A cell of a DI8 table: text from CSV, typed from SQLite. */
export type Di8Value = string | number | null;
/** One row of a DI8 table, by column name. */
export type Di8Row = Record<string, Di8Value>;

/** DI8 language codes (ISO 639-2/B) to ours (ISO 639-1); others are kept as given. */
const LANGUAGES: Record<string, string> = {
  spa: 'es',
  eng: 'en',
  fre: 'fr',
  fra: 'fr',
  por: 'pt',
  rus: 'ru',
  ara: 'ar',
  chi: 'zh',
  zho: 'zh',
  ind: 'id',
  vie: 'vi',
};

/** Our language code of a DI8 LangIsoCode ('spa' -> 'es'); a blank code gives `fallback`. */
export function languageOf(code: Di8Value, fallback: string): string {
  const raw = textOf(code)?.toLowerCase();
  if (!raw) return fallback;
  return LANGUAGES[raw] ?? raw;
}

/** Trimmed text, or null for NULL and blank cells. */
export function textOf(value: Di8Value | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** A number cell; null when blank; SourceFormatError naming the place when not a number. */
export function numberOf(value: Di8Value | undefined, place: SourcePlace, column: string): number | null {
  if (typeof value === 'number') return value;
  const text = textOf(value);
  if (text === null) return null;
  const n = Number(text);
  if (!Number.isFinite(n)) {
    throw new SourceFormatError(
      `${place.table} row ${place.row}, column ${column}: '${text}' is not a number`,
      { ...place, column },
    );
  }
  return n;
}

/** Decimal text of a non-negative quantity (money, ha, m), without exponent notation. */
export function decimalText(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}

/** The outcome of one DI8 effect cell. */
export interface Di8Effect {
  input: EffectInput;
  /** The cell held -2, "don't know": imported as not reported. */
  dontKnow: boolean;
}

/**
 * DESIGN "Effect states": n >= 0 -> value n; -1 -> present, value from the Q twin when > 0,
 * else null; -2 -> null (counted by the caller). Other negatives are errors.
 */
export function di8Effect(
  raw: number | null,
  quantity: number | null,
  kind: 'count' | 'quantity',
  place: SourcePlace,
  column: string,
): Di8Effect {
  const shape = (n: number | null): EffectInput['value'] =>
    n === null ? null : kind === 'count' ? Math.round(n) : decimalText(n);
  if (raw === null) return { input: { value: null, present: false }, dontKnow: false };
  if (raw >= 0) return { input: { value: shape(raw), present: false }, dontKnow: false };
  if (raw === -1) {
    const q = quantity !== null && quantity > 0 ? quantity : null;
    return { input: { value: shape(q), present: true }, dontKnow: false };
  }
  if (raw === -2) return { input: { value: null, present: false }, dontKnow: true };
  throw new SourceFormatError(
    `${place.table} row ${place.row}, column ${column}: ${raw} is neither a quantity nor -1 ("there were") nor -2 ("don't know")`,
    { ...place, column },
  );
}

/** DI8 RecordStatus to our workflow state (DESIGN: Workflow); null for an unknown status. */
export function statusOf(value: Di8Value): DatacardStatus | null {
  const map: Record<string, DatacardStatus> = {
    PUBLISHED: 'published',
    DRAFT: 'draft',
    READY: 'submitted',
    DELETED: 'rejected',
    TRASH: 'support',
  };
  return map[textOf(value)?.toUpperCase() ?? ''] ?? null;
}

/** A start date with unknown parts as null. */
export interface Di8Date {
  year: number;
  month: number | null;
  day: number | null;
  /** A day was given without a month and dropped. */
  dayDropped: boolean;
}

/** DisasterBeginTime 'YYYY-MM-DD' (also 'YYYY-MM', 'YYYY', a time part ignored); 00 parts = unknown. */
export function beginTimeOf(value: Di8Value, place: SourcePlace, column: string): Di8Date {
  const text = textOf(value) ?? '';
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T].*)?$/.exec(text);
  const month = m?.[2] ? Number(m[2]) : 0;
  const day = m?.[3] ? Number(m[3]) : 0;
  if (!m || Number(m[1]) < 1000 || month > 12 || day > 31) {
    throw new SourceFormatError(
      `${place.table} row ${place.row}, column ${column}: '${text}' is not a date YYYY-MM-DD (00 = unknown)`,
      { ...place, column },
    );
  }
  return {
    year: Number(m[1]),
    month: month === 0 ? null : month,
    day: month === 0 || day === 0 ? null : day,
    dayDropped: month === 0 && day > 0,
  };
}
