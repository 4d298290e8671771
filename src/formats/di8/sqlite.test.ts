/** readDi8 on a small DesInventar 8 SQLite region written by the test (tri-state effects, statuses, EEData). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ImportItem } from '../model.ts';
import { type FixtureDisaster, writeDi8Sqlite } from './fixture.ts';
import { readDi8 } from './read.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-di8-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const base = (n: number, extra: FixtureDisaster): FixtureDisaster => ({
  DisasterId: `00000000-0000-4000-8000-00000000000${n}`,
  DisasterSerial: `2005-00${n}`,
  DisasterBeginTime: '2005-03-14',
  GeographyId: '0000100001',
  RecordStatus: 'PUBLISHED',
  EventId: 'FLOOD',
  CauseId: 'RAIN',
  DisasterSource: 'El Diario',
  DisasterLatitude: 0,
  DisasterLongitude: 0,
  ...extra,
});

const ROWS: FixtureDisaster[] = [
  base(1, {
    EffectPeopleDead: 3,
    EffectPeopleDeadQ: 3,
    EffectPeopleInjured: -1,
    EffectPeopleInjuredQ: 4,
    EffectLossesValueUSD: 1250.5,
    SectorTransport: -1,
    RecordAuthor: 'ana',
    RecordCreation: '2009-01-02 10:00:00',
    EventNotes: 'crecida',
    LocalColumn: 'x',
  }),
  base(2, {
    EffectPeopleDead: -2,
    EffectPeopleDeadQ: 0,
    EffectPeopleInjured: -1,
    EffectPeopleInjuredQ: 0,
    EffectHousesDestroyed: -2,
    RecordStatus: 'READY',
    DisasterBeginTime: '2005-00-00',
  }),
  base(3, {
    RecordStatus: 'TRASH',
    DisasterBeginTime: '2006-07-00',
    DisasterLatitude: -16.5,
    DisasterLongitude: -68.1,
  }),
  base(4, { RecordStatus: 'DRAFT', EffectPeopleDead: -2, SectorHealth: -2 }),
  base(5, { RecordStatus: 'DELETED', GeographyId: '0000900001' }),
];

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const all: ImportItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

test('readDi8 > SQLite region: -1 / -2 effects, statuses, dates, languages, extra effects', async () => {
  const file = join(tmp, 'region.db');
  await writeDi8Sqlite(file, ROWS, [
    { DisasterId: ROWS[0]!.DisasterId!, EEF001: 7, EEF002: 'pozos secos', EEF003: '2005-03-20' },
    { DisasterId: ROWS[1]!.DisasterId!, EEF003: 'ayer' },
  ]);
  const source = readDi8(file);
  const items = await collect(source.items);
  const cards = items.flatMap((i) => (i.kind === 'card' ? [i.card] : []));
  assert.equal(cards.length, 5);
  const [c1, c2, c3, c4, c5] = cards;

  assert.deepEqual(c1!.effects.deaths, { value: 3, present: false });
  assert.deepEqual(c1!.effects.injured, { value: 4, present: true }, '-1 with a Q twin > 0');
  assert.deepEqual(c1!.effects.lossesUsd, { value: '1250.5', present: false });
  assert.deepEqual(c1!.sectors.transport, { value: null, present: true });
  assert.equal(c1!.recordedBy, 'ana');
  assert.equal(c1!.recordedOn, '2009-01-02 10:00:00');
  assert.deepEqual(c1!.legacy, { EventNotes: 'crecida', LocalColumn: 'x' });
  assert.deepEqual([c1!.latitude, c1!.longitude], [null, null]);

  assert.deepEqual(c2!.effects.deaths, { value: null, present: false }, '-2 = not reported');
  assert.deepEqual(c2!.effects.injured, { value: null, present: true }, '-1 with Q 0');
  assert.equal(c2!.legacy.EffectPeopleDead, -2, 'the -2 is kept for export');
  assert.deepEqual([c2!.startYear, c2!.startMonth, c2!.startDay], [2005, null, null]);
  assert.deepEqual([c3!.startYear, c3!.startMonth, c3!.startDay], [2006, 7, null]);
  assert.deepEqual([c3!.latitude, c3!.longitude], [-16.5, -68.1]);
  assert.deepEqual(
    cards.map((c) => c.status),
    ['published', 'submitted', 'support', 'draft', 'rejected'],
  );
  assert.deepEqual(source.stats.dontKnow, { deaths: 2, housesDestroyed: 1, 'sector.health': 1 });
  assert.deepEqual(c4!.sectors.health, { value: null, present: false });
  assert.equal(c4!.effects.deaths?.value, null);
  const dontKnow = items.filter((i) => i.kind === 'notice' && i.code === 'di8_dont_know');
  assert.deepEqual(
    dontKnow.map((n) => (n.kind === 'notice' ? n.message : '')),
    [
      `deaths: 2 cards hold -2 ("don't know"), imported as not reported`,
      `housesDestroyed: 1 card holds -2 ("don't know"), imported as not reported`,
      `sector.health: 1 card holds -2 ("don't know"), imported as not reported`,
    ],
  );

  const units = items.flatMap((i) => (i.kind === 'geoUnit' ? [i] : []));
  assert.deepEqual(
    units.map((u) => [u.code, u.level, u.parentCode, u.placeholder]),
    [
      ['00001', 1, null, false],
      ['00009', 1, null, true],
      ['0000100001', 2, '00001', false],
      ['0000900001', 2, '00009', false],
    ],
  );
  assert.deepEqual(units[0]!.names, { es: 'NORTE', en: 'NORTH' });
  assert.equal(c5!.geoCode, '0000900001');
  const levels = items.flatMap((i) => (i.kind === 'geoLevel' ? [i] : []));
  assert.deepEqual(levels[0]!.names, { es: 'Departamento', en: 'Department' });
  const flood = items.find((i) => i.kind === 'eventType' && i.code === 'FLOOD');
  assert.deepEqual(flood?.kind === 'eventType' && flood.names, { es: 'Inundación', en: 'Flood' });
  assert.equal(flood?.kind === 'eventType' && flood.legacy['EventKeyWords.en'], 'FLOOD;');

  const fields = items.flatMap((i) => (i.kind === 'extraField' ? [i] : []));
  assert.deepEqual(
    fields.map((f) => [f.key, f.type, f.tabKey, f.labels.es]),
    [
      ['EEF001', 'integer', 'G1', 'Pozos'],
      ['EEF002', 'text', 'G1', 'Nota'],
      ['EEF003', 'date', null, 'Fecha'],
    ],
  );
  const details = items.flatMap((i) => (i.kind === 'cardDetail' ? [i] : []));
  assert.deepEqual(
    details.map((d) => [d.sourceKey, d.extra]),
    [[c1!.sourceKey, { EEF001: 7, EEF002: 'pozos secos', EEF003: '2005-03-20' }]],
  );
  const codes = items.flatMap((i) => (i.kind === 'notice' ? [i.code] : []));
  for (const code of ['geography_orphan', 'unknown_column', 'unknown_table', 'value_dropped']) {
    assert.ok(codes.includes(code), `notice ${code}`);
  }
  assert.ok(items.some((i) => i.kind === 'legacyRow' && i.table === 'Custom' && i.data.Value === '1'));
});

test('readDi8 > a bad cell names table, row and column; badRows skip turns it into a warning', async () => {
  const file = join(tmp, 'bad.db');
  await writeDi8Sqlite(file, [
    base(1, {}),
    base(2, { DisasterBeginTime: 'March 2005' }),
    base(3, { EffectPeopleDead: -7 }),
    base(4, { EventId: '' }),
  ]);
  await assert.rejects(
    collect(readDi8(file).items),
    /Disaster row 2, column DisasterBeginTime: 'March 2005' is not a date YYYY-MM-DD/,
  );
  const source = readDi8(file, { badRows: 'skip' });
  const items = await collect(source.items);
  const skipped = items.flatMap((i) => (i.kind === 'notice' && i.code === 'row_skipped' ? [i] : []));
  assert.deepEqual(
    skipped.map((n) => n.place?.row),
    [2, 3, 4],
  );
  assert.match(skipped[1]!.message, /column EffectPeopleDead: -7 is neither a quantity nor -1/);
  assert.match(skipped[2]!.message, /column EventId: is empty/);
  assert.equal(items.filter((i) => i.kind === 'card').length, 1);
  assert.equal(source.stats.skippedRows, 3);
});
