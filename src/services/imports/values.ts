/** Small value helpers of the loader: exact decimals, canonical JSON, places for messages. */
import type { SourcePlace } from '../../formats/model.ts';

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const SIGNED_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** The largest value an integer (int4) column holds. */
export const MAX_INT = 2_147_483_647;

/** A non-negative decimal as a canonical string ('007.50' -> '7.5'), or null when it is not one. */
export function canonicalDecimal(value: number | string): string | null {
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  if (text === null) return null;
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A decimal that may be negative (baselines), canonical, or null when it is not one. */
export function canonicalSignedDecimal(value: string): string | null {
  const text = value.trim();
  if (!SIGNED_DECIMAL.test(text)) return null;
  if (!text.startsWith('-')) return canonicalDecimal(text);
  const abs = canonicalDecimal(text.slice(1));
  return abs === '0' ? '0' : `-${abs}`;
}

/** A finite number as plain decimal text (no exponent), or null. */
function numberText(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  if (!/e/i.test(text)) return text;
  return Math.abs(n) >= 1 ? BigInt(Math.round(n)).toString() : n.toFixed(20);
}

/** Stored numeric text in canonical form, for comparisons (null stays null). */
export const normalizeNumeric = (v: unknown): string | null =>
  v === null || v === undefined ? null : (canonicalSignedDecimal(String(v)) ?? String(v));

/** An exact running sum of decimals (money reaches 10^10; floating point would drift). */
export class DecimalSum {
  private units = 0n;
  private scale = 0;
  /** Whole numbers are added up here while the sum stays exact in a double (the common case). */
  private whole = 0;

  /** Add a canonical non-negative decimal or an integer. */
  add(value: string | number): void {
    if (
      typeof value === 'number' &&
      Number.isSafeInteger(value) &&
      Number.isSafeInteger(this.whole + value)
    ) {
      this.whole += value;
      return;
    }
    const text = typeof value === 'number' ? String(value) : value;
    const [whole, fraction = ''] = text.split('.');
    if (fraction.length > this.scale) {
      this.units *= 10n ** BigInt(fraction.length - this.scale);
      this.scale = fraction.length;
    }
    this.units += BigInt(whole! + fraction.padEnd(this.scale, '0'));
  }

  /** The sum as a number (exact to the nearest double, as the database's sum is). */
  toNumber(): number {
    if (this.whole !== 0) {
      this.units += BigInt(this.whole) * 10n ** BigInt(this.scale);
      this.whole = 0;
    }
    if (this.scale === 0) return Number(this.units);
    const digits = this.units.toString().padStart(this.scale + 1, '0');
    return Number(`${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`);
  }
}

/** JSON with object keys sorted, so a stored jsonb value and an incoming one compare equal. */
export const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** Equal as stored values (objects by content). */
export const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** 'fichas row 17 (line 2345)'. */
export function describePlace(place: SourcePlace | undefined, fallback = 'the source'): string {
  if (!place) return fallback;
  return `${place.table} row ${place.row}${place.line ? ` (line ${place.line})` : ''}`;
}
