import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { zip } from '../zip-fixture.ts';
import { desinventarXml } from './synthetic.ts';
import { ofKind, readAll, realExport, rejectsWith, sumDecimals, tempFile } from './testing.ts';

const grd = realExport('grd');
const shapefile = { name: 'GRD_Country.shp', data: new Uint8Array(100) };

test('a zip holding the GRD export (and its shapefiles) reads like the XML', { skip: grd.skip }, async () => {
  const xml = readFileSync(grd.path);
  const path = tempFile(zip([shapefile, { name: 'DI_export_grd.xml', data: xml }]), 'DI_export_grd.zip');
  const items = await readAll(path);
  const cards = ofKind(items, 'card');
  assert.equal(cards.length, 162);
  assert.equal(sumDecimals(cards.map((c) => c.card.effects.deaths?.value)), '5209');
  assert.equal(sumDecimals(cards.map((c) => c.card.effects.roadsM?.value)), '449158.9');
  assert.deepEqual(ofKind(items, 'progress').at(-1), {
    kind: 'progress',
    bytesRead: xml.length,
    bytesTotal: xml.length,
  });
});

function bigCard(comment: number): Uint8Array {
  const card = { evento: 'FLOOD', level0: 'X', fechano: '2001', di_comments: 'a'.repeat(comment) };
  return new TextEncoder().encode(desinventarXml([['fichas', [card]]]));
}

test('a zip member that inflates far beyond its compressed size is cut off mid-stream', async () => {
  const path = tempFile(zip([{ name: 'DI_export_x.xml', data: bigCard(30_000_000) }]), 'bomb.zip');
  await rejectsWith(readAll(path), /bomb\.zip\/DI_export_x\.xml: inflates more than 200 times/, /zip bomb/);
});

test('the uncompressed-size cap: declared too large, or inflating past a lying header', async () => {
  const honest = tempFile(zip([{ name: 'DI_export_x.xml', data: bigCard(5_000_000) }]), 'big.zip');
  await rejectsWith(
    readAll(honest, { maxUncompressedBytes: 1_000_000 }),
    /DI_export_x\.xml: inflates beyond 1000000 bytes/,
  );
  const lying = tempFile(
    zip([{ name: 'DI_export_x.xml', data: bigCard(5_000_000), declaredSize: 1000 }]),
    'liar.zip',
  );
  await rejectsWith(
    readAll(lying, { maxCompressionRatio: 1e9 }),
    /liar\.zip\/DI_export_x\.xml: .*too many bytes/,
  );
});

test('zips without one XML member, and broken zips, are refused', async () => {
  await rejectsWith(
    readAll(tempFile(zip([shapefile]), 'maps.zip')),
    /maps\.zip: the zip holds no \.xml file/,
  );
  const two = zip([
    { name: 'a.xml', data: bigCard(1) },
    { name: 'b.xml', data: bigCard(1) },
  ]);
  await rejectsWith(readAll(tempFile(two, 'two.zip')), /several XML files \(a\.xml, b\.xml\)/);
  await rejectsWith(
    readAll(tempFile(Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.zip')),
    /broken\.zip: not a readable zip file/,
  );
});
