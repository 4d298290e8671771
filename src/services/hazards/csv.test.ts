import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvError, parseCsv } from './csv.ts';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

test('parseCsv splits plain records on LF and CRLF, dropping a BOM and blank lines', () => {
  assert.deepEqual(fields('\uFEFFa,b\r\n1,2\n\n3,\n'), [
    ['a', 'b'],
    ['1', '2'],
    ['3', ''],
  ]);
});

test('parseCsv reads quoted commas, doubled quotes and line breaks, keeping start lines', () => {
  const records = parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,1');
  assert.deepEqual(
    records.map((r) => r.fields),
    [
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
      ['last', '1'],
    ],
  );
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 3, 5],
  );
});

test('parseCsv keeps a quote inside an unquoted field literally', () => {
  assert.deepEqual(fields('5" pipe,x'), [['5" pipe', 'x']]);
});

test('parseCsv reports an unterminated quote with the line it opened on', () => {
  assert.throws(
    () => parseCsv('a\n"open,\nstill'),
    (e: unknown) => e instanceof CsvError && e.line === 2,
  );
});
