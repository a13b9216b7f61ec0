/**
 * A stable 32-bit hash of a string, the same in every process and release: FNV-1a over the UTF-8
 * bytes, then murmur3's fmix32 finaliser. FNV-1a alone lets keys that differ only in their last
 * characters ("s-101", "s-102") land close together in the high bits; the finaliser spreads every
 * input bit over the whole word, so `hash / 2^32` is uniform enough to split traffic by.
 */
export function unitHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i) ?? 0;
    if (code > 0xffff) i++; // the second half of a surrogate pair is part of this code point
    if (code < 0x80) {
      h = fnvByte(h, code);
    } else if (code < 0x800) {
      h = fnvByte(fnvByte(h, 0xc0 | (code >> 6)), 0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      h = fnvByte(fnvByte(fnvByte(h, 0xe0 | (code >> 12)), 0x80 | ((code >> 6) & 0x3f)), 0x80 | (code & 0x3f));
    } else {
      h = fnvByte(h, 0xf0 | (code >> 18));
      h = fnvByte(h, 0x80 | ((code >> 12) & 0x3f));
      h = fnvByte(h, 0x80 | ((code >> 6) & 0x3f));
      h = fnvByte(h, 0x80 | (code & 0x3f));
    }
  }
  return fmix32(h);
}

/** The hash as a point in [0, 1). */
export function unitPoint(text: string): number {
  return unitHash(text) / 4294967296;
}

function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ byte, 0x01000193) >>> 0;
}

function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
