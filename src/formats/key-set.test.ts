import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeySet } from './key-set.ts';

test('whole numbers, text, leading zeros and large numbers are kept apart and found again', () => {
  const keys = new KeySet();
  const added = [
    '0',
    '1',
    '7',
    '8',
    '4095',
    '100000000',
    '134217727',
    '134217728',
    '007',
    '7a',
    '-3',
    '',
    'GRD-12',
  ];
  for (const key of added) keys.add(key);
  for (const key of added) assert.equal(keys.has(key), true, key);
  for (const key of ['2', '9', '4094', '134217726', '07', '0007', '7b', '3', '99999999999', 'grd-12'])
    assert.equal(keys.has(key), false, key);
});

test('a million sequential keys take a bitmap of about 128 KB', () => {
  const keys = new KeySet();
  for (let i = 1; i <= 1_000_000; i++) keys.add(String(i));
  assert.equal(keys.has('1000000'), true);
  assert.equal(keys.has('1000001'), false);
  assert.ok((keys as unknown as { bits: Uint8Array }).bits.length <= 256 * 1024);
});
