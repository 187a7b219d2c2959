// Near-duplicate fingerprints for syndicated copies of one article (a wire
// story reprinted with a new dateline, byline or footer). MinHash (Broder
// 1997) over word 3-shingles estimates the Jaccard similarity of two texts;
// LSH banding (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets"
// §3.4) finds candidates through an index: 16 bands of 4 rows make a pair at
// Jaccard 0.7 a candidate with probability 1 − (1 − 0.7⁴)¹⁶ ≈ 0.99, and a
// pair at 0.3 with ≈ 0.12. SimHash was tried first: at 64 bits on ~300
// shingles a dateline plus a footer moved it 5 bits, past its usual k = 3.

export const HASHES = 64;
export const BANDS = 16;
const ROWS = HASHES / BANDS;

/** Fewer shingles than this and the estimate is noise: only identical texts are linked. */
export const MIN_SHINGLES = 24;

export interface Fingerprint {
  /** The HASHES minimum hash values. */
  readonly minhash: Uint32Array;
  /** One key per band (band index mixed in), for the candidate index. */
  readonly bands: readonly number[];
  /** How many distinct word 3-shingles the text has. */
  readonly shingles: number;
  /** Hash of the lower-cased word sequence: equal for texts differing only in case, spacing and punctuation. */
  readonly contentHash: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Murmur3's fmix32 avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32 over UTF-16 code units, then fmix32. */
function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

// Per-hash seeds: fixed, so fingerprints are the same on every machine and run.
const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

export function fingerprint(text: string): Fingerprint {
  const words = text.toLowerCase().match(WORD) ?? [];
  const seen = new Set<number>();
  const minhash = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    const h = hashString(`${words[i]} ${words[i + 1]} ${words[i + 2]}`, 0x811c9dc5);
    if (seen.has(h)) continue;
    seen.add(h);
    for (let k = 0; k < HASHES; k++) {
      const v = fmix32(h ^ (SEEDS[k] as number));
      if (v < (minhash[k] as number)) minhash[k] = v;
    }
  }
  const bands: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, 31) ^ (minhash[b * ROWS + r] as number));
    // Signed, so SQLite stores it as a 4-byte integer.
    bands.push(h | 0);
  }
  const joined = words.join(' ');
  const contentHash = [hashString(joined, 0x811c9dc5), hashString(joined, 0x01000193), joined.length]
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('');
  return { minhash, bands, shingles: seen.size, contentHash };
}

/** Estimated Jaccard similarity of two texts' shingle sets: the share of equal minimum hashes. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

export function toBlob(minhash: Uint32Array): Buffer {
  return Buffer.from(minhash.buffer, minhash.byteOffset, minhash.byteLength);
}

export function fromBlob(blob: Buffer): Uint32Array {
  const copy = new Uint8Array(blob.length);
  copy.set(blob);
  return new Uint32Array(copy.buffer);
}
