import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CardInput, ExtraFieldItem, GeoUnitItem } from '../model.ts';
import { diccionarioRow, eventosRow, levRow, regionesRow } from './catalogues.ts';
import { ExtensionShaper } from './extension.ts';
import { fichasRow } from './fichas.ts';
import { DI_COLUMNS, DI_TABLES } from './tables.ts';

function card(overrides: Partial<CardInput> = {}): CardInput {
  return {
    sourceKey: null,
    sourceUuid: null,
    serial: 'S1',
    status: 'published',
    eventCode: 'FLOOD',
    causeCode: null,
    causeText: null,
    magnitude: null,
    glide: null,
    durationDays: null,
    geoCode: 'U1',
    place: null,
    latitude: null,
    longitude: null,
    startYear: 2020,
    startMonth: null,
    startDay: null,
    sources: null,
    otherLosses: null,
    comments: null,
    effects: {},
    sectors: {},
    extra: {},
    recordedBy: null,
    recordedOn: null,
    legacy: {},
    ...overrides,
  };
}

const units = [{ code: 'P', name: 'Province' }, { code: 'D', name: 'District' }, null];
const row = (c: CardInput) =>
  Object.fromEntries(fichasRow({ clave: 7, card: c, units, id: '11111111-1111-4111-8111-111111111111' }));

describe('fichas rows', () => {
  test('columns in DesInventar order; unset coordinates, month and day are 0; uu_id falls back to the id', () => {
    const r = fichasRow({ clave: 7, card: card(), units, id: 'the-id' });
    assert.deepEqual(
      r.map(([c]) => c),
      DI_COLUMNS.fichas,
    );
    const v = Object.fromEntries(r);
    assert.deepEqual([v.latitude, v.longitude, v.fechames, v.fechadia], [0, 0, 0, 0]);
    assert.deepEqual([v.level0, v.level1, v.level2, v.name0, v.name2], ['P', 'D', null, 'Province', null]);
    assert.equal(v.uu_id, 'the-id');
    assert.equal(v.clave, 7);
  });

  test('effect states: hay_ is -1 when present or the value is positive; null stays empty, 0 stays 0', () => {
    const v = row(
      card({
        effects: {
          deaths: { value: 3, present: false },
          injured: { value: null, present: true },
          missing: { value: 0, present: false },
          evacuated: { value: null, present: false },
          lossesLocal: { value: '12.50', present: false },
        },
      }),
    );
    assert.deepEqual([v.muertos, v.hay_muertos], [3, -1]);
    assert.deepEqual([v.heridos, v.hay_heridos], [null, -1]);
    assert.deepEqual([v.desaparece, v.hay_deasparece], [0, 0]);
    assert.deepEqual([v.evacuados, v.hay_evacuados], [null, 0]);
    assert.equal(v.valorloc, '12.50');
  });

  test('sectors: a count, a bare flag (-1, or the raw value read), none', () => {
    const v = row(
      card({
        sectors: {
          water: { value: 183, present: true },
          transport: { value: null, present: true },
          health: { value: null, present: true },
          energy: { value: 0, present: false },
          other: { value: 5, present: true },
        },
        legacy: { salud: 1, hay_otros: -5 },
      }),
    );
    assert.deepEqual(
      [v.acueducto, v.transporte, v.salud, v.energia, v.hay_otros, v.socorro],
      [183, -1, 1, 0, -5, null],
    );
  });

  test('approved from the status; legacy columns written back; unknown source columns appended', () => {
    const statuses = ['published', 'draft', 'submitted', 'rejected', 'support'] as const;
    assert.deepEqual(
      statuses.map((status) => row(card({ status })).approved),
      [0, 1, 2, 3, 4],
    );
    const r = fichasRow({
      clave: 9,
      card: card({
        legacy: { name1: 'Old name', defaultab: '2', observa: 'old note', clave: '325', level1: 'X' },
      }),
      units,
      id: 'id',
    });
    const v = Object.fromEntries(r);
    assert.deepEqual([v.name1, v.defaultab, v.clave, v.level1], ['Old name', '2', 9, 'D']);
    assert.deepEqual(r.at(-1), ['observa', 'old note']);
    assert.equal(row(card({ legacy: { approved: null } })).approved, null);
  });
});

describe('catalogue rows', () => {
  test('eventos: nombre is the code; serial, terminal, hlevel from legacy, else derived', () => {
    const item = {
      kind: 'eventType' as const,
      code: 'INONDATION',
      names: { fr: 'INONDATION', en: 'FLOOD' },
      description: null,
      parentCode: 'HYDRO',
      sortOrder: 4,
      hazardCode: null,
      legacy: { serial: '12', color: 'blue' },
    };
    const v = Object.fromEntries(eventosRow(item, { depth: 1, hasChildren: false, hierarchical: true }));
    assert.deepEqual(v, {
      serial: '12',
      nombre: 'INONDATION',
      nombre_en: 'FLOOD',
      descripcion: null,
      parent: 'HYDRO',
      terminal: 1,
      hlevel: 1,
      color: 'blue',
    });
  });

  test('lev rows keep an orphan parent code; regiones from bbox and centroid (nivel 0-based)', () => {
    const unit: GeoUnitItem = {
      kind: 'geoUnit',
      level: 3,
      code: '010102',
      parentCode: '0101',
      names: { en: 'Brizan' },
      placeholder: false,
      bbox: { minLon: 1, minLat: 2, maxLon: 3, maxLat: 4 },
      centroid: { lon: 2, lat: 3 },
      legacy: {},
    };
    assert.deepEqual(levRow(unit, 'es'), [
      ['lev2_cod', '010102'],
      ['lev2_name', 'Brizan'],
      ['lev2_name_en', 'Brizan'],
      ['lev2_lev1', '0101'],
    ]);
    const region = Object.fromEntries(regionesRow(unit, 'es')!);
    assert.deepEqual([region.x, region.y, region.xmin_, region.ymax, region.nivel], [2, 3, 1, 4, 2]);
    assert.equal(regionesRow({ ...unit, bbox: null, centroid: null }, 'es'), null);
  });
});

const field = (
  key: string,
  type: ExtraFieldItem['type'],
  storage: ExtraFieldItem['storage'],
): ExtraFieldItem => ({
  kind: 'extraField',
  key,
  type,
  labels: { en: key },
  description: null,
  tabKey: null,
  sortOrder: 1,
  maxLength: null,
  options: [],
  storage,
  legacy: {},
});

describe('extension rows', () => {
  test('values from extra, human effects and asset effects, through the reader’s Sendai mapping', () => {
    const shaper = new ExtensionShaper([
      field('DEATHS_FEMALE', 'integer', 'human_effects'),
      field('INJURED_POOR', 'integer', 'human_effects'),
      field('HA_DMGD', 'decimal', 'asset_effects'),
      field('LOSS_97', 'currency', 'asset_effects'),
      field('ROAD_OK', 'yesno', 'extra'),
      field('KIND', 'list', 'extra'),
      field('NOTE', 'text', 'extra'),
    ]);
    assert.ok(shaper.needsEffects);
    const r = shaper.row({
      clave: 5,
      extra: { ROAD_OK: true, KIND: '3', NOTE: 'x & y' },
      humanEffects: [
        { effect: 'deaths', dimension: 'sex', category: 'female', value: 2, present: true },
        { effect: 'injured', dimension: 'income', category: 'poor', value: null, present: true },
      ],
      assetEffects: [
        { ...emptyAsset('SENDAI:C-2C'), damaged: '1.5' },
        { ...emptyAsset('97'), lossLocal: '1000' },
      ],
    });
    assert.deepEqual(r, [
      ['clave_ext', 5],
      ['DEATHS_FEMALE', 2],
      ['INJURED_POOR', -1],
      ['HA_DMGD', '1.5'],
      ['LOSS_97', '1000'],
      ['ROAD_OK', 1],
      ['KIND', '3'],
      ['NOTE', 'x & y'],
    ]);
  });

  test('diccionario rows put back layout columns and the original column name', () => {
    const f = {
      ...field('RAIN', 'text', 'extra'),
      maxLength: 40,
      legacy: { nombre_campo: 'Rain', pos_x: '3', color: '255' },
    };
    const v = Object.fromEntries(diccionarioRow(f, 'es'));
    assert.deepEqual([v.nombre_campo, v.pos_x, v.lon_x, v.color, v.fieldtype], ['Rain', '3', 40, '255', 0]);
  });

  test('the table list is DesInventar’s export order', () => {
    assert.equal(DI_TABLES.indexOf('diccionario') + 1, DI_TABLES.indexOf('extensioncodes'));
    assert.equal(DI_TABLES.indexOf('fichas') + 1, DI_TABLES.indexOf('extension'));
    assert.equal(DI_TABLES.length, 26);
  });
});

function emptyAsset(assetCode: string) {
  return {
    assetCode,
    total: null,
    affected: null,
    damaged: null,
    destroyed: null,
    lossLocal: null,
    lossDamagedLocal: null,
    lossDestroyedLocal: null,
    lossUsd: null,
    unit: null,
  };
}
