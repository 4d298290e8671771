import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { desinventarXml } from './synthetic.ts';
import { ofKind, readAll, realExport, rejectsWith, sumDecimals, tempFile } from './testing.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Member {
  name: string;
  data: Uint8Array;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
}

/** A minimal zip (deflate, no data descriptors, no zip64). */
function zip(members: Member[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const packed = deflateRawSync(member.data);
    const size = member.declaredSize ?? member.data.length;
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at);
      header.writeUInt16LE(0, at + 2);
      header.writeUInt16LE(8, at + 4);
      header.writeUInt16LE(0, at + 6);
      header.writeUInt16LE(0x21, at + 8);
      header.writeUInt32LE(crc32(member.data), at + 10);
      header.writeUInt32LE(packed.length, at + 14);
      header.writeUInt32LE(size, at + 18);
      header.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

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
