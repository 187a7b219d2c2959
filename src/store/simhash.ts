// Near-duplicate fingerprints for syndicated copies of one article (wire
// stories reprinted with a new headline, byline or footer). SimHash (Charikar
// 2002) over word 3-shingles; copies are found with the band trick of Manku,
// Jain & Das Sarma (WWW 2007): split 64 bits into 4 bands of 16, and two
// fingerprints within Hamming distance 3 agree exactly on at least one band.

/** Fewer shingles than this and the fingerprint is noise: only exact copies are linked. */
export const MIN_SHINGLES = 24;

export interface Fingerprint {
  /** 64-bit SimHash as 16 hex digits. */
  readonly simhash: string;
  /** The four 16-bit bands, high to low: the index keys for candidate lookup. */
  readonly bands: readonly [number, number, number, number];
  /** How many word 3-shingles the text has. */
  readonly shingles: number;
  /** Hash of the normalised word sequence: equal for texts that differ only in case, spacing and punctuation. */
  readonly contentHash: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** FNV-1a 32 over UTF-16 code units with a seed, then Murmur3's fmix32. */
function hash32(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

export function fingerprint(text: string): Fingerprint {
  const words = text.toLowerCase().match(WORD) ?? [];
  const weights = new Int32Array(64);
  let shingles = 0;
  for (let i = 0; i + 2 < words.length; i++) {
    const shingle = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
    const hi = hash32(shingle, 0x811c9dc5);
    const lo = hash32(shingle, 0x9747b28c);
    for (let b = 0; b < 32; b++) {
      weights[b] = (weights[b] ?? 0) + ((hi >>> (31 - b)) & 1 ? 1 : -1);
      weights[32 + b] = (weights[32 + b] ?? 0) + ((lo >>> (31 - b)) & 1 ? 1 : -1);
    }
    shingles++;
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if ((weights[b] ?? 0) > 0) hi |= 1 << (31 - b);
    if ((weights[32 + b] ?? 0) > 0) lo |= 1 << (31 - b);
  }
  hi >>>= 0;
  lo >>>= 0;
  const joined = words.join(' ');
  const contentHash = `${hex32(hash32(joined, 0x811c9dc5))}${hex32(hash32(joined, 0x01000193))}${joined.length.toString(16)}`;
  return {
    simhash: hex32(hi) + hex32(lo),
    bands: [hi >>> 16, hi & 0xffff, lo >>> 16, lo & 0xffff],
    shingles,
    contentHash,
  };
}

function popcount32(x: number): number {
  let v = x >>> 0;
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Hamming distance of two 16-hex-digit SimHashes. */
export function hammingDistance(a: string, b: string): number {
  const ahi = Number.parseInt(a.slice(0, 8), 16);
  const alo = Number.parseInt(a.slice(8), 16);
  const bhi = Number.parseInt(b.slice(0, 8), 16);
  const blo = Number.parseInt(b.slice(8), 16);
  return popcount32(ahi ^ bhi) + popcount32(alo ^ blo);
}
