import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ofKind, readTables } from './testing.ts';

const eventos = [
  {
    serial: '3',
    nombre: 'INUNDACION FLUVI',
    nombre_en: 'RIVERINE FLOOD',
    descripcion: 'Desborde',
    parent: 'INUNDACION',
    terminal: '1',
    hlevel: '1',
  },
  {
    serial: '1',
    nombre: 'INUNDACION',
    nombre_en: 'FLOOD',
    descripcion: null,
    parent: null,
    terminal: '0',
    hlevel: '0',
  },
  {
    serial: null,
    nombre: 'SISMO',
    nombre_en: 'EARTHQUAKE',
    descripcion: null,
    parent: 'NO EXISTE',
    terminal: null,
    hlevel: null,
  },
];

test('events are keyed by their local name, named in the chosen language and English, parents first', async () => {
  const items = await readTables([['eventos', eventos]], { language: 'fr' });
  const events = ofKind(items, 'eventType');
  assert.deepEqual(
    events.map((e) => [e.code, e.parentCode, e.sortOrder]),
    [
      ['INUNDACION', null, 1],
      ['SISMO', null, 3],
      ['INUNDACION FLUVI', 'INUNDACION', 3],
    ],
  );
  assert.deepEqual(events[2]?.names, { fr: 'INUNDACION FLUVI', en: 'RIVERINE FLOOD' });
  assert.deepEqual(events[2]?.legacy, { serial: '3', terminal: '1', hlevel: '1', parent: 'INUNDACION' });
  assert.equal(events[2]?.description, 'Desborde');
  assert.equal(events[0]?.hazardCode, null);
  const notice = ofKind(items, 'notice').find((n) => n.code === 'event_parent');
  assert.match(notice?.message ?? '', /SISMO names parent NO EXISTE/);
});

test('the language defaults to datamodel.slanguage, else es', async () => {
  const withSlanguage = await readTables([
    ['datamodel', [{ revision: '16', build: '0', slanguage: 'pt' }]],
    ['causas', [{ causa: 'Chuva', causa_en: 'Rain' }]],
  ]);
  assert.deepEqual(ofKind(withSlanguage, 'cause')[0]?.names, { pt: 'Chuva', en: 'Rain' });
  const plain = await readTables([
    [
      'causas',
      [
        { causa: 'Lluvias', causa_en: 'Rain' },
        { causa: 'Otra', causa_en: null },
      ],
    ],
  ]);
  assert.deepEqual(
    ofKind(plain, 'cause').map((c) => [c.code, c.names, c.sortOrder]),
    [
      ['Lluvias', { es: 'Lluvias', en: 'Rain' }, 1],
      ['Otra', { es: 'Otra' }, 2],
    ],
  );
});

test('known unmodelled tables become legacy rows; unknown tables too, with a notice; the word index is skipped', async () => {
  const items = await readTables([
    ['datamodel', [{ revision: '15', build: '0', slanguage: null }]],
    ['level_maps', [{ map_level: '0', filename: 'C:/etc/DI/NIGERIA/adm1.shp' }]],
    ['media_file', [{ imedia: '1', iclave: '7', title: 'photo' }]],
    [
      'mi_tabla',
      [
        { a: '1', b: null },
        { a: '2', b: 'x' },
      ],
    ],
    ['words', [{ word: 'flood', clave: '7' }]],
  ]);
  assert.deepEqual(
    ofKind(items, 'legacyRow').map((r) => [r.table, r.position, r.data]),
    [
      ['datamodel', 1, { revision: '15', build: '0', slanguage: null }],
      ['level_maps', 1, { map_level: '0', filename: 'C:/etc/DI/NIGERIA/adm1.shp' }],
      ['media_file', 1, { imedia: '1', iclave: '7', title: 'photo' }],
      ['mi_tabla', 1, { a: '1', b: null }],
      ['mi_tabla', 2, { a: '2', b: 'x' }],
    ],
  );
  assert.deepEqual(
    ofKind(items, 'notice').map((n) => [n.code, n.place?.table]),
    [
      ['unknown_table', 'mi_tabla'],
      ['derived_table', 'words'],
    ],
  );
});
