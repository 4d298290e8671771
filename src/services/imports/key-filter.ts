/**
 * A Bloom filter of strings in a fixed amount of memory: `mightHave` is false for a key never
 * added, and true for every key added (and, rarely, for one that was not). The loader asks it
 * before asking the database whether an import has seen a key already; with the default size the
 * false answers that still cost a query stay below one in a billion up to several million keys.
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `log2Bits`: the filter holds 2^log2Bits bits (default 2^27 = 16 MiB). */
  constructor(
    log2Bits = 27,
    private readonly probes = 7,
  ) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(key: string): void {
    let [h, step] = hashes(key);
    for (let i = 0; i < this.probes; i++) {
      const bit = h & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      h = (h + step) >>> 0;
      step = (step + i) >>> 0;
    }
  }

  mightHave(key: string): boolean {
    let [h, step] = hashes(key);
    for (let i = 0; i < this.probes; i++) {
      const bit = h & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      h = (h + step) >>> 0;
      step = (step + i) >>> 0;
    }
    return true;
  }
}

/** Two independent 32-bit hashes of the key's UTF-16 units (FNV-1a and a multiplicative mix). */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  // An odd step visits distinct bits.
  return [a >>> 0, (b | 1) >>> 0];
}
