import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rejectsWith } from './testing.ts';
import { readXmlTables, type XmlEvent } from './xml-stream.ts';

async function* chunksOf(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? new TextEncoder().encode(part) : part;
}

async function events(...parts: (string | Uint8Array)[]): Promise<XmlEvent[]> {
  const all: XmlEvent[] = [];
  for await (const batch of readXmlTables(chunksOf(...parts), 'test.xml')) all.push(...batch.events);
  return all;
}

async function rows(...parts: (string | Uint8Array)[]) {
  return (await events(...parts)).flatMap((e) =>
    e.kind === 'row'
      ? [{ table: e.row.table, line: e.row.line, cells: Object.fromEntries(e.row.cells) }]
      : [],
  );
}

test('tag names match in any case and are normalised to lower case', async () => {
  const xml =
    '<DesInventar><FICHAS><tr><Magnitud2>7.2</Magnitud2><KMVIAS>3</KMVIAS></tr></FICHAS></DesInventar>';
  assert.deepEqual(await rows(xml), [{ table: 'fichas', line: 1, cells: { magnitud2: '7.2', kmvias: '3' } }]);
});

test('CRLF line endings: lines are counted and values read LF', async () => {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<DESINVENTAR>\r\n<causas>\r\n<TR><causa>a\r\nb</causa>\r\n</TR>\r\n<TR><causa>c</causa></TR>\r\n</causas>\r\n</DESINVENTAR>\r\n';
  const read = await rows(xml);
  assert.deepEqual(
    read.map((r) => [r.line, r.cells.causa]),
    [
      [4, 'a\nb'],
      [7, 'c'],
    ],
  );
});

test('entities and character references are decoded; empty and self-closed elements are null', async () => {
  const xml =
    '<DESINVENTAR><t><TR><a>&amp; &lt; &gt; &apos; &quot; &#233; &#x4E2D;</a><b></b><c/><d> </d></TR></t></DESINVENTAR>';
  assert.deepEqual((await rows(xml))[0]?.cells, { a: `& < > ' " é 中`, b: null, c: null, d: ' ' });
});

test('a multi-byte character split across chunks decodes', async () => {
  const bytes = new TextEncoder().encode('<DESINVENTAR><t><TR><a>Bujumbura é中😀</a></TR></t></DESINVENTAR>');
  const cut = bytes.indexOf(0xe4) + 1; // inside 中
  assert.equal((await rows(bytes.subarray(0, cut), bytes.subarray(cut)))[0]?.cells.a, 'Bujumbura é中😀');
});

test('empty tables give start and end events, no rows', async () => {
  const read = await events('<DESINVENTAR><extensiontabs>\n</extensiontabs><info_maps/></DESINVENTAR>');
  assert.deepEqual(
    read.map((e) => e.kind),
    ['tableStart', 'tableEnd', 'tableStart', 'tableEnd'],
  );
});

test('a DOCTYPE with entity definitions (billion laughs) is refused before any expansion', async () => {
  const laughs =
    '<!DOCTYPE d [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>';
  await rejectsWith(
    events(`<?xml version="1.0"?>\n${laughs}\n<DESINVENTAR><t><TR><a>&lol2;</a></TR></t></DESINVENTAR>`),
    /test\.xml, line 2/,
    /DOCTYPE declarations are not allowed/,
  );
  await rejectsWith(events('<!DOCTYPE d SYSTEM "file:///etc/passwd"><DESINVENTAR/>'), /DOCTYPE/);
});

test('truncated XML names the line, the table and the row', async () => {
  const xml = '<DESINVENTAR>\n<fichas>\n<TR><serial>1</serial></TR>\n<TR><serial>2</se';
  await rejectsWith(events(xml), /truncated XML/, /line 4/, /table fichas, row 2/);
});

test('Latin-1 bytes are reported with their byte offset and line', async () => {
  const latin1 = Uint8Array.from([
    ...new TextEncoder().encode('<DESINVENTAR>\n<causas><TR><causa>Sequ'),
    0xed,
    ...new TextEncoder().encode('a</causa></TR></causas></DESINVENTAR>'),
  ]);
  const error = await rejectsWith(
    events(latin1),
    /invalid UTF-8 at byte 37/,
    /line 2/,
    /table causas, row 1/,
    /not UTF-8/,
  );
  assert.equal(error.place?.table, 'causas');
});

test('an ISO-8859-1 declaration is honoured', async () => {
  const bytes = Uint8Array.from([
    ...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><DESINVENTAR><t><TR><a>Sequ'),
    0xed,
    ...new TextEncoder().encode('a</a></TR></t></DESINVENTAR>'),
  ]);
  assert.equal((await rows(bytes))[0]?.cells.a, 'Sequía');
});

test('empty input, whitespace, another root element and stray markup are refused', async () => {
  await rejectsWith(events(''), /no XML content/);
  await rejectsWith(events('  \n '), /no XML content/);
  await rejectsWith(events('<html><body/></html>'), /not a DesInventar export: root element <html>/);
  await rejectsWith(events('<DESINVENTAR><t><row/></t></DESINVENTAR>'), /expected <TR>, found <row>/);
  await rejectsWith(
    events('<DESINVENTAR><t><TR><a><b>x</b></a></TR></t></DESINVENTAR>'),
    /unexpected element <b> inside column a/,
  );
  await rejectsWith(
    events('<DESINVENTAR><t><TR><a>&nbsp;</a></TR></t></DESINVENTAR>'),
    /table t, row 1/,
    /undefined entity/,
  );
});

test('control characters DesInventar did not filter are kept with one warning per table', async () => {
  const read = await events(
    '<DESINVENTAR><t><TR><a>x\u0001y</a></TR><TR><a>\u0002</a></TR></t></DESINVENTAR>',
  );
  const notices = read.filter((e) => e.kind === 'notice');
  assert.equal(notices.length, 1);
  assert.deepEqual(
    read.flatMap((e) => (e.kind === 'row' ? [e.row.text('a')] : [])),
    ['x\u0001y', '\u0002'],
  );
});

test('an export error comment inside a column is reported; the value around it is kept', async () => {
  const read = await events(
    '<DESINVENTAR><fichas><TR><di_comments>ok<!-- XML Export ERROR: clob --></di_comments></TR></fichas></DESINVENTAR>',
  );
  const notice = read.find((e) => e.kind === 'notice');
  assert.match(
    notice?.kind === 'notice' ? notice.notice.message : '',
    /column di_comments holds an export error comment: XML Export ERROR: clob/,
  );
  assert.equal(read.flatMap((e) => (e.kind === 'row' ? [e.row.text('di_comments')] : []))[0], 'ok');
});

test('a value or a row built to exhaust memory is refused', async () => {
  // 33 chunks of 1 MiB without markup: refused before the value ends.
  const megabyte = 'a'.repeat(1024 * 1024);
  const huge = Array.from({ length: 33 }, () => megabyte);
  await rejectsWith(
    events('<DESINVENTAR><fichas><TR><di_comments>', ...huge),
    /table fichas, row 1\): a value longer than/,
  );
  const wide = Array.from({ length: 10_001 }, (_, i) => `<c${i}/>`).join('');
  await rejectsWith(
    events(`<DESINVENTAR><extension><TR>${wide}</TR></extension></DESINVENTAR>`),
    /more than 10000 columns in one row/,
  );
});

test('rows whose columns change, repeat or move are read by name', async () => {
  const xml =
    '<DESINVENTAR><t>' +
    '<TR><a>1</a><b>2</b></TR>' +
    '<TR><a>3</a><b>4</b><c>5</c></TR>' +
    '<TR><a>6</a></TR>' +
    '<TR><b>7</b><a>8</a></TR>' +
    '<TR><a>9</a><a>10</a><B>11</B></TR>' +
    '<TR><a>12</a><b>13</b></TR>' +
    '</t></DESINVENTAR>';
  assert.deepEqual(
    (await rows(xml)).map((r) => r.cells),
    [
      { a: '1', b: '2' },
      { a: '3', b: '4', c: '5' },
      { a: '6' },
      { b: '7', a: '8' },
      { a: '10', b: '11' },
      { a: '12', b: '13' },
    ],
  );
});

test('a document cut into chunks anywhere reads the same as whole', async () => {
  // The padding takes the decoder past its encoding sniff (512 bytes), so the cuts below reach the tokenizer.
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<DESINVENTAR>\n<!-- ${'p'.repeat(600)} -->\n<fichas>\n` +
    '<TR><serial>1</serial><lugar>Bujumbura é中😀 &amp; &#233;</lugar><x a="1>2"/></TR>\n' +
    '<TR><serial>2</serial><lugar><![CDATA[<raw> & ]]>tail</lugar><x/></TR>\n' +
    '<TR>\n<serial>3</serial>\n<lugar>a\r\nb\rc</lugar>\n<?pi ignored?>\n</TR>\n</fichas>\n</DESINVENTAR>\n';
  const bytes = new TextEncoder().encode(xml);
  const whole = await rows(bytes);
  assert.deepEqual(
    whole.map((r) => [r.line, r.cells.serial, r.cells.lugar, r.cells.x]),
    [
      [5, '1', 'Bujumbura é中😀 & é', null],
      [6, '2', '<raw> & tail', null],
      [7, '3', 'a\nb\nc', undefined],
    ],
  );
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(await rows(bytes.subarray(0, cut), bytes.subarray(cut)), whole, `cut at byte ${cut}`);
  }
  const single = Array.from(bytes, (b) => Uint8Array.of(b));
  assert.deepEqual(await rows(...single), whole);
});

test('malformed markup is refused with its line: closing tags, references, a second root, stray text', async () => {
  await rejectsWith(
    events('<DESINVENTAR>\n<t><TR><muertos>5</mxertos></TR></t></DESINVENTAR>'),
    /line 2/,
    /closing tag <\/mxertos> does not match <muertos>/,
  );
  await rejectsWith(
    events('<DESINVENTAR><t></TR></t></DESINVENTAR>'),
    /closing tag <\/TR> does not match <t>/,
  );
  await rejectsWith(
    events('<DESINVENTAR><t><TR><a>&#0;</a></TR></t></DESINVENTAR>'),
    /invalid character reference/,
  );
  await rejectsWith(events('<DESINVENTAR><t><TR><a>a & b</a></TR></t></DESINVENTAR>'), /entity reference/);
  await rejectsWith(events('<DESINVENTAR/>\n<DESINVENTAR/>'), /line 2/, /a second root element/);
  await rejectsWith(events('<DESINVENTAR/>\ntrailing'), /text after the end of the root element/);
  await rejectsWith(events('<DESINVENTAR><t>x<TR/></t></DESINVENTAR>'), /table t\): unexpected text "x"/);
  await rejectsWith(
    events('<DESINVENTAR><t><![CDATA[x]]></t></DESINVENTAR>'),
    /CDATA section outside a column/,
  );
});
