// The POS tagger: a src/learn perceptron over features.ts's templates. The
// templates of one word type (its own, and what it adds to its neighbours)
// are scored once per word type and cached as integer weight sums; only the
// word pairs are looked up per token. Integer sums make the split exact.
import { readFileSync } from 'node:fs';
import { loadSequenceLabeller, type SequenceLabeller } from '../learn/index.ts';
import { boundaryFeatures, NEIGHBOUR_OFFSETS, restFeatures, wordFeatures } from './features.ts';
import { POS_TAGS, type PosTag } from './tagset.ts';

export const POS_MODEL_NAME = 'pos-perceptron-v1';
const DEFAULT_MODEL = new URL('../../models/pos.slb', import.meta.url);

/** Word types whose scores are cached; cleared when full, so memory stays flat. */
const CACHE_LIMIT = 100_000;

export class PosTagger {
  private readonly L: number;
  /** Per word type: [own | as −2 | as −1 | as +1 | as +2] scores, L each. */
  private readonly cache = new Map<string, { readonly lower: number; readonly cap: number; readonly scores: Int32Array }>();
  /** Boundary scores per NEIGHBOUR_OFFSETS slot, L each. */
  private readonly bound: Int32Array;
  private prior = new Float64Array(1024);

  constructor(readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    const known = new Set<string>(POS_TAGS);
    for (const l of model.labels) if (!known.has(l)) throw new Error(`POS model label '${l}' is not a sitrep tag`);
    this.bound = new Int32Array(NEIGHBOUR_OFFSETS.length * this.L);
    NEIGHBOUR_OFFSETS.forEach((_, k) => {
      this.bound.set(model.scoreHashed(boundaryFeatures(k)), k * this.L);
    });
  }

  private word(w: string): { readonly lower: number; readonly cap: number; readonly scores: Int32Array } {
    const hit = this.cache.get(w);
    if (hit) return hit;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const f = wordFeatures(w);
    const L = this.L;
    const scores = new Int32Array(5 * L);
    scores.set(this.model.scoreHashed(f.own), 0);
    f.near.forEach((feats, k) => {
      scores.set(this.model.scoreHashed(feats), (k + 1) * L);
    });
    const entry = { lower: f.lower, cap: f.cap, scores };
    this.cache.set(w, entry);
    return entry;
  }

  /** Tags of one sentence's words. */
  tag(words: readonly string[]): PosTag[] {
    const n = words.length;
    if (n === 0) return [];
    const L = this.L;
    const entries = words.map((w) => this.word(w));
    if (this.prior.length < n * L) this.prior = new Float64Array(Math.max(n * L, this.prior.length * 2));
    const prior = this.prior;
    const bound = this.bound;
    for (let i = 0; i < n; i++) {
      const own = (entries[i] as { scores: Int32Array }).scores;
      const base = i * L;
      for (let y = 0; y < L; y++) prior[base + y] = own[y] as number;
      for (let k = 0; k < NEIGHBOUR_OFFSETS.length; k++) {
        const j = i + (NEIGHBOUR_OFFSETS[k] as number);
        const src = j >= 0 && j < n ? (entries[j] as { scores: Int32Array }).scores : bound;
        const at = j >= 0 && j < n ? (k + 1) * L : k * L;
        for (let y = 0; y < L; y++) prior[base + y] = (prior[base + y] as number) + (src[at + y] as number);
      }
    }
    // The constructor checked that every label is a PosTag.
    return this.model.decodeHashed(restFeatures(entries), prior, false).labels as PosTag[];
  }
}

/** Loads the committed model (or the one at `path`). */
export function loadPosTagger(path: string | URL = DEFAULT_MODEL): PosTagger {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`POS model ${String(path)} unreadable: run npm run train:pos`, { cause: error });
  }
  return new PosTagger(loadSequenceLabeller(new Uint8Array(bytes)));
}
