/** Cell parsing: numbers with separators, dates, booleans. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CellError, cellBoolean, cellDate, cellInteger, cellNumber } from './values.ts';

test('cellNumber > thousands separators and decimal commas', () => {
  assert.equal(cellNumber('1,234,567'), 1234567);
  assert.equal(cellNumber('1 234 567.5'), 1234567.5);
  assert.equal(cellNumber("1'234"), 1234);
  assert.equal(cellNumber('1.234.567,25', ','), 1234567.25);
  assert.equal(cellNumber('12,5', ','), 12.5);
  assert.equal(cellNumber('1e3'), 1000);
  assert.equal(cellNumber(''), null);
  assert.equal(cellNumber(42), 42);
  assert.throws(() => cellNumber('12,5'), /thousands separator ',' needs groups of 3; for decimal commas/);
  assert.throws(() => cellNumber('abc'), /'abc' is not a number/);
  assert.throws(() => cellNumber('1.2.3'), CellError);
});

test('cellInteger > whole numbers within bounds', () => {
  assert.equal(cellInteger('7', '.', 0, 12), 7);
  assert.throws(() => cellInteger('7.5', '.', 0), /not a whole number/);
  assert.throws(() => cellInteger('13', '.', 0, 12), /13 is not within 0…12/);
});

test('cellDate > ISO, partial, D/M/Y, M/D/Y and spreadsheet dates', () => {
  assert.deepEqual(cellDate('2019-03-07'), { year: 2019, month: 3, day: 7 });
  assert.deepEqual(cellDate('2019-03-00'), { year: 2019, month: 3, day: null });
  assert.deepEqual(cellDate('2019'), { year: 2019, month: null, day: null });
  assert.deepEqual(cellDate(2019), { year: 2019, month: null, day: null });
  assert.deepEqual(cellDate('2019-03-07T10:00:00Z'), { year: 2019, month: 3, day: 7 });
  assert.deepEqual(cellDate('07/03/2019'), { year: 2019, month: 3, day: 7 });
  assert.deepEqual(cellDate('7.3.2019'), { year: 2019, month: 3, day: 7 });
  assert.deepEqual(cellDate('03/07/2019', 'mdy'), { year: 2019, month: 3, day: 7 });
  assert.deepEqual(cellDate('03/2019'), { year: 2019, month: 3, day: null });
  assert.deepEqual(cellDate(new Date(Date.UTC(2020, 1, 29))), { year: 2020, month: 2, day: 29 });
  assert.throws(() => cellDate('31/02/2019'), /'31\/02\/2019' is not a valid date/);
  assert.throws(() => cellDate('yesterday'), /is not a date \(YYYY-MM-DD, YYYY-MM, YYYY or DD\/MM\/YYYY\)/);
});

test('cellBoolean > yes/no words in several languages', () => {
  for (const yes of ['yes', 'Sí', 'X', 'true', '1', '-1', 'да']) assert.equal(cellBoolean(yes), true, yes);
  for (const no of ['no', 'Non', '0', 'false', 'нет']) assert.equal(cellBoolean(no), false, no);
  assert.equal(cellBoolean(''), null);
  assert.throws(() => cellBoolean('maybe'), /'maybe' is not yes or no/);
});
