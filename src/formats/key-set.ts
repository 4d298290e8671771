/**
 * A set of record keys that stays small for the keys exports actually use: whole numbers
 * (DesInventar's clave, 1…n) are bits of a growable bitmap, one bit per number up to the largest,
 * so a million cards take 125 KB instead of tens of megabytes of strings; any other key (text,
 * leading zeros, beyond 2^27) goes to an ordinary Set.
 */
const MAX_BIT = 2 ** 27; // 16 MiB of bitmap at most

export class KeySet {
  private bits = new Uint8Array(1024);
  private readonly others = new Set<string>();

  /** The key as a bitmap index, or -1 when it is not a plain whole number in range. */
  private static index(key: string): number {
    if (key.length === 0 || key.length > 9 || (key.length > 1 && key[0] === '0')) return -1;
    let n = 0;
    for (let i = 0; i < key.length; i++) {
      const d = key.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n < MAX_BIT ? n : -1;
  }

  has(key: string): boolean {
    const n = KeySet.index(key);
    if (n < 0) return this.others.has(key);
    const byte = n >>> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (n & 7))) !== 0;
  }

  add(key: string): void {
    const n = KeySet.index(key);
    if (n < 0) {
      this.others.add(key);
      return;
    }
    const byte = n >>> 3;
    if (byte >= this.bits.length) {
      let size = this.bits.length;
      while (size <= byte) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte]! |= 1 << (n & 7);
  }
}
