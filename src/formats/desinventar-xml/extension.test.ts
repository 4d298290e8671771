import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixtureTable } from './synthetic.ts';
import { ofKind, readTables } from './testing.ts';

const field = (
  orden: number,
  nombre_campo: string,
  fieldtype: number,
  extra: Record<string, string | null> = {},
) => ({
  orden: String(orden),
  nombre_campo,
  descripcion_campo: `about ${nombre_campo}`,
  label_campo: `${nombre_campo} local`,
  label_campo_en: nombre_campo,
  pos_x: '0',
  pos_y: '0',
  lon_x: '7',
  lon_y: '0',
  color: '0',
  tabnumber: null,
  fieldtype: String(fieldtype),
  ...extra,
});

const ficha = (clave: string) => ({ clave, evento: 'FLOOD', level0: 'X', fechano: '2010' });

const TABLES: FixtureTable[] = [
  [
    'extensiontabs',
    [
      { ntab: '1', nsort: '2', svalue: 'Sendai', svalue_en: 'Sendai' },
      { ntab: '2', nsort: '1', svalue: 'Local', svalue_en: 'Local fields' },
    ],
  ],
  [
    'diccionario',
    [
      field(201, 'DEATHS_FEMALE', 1, { tabnumber: '1' }),
      field(220, 'LIVING_DMGD_DWELLINGS', 1),
      field(247, 'HA_DMGD', 2),
      field(249, 'LOSS_CROPS', 2),
      field(400, 'TOTAL_97', 2),
      field(401, 'DAMAGED_97', 2),
      field(403, 'LOSS_97', 2),
      field(500, 'A_1', 2),
      field(501, 'rainfall', 0, { lon_x: '20', tabnumber: '2' }),
      field(502, 'TIPO', 7, { tabnumber: '9' }),
      field(503, 'FECHA', 4),
      field(504, 'OK', 6),
      field(505, 'MULTI', 8),
    ],
  ],
  [
    'extensioncodes',
    [
      { field_name: 'TIPO', code_value: '1', nsort: '2', svalue: 'Urbano', svalue_en: 'Urban' },
      { field_name: 'tipo', code_value: '2', nsort: '1', svalue: 'Rural', svalue_en: null },
      { field_name: 'GHOST', code_value: '1', nsort: '1', svalue: 'x', svalue_en: 'x' },
    ],
  ],
  ['fichas', [ficha('10'), ficha('11'), ficha('12')]],
  [
    'extension',
    [
      {
        ...{
          clave_ext: '10',
          deaths_female: '3',
          living_dmgd_dwellings: '12',
          ha_dmgd: '1.5',
          loss_crops: '3.4164E7',
        },
        ...{ total_97: '10', damaged_97: '2.0', loss_97: null, a_1: '0.25', rainfall: 'heavy', tipo: '2' },
        ...{ fecha: '2014-09-01 00:00:00.0', ok: '1', multi: '4' },
      },
      { clave_ext: '11', deaths_female: null, ha_dmgd: null, a_1: null, tipo: '0' },
      { clave_ext: '12', deaths_female: '0', notas_x: 'ver informe' },
      { clave_ext: '99', deaths_female: '1' },
    ],
  ],
];

test('diccionario -> extra fields: types 0-8, labels, tabs, lengths, options, storage', async () => {
  const items = await readTables(TABLES, { language: 'es' });
  assert.deepEqual(
    ofKind(items, 'extraTab').map((t) => [t.key, t.labels, t.sortOrder]),
    [
      ['1', { es: 'Sendai', en: 'Sendai' }, 2],
      ['2', { es: 'Local', en: 'Local fields' }, 1],
    ],
  );
  const fields = new Map(ofKind(items, 'extraField').map((f) => [f.key, f]));
  assert.deepEqual(
    [...fields.values()].slice(0, 13).map((f) => [f.key, f.type, f.storage]),
    [
      ['DEATHS_FEMALE', 'integer', 'human_effects'],
      ['LIVING_DMGD_DWELLINGS', 'integer', 'human_effects'],
      ['HA_DMGD', 'decimal', 'asset_effects'],
      ['LOSS_CROPS', 'decimal', 'asset_effects'],
      ['TOTAL_97', 'decimal', 'asset_effects'],
      ['DAMAGED_97', 'decimal', 'asset_effects'],
      ['LOSS_97', 'decimal', 'asset_effects'],
      ['A_1', 'decimal', 'extra'],
      ['RAINFALL', 'text', 'extra'],
      ['TIPO', 'list', 'extra'],
      ['FECHA', 'date', 'extra'],
      ['OK', 'yesno', 'extra'],
      ['MULTI', 'multichoice', 'extra'],
    ],
  );
  const deaths = fields.get('DEATHS_FEMALE')!;
  assert.deepEqual(
    [deaths.labels, deaths.description, deaths.tabKey, deaths.sortOrder, deaths.maxLength],
    [{ es: 'DEATHS_FEMALE local', en: 'DEATHS_FEMALE' }, 'about DEATHS_FEMALE', '1', 201, null],
  );
  assert.deepEqual(deaths.legacy, {
    pos_x: '0',
    pos_y: '0',
    lon_x: '7',
    lon_y: '0',
    color: '0',
    tabnumber: '1',
  });
  const rainfall = fields.get('RAINFALL')!;
  assert.deepEqual(
    [rainfall.maxLength, rainfall.tabKey, rainfall.legacy.nombre_campo],
    [20, '2', 'rainfall'],
  );
  assert.equal(fields.get('TIPO')?.tabKey, null, 'tab 9 does not exist');
  assert.deepEqual(fields.get('TIPO')?.options, [
    { code: '2', labels: { es: 'Rural' } },
    { code: '1', labels: { es: 'Urbano', en: 'Urban' } },
  ]);
  assert.ok(ofKind(items, 'notice').some((n) => n.code === 'orphan_option' && /GHOST/.test(n.message)));
});

test('extension rows -> details: human effects, generic and per-asset asset effects, typed extra values', async () => {
  const details = ofKind(await readTables(TABLES), 'cardDetail');
  const [first] = details;
  assert.equal(first?.sourceKey, '10');
  assert.deepEqual(first?.humanEffects, [
    { effect: 'deaths', dimension: 'sex', category: 'female', value: 3, present: false },
    { effect: 'livingDamagedDwellings', dimension: 'total', category: 'all', value: 12, present: false },
  ]);
  const assets = new Map(first?.assetEffects.map((a) => [a.assetCode, a]));
  assert.deepEqual(
    [
      assets.get('SENDAI:C-2C')?.damaged,
      assets.get('SENDAI:C-2C')?.lossLocal,
      assets.get('SENDAI:C-2C')?.destroyed,
    ],
    ['1.5', '34164000', null],
  );
  assert.deepEqual(
    [assets.get('97')?.total, assets.get('97')?.damaged, assets.get('97')?.lossLocal],
    ['10', '2', null],
  );
  assert.deepEqual(first?.extra, {
    A_1: 0.25,
    RAINFALL: 'heavy',
    TIPO: '2',
    FECHA: '2014-09-01',
    OK: true,
    MULTI: ['4'],
  });
});

test('empty rows are skipped, explicit zeros kept, orphan rows warned about, undefined columns become text fields', async () => {
  const items = await readTables(TABLES);
  const details = ofKind(items, 'cardDetail');
  assert.deepEqual(
    details.map((d) => d.sourceKey),
    ['10', '12'],
  );
  assert.deepEqual(details[1]?.humanEffects, [
    { effect: 'deaths', dimension: 'sex', category: 'female', value: 0, present: false },
  ]);
  assert.deepEqual(details[1]?.extra, { NOTAS_X: 'ver informe' });
  const notices = ofKind(items, 'notice');
  assert.ok(
    notices.some(
      (n) => n.code === 'orphan_extension_row' && /clave 99/.test(n.message) && n.level === 'warning',
    ),
  );
  assert.ok(notices.some((n) => n.code === 'unknown_column' && /notas_x/.test(n.message)));
  const synthesized = ofKind(items, 'extraField').find((f) => f.key === 'NOTAS_X');
  assert.deepEqual(
    [synthesized?.type, synthesized?.storage, synthesized?.legacy],
    ['text', 'extra', { synthesized: true }],
  );
  assert.ok(
    items.indexOf(synthesized!) < items.indexOf(details[1]!),
    'the field precedes the detail using it',
  );
});

test('generic Sendai asset types are yielded once, before any detail', async () => {
  const items = await readTables(TABLES);
  const assetTypes = ofKind(items, 'assetType');
  assert.deepEqual(
    assetTypes.map((a) => [a.code, a.indicator, a.names]),
    [['SENDAI:C-2C', 'C-2C', { en: 'Crops' }]],
  );
  assert.ok(items.indexOf(assetTypes[0]!) < items.findIndex((i) => i.kind === 'cardDetail'));
  // Without a diccionario, the first row that uses a group brings its asset type.
  const bare = await readTables([
    ['fichas', [ficha('1')]],
    ['extension', [{ clave_ext: '1', vessels_dstr: '2' }]],
  ]);
  assert.deepEqual(
    bare.filter((i) => i.kind === 'assetType' || i.kind === 'cardDetail').map((i) => i.kind),
    ['assetType', 'cardDetail'],
  );
});
