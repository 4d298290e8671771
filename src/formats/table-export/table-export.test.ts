import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { ALL_FIELDS, DESCRIPTIVE_FIELDS, EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import { type CardPoint, cardCells, cardColumns, type StoredEffect, type TableCard } from './columns.ts';
import { csvCardWriter } from './csv.ts';
import { geojsonCardWriter } from './geojson.ts';
import { readCsv, readXlsx } from './read-back.ts';
import type { CardTableSpec, CardTableWriter } from './writer.ts';
import { xlsxCardWriter } from './xlsx.ts';

const TRICKY = 'Peggy\'s "Whim", line 1\nline 2; =SUM(A1) Қазақстан 😀';

function card(n: number, overrides: Partial<TableCard> = {}): TableCard {
  const fields: Record<string, string | number | null> = {};
  for (const f of DESCRIPTIVE_FIELDS) fields[f.key] = null;
  Object.assign(fields, {
    serial: `S-${n}`,
    status: 'published',
    eventTypeId: 3,
    geoUnitId: 7,
    startYear: 2020 + n,
  });
  const effects: Record<string, StoredEffect> = Object.fromEntries(
    [...EFFECT_FIELDS, ...SECTOR_FIELDS].map((f) => [f.key, { value: null, present: false }]),
  );
  effects.deaths = { value: n, present: n > 0 };
  effects.lossesLocal = { value: '1234567890.125', present: false };
  effects.transport = { value: null, present: true };
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    fields,
    effects,
    extra: { RAIN_MM: 12.5, KINDS: ['a', 'b'] },
    eventType: { code: 'FLOOD', name: 'Flood' },
    cause: n === 1 ? { code: 'RAIN', name: 'Rain' } : null,
    geoUnit: { code: 'U7', name: 'Unit 7' },
    levels: [
      { code: 'P1', name: 'Province' },
      { code: 'U7', name: 'Unit 7' },
    ],
    sourceUuid: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

const spec: CardTableSpec = {
  columns: cardColumns(2, [
    { key: 'RAIN_MM', type: 'decimal' },
    { key: 'KINDS', type: 'multichoice' },
  ]),
};
const keys = spec.columns.map((c) => c.key);
const cards = [
  card(0),
  card(1, { fields: { ...card(1).fields, comments: TRICKY, place: '\u0001ctl' } }),
  card(2),
];
const points: (CardPoint | null)[] = [
  { lon: 10, lat: 40, source: 'card' },
  { lon: 11, lat: 41, source: 'unit' },
  null,
];

/** Run a writer over the sample cards; returns the bytes written. */
async function run(make: (out: PassThrough) => CardTableWriter, rows = cards): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = make(out);
  for (const [i, c] of rows.entries()) await writer.write(c, points[i] ?? null);
  await writer.end();
  return Buffer.concat(chunks);
}

describe('table columns', () => {
  test('come from the field registry: every field by key, effects and sectors with _present', () => {
    for (const f of ALL_FIELDS) assert.ok(keys.includes(f.key), f.key);
    for (const f of [...EFFECT_FIELDS, ...SECTOR_FIELDS]) assert.ok(keys.includes(`${f.key}_present`), f.key);
    for (const k of [
      'eventTypeCode',
      'eventTypeName',
      'causeCode',
      'geoUnitName',
      'level1Code',
      'level2Name',
    ])
      assert.ok(keys.includes(k), k);
    assert.ok(keys.includes('extra.RAIN_MM') && !keys.includes('level3Code'));
    assert.equal(new Set(keys).size, keys.length, 'no duplicate headers');
  });
});

describe('CSV writer', () => {
  test('parses back to the same cells (quotes, commas, newlines, unicode, flags)', async () => {
    const records = await readCsv(Readable.from(await run((out) => csvCardWriter(out, spec))));
    assert.deepEqual(records[0], keys);
    assert.equal(records.length, 4);
    for (const [i, c] of cards.entries()) {
      const expected = cardCells(spec.columns, c).map((v) => (v === null ? '' : String(v)));
      assert.deepEqual(records[i + 1], expected);
    }
    const row = Object.fromEntries(keys.map((k, i) => [k, records[2]![i]]));
    assert.equal(row.comments, TRICKY);
    assert.equal(row.deaths_present, 'true');
    assert.equal(row.transport, '');
    assert.equal(row.transport_present, 'true');
    assert.equal(row.lossesLocal, '1234567890.125');
    assert.equal(row['extra.KINDS'], 'a;b');
  });

  test('an empty export is the header line alone', async () => {
    const text = (await run((out) => csvCardWriter(out, spec), [])).toString('utf8');
    assert.equal(text, `${keys.join(',')}\n`);
  });
});

describe('XLSX writer', () => {
  test('reads back with the streaming reader: numbers typed, text exact, invalid characters dropped', async () => {
    const [sheet, ...more] = await readXlsx(Readable.from(await run((out) => xlsxCardWriter(out, spec))));
    assert.equal(more.length, 0);
    assert.equal(sheet!.name, 'datacards');
    assert.deepEqual(sheet!.rows[0], keys);
    const row = Object.fromEntries(keys.map((k, i) => [k, sheet!.rows[2]![i] ?? null]));
    assert.equal(row.comments, TRICKY);
    assert.equal(row.place, 'ctl');
    assert.equal(row.deaths, 1);
    assert.equal(row.deaths_present, true);
    assert.equal(row.lossesLocal, 1234567890.125);
    assert.equal(row['extra.RAIN_MM'], 12.5);
    assert.equal(row.startYear, 2021);
    assert.equal(sheet!.rows.length, 4);
  });

  test('starts a new sheet when one is full', async () => {
    const bytes = await run((out) => xlsxCardWriter(out, spec, { rowsPerSheet: 2 }));
    const sheets = await readXlsx(Readable.from(bytes));
    assert.deepEqual(
      sheets.map((s) => [s.name, s.rows.length]),
      [
        ['datacards', 3],
        ['datacards 2', 2],
      ],
    );
    assert.deepEqual(sheets[1]!.rows[0], keys);
  });
});

describe('GeoJSON writer', () => {
  test('writes a FeatureCollection: card point, else unit centroid, else null geometry', async () => {
    const doc = JSON.parse((await run((out) => geojsonCardWriter(out, spec))).toString('utf8'));
    assert.equal(doc.type, 'FeatureCollection');
    assert.equal(doc.features.length, 3);
    const [a, b, c] = doc.features;
    assert.deepEqual(a.geometry, { type: 'Point', coordinates: [10, 40] });
    assert.equal(a.properties.geometrySource, 'card');
    assert.deepEqual(b.geometry, { type: 'Point', coordinates: [11, 41] });
    assert.equal(b.properties.geometrySource, 'unit');
    assert.equal(c.geometry, null);
    assert.equal(b.id, cards[1]!.id);
    assert.equal(b.properties.comments, TRICKY);
    assert.equal(b.properties.lossesLocal, 1234567890.125);
    assert.equal(b.properties.deaths_present, true);
  });

  test('an empty export is an empty FeatureCollection', async () => {
    const doc = JSON.parse((await run((out) => geojsonCardWriter(out, spec), [])).toString('utf8'));
    assert.deepEqual(doc, { type: 'FeatureCollection', features: [] });
  });
});
