import assert from 'node:assert/strict';
import { test } from 'node:test';
import { array, CsvBytes, json, scalar, toCsv } from './csv-bytes.ts';

const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

test('rows become CSV bytes: null as an empty field, text quoted with its quotes doubled', () => {
  const rows = [
    { a: 1, b: 'plain', c: true, d: null, e: { k: 'v"' }, f: [1, 'x"y', null] },
    { a: 2.5, b: 'say "hi", then\nleave', c: false, d: undefined, e: [], f: null },
  ];
  const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], rows, [scalar, scalar, scalar, scalar, json, array]);
  assert.equal(
    text(csv),
    '1,"plain",t,,"{""k"":""v\\""""}","{1,""x\\""y"",NULL}"\n' + '2.5,"say ""hi"", then\nleave",f,,"[]",\n',
  );
});

test('text is UTF-8: accents, CJK, emoji; a lone surrogate becomes U+FFFD as TextEncoder does', () => {
  for (const value of ['Sequía', '中文', 'flood 🌊 wave', 'a\ud800b', 'end\udc00', '"""', 'x'.repeat(5000)]) {
    const out = new CsvBytes(1);
    out.quoted(value);
    assert.deepEqual(
      out.view(),
      new TextEncoder().encode(`"${value.replaceAll('"', '""')}"`),
      value.slice(0, 20),
    );
  }
});

test('dates and big integers are written as PostgreSQL reads them', () => {
  const csv = toCsv(
    ['t', 'n'],
    [{ t: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), n: 12345678901234567890n }],
    [scalar, scalar],
  );
  assert.equal(text(csv), '2024-01-02T03:04:05.000Z,12345678901234567890\n');
});
