import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { SaxesParser } from 'saxes';
import { DesInventarXmlWriter, escapeXml, stripInvalidXml, xmlName } from './xml-writer.ts';

/** A Writable that keeps what it receives and can be made slow. */
function sink(options: { slow?: boolean; highWaterMark?: number } = {}) {
  const chunks: string[] = [];
  let maxBuffered = 0;
  const out = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      maxBuffered = Math.max(maxBuffered, out.writableLength);
      if (options.slow) setImmediate(done);
      else done();
    },
  });
  return { out, text: () => chunks.join(''), maxBuffered: () => maxBuffered };
}

/** Parse XML text; returns element names in document order and the text of each leaf. */
function parse(xml: string): { names: string[]; texts: string[] } {
  const parser = new SaxesParser();
  const names: string[] = [];
  const texts: string[] = [];
  let current = '';
  parser.on('opentag', (t) => {
    names.push(t.name);
    current = '';
  });
  parser.on('text', (t) => {
    current += t;
  });
  parser.on('closetag', () => {
    texts.push(current);
    current = '';
  });
  parser.write(xml).close();
  return { names, texts };
}

describe('DesInventar XML writer', () => {
  test('escapes & < > \' " as DesInventar does, and CR as a character reference', () => {
    assert.equal(escapeXml(`a & b < c > d 'e' "f"`), 'a &amp; b &lt; c &gt; d &apos;e&apos; &quot;f&quot;');
    assert.equal(escapeXml('line1\r\nline2\ttab'), 'line1&#13;\nline2\ttab');
  });

  test('drops characters XML 1.0 cannot carry and keeps every other one', () => {
    assert.equal(stripInvalidXml('a\u0000b\u0007c\u000Bd\u001Fe\uFFFEf\uFFFFg'), 'abcdefg');
    assert.equal(stripInvalidXml('lone \uD800 high, lone \uDC00 low'), 'lone  high, lone  low');
    assert.equal(stripInvalidXml('pair 😀 stays, Қазақстан, ٱلْعَرَبِيَّة'), 'pair 😀 stays, Қазақстан, ٱلْعَرَبِيَّة');
  });

  test('tags are lower-case XML names', () => {
    assert.equal(xmlName('DEATHS_FEMALE'), 'deaths_female');
    assert.equal(xmlName('Magnitud2'), 'magnitud2');
    assert.equal(xmlName('2nd col'), '_2nd_col');
  });

  test('writes the declaration, tables, one TR per row, empty tables and parses back', async () => {
    const { out, text } = sink();
    const w = new DesInventarXmlWriter(out);
    await w.begin();
    await w.startTable('eventos');
    await w.row([
      ['serial', 1],
      ['nombre', `Peggy's "flood" <1> & more\r\n\u0001`],
      ['parent', null],
    ]);
    assert.equal(await w.endTable(), 1);
    await w.startTable('level_maps');
    await w.endTable();
    await w.end();
    const xml = text();
    assert.ok(
      xml.startsWith(
        '<?xml version="1.0"  encoding="UTF-8" ?>\n<DESINVENTAR>\n<eventos>\n<TR><serial>1</serial>\n',
      ),
    );
    assert.ok(
      xml.includes('<parent></parent>\n</TR>\n</eventos>\n<level_maps>\n</level_maps>\n</DESINVENTAR>\n'),
    );
    const parsed = parse(xml);
    assert.deepEqual(parsed.names, [
      'DESINVENTAR',
      'eventos',
      'TR',
      'serial',
      'nombre',
      'parent',
      'level_maps',
    ]);
    assert.equal(parsed.texts[1], `Peggy's "flood" <1> & more\r\n`);
  });

  test('waits for a slow consumer: buffered output stays near one chunk', async () => {
    const { out, text, maxBuffered } = sink({ slow: true, highWaterMark: 1024 });
    const w = new DesInventarXmlWriter(out, 8 * 1024);
    await w.begin();
    await w.startTable('fichas');
    const rows = 20_000;
    for (let i = 0; i < rows; i++) {
      await w.row([
        ['clave', i],
        ['lugar', `place ${i}`],
      ]);
    }
    await w.endTable();
    await w.end();
    out.end();
    assert.ok(maxBuffered() <= 8 * 1024 + 2048, `buffered up to ${maxBuffered()} bytes`);
    assert.equal(parse(text()).names.filter((n) => n === 'TR').length, rows);
  });

  test('fails instead of hanging when the consumer goes away', async () => {
    const out = new Writable({ highWaterMark: 16, write: () => {} });
    const w = new DesInventarXmlWriter(out, 64);
    setImmediate(() => out.destroy());
    await assert.rejects(async () => {
      await w.begin();
      await w.startTable('fichas');
      for (let i = 0; i < 1_000; i++) await w.row([['lugar', 'x'.repeat(100)]]);
    }, /closed/);
  });
});
