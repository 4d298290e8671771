import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixtureTable } from './synthetic.ts';
import { ofKind, readTables } from './testing.ts';

const niveles = (...lengths: string[]) =>
  lengths.map((longitud, i) => ({
    nivel: String(i + 1),
    descripcion: `Nivel ${i + 1}`,
    descripcion_en: `Level ${i + 1}`,
    longitud,
  }));
const region = (codregion: string, nombre: string, box: [string, string, string, string], nivel: string) => ({
  codregion,
  nombre,
  nombre_en: nombre,
  x: box[0],
  y: box[1],
  xmin_: box[0],
  ymin: box[1],
  xmax_: box[2],
  ymax: box[3],
  nivel,
});

const GRENADA_LIKE: FixtureTable[] = [
  ['niveles', niveles('3', '5', '7')],
  ['lev0', [{ lev0_cod: 'GRD', lev0_name: 'Granada', lev0_name_en: 'Grenada' }]],
  [
    'lev1',
    [
      { lev1_cod: 'GRD01', lev1_name: 'Grenada', lev1_name_en: null, lev1_lev0: 'GRD' },
      { lev1_cod: 'GRD02', lev1_name: null, lev1_name_en: null, lev1_lev0: 'GRD' },
    ],
  ],
  [
    'lev2',
    [
      { lev2_cod: 'GRD0101', lev2_name: 'St George', lev2_name_en: 'St George', lev2_lev1: 'GRD01' },
      { lev2_cod: '010101', lev2_name: 'Brizan', lev2_name_en: 'Brizan', lev2_lev1: '0101' },
      { lev2_cod: '010102', lev2_name: 'n/a', lev2_name_en: 'n/a', lev2_lev1: '0101' },
      { lev2_cod: '020101', lev2_name: 'Hillsborough', lev2_name_en: 'Hillsborough', lev2_lev1: '0201' },
    ],
  ],
  [
    'regiones',
    [
      region('GRD', 'Grenada', ['-61.8', '11.98', '-61.37', '12.54'], '0'),
      region('0101', 'St George', ['-61.75', '12.0', '-61.7', '12.1'], '1'),
      region('GRD0101', 'St George', ['0', '0', '0', '0'], '2'),
    ],
  ],
];

test('levels: niveles.nivel is 1-based (lev0 units are level 1), names per language, code length', async () => {
  const items = await readTables(GRENADA_LIKE, { language: 'es' });
  assert.deepEqual(
    ofKind(items, 'geoLevel').map((l) => [l.level, l.names, l.codeLength]),
    [
      [1, { en: 'Level 1', es: 'Nivel 1' }, 3],
      [2, { en: 'Level 2', es: 'Nivel 2' }, 5],
      [3, { en: 'Level 3', es: 'Nivel 3' }, 7],
    ],
  );
});

test('orphan units get a flagged placeholder parent, yielded before them', async () => {
  const items = await readTables(GRENADA_LIKE, { language: 'es' });
  const units = ofKind(items, 'geoUnit');
  assert.deepEqual(
    units.map((u) => [u.level, u.code, u.parentCode, u.placeholder]),
    [
      [1, 'GRD', null, false],
      [2, '0101', 'GRD', true],
      [2, '0201', 'GRD', true],
      [2, 'GRD01', 'GRD', false],
      [2, 'GRD02', 'GRD', false],
      [3, 'GRD0101', 'GRD01', false],
      [3, '010101', '0101', false],
      [3, '010102', '0101', false],
      [3, '020101', '0201', false],
    ],
  );
  const [george, hills] = units.filter((u) => u.placeholder);
  // A placeholder takes the name and box of the regiones row of its code when there is one.
  assert.deepEqual(george?.names, { es: 'St George', en: 'St George' });
  assert.deepEqual(george?.bbox, { minLon: -61.75, minLat: 12, maxLon: -61.7, maxLat: 12.1 });
  assert.deepEqual(hills?.names, { es: '0201' });
  assert.deepEqual(hills?.legacy, { orphans: 1 });
  const notice = ofKind(items, 'notice').find((n) => n.code === 'orphan_units');
  assert.match(notice?.message ?? '', /3 lev2 units refer to 2 lev1 codes that do not exist/);
});

test('units: names {language, en}, unnamed units named by code, bbox and centroid from regiones', async () => {
  const units = ofKind(await readTables(GRENADA_LIKE, { language: 'es' }), 'geoUnit');
  const byCode = new Map(units.map((u) => [u.code, u]));
  assert.deepEqual(byCode.get('GRD')?.names, { es: 'Granada', en: 'Grenada' });
  assert.deepEqual(byCode.get('GRD01')?.names, { es: 'Grenada' });
  assert.deepEqual(byCode.get('GRD02')?.names, { es: 'GRD02' });
  assert.deepEqual(byCode.get('GRD')?.bbox, { minLon: -61.8, minLat: 11.98, maxLon: -61.37, maxLat: 12.54 });
  assert.deepEqual(byCode.get('GRD')?.centroid, { lon: -61.8, lat: 11.98 });
  assert.equal(byCode.get('GRD0101')?.bbox, null, 'an all-zero box is not set');
  assert.equal(byCode.get('GRD0101')?.centroid, null);
  assert.deepEqual(byCode.get('GRD0101')?.place, {
    table: 'lev2',
    row: 1,
    line: byCode.get('GRD0101')?.place?.line,
  });
});

test('regiones rows are also kept verbatim as legacy rows', async () => {
  const rows = ofKind(await readTables(GRENADA_LIKE), 'legacyRow');
  assert.deepEqual(
    rows.map((r) => [r.table, r.position, r.data.codregion]),
    [
      ['regiones', 1, 'GRD'],
      ['regiones', 2, '0101'],
      ['regiones', 3, 'GRD0101'],
    ],
  );
  assert.equal(rows[0]?.data.xmin_, '-61.8');
});

test('a placeholder parent is found by code prefix (niveles.longitud); an unnamed level with units is kept', async () => {
  const items = await readTables([
    [
      'niveles',
      [...niveles('6', '9'), { nivel: '3', descripcion: null, descripcion_en: null, longitud: '6' }],
    ],
    [
      'lev0',
      [
        { lev0_cod: 'NGA001', lev0_name: 'Abia', lev0_name_en: 'Abia' },
        { lev0_cod: 'NGA002', lev0_name: 'Adamawa', lev0_name_en: 'Adamawa' },
      ],
    ],
    [
      'lev1',
      [{ lev1_cod: 'NGA001001', lev1_name: 'Aba North', lev1_name_en: 'Aba North', lev1_lev0: 'NGA001' }],
    ],
    ['lev2', [{ lev2_cod: 'NGA002001001', lev2_name: 'Ward', lev2_name_en: null, lev2_lev1: 'NGA002001' }]],
  ]);
  assert.deepEqual(
    ofKind(items, 'geoLevel').map((l) => [l.level, l.names]),
    [
      [1, { en: 'Level 1', es: 'Nivel 1' }],
      [2, { en: 'Level 2', es: 'Nivel 2' }],
      [3, { en: 'Level 3' }],
    ],
  );
  const placeholder = ofKind(items, 'geoUnit').find((u) => u.placeholder);
  assert.deepEqual(
    [placeholder?.code, placeholder?.level, placeholder?.parentCode],
    ['NGA002001', 2, 'NGA002'],
  );
  assert.equal(ofKind(items, 'legacyRow').filter((r) => r.table === 'niveles').length, 0);
});

test('the third niveles row of a two-level database (no name, no units) is kept as a legacy row', async () => {
  const items = await readTables([
    [
      'niveles',
      [...niveles('6', '9'), { nivel: '3', descripcion: null, descripcion_en: null, longitud: '0' }],
    ],
    ['lev0', [{ lev0_cod: 'BDI001', lev0_name: 'Bubanza', lev0_name_en: 'Bubanza' }]],
  ]);
  assert.deepEqual(
    ofKind(items, 'geoLevel').map((l) => l.level),
    [1, 2],
  );
  assert.deepEqual(
    ofKind(items, 'legacyRow').map((r) => [r.table, r.data.nivel]),
    [['niveles', '3']],
  );
});
