/** readDi8 on the real DesInventar 8 dump of Bolivia – Gran Chaco (MANIFEST figures), at the item level. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CardItem, GeoUnitItem, ImportItem } from '../model.ts';
import { readDi8 } from './read.ts';

const folder = join(import.meta.dirname, '../../../../shared/data/desinventar/bol_gcbol_di8_csv');
const skip = existsSync(join(folder, 'Disaster.csv')) ? false : `DI8 dump not found in ${folder}`;

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const all: ImportItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const ofKind = <K extends ImportItem['kind']>(items: ImportItem[], kind: K) =>
  items.filter((i): i is Extract<ImportItem, { kind: K }> => i.kind === kind);

test('readDi8 > BOL GCBOL CSV folder: catalogues, geography tree and MANIFEST figures', {
  skip,
}, async () => {
  const source = readDi8(folder);
  const items = await collect(source.items);
  assert.equal(source.format, 'di8');

  const units = ofKind(items, 'geoUnit');
  assert.equal(units.length, 444);
  const perLevel = [1, 2, 3].map((l) => units.filter((u) => u.level === l).length);
  assert.deepEqual(perLevel, [9, 112, 323]);
  const byCode = new Map<string, GeoUnitItem>(units.map((u) => [u.code, u]));
  const seen = new Set<string>();
  for (const u of units) {
    assert.equal(u.placeholder, false, u.code);
    if (u.level === 1) assert.equal(u.parentCode, null);
    else {
      const parent = byCode.get(u.parentCode ?? '');
      assert.ok(parent, `${u.code} has its parent`);
      assert.equal(parent.level, u.level - 1);
      assert.ok(seen.has(parent.code), `${u.code}: parent comes first`);
      assert.equal(u.code, `${parent.code}${u.code.slice(-5)}`);
    }
    seen.add(u.code);
  }
  assert.deepEqual(byCode.get('00001')?.names, { es: 'CHUQUISACA' });
  assert.equal(byCode.get('000010000100001')?.legacy.GeographyFQName, 'CHUQUISACA/Oropeza/Yotala');
  assert.deepEqual(
    ofKind(items, 'geoLevel').map((l) => [l.level, l.names.es]),
    [
      [1, 'Departamento'],
      [2, 'Provincia'],
      [3, 'Nivel 2'],
    ],
  );

  const events = ofKind(items, 'eventType');
  assert.equal(events.length, 37);
  const flood = events.find((e) => e.code === 'FLOOD');
  assert.equal(flood?.names.es, 'Inundación');
  assert.ok(flood?.legacy.EventRGBColor && flood.legacy.EventKeyWords, 'colour and keywords in legacy');
  assert.equal(ofKind(items, 'cause').length, 36);

  const cards = ofKind(items, 'card');
  assert.equal(cards.length, 109);
  assert.ok(cards.every((c) => c.card.status === 'published'));
  assert.equal(new Set(cards.map((c) => c.card.sourceUuid)).size, 109);
  assert.ok(
    cards.every((c) => c.card.latitude === null && c.card.longitude === null),
    '0,0 = not set',
  );
  const geoCodes = new Set(units.map((u) => u.code));
  assert.ok(cards.every((c) => geoCodes.has(c.card.geoCode)));
  assert.deepEqual(totals(cards), {
    deaths: 166,
    missing: 5,
    injured: 1252,
    housesDestroyed: 79,
    housesDamaged: 1,
    directlyAffected: 9828,
    indirectlyAffected: 115320,
    lossesLocal: 6_000_000,
    lossesUsd: 103_734_095,
  });
  const present = (key: 'deaths' | 'indirectlyAffected') => cards.filter((c) => c.card.effects[key]?.present);
  assert.equal(present('deaths').length, 5);
  assert.ok(present('deaths').every((c) => c.card.effects.deaths?.value === null));
  assert.equal(present('indirectlyAffected').length, 102);
  assert.deepEqual(source.stats, { cards: 109, dontKnow: {}, skippedRows: 0 });

  const first = cards[0]!.card;
  assert.equal(first.serial, '1971-0004');
  assert.deepEqual([first.startYear, first.startMonth, first.startDay], [1971, 1, 19]);
  assert.equal(first.recordedBy, 'VH-CBS');
  assert.equal(first.causeText, 'Fuertes lluvias');
  assert.deepEqual(first.sectors.agriculture, { value: null, present: true });
  assert.equal(ofKind(items, 'legacyRow').filter((r) => r.table === 'GeoCarto').length, 3);
  assert.ok(ofKind(items, 'legacyRow').some((r) => r.table === 'Info' && r.data.InfoKey === 'RegionLabel'));
  const last = items.at(-1);
  assert.equal(last?.kind, 'progress');
});

const SUMMED = [
  'deaths',
  'missing',
  'injured',
  'housesDestroyed',
  'housesDamaged',
  'directlyAffected',
  'indirectlyAffected',
  'lossesLocal',
  'lossesUsd',
] as const;

function totals(cards: CardItem[]) {
  return Object.fromEntries(
    SUMMED.map((k) => [k, cards.reduce((sum, c) => sum + Number(c.card.effects[k]?.value ?? 0), 0)]),
  );
}

test('readDi8 > a path that is no DI8 region gives a clear error', async () => {
  await assert.rejects(collect(readDi8(join(folder, 'no-such-folder')).items), /no such file or folder/);
  await assert.rejects(
    collect(readDi8(join(import.meta.dirname, 'read.ts')).items),
    /neither a folder of CSV tables nor a SQLite database/,
  );
});
