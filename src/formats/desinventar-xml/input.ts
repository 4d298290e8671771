/** The bytes of a DesInventar export: an .xml file, or the XML member of a zip (told apart by content). */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { SourceFormatError } from '../model.ts';
import { openZipXml, type ZipLimits } from './zip.ts';

/** A byte stream with a name for messages and its total size when known. */
export interface Input {
  name: string;
  bytesTotal: number | null;
  chunks: AsyncIterable<Uint8Array>;
}

const CHUNK_BYTES = 128 * 1024;

/** Open a file for reading; a zip (PK signature) yields its XML member. */
export async function openInput(path: string, limits: ZipLimits): Promise<Input> {
  const name = basename(path);
  const head = Buffer.alloc(4);
  let size: number;
  try {
    const handle = await open(path, 'r');
    try {
      size = (await handle.stat()).size;
      await handle.read(head, 0, 4, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new SourceFormatError(`cannot read ${path}: ${(error as Error).message}`);
  }
  if (size === 0) throw new SourceFormatError(`${name}: empty file`);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5)) {
    const member = await openZipXml(path, limits);
    return { name: member.name, bytesTotal: member.size, chunks: member.chunks };
  }
  return { name, bytesTotal: size, chunks: createReadStream(path, { highWaterMark: CHUNK_BYTES }) };
}
