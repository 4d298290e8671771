/**
 * Sign-in attempts per client address: at most LIMIT in WINDOW_MS, then 429 with Retry-After
 * until the window has passed. Kept in memory (one server process); successes count too, so an
 * attacker's own good account cannot reset the count between guesses.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { AppError } from '../shared/errors.ts';

/** Attempts allowed per address in one window. */
export const LOGIN_LIMIT = 10;
export const LOGIN_WINDOW_MS = 10 * 60_000;

/** A per-address counter of sign-in attempts. */
export class LoginLimiter {
  private readonly hits = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit = LOGIN_LIMIT,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** The client's address (the proxy's X-Forwarded-For only when TRUST_PROXY=1). */
  clientKey(c: Context): string {
    if (process.env.TRUST_PROXY === '1') {
      // The right-most entry is the one the trusted proxy added; those before it are the client's word.
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'local';
    } catch {
      return 'local';
    }
  }

  /** Count an attempt; 429 when the address has used up its window. */
  check(key: string, now = Date.now()): void {
    const entry = this.hits.get(key);
    if (!entry || now - entry.since >= this.windowMs) {
      this.hits.set(key, { count: 1, since: now });
      if (this.hits.size > 10_000) this.sweep(now);
      return;
    }
    entry.count++;
    if (entry.count > this.limit) {
      const retryAfter = Math.ceil((entry.since + this.windowMs - now) / 1000);
      throw new AppError(
        'too_many_requests',
        `Too many sign-in attempts from your address: wait ${Math.ceil(retryAfter / 60)} minute(s) and try again.`,
        { retryAfterSeconds: retryAfter },
      );
    }
  }

  /** A successful sign-in clears the address's count. */
  private sweep(now: number): void {
    for (const [k, v] of this.hits) if (now - v.since >= this.windowMs) this.hits.delete(k);
  }
}
