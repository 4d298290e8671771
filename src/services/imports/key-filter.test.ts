import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyFilter } from './key-filter.ts';

test('every key added is found; keys never added almost never are', () => {
  const filter = new KeyFilter(20); // 1 Mbit: small, so false alarms would show
  const added = Array.from(
    { length: 50_000 },
    (_, i) => `u:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );
  for (const key of added) filter.add(key);
  assert.ok(added.every((key) => filter.mightHave(key)));
  const others = Array.from({ length: 50_000 }, (_, i) => `s:${i}|2001|5||${i % 97}`);
  const alarms = others.filter((key) => filter.mightHave(key)).length;
  // 50,000 keys in 2^20 bits with 7 probes: about 0.1 % false alarms expected.
  assert.ok(alarms < 250, `${alarms} false alarms`);
  assert.equal(new KeyFilter(20).mightHave(''), false);
});
