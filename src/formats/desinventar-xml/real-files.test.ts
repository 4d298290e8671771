/** The real exports of ../shared/data/desinventar and the figures of its MANIFEST.md. */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { test } from 'node:test';
import type { CardInput, ImportItem } from '../model.ts';
import { ofKind, readAll, realExport, sumDecimals } from './testing.ts';

const grd = realExport('grd');
const nga = realExport('nga');
const bdi = realExport('bdi');

const count = (items: ImportItem[]) => {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = item.kind === 'legacyRow' ? `legacyRow:${item.table}` : item.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

const sum = (cards: CardInput[], key: keyof CardInput['effects']) =>
  sumDecimals(cards.map((c) => c.effects[key]?.value));

/** Every card refers only to event types, causes and units yielded before it. */
function assertCatalogueOrder(items: ImportItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (item.kind === 'eventType' || item.kind === 'cause' || item.kind === 'geoUnit')
      seen.add(`${item.kind}:${item.code}`);
    if (item.kind === 'geoUnit' && item.parentCode !== null)
      assert.ok(seen.has(`geoUnit:${item.parentCode}`), item.code);
    if (item.kind !== 'card') continue;
    assert.ok(seen.has(`eventType:${item.card.eventCode}`), item.card.eventCode);
    if (item.card.causeCode !== null)
      assert.ok(seen.has(`cause:${item.card.causeCode}`), item.card.causeCode);
    assert.ok(seen.has(`geoUnit:${item.card.geoCode}`), item.card.geoCode);
  }
}

test('GRD: catalogues, geography with placeholders, extra fields, asset types, cards', {
  skip: grd.skip,
}, async () => {
  const items = await readAll(grd.path);
  const counts = count(items);
  assert.deepEqual(
    [counts.card, counts.eventType, counts.cause, counts.geoLevel, counts.extraField, counts.cardDetail],
    [162, 39, 32, 3, 146, undefined],
    'GRD extension rows are all empty: no details',
  );
  const units = ofKind(items, 'geoUnit');
  const perLevel = [1, 2, 3].map((level) => units.filter((u) => u.level === level && !u.placeholder).length);
  assert.deepEqual(perLevel, [1, 2, 176]);
  assert.deepEqual(
    units.filter((u) => u.placeholder).map((u) => [u.code, u.level, u.parentCode, u.names.en]),
    [
      ['0101', 2, 'GRD', 'St George'],
      ['0102', 2, 'GRD', 'St David'],
      ['0103', 2, 'GRD', 'St Andrew'],
      ['0106', 2, 'GRD', 'St John'],
      ['0105', 2, 'GRD', 'St Mark'],
      ['0107', 2, 'GRD', 'St Patrick'],
    ],
  );
  assert.equal(
    units.filter((u) => u.parentCode !== null && units.find((p) => p.code === u.parentCode)?.placeholder)
      .length,
    168,
  );
  assert.equal(counts['legacyRow:regiones'], 189);
  assert.equal(counts.assetType, 496 + 16, '496 metadata elements + 16 generic Sendai groups');
  assert.equal(counts['legacyRow:metadata_element'], 508);
  const storage = (s: string) => ofKind(items, 'extraField').filter((f) => f.storage === s).length;
  // 98 Sendai columns (45 human, 53 asset) + 12 per-asset quartets (48 asset columns).
  assert.deepEqual(['human_effects', 'asset_effects', 'extra'].map(storage), [45, 53 + 48, 0]);
  assertCatalogueOrder(items);
  const progress = ofKind(items, 'progress').at(-1);
  assert.deepEqual(progress, {
    kind: 'progress',
    bytesRead: statSync(grd.path).size,
    bytesTotal: statSync(grd.path).size,
  });
});

test('GRD: sums of all 162 cards match the manifest', { skip: grd.skip }, async () => {
  const cards = ofKind(await readAll(grd.path), 'card').map((c) => c.card);
  const expected = {
    ...{ deaths: '5209', injured: '1249', missing: '0', housesDestroyed: '434', housesDamaged: '33722' },
    ...{ directlyAffected: '107584', indirectlyAffected: '266393', evacuated: '9504', relocated: '0' },
    ...{
      lossesLocal: '2702715000',
      lossesUsd: '1149060000',
      cropsHa: '741.34',
      livestock: '14394',
      roadsM: '449158.9',
    },
  };
  for (const [key, value] of Object.entries(expected))
    assert.equal(sum(cards, key as keyof CardInput['effects']), value, key);
});

test('GRD: approved-only (published) sums and per-event figures match the manifest', {
  skip: grd.skip,
}, async () => {
  const cards = ofKind(await readAll(grd.path), 'card').map((c) => c.card);
  const published = cards.filter((c) => c.status === 'published');
  assert.equal(published.length, 131);
  assert.equal(cards.filter((c) => c.status === 'support').length, 31);
  const expected = {
    ...{
      deaths: '5176',
      injured: '1223',
      housesDestroyed: '429',
      housesDamaged: '33719',
      directlyAffected: '102006',
    },
    ...{
      indirectlyAffected: '265208',
      evacuated: '9489',
      lossesLocal: '2702485000',
      lossesUsd: '1148974000',
    },
  };
  for (const [key, value] of Object.entries(expected))
    assert.equal(sum(published, key as keyof CardInput['effects']), value, key);
  const byEvent = (event: string) => {
    const of = published.filter((c) => c.eventCode === event);
    return [
      of.length,
      sum(of, 'deaths'),
      sum(of, 'housesDestroyed'),
      sum(of, 'housesDamaged'),
      sum(of, 'lossesUsd'),
    ];
  };
  const events: [string, (string | number)[]][] = [
    ['HURRICANE', [27, '116', '327', '33017', '969778000']],
    ['STORM', [19, '0', '1', '113', '3290000']],
    ['FLOOD', [17, '41', '15', '58', '8141000']],
    ['EARTHQUAKE', [10, '0', '0', '0', '0']],
    ['EPIDEMIC', [10, '4940', '0', '0', '0']],
    ['FIRE', [9, '2', '5', '0', '7925000']],
    ['BIOLOGICAL', [8, '0', '0', '0', '60000000']],
    ['COASTAL EROSION', [6, '0', '16', '31', '5500000']],
    ['LANDSLIDE', [5, '3', '53', '499', '0']],
    ['COASTAL FLOOD', [1, '0', '12', '0', '94340000']],
  ];
  for (const [event, figures] of events) assert.deepEqual(byEvent(event), figures, event);
  const tally = (event: string) => published.filter((c) => c.eventCode === event).length;
  assert.deepEqual(
    ['TSUNAMI', 'DROUGHT', 'VOLCANO', 'OTHER', 'THUNDERSTORM', 'FOREST FIRE', 'ACCIDENT'].map(tally),
    [4, 4, 3, 3, 3, 1, 1],
  );
  assert.equal(
    sum(
      published.filter((c) => c.eventCode === 'DROUGHT'),
      'indirectlyAffected',
    ),
    '106500',
  );
  assert.equal(
    sum(
      published.filter((c) => c.eventCode === 'OTHER'),
      'deaths',
    ),
    '65',
  );
  assert.equal(
    sum(
      published.filter((c) => c.eventCode === 'THUNDERSTORM'),
      'housesDamaged',
    ),
    '1',
  );
  assert.equal(
    sum(
      published.filter((c) => c.eventCode === 'ACCIDENT'),
      'deaths',
    ),
    '9',
  );
});

test('NGA: 37 states, 773 LGAs, one card with an all-zero extension row kept as a detail', {
  skip: nga.skip,
}, async () => {
  const items = await readAll(nga.path);
  const units = ofKind(items, 'geoUnit');
  assert.deepEqual(
    [1, 2].map((l) => units.filter((u) => u.level === l).length),
    [37, 773],
  );
  assert.equal(units.filter((u) => u.placeholder).length, 0);
  assert.ok(
    units.every((u) => u.bbox !== null),
    'every unit has a regiones box',
  );
  assert.deepEqual(
    ofKind(items, 'geoLevel').map((l) => [l.level, l.names.en, l.codeLength]),
    [
      [1, 'States', 6],
      [2, 'LGA', 9],
    ],
  );
  const counts = count(items);
  assert.deepEqual(
    [counts.card, counts.eventType, counts.extraField, counts['legacyRow:niveles']],
    [1, 38, 100, 1],
  );
  const [detail] = ofKind(items, 'cardDetail');
  assert.equal(detail?.sourceKey, '1');
  assert.ok(detail!.humanEffects.length > 0 && detail!.humanEffects.every((h) => h.value === 0));
  const card = ofKind(items, 'card')[0]!.card;
  assert.deepEqual(
    [card.geoCode, card.eventCode, card.latitude, card.longitude],
    ['NGA013010', 'LIQUEFACTION', null, null],
  );
  assertCatalogueOrder(items);
});

test('BDI: 18 provinces, 119 communes, no cards, 499 metadata elements (496 distinct keys)', {
  skip: bdi.skip,
}, async () => {
  const items = await readAll(bdi.path);
  const units = ofKind(items, 'geoUnit');
  assert.deepEqual(
    [1, 2].map((l) => units.filter((u) => u.level === l).length),
    [18, 119],
  );
  const counts = count(items);
  assert.deepEqual(
    [counts.card, counts.eventType, counts['legacyRow:metadata_element']],
    [undefined, 30, 499],
  );
  // The 3 'bdi' rows override template rows of the same key: one asset type per key.
  assert.equal(counts.assetType, 496);
  assert.equal(ofKind(items, 'assetType').find((a) => a.code === '357')?.legacy.metadata_country, 'bdi');
});
