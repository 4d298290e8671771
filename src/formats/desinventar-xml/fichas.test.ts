import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CardInput } from '../model.ts';
import { desinventarXml } from './synthetic.ts';
import { ofKind, readAll, readTables, rejectsWith, tempFile } from './testing.ts';

const BASE = { evento: 'FLOOD', level0: 'X', fechano: '2001' };

async function cards(...rows: Record<string, string | null>[]): Promise<CardInput[]> {
  const items = await readTables([['fichas', rows.map((row) => ({ ...BASE, ...row }))]]);
  return ofKind(items, 'card').map((c) => c.card);
}
const card = async (row: Record<string, string | null>) => (await cards(row))[0]!;

test('hay_ flags: present = hay -1, independent of the value; 0 stays 0; empty stays null', async () => {
  const read = await cards(
    { muertos: '0', hay_muertos: '-1' },
    { muertos: '12', hay_muertos: '-1' },
    { muertos: '12', hay_muertos: '0' },
    { muertos: null, hay_muertos: '0' },
    { muertos: '0', hay_muertos: '1' },
  );
  assert.deepEqual(
    read.map((c) => c.effects.deaths),
    [
      { value: 0, present: true },
      { value: 12, present: true },
      { value: 12, present: false },
      { value: null, present: false },
      { value: 0, present: true },
    ],
  );
  assert.equal(read[4]?.legacy.hay_muertos, 1, 'a flag other than -1 is kept to write back');
  // hay_deasparece (sic) is the flag of missing persons.
  assert.deepEqual((await card({ desaparece: '0', hay_deasparece: '-1' })).effects.missing, {
    value: 0,
    present: true,
  });
});

test('approved: 0 or empty published, 1 draft, 2 submitted, 3 rejected, 4 support; others refused', async () => {
  const read = await cards(...['0', null, '1', '2', '3', '4'].map((approved) => ({ approved })));
  assert.deepEqual(
    read.map((c) => c.status),
    ['published', 'published', 'draft', 'submitted', 'rejected', 'support'],
  );
  assert.equal(read[1]?.legacy.approved, null);
  assert.equal('approved' in (read[0]?.legacy ?? {}), false);
  await rejectsWith(
    cards({ approved: '7' }),
    /fichas row 1 \(line \d+\), column approved: not a DesInventar approval status/,
  );
});

test('numbers: scientific notation exact, kmvias metres as given, counts whole (5.0 ok)', async () => {
  const read = await card({
    valorloc: '3.4164E7',
    valorus: '1.0E-4',
    kmvias: '1234.5',
    nhectareas: '0.0',
    muertos: '5.0',
  });
  assert.deepEqual(read.effects.lossesLocal, { value: '34164000', present: false });
  assert.deepEqual(read.effects.lossesUsd, { value: '0.0001', present: false });
  assert.deepEqual(read.effects.roadsM, { value: '1234.5', present: false });
  assert.deepEqual(read.effects.cropsHa, { value: '0', present: false });
  assert.deepEqual(read.effects.deaths, { value: 5, present: false });
});

test('a non-numeric or fractional count names table, row, column and value', async () => {
  await rejectsWith(
    cards({}, { heridos: 'many' }),
    /fichas row 2 \(line \d+\), column heridos: not a number: "many"/,
  );
  await rejectsWith(cards({ vivdest: '2.5' }), /column vivdest: not a whole number: "2\.5"/);
  await rejectsWith(cards({ valorus: '1,5' }), /column valorus: not a number: "1,5"/);
});

test('coordinates 0,0 mean not set; month and day 0 mean unknown', async () => {
  const read = await cards(
    { latitude: '0', longitude: '0.0', fechames: '0', fechadia: '0' },
    { latitude: '0', longitude: '12.5', fechames: '7', fechadia: '0' },
    { latitude: '-3.4', longitude: null, fechames: null, fechadia: '31' },
  );
  assert.deepEqual(
    read.map((c) => [c.latitude, c.longitude, c.startYear, c.startMonth, c.startDay]),
    [
      [null, null, 2001, null, null],
      [0, 12.5, 2001, 7, null],
      [-3.4, null, 2001, null, null],
    ],
  );
  assert.equal(read[2]!.legacy.fechadia, 31, 'a day without a month is kept in legacy for export');
});

test('sectors: a flag (-1 or 1) is present with no count, 0 none, n > 1 a count of disruptions', async () => {
  const read = await card({
    transporte: '-1',
    salud: '1',
    educacion: '0',
    acueducto: '183',
    energia: null,
    hay_otros: '1',
  });
  assert.deepEqual(read.sectors, {
    transport: { value: null, present: true },
    health: { value: null, present: true },
    education: { value: 0, present: false },
    water: { value: 183, present: true },
    energy: { value: null, present: false },
    other: { value: null, present: true },
  });
  assert.deepEqual([read.legacy.salud, read.legacy.hay_otros, read.legacy.transporte], [1, 1, undefined]);
});

test('identity, geography and legacy columns', async () => {
  const read = await card({
    ...{
      clave: '325',
      serial: '2',
      uu_id: 'u-1',
      level1: 'X01',
      level2: null,
      name0: 'Xland',
      name1: 'One',
      name2: null,
    },
    ...{
      fechapor: 'Nicole',
      fechafec: '2014-09-01',
      defaultab: '0',
      causa: 'Rain',
      descausa: 'trough',
      glide: 'FL-2001',
    },
  });
  assert.equal(read.geoCode, 'X01');
  assert.deepEqual(
    [
      read.sourceKey,
      read.sourceUuid,
      read.serial,
      read.recordedBy,
      read.recordedOn,
      read.causeCode,
      read.causeText,
      read.glide,
    ],
    ['325', 'u-1', '2', 'Nicole', '2014-09-01', 'Rain', 'trough', 'FL-2001'],
  );
  assert.deepEqual(read.legacy, {
    clave: '325',
    level0: 'X',
    name0: 'Xland',
    name1: 'One',
    name2: null,
    defaultab: '0',
    level1: 'X01',
    level2: null,
  });
  assert.equal((await card({ level1: 'X01', level2: 'X0101' })).geoCode, 'X0101');
});

test('old revisions: observa columns become the comments; only evento, level0 and fechano are required', async () => {
  const read = await cards(
    { observa: 'first', observa2: null, observa3: 'third' },
    { di_comments: 'new', observa: 'old' },
    {},
  );
  assert.deepEqual(
    read.map((c) => c.comments),
    ['first\nthird', 'new', null],
  );
  assert.equal(read[0]?.legacy.observa3, 'third');
  assert.deepEqual(read[2]?.effects, {});
  assert.deepEqual(read[2]?.sectors, {});
  await rejectsWith(cards({ evento: null }), /column evento: a value is required/);
  await rejectsWith(
    readTables([['fichas', [{ evento: 'FLOOD', level0: 'X' }]]]),
    /column fechano: a value is required/,
  );
});

test('mixed-case columns of Access-era exports (Magnitud2, Kmvias) map like lower-case ones', async () => {
  const xml = desinventarXml([
    ['FICHAS', [{ EVENTO: 'FLOOD', Level0: 'X', FechaNo: '1999', Magnitud2: '7.2', Kmvias: '300' }]],
  ]);
  const [read] = ofKind(await readAll(tempFile(xml)), 'card');
  assert.equal(read?.card.magnitude, '7.2');
  assert.deepEqual(read?.card.effects.roadsM, { value: '300', present: false });
});

test('an unknown fichas column is kept in legacy, with one notice per column', async () => {
  const items = await readTables([
    [
      'fichas',
      [
        { ...BASE, codigo_local: 'A', ['__proto__']: null },
        { ...BASE, codigo_local: 'B' },
      ],
    ],
  ]);
  assert.deepEqual(
    ofKind(items, 'card').map((c) => c.card.legacy.codigo_local),
    ['A', 'B'],
  );
  const first = ofKind(items, 'card')[0]!.card.legacy;
  assert.equal(Object.getPrototypeOf(first), Object.prototype, 'a __proto__ column stays a plain key');
  assert.ok(Object.hasOwn(first, '__proto__'));
  const notices = ofKind(items, 'notice').filter((n) => n.code === 'unknown_column');
  assert.equal(notices.length, 2);
  assert.match(notices[0]!.message, /column codigo_local of table fichas/);
});
