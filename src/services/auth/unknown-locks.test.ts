import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LOCKOUT_AFTER, LOCKOUT_MINUTES, UnknownAccountLocks } from './sessions.ts';

describe('UnknownAccountLocks', () => {
  test('locks an address after LOCKOUT_AFTER failures for LOCKOUT_MINUTES, then counts again from zero', () => {
    const locks = new UnknownAccountLocks();
    const t0 = 1_000_000;
    for (let i = 1; i < LOCKOUT_AFTER; i++) assert.equal(locks.fail('a@x.org', t0), false);
    assert.equal(locks.lockedUntil('a@x.org', t0), null);
    assert.equal(locks.fail('a@x.org', t0), true);
    const end = t0 + LOCKOUT_MINUTES * 60_000;
    assert.equal(locks.lockedUntil('a@x.org', t0)?.getTime(), end);
    assert.equal(locks.lockedUntil('b@x.org', t0), null, 'other addresses are not locked');
    assert.equal(locks.lockedUntil('a@x.org', end), null, 'the lock ends');
    assert.equal(locks.fail('a@x.org', end), false);
  });

  test('keeps at most `max` addresses, forgetting the least recently failed', () => {
    const locks = new UnknownAccountLocks(2);
    for (let i = 0; i < LOCKOUT_AFTER; i++) locks.fail('old@x.org', 0);
    locks.fail('b@x.org', 0);
    locks.fail('c@x.org', 0);
    assert.equal(locks.lockedUntil('old@x.org', 1), null, 'the oldest entry was dropped');
    const recent = new UnknownAccountLocks(2);
    for (let i = 0; i < LOCKOUT_AFTER; i++) recent.fail('kept@x.org', 0);
    recent.fail('b@x.org', 0);
    recent.fail('kept@x.org', 0); // a failure while locked is not counted by signIn, but keeps it recent here
    recent.fail('c@x.org', 0);
    assert.ok(recent.lockedUntil('kept@x.org', 1), 'a recently used entry stays');
  });
});
