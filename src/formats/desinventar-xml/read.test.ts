import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDesInventarXml } from './read.ts';
import { desinventarXml } from './synthetic.ts';
import { ofKind, readAll, rejectsWith, tempFile } from './testing.ts';

const CARD = { evento: 'FLOOD', level0: 'X', fechano: '2001', muertos: '1' };

test('the source names its format and file, and opens nothing until iterated', async () => {
  const source = readDesInventarXml('/nonexistent/DI_export_xyz.xml');
  assert.deepEqual([source.format, source.name], ['desinventar-xml', 'DI_export_xyz.xml']);
  await rejectsWith(
    readAll('/nonexistent/DI_export_xyz.xml'),
    /cannot read \/nonexistent\/DI_export_xyz\.xml: ENOENT/,
  );
});

test('progress items report bytes read of the total, the last one at the end', async () => {
  const xml = desinventarXml([['fichas', Array.from({ length: 300 }, () => CARD)]]);
  const path = tempFile(xml);
  const items = await readAll(path, { progressBytes: 1 });
  const progress = ofKind(items, 'progress');
  assert.ok(progress.length >= 1);
  assert.deepEqual(progress.at(-1), {
    kind: 'progress',
    bytesRead: Buffer.byteLength(xml),
    bytesTotal: Buffer.byteLength(xml),
  });
  assert.equal(items.at(-1)?.kind, 'progress');
});

test('malformed files fail with a SourceFormatError that names the file and the place', async () => {
  await rejectsWith(readAll(tempFile('', 'empty.xml')), /empty\.xml: empty file/);
  await rejectsWith(readAll(tempFile('\n\n', 'blank.xml')), /blank\.xml, line 3, column 1: no XML content/);
  const latin1 = Buffer.concat([
    Buffer.from('<DESINVENTAR>\n<causas>\n<TR><causa>Sequ'),
    Buffer.from([0xed]),
    Buffer.from('a</causa></TR></causas></DESINVENTAR>'),
  ]);
  await rejectsWith(
    readAll(tempFile(latin1, 'latin1.xml')),
    /latin1\.xml, line 3, column \d+ \(table causas, row 1\): invalid UTF-8 at byte \d+/,
  );
  const truncated = desinventarXml([['fichas', [CARD, CARD]]]).slice(0, -60);
  await rejectsWith(
    readAll(tempFile(truncated, 'cut.xml')),
    /cut\.xml, line \d+, column \d+ \(table fichas, row 2\): truncated XML/,
  );
  const bad = desinventarXml([['fichas', [CARD, { ...CARD, muertos: 'veinte' }]]]);
  const error = await rejectsWith(
    readAll(tempFile(bad, 'bad.xml')),
    /bad\.xml, fichas row 2 \(line \d+\), column muertos: not a number: "veinte"/,
  );
  assert.deepEqual([error.place?.table, error.place?.row, error.place?.column], ['fichas', 2, 'muertos']);
});

test('items come in dependency order: catalogues and geography before the cards', async () => {
  const items = await readAll(
    tempFile(
      desinventarXml([
        ['eventos', [{ serial: '1', nombre: 'FLOOD', nombre_en: 'FLOOD' }]],
        ['niveles', [{ nivel: '1', descripcion: 'Pais', descripcion_en: 'Country', longitud: '1' }]],
        ['lev0', [{ lev0_cod: 'X', lev0_name: 'Equis', lev0_name_en: 'Ex' }]],
        ['regiones', [{ codregion: 'X', x: '1', y: '2', xmin_: '0', ymin: '1', xmax_: '2', ymax: '3' }]],
        ['diccionario', [{ orden: '1', nombre_campo: 'DEATHS_MALE', fieldtype: '1' }]],
        ['fichas', [{ ...CARD, clave: '1' }]],
        ['extension', [{ clave_ext: '1', deaths_male: '1' }]],
      ]),
    ),
  );
  assert.deepEqual(
    items.filter((i) => i.kind !== 'progress' && i.kind !== 'legacyRow').map((i) => i.kind),
    ['eventType', 'geoLevel', 'geoUnit', 'extraField', 'card', 'cardDetail'],
  );
});
