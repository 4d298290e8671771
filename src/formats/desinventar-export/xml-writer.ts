/**
 * A streaming writer of DesInventar's XML export shape: one root DESINVENTAR, one element per
 * table, one TR per row, one element per column (lower-case), text escaped. Output is buffered
 * into chunks and written to a Writable with backpressure, so memory stays flat at any size.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

// XML 1.0 allows tab, LF, CR and U+0020 upwards, except lone surrogates and U+FFFE / U+FFFF.
const INVALID_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>'"\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&apos;',
  '"': '&quot;',
  // A raw CR would be normalised to LF by every XML parser; the reference keeps it.
  '\r': '&#13;',
};

/** Remove the characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/F). */
export const stripInvalidXml = (text: string): string => text.replace(INVALID_XML, '');

/** Text content as DesInventar writes it: & < > ' " escaped, invalid characters dropped. */
export const escapeXml = (text: string): string =>
  stripInvalidXml(text).replace(SPECIAL, (c) => ENTITIES[c] ?? c);

/** A column tag: lower-case, and only characters an XML name may hold. */
export function xmlName(name: string): string {
  const lower = name.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
  return /^[a-z_]/.test(lower) ? lower : `_${lower}`;
}

/** A cell value: null and undefined are written as an empty element (DesInventar cannot tell them apart). */
export type XmlCell = string | number | boolean | null | undefined;

function cellText(value: XmlCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return escapeXml(String(value));
}

/** Writes text to a Writable in chunks, waiting for 'drain' when the consumer is slower. */
export class ChunkedOutput {
  private parts: string[] = [];
  private size = 0;
  /** Characters handed to the Writable so far. */
  written = 0;

  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 64 * 1024,
  ) {}

  /** Append text; flushes (and waits for the consumer) once a chunk is full. */
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.chunkSize) await this.flush();
  }

  /** Hand everything buffered to the Writable and wait if it asks us to. */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.written += chunk.length;
    if (this.out.destroyed) throw new Error('export output was closed before the export finished');
    if (!this.out.write(chunk)) await waitForDrain(this.out);
  }

  /** Copy a stream (e.g. a table spooled to a file) to the Writable as is, with backpressure. */
  async copyFrom(source: AsyncIterable<Buffer | string>): Promise<void> {
    await this.flush();
    for await (const chunk of source) {
      if (this.out.destroyed) throw new Error('export output was closed before the export finished');
      this.written += chunk.length;
      if (!this.out.write(chunk)) await waitForDrain(this.out);
    }
  }
}

/** Resolve on 'drain'; reject when the stream errors or closes first (a client that went away). */
async function waitForDrain(out: Writable): Promise<void> {
  const ac = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new Error('export output was closed before the export finished');
      }),
    ]);
  } finally {
    ac.abort();
  }
}

/** The DesInventar XML document: header, tables in the caller's order, rows, footer. */
export class DesInventarXmlWriter {
  private readonly output: ChunkedOutput;
  private table: string | null = null;
  private rows = 0;

  constructor(out: Writable, chunkSize?: number) {
    this.output = new ChunkedOutput(out, chunkSize);
  }

  /** The XML declaration and the root element (spacing as DesInventar writes it). */
  begin(): Promise<void> {
    return this.output.write('<?xml version="1.0"  encoding="UTF-8" ?>\n<DESINVENTAR>\n');
  }

  /** Open a table element. */
  async startTable(name: string): Promise<void> {
    if (this.table) throw new Error(`table ${this.table} is still open`);
    this.table = xmlName(name);
    this.rows = 0;
    await this.output.write(`<${this.table}>\n`);
  }

  /** One TR with the given columns in order. */
  async row(columns: Iterable<readonly [string, XmlCell]>): Promise<void> {
    if (!this.table) throw new Error('row() outside a table');
    let text = '<TR>';
    for (const [name, value] of columns) {
      const tag = xmlName(name);
      text += `<${tag}>${cellText(value)}</${tag}>\n`;
    }
    this.rows += 1;
    await this.output.write(`${text}</TR>\n`);
  }

  /** Close the open table; returns its row count. */
  async endTable(): Promise<number> {
    if (!this.table) throw new Error('endTable() without a table');
    await this.output.write(`</${this.table}>\n`);
    this.table = null;
    return this.rows;
  }

  /** Copy XML produced elsewhere (a table spooled to a file) into the document as is. */
  copyFrom(source: AsyncIterable<Buffer | string>): Promise<void> {
    if (this.table) throw new Error(`table ${this.table} is still open`);
    return this.output.copyFrom(source);
  }

  /** Flush buffered text without closing the document. */
  flush(): Promise<void> {
    return this.output.flush();
  }

  /** Close the root element and flush; the caller ends the stream. */
  async end(): Promise<void> {
    if (this.table) throw new Error(`table ${this.table} is still open`);
    await this.output.write('</DESINVENTAR>\n');
    await this.output.flush();
  }
}
