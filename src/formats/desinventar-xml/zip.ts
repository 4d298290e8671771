/**
 * The XML member of a DesInventar zip (DI_export_<code>.zip: the XML plus level shapefiles),
 * streamed with caps: a member that inflates beyond `maxBytes`, or faster than `maxRatio` times
 * its compressed size, is cut off mid-stream with a SourceFormatError.
 */
import { basename } from 'node:path';
import yauzl, { type Entry } from 'yauzl';
import { SourceFormatError } from '../model.ts';

/** Limits on what one zip member may inflate to. */
export interface ZipLimits {
  /** Largest uncompressed size accepted (default 2 GiB). */
  maxBytes: number;
  /** Largest uncompressed / compressed ratio accepted (default 200; XML exports reach about 30). */
  maxRatio: number;
}

/** The default limits. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxBytes: 2 * 1024 ** 3, maxRatio: 200 };

/** Ratios are only judged past this many bytes, so tiny members of empty tables pass. */
const RATIO_FLOOR = 1024 * 1024;

/** An opened zip member: its name, declared size and bytes. */
export interface ZipMember {
  name: string;
  size: number;
  chunks: AsyncIterable<Uint8Array>;
}

/** Open the export's XML member: the one named DI_export*.xml, else the only .xml member. */
export async function openZipXml(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipMember> {
  const archive = await openZip(path, limits);
  try {
    const member = findXml(archive.names, basename(path));
    const size = archive.sizeOf(member);
    if (size > limits.maxBytes) throw tooLarge(path, member, limits);
    return { name: `${basename(path)}/${member}`, size, chunks: closing(archive, archive.read(member)) };
  } catch (error) {
    archive.close();
    throw error;
  }
}

function findXml(names: string[], name: string): string {
  const candidates = names.filter((n) => /\.xml$/i.test(n) && !n.endsWith('/'));
  const preferred = candidates.filter((n) => /(^|\/)DI_export[^/]*\.xml$/i.test(n));
  const chosen = preferred.length === 1 ? preferred : candidates;
  if (chosen.length === 1) return chosen[0]!;
  const found = candidates.join(', ');
  throw new SourceFormatError(
    chosen.length === 0
      ? `${name}: the zip holds no .xml file`
      : `${name}: the zip holds several XML files (${found})`,
  );
}

async function* closing(archive: ZipArchive, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } finally {
    archive.close();
  }
}

/** An opened zip whose members are read by name, each capped as `openZipXml` caps the XML. */
export interface ZipArchive {
  /** Member names, in the order of the central directory. */
  readonly names: string[];
  /** The declared uncompressed size of a member. */
  sizeOf(name: string): number;
  /** The bytes of a member (SourceFormatError if missing, too large or a likely bomb). */
  read(name: string): AsyncGenerator<Uint8Array>;
  close(): void;
}

/** Open a zip for random access to its members (the caller closes it). */
export async function openZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false }).catch((error: Error) => {
    throw new SourceFormatError(`${basename(path)}: not a readable zip file (${error.message})`);
  });
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
  } catch (error) {
    zip.close();
    throw new SourceFormatError(`${basename(path)}: not a readable zip file (${(error as Error).message})`);
  }
  const entryOf = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new SourceFormatError(`${basename(path)}: the zip has no member ${name}`);
    return entry;
  };
  return {
    names: [...entries.keys()],
    sizeOf: (name) => entryOf(name).uncompressedSize,
    async *read(name: string) {
      const entry = entryOf(name);
      if (entry.uncompressedSize > limits.maxBytes) throw tooLarge(path, entry.fileName, limits);
      const stream = await zip.openReadStreamPromise(entry).catch((error: Error) => {
        throw new SourceFormatError(`${basename(path)}/${name}: ${error.message}`);
      });
      try {
        yield* capped(stream, path, entry, limits);
      } finally {
        stream.destroy();
      }
    },
    close: () => zip.close(),
  };
}

async function* capped(
  stream: AsyncIterable<Uint8Array>,
  path: string,
  entry: Entry,
  limits: ZipLimits,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > limits.maxBytes) throw tooLarge(path, entry.fileName, limits);
      if (total > RATIO_FLOOR && total > Math.max(entry.compressedSize, 1) * limits.maxRatio) {
        throw new SourceFormatError(
          `${basename(path)}/${entry.fileName}: inflates more than ${limits.maxRatio} times its compressed size ` +
            `(${entry.compressedSize} bytes); refusing a possible zip bomb`,
        );
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof SourceFormatError) throw error;
    throw new SourceFormatError(`${basename(path)}/${entry.fileName}: ${(error as Error).message}`);
  }
}

function tooLarge(path: string, member: string, limits: ZipLimits): SourceFormatError {
  return new SourceFormatError(
    `${basename(path)}/${member}: inflates beyond ${limits.maxBytes} bytes, the limit for one export`,
  );
}
