/** readXlsxRows on hand-built packages: part order, cell types, dates, prefixes and bad input. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { SourceFormatError } from '../model.ts';
import { zip } from '../zip-fixture.ts';
import type { TableCell } from './values.ts';
import { isDateFormat, readXlsxRows } from './xlsx.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-xlsx-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

let serial = 0;
/** Write a package whose members come in the given order. */
function xlsx(parts: [string, string][]): string {
  const path = join(tmp, `book-${++serial}.xlsx`);
  writeFileSync(path, zip(parts.map(([name, text]) => ({ name, data: Buffer.from(text) }))));
  return path;
}

const rootRels: [string, string] = [
  '_rels/.rels',
  `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
];
const workbookRels = (sheets: number): [string, string] => [
  'xl/_rels/workbook.xml.rels',
  `<Relationships xmlns="${PKG}">${Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('')}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>` +
    `<Relationship Id="rT" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
];
const workbook = (names: string[], extra = ''): [string, string] => [
  'xl/workbook.xml',
  `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${extra}<sheets>${names
    .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`,
];
const sheetXml = (i: number, rows: string): [string, string] => [
  `xl/worksheets/sheet${i}.xml`,
  `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`,
];
const strings = (items: string[]): [string, string] => [
  'xl/sharedStrings.xml',
  `<sst xmlns="${MAIN}" count="${items.length}">${items.map((s) => `<si>${s}</si>`).join('')}</sst>`,
];
// Style 0 general, 1 built-in date (14), 2 custom date, 3 custom number with literal text.
const styles: [string, string] = [
  'xl/styles.xml',
  `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>` +
    `<numFmt numFmtId="165" formatCode="#,##0 &quot;days&quot;"/></numFmts>` +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
    `<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`,
];

async function rows(path: string, sheet?: string | number): Promise<[number, TableCell[]][]> {
  const out: [number, TableCell[]][] = [];
  for await (const r of readXlsxRows(path, sheet)) out.push([r.row, r.cells]);
  return out;
}

async function refuses(path: string, sheet: string | number | undefined, pattern: RegExp): Promise<void> {
  await assert.rejects(rows(path, sheet), (error: Error) => {
    assert.ok(error instanceof SourceFormatError, `${error.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('sheets stored before the workbook, its relationships and shared strings are read by name or position', async () => {
  const path = xlsx([
    sheetXml(1, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
    sheetXml(2, '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>2</v></c></row>'),
    rootRels,
    strings(['<t>notes</t>', '<t>Serial</t>']),
    workbookRels(2),
    workbook(['Notes', 'Cards']),
  ]);
  assert.deepEqual(await rows(path), [[1, ['notes']]]);
  assert.deepEqual(await rows(path, 'Cards'), [[1, ['Serial', 2]]]);
  assert.deepEqual(await rows(path, 'cards'), [[1, ['Serial', 2]]]);
  assert.deepEqual(await rows(path, 2), [[1, ['Serial', 2]]]);
  await refuses(path, 'Losses', /no sheet 'Losses' \(sheets: 'Notes', 'Cards'\)/);
  await refuses(path, 3, /no sheet #3/);
});

test('every cell type: shared, rich and inline text (empty text is a blank cell), formulas, booleans, errors, numbers and dates', async () => {
  const path = xlsx([
    rootRels,
    workbookRels(1),
    workbook(['S']),
    strings([
      '<t>plain</t>',
      '<r><t>Ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>',
      '<t>line_x000D_break &amp; more</t>',
      '<t></t>',
    ]),
    styles,
    sheetXml(
      1,
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="s"><v>2</v></c>' +
        '<c r="E2" t="s"><v>3</v></c><c r="F2" t="inlineStr"><is><t></t></is></c><c r="G2" t="str"><f>""</f><v></v></c></row>' +
        '<row r="3"><c r="A3" t="inlineStr"><is><t>inline</t></is></c><c r="B3" t="str"><f>A3&amp;"!"</f><v>inline!</v></c>' +
        '<c r="C3" t="b"><v>1</v></c><c r="D3" t="b"><v>0</v></c><c r="E3" t="e"><v>#DIV/0!</v></c></row>' +
        '<row r="5"><c r="A5"><v>1.5E3</v></c><c r="B5" s="1"><v>43466</v></c><c r="C5" s="2"><v>43466.5</v></c>' +
        '<c r="D5" s="3"><v>7</v></c><c r="E5" t="d"><v>2019-01-01</v></c><c r="F5"/></row>' +
        '<row><c><v>1</v></c><c><v>2</v></c></row>',
    ),
  ]);
  assert.deepEqual(await rows(path), [
    [2, ['plain', null, 'Rich ', 'line\rbreak & more', null, null, null]],
    [3, ['inline', 'inline!', true, false, null]],
    [
      5,
      [
        1500,
        new Date('2019-01-01T00:00:00Z'),
        new Date('2019-01-01T12:00:00Z'),
        7,
        new Date('2019-01-01'),
        null,
      ],
    ],
    [6, [1, 2]],
  ]);
});

test('the 1904 date system and prefixed tags', async () => {
  const path = xlsx([
    rootRels,
    workbookRels(1),
    workbook(['S'], '<workbookPr date1904="1"/>'),
    styles,
    [
      'xl/worksheets/sheet1.xml',
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" s="1"><x:v>42004</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    ],
  ]);
  assert.deepEqual(await rows(path), [[1, [new Date('2019-01-01T00:00:00Z')]]]);
});

test('custom formats are dates when they show days, months, years or times outside literals', () => {
  for (const code of ['dd/mm/yyyy', 'mmm-yy', 'h:mm AM/PM', '[$-409]d-mmm;@', 'yyyy"年"m"月"'])
    assert.equal(isDateFormat(code), true, code);
  for (const code of [
    'General',
    '#,##0.00',
    '#,##0 "days"',
    '0.0%',
    '[Red]#,##0;[Blue]-#,##0',
    '_-* #,##0_-',
    '@',
  ])
    assert.equal(isDateFormat(code), false, code);
});

test('bad packages are refused with the file and part named', async () => {
  const notZip = join(tmp, 'plain.xlsx');
  writeFileSync(notZip, 'Serial,Deaths\nA-1,2\n');
  await refuses(notZip, undefined, /plain\.xlsx: not a readable zip file/);
  await refuses(xlsx([['hello.txt', 'hi']]), undefined, /not a readable \.xlsx file \(no workbook part\)/);
  await refuses(
    xlsx([rootRels, workbookRels(1), workbook(['S']), sheetXml(1, '<row r="1"><c r="A1"><v>1</v></row>')]),
    undefined,
    /xl\/worksheets\/sheet1\.xml: not readable XML \(.*1:/,
  );
  await refuses(
    xlsx([
      rootRels,
      workbookRels(1),
      workbook(['S']),
      sheetXml(1, '<row r="1"><c r="A1" t="s"><v>4</v></c></row>'),
    ]),
    undefined,
    /names shared string 4, which does not exist/,
  );
  await refuses(
    xlsx([
      rootRels,
      workbookRels(1),
      workbook(['S']),
      ['xl/worksheets/sheet1.xml', '<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'],
    ]),
    undefined,
    /DOCTYPE/,
  );
  const bomb = `<worksheet xmlns="${MAIN}"><sheetData>${'<row/>'.repeat(2_000_000)}</sheetData></worksheet>`;
  await refuses(
    xlsx([rootRels, workbookRels(1), workbook(['S']), ['xl/worksheets/sheet1.xml', bomb]]),
    undefined,
    /zip bomb/,
  );
});
