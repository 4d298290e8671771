/** Random secrets (session cookies, API tokens), the SHA-256 under which they are stored, and CSRF tokens. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret: 32 random bytes, base64url, with an optional readable prefix. */
export const newSecret = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

/** The stored form of a secret. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The CSRF token of a session: derived from its cookie secret, so it needs no storage. */
export const csrfTokenFor = (sessionSecret: string): string =>
  createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');

/** Compare two strings in constant time (for equal lengths). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
