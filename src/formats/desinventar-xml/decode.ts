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

/**
 * Streaming decoder: feed chunks, then call end(). The caller hands back the text it has not
 * consumed yet (an element or value cut by the end of a chunk); it is decoded again in front of
 * the next chunk, so that every call returns one flat string (V8 reads a concatenation of two
 * strings character by character at less than half the speed).
 */
export class ByteDecoder {
  /** Raw bytes consumed so far. */
  bytesRead = 0;
  private decoder: TextDecoder | null = null;
  private strict = true;
  private head: Uint8Array[] = [];
  private headLength = 0;
  /** Bytes of an incomplete UTF-8 sequence at the end of the previous chunk. */
  private pending: Uint8Array = new Uint8Array(0);
  private readonly encoder = new TextEncoder();
  private first = true;

  /** Decode `unread` (text returned earlier and not consumed) and the next chunk; '' while sniffing the encoding. */
  write(chunk: Uint8Array, unread = ''): string {
    this.bytesRead += chunk.length;
    if (this.decoder) return this.decode(chunk, unread, false);
    this.head.push(chunk);
    this.headLength += chunk.length;
    return this.headLength >= SNIFF_BYTES ? this.start(false) : '';
  }

  /** Decode what is left; throws when the input ends inside a UTF-8 sequence. */
  end(unread = ''): string {
    return this.decoder ? this.decode(new Uint8Array(0), unread, true) : this.start(true);
  }

  private start(last: boolean): string {
    const bytes = concat(this.head);
    this.head = [];
    this.decoder = this.chooseDecoder(bytes);
    return this.decode(bytes, '', last);
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
    // Each window is decoded on its own: the BOM is dropped here, once, not at every window.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  }

  private decode(chunk: Uint8Array, unread: string, last: boolean): string {
    const decoder = this.decoder!;
    let bytes = chunk;
    if (this.first) {
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    if (!this.strict) {
      // Windows-1252: one byte per character, nothing pending; the unread text goes back as is.
      const text = decoder.decode(bytes);
      return unread === '' ? text : unread + text;
    }
    const parts = [this.encoder.encode(unread), this.pending, bytes].filter((p) => p.length > 0);
    const all = parts.length === 1 ? parts[0]! : concat(parts);
    const cut = last ? all.length : all.length - trailingSequence(all).length;
    try {
      const text = decoder.decode(all.subarray(0, cut));
      this.pending = all.slice(cut);
      return text;
    } catch {
      const bad = firstInvalidUtf8(all);
      const offset = this.bytesRead - all.length + bad;
      const validText = new TextDecoder('utf-8').decode(all.subarray(0, bad));
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

/** The bytes of an unfinished UTF-8 sequence at the end of `bytes` (at most 3). */
function trailingSequence(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(bytes.length - back) : new Uint8Array(0);
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
