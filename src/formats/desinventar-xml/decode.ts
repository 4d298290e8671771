/**
 * Bytes -> text for the XML tokenizer. UTF-8 is decoded strictly (a Latin-1 file must fail, not
 * turn into mojibake); an XML declaration naming ISO-8859-1 or Windows-1252 is honoured.
 */

/** A byte sequence that is not UTF-8; `validText` is what decoded cleanly before it. */
export class InvalidUtf8Error extends Error {
  constructor(
    readonly byteOffset: number,
    readonly validText: string,
  ) {
    super(`invalid UTF-8 at byte ${byteOffset}`);
  }
}

/** An encoding the reader cannot decode. */
export class UnsupportedEncodingError extends Error {}

const SNIFF_BYTES = 512;
const SINGLE_BYTE = /^(iso[-_]?8859-1|latin-?1|l1|windows-1252|cp1252|us-ascii|ascii)$/i;
const DECLARED_ENCODING = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/;

/** Streaming decoder: feed chunks, then call end(). */
export class ByteDecoder {
  /** Raw bytes consumed so far. */
  bytesRead = 0;
  private decoder: TextDecoder | null = null;
  private strict = true;
  private head: Uint8Array[] = [];
  private headLength = 0;
  /** Bytes of an incomplete UTF-8 sequence at the end of the previous chunk (for error offsets). */
  private tail: Uint8Array = new Uint8Array(0);

  /** Decode the next chunk (may return '' while the encoding is still being sniffed). */
  write(chunk: Uint8Array): string {
    this.bytesRead += chunk.length;
    if (this.decoder) return this.decode(chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    return this.headLength >= SNIFF_BYTES ? this.start() : '';
  }

  /** Decode what is left; throws when the input ends inside a UTF-8 sequence. */
  end(): string {
    const text = this.decoder ? '' : this.start();
    return text + this.decode(new Uint8Array(0), false);
  }

  private start(): string {
    const bytes = concat(this.head);
    this.head = [];
    this.decoder = this.chooseDecoder(bytes);
    return this.decode(bytes);
  }

  private chooseDecoder(bytes: Uint8Array): TextDecoder {
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      throw new UnsupportedEncodingError('the file is UTF-16; DesInventar exports are UTF-8');
    }
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const head = String.fromCharCode(...bytes.subarray(start, start + 200));
    const declared = DECLARED_ENCODING.exec(head)?.[1];
    if (declared && SINGLE_BYTE.test(declared)) {
      this.strict = false;
      return new TextDecoder('windows-1252');
    }
    if (declared && !/^utf-?8$/i.test(declared)) {
      throw new UnsupportedEncodingError(
        `the XML declaration names encoding "${declared}"; only UTF-8 and ISO-8859-1 are read`,
      );
    }
    return new TextDecoder('utf-8', { fatal: true });
  }

  private decode(chunk: Uint8Array, stream = true): string {
    const decoder = this.decoder!;
    try {
      const text = decoder.decode(chunk, { stream });
      if (this.strict) this.tail = trailingSequence(this.tail, chunk);
      return text;
    } catch {
      const bytes = concat([this.tail, chunk]);
      const bad = firstInvalidUtf8(bytes);
      const offset = this.bytesRead - chunk.length - this.tail.length + bad;
      const validText = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
      throw new InvalidUtf8Error(offset, validText);
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  // One part is returned as is (no copy).
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The bytes of an unfinished UTF-8 sequence at the end of `previous + chunk` (at most 3). */
function trailingSequence(previous: Uint8Array, chunk: Uint8Array): Uint8Array {
  const bytes = chunk.length >= 4 ? chunk : concat([previous, chunk]);
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.slice(bytes.length - back) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** Index of the first byte that does not start a valid UTF-8 sequence (bytes.length when none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // Second-byte ranges that exclude overlong forms, surrogates and code points above U+10FFFF.
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}
