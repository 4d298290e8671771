/**
 * Characters and references of the DesInventar XML tokenizer (table-tokenizer.ts): the character
 * codes it looks for, what XML counts as whitespace and allows in content, and the text of an
 * entity or character reference.
 */

export const GT = 62; // >
export const SLASH = 47;
export const AMP = 38;
export const BANG = 33;
export const QUESTION = 63;
export const LF = 10;
export const CR = 13;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Whitespace as XML defines it (space, tab, CR, LF). */
export const isSpace = (c: number) => c === 32 || c === LF || c === CR || c === 9;
/** True when `name` is written in s at `at` (a loop beats startsWith on names this short). */
export function writtenAt(s: string, name: string, at: number): boolean {
  if (at + name.length > s.length) return false;
  for (let k = 0; k < name.length; k++) if (s.charCodeAt(at + k) !== name.charCodeAt(k)) return false;
  return true;
}
/** Ends a tag name. */
export const endsName = (c: number) => c === GT || c === SLASH || isSpace(c);
/** A character XML 1.0 allows in content (surrogate pairs are checked by the decoder). */
export const allowed = (c: number) => (c >= 0x20 ? c < 0xfffe : c === 9 || c === LF || c === CR);

/**
 * The text of `&name;`: a predefined entity or a character reference to a character XML allows;
 * null for anything else (an undefined entity, a reference out of range).
 */
export function referencedText(name: string): string | null {
  const known = ENTITIES[name];
  if (known !== undefined) return known;
  if (name.charCodeAt(0) !== 35 /* # */) return null;
  const hex = name.charCodeAt(1) === 120; /* x */
  const digits = name.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9a-fA-F]{1,6}$/.test(digits) : /^[0-9]{1,7}$/.test(digits);
  const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : -1;
  const ok =
    code === 9 ||
    code === LF ||
    code === CR ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return ok ? String.fromCodePoint(code) : null;
}
