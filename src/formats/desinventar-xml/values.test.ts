import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstInvalidUtf8 } from './decode.ts';
import { sumDecimals } from './testing.ts';
import { toDecimal, toInteger, ValueError } from './values.ts';

test('toDecimal turns Java number texts into exact canonical decimal strings', () => {
  const cases: [string, string][] = [
    ['3.4164E7', '34164000'],
    ['1.0E-4', '0.0001'],
    ['2.5e+3', '2500'],
    ['0.0', '0'],
    ['-0.0', '0'],
    ['-1', '-1'],
    ['741.34', '741.34'],
    ['007.50', '7.5'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['120', '120'],
    [' 12 ', '12'],
    ['0.10000000000000001', '0.10000000000000001'],
    ['1.149060E9', '1149060000'],
  ];
  for (const [raw, expected] of cases) assert.equal(toDecimal(raw), expected, raw);
});

test('toDecimal refuses what is not a number, and absurd exponents', () => {
  for (const raw of ['abc', '', '1,5', 'NaN', 'Infinity', '1.2.3', '--1', 'E5', '1E999999']) {
    assert.throws(() => toDecimal(raw), ValueError, raw);
  }
});

test('toInteger accepts 5.0 and 5E2, refuses fractions and unsafe integers', () => {
  assert.equal(toInteger('5.0'), 5);
  assert.equal(toInteger('5E2'), 500);
  assert.equal(toInteger('-1'), -1);
  assert.throws(() => toInteger('5.5'), /not a whole number/);
  assert.throws(() => toInteger('9'.repeat(20)), /out of range/);
});

test('firstInvalidUtf8 finds Latin-1 bytes, overlong forms and surrogates', () => {
  const bytes = (...b: number[]) => new Uint8Array(b);
  assert.equal(firstInvalidUtf8(new TextEncoder().encode('añ€😀')), 10);
  assert.equal(firstInvalidUtf8(bytes(0x61, 0xf1, 0x62)), 1); // Latin-1 ñ
  assert.equal(firstInvalidUtf8(bytes(0xc0, 0xaf)), 0); // overlong '/'
  assert.equal(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80)), 0); // surrogate
  assert.equal(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82)), 1); // cut short
});

test('sumDecimals adds exactly', () => {
  assert.equal(sumDecimals(['0.1', '0.2', 3, null]), '3.3');
  assert.equal(sumDecimals(['449158.9', '-0.9']), '449158');
});
