/**
 * The XML member of a DesInventar zip (DI_export_<code>.zip: the XML plus level shapefiles),
 * streamed with caps: a member that inflates beyond `maxBytes`, or faster than `maxRatio` times
 * its compressed size, is cut off mid-stream with a SourceFormatError.
 */
import { basename } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
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
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false }).catch((error: Error) => {
    throw new SourceFormatError(`${basename(path)}: not a readable zip file (${error.message})`);
  });
  try {
    const entry = await findXml(zip, basename(path));
    if (entry.uncompressedSize > limits.maxBytes) throw tooLarge(path, entry, limits);
    const stream = await zip.openReadStreamPromise(entry);
    return {
      name: `${basename(path)}/${entry.fileName}`,
      size: entry.uncompressedSize,
      chunks: closing(zip, capped(stream, path, entry, limits)),
    };
  } catch (error) {
    zip.close();
    throw error;
  }
}

async function findXml(zip: ZipFile, name: string): Promise<Entry> {
  const candidates: Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    if (/\.xml$/i.test(entry.fileName) && !entry.fileName.endsWith('/')) candidates.push(entry);
  }
  const preferred = candidates.filter((e) => /(^|\/)DI_export[^/]*\.xml$/i.test(e.fileName));
  const chosen = preferred.length === 1 ? preferred : candidates;
  if (chosen.length === 1) return chosen[0]!;
  const found = candidates.map((e) => e.fileName).join(', ');
  throw new SourceFormatError(
    chosen.length === 0
      ? `${name}: the zip holds no .xml file`
      : `${name}: the zip holds several XML files (${found})`,
  );
}

async function* closing(zip: ZipFile, chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } finally {
    zip.close();
  }
}

/** An opened zip whose members are read by name, each capped as `openZipXml` caps the XML. */
export interface ZipArchive {
  /** Member names, in the order of the central directory. */
  readonly names: string[];
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
  return {
    names: [...entries.keys()],
    async *read(name: string) {
      const entry = entries.get(name);
      if (!entry) throw new SourceFormatError(`${basename(path)}: the zip has no member ${name}`);
      if (entry.uncompressedSize > limits.maxBytes) throw tooLarge(path, entry, limits);
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
      if (total > limits.maxBytes) throw tooLarge(path, entry, limits);
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

function tooLarge(path: string, entry: Entry, limits: ZipLimits): SourceFormatError {
  return new SourceFormatError(
    `${basename(path)}/${entry.fileName}: inflates beyond ${limits.maxBytes} bytes, the limit for one export`,
  );
}
