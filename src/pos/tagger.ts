// The POS tagger: a src/learn perceptron over features.ts's templates. The
// templates of one word type (its own, and what it adds to its neighbours)
// are scored once per word type and cached as integer weight sums; only the
// word pairs are looked up per token. Integer sums make the split exact.
// Rows are keyed by word-type ids (src/learn WordTypes): the caller's, when
// it has them (the claims stage's document view), else the tagger's own.
import { readFileSync } from 'node:fs';
import { addSequenceWeights, loadSequenceLabeller, type SequenceLabeller, type TypeIds, TypeRows, WordTypes } from '../learn/index.ts';
import { assetUrl } from '../model/assets.ts';
import { boundaryFeatures, NEIGHBOUR_OFFSETS, restFeatures, wordFeatures } from './features.ts';
import { POS_TAGS, type PosTag } from './tagset.ts';

export const POS_MODEL_NAME = 'pos-perceptron-v1';
const DEFAULT_MODEL = assetUrl('models/pos.slb');

/** Word types whose scores are cached; cleared when full, so memory stays flat. */
const CACHE_LIMIT = 100_000;

export class PosTagger {
  private readonly L: number;
  /**
   * Per word type: [own | as −2 | as −1 | as +1 | as +2] scores, L each,
   * then its lower-case hash (as int32) and capitalisation class. Rows by
   * the tagger's own ids and by the caller's are kept apart, so a process
   * using both does not empty one for the other.
   */
  private readonly ownRows: TypeRows;
  private readonly givenRows: TypeRows;
  /** Ids for callers that pass words only. */
  private readonly types = new WordTypes<null>(CACHE_LIMIT, () => null);
  private ids = new Int32Array(256);
  /** Boundary scores per NEIGHBOUR_OFFSETS slot, L each. */
  private readonly bound: Int32Array;
  private labelIds = new Int32Array(256);
  private rowOf = new Int32Array(256);
  /** Per token of the sentence: its word's lower-case hash. */
  private lower = new Uint32Array(256);

  constructor(readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    const known = new Set<string>(POS_TAGS);
    for (const l of model.labels) if (!known.has(l)) throw new Error(`POS model label '${l}' is not a sitrep tag`);
    this.ownRows = new TypeRows(5 * this.L + 2);
    this.givenRows = new TypeRows(5 * this.L + 2);
    this.bound = new Int32Array(NEIGHBOUR_OFFSETS.length * this.L);
    NEIGHBOUR_OFFSETS.forEach((_, k) => {
      this.bound.set(model.scoreHashed(boundaryFeatures(k)), k * this.L);
    });
  }

  /** The offset of the word's row in cache.rows. */
  private word(cache: TypeRows, w: string, id: number): number {
    const hit = cache.offset(id);
    if (hit >= 0) return hit;
    const f = wordFeatures(w);
    const at = cache.addScores(
      id,
      [f.own, ...f.near].map((feats) => this.model.scoreHashed(feats)),
    );
    cache.rows.set([f.lower | 0, f.cap], at + 5 * this.L);
    return at;
  }

  /** Tags of one sentence's words; `types`, when given, holds their word-type ids (one generation for all). */
  tag(words: readonly string[], types?: TypeIds): PosTag[] {
    const n = words.length;
    if (n === 0) return [];
    const L = this.L;
    const cache = types ? this.givenRows : this.ownRows;
    if (!types) {
      this.types.reserve(n);
      if (this.ids.length < n) this.ids = new Int32Array(2 * n);
      for (let i = 0; i < n; i++) this.ids[i] = this.types.id(words[i] as string);
      types = { generation: this.types.generation, ids: this.ids };
    }
    const ids = types.ids;
    cache.use(types.generation);
    if (this.rowOf.length < n) this.rowOf = new Int32Array(2 * n);
    const rowOf = this.rowOf;
    for (let i = 0; i < n; i++) rowOf[i] = this.word(cache, words[i] as string, ids[i] as number);
    const rows = cache.rows;
    if (this.lower.length < n) this.lower = new Uint32Array(2 * n);
    const lower = this.lower;
    for (let i = 0; i < n; i++) lower[i] = rows[(rowOf[i] as number) + 5 * L] as number;
    // The prior goes straight into the decoder's emission rows, each row
    // summed in one pass (integer sums: any order is exact). a..d are the
    // NEIGHBOUR_OFFSETS slots −2, −1, +1, +2: the neighbour's row, or the
    // boundary's outside the sentence.
    const decoder = this.model.decoder;
    const emis = decoder.emissions(n);
    const bound = this.bound;
    for (let i = 0; i < n; i++) {
      const own = rowOf[i] as number;
      const a = i >= 2 ? rows : bound;
      const aAt = i >= 2 ? (rowOf[i - 2] as number) + L : 0;
      const b = i >= 1 ? rows : bound;
      const bAt = i >= 1 ? (rowOf[i - 1] as number) + 2 * L : L;
      const c = i + 1 < n ? rows : bound;
      const cAt = i + 1 < n ? (rowOf[i + 1] as number) + 3 * L : 2 * L;
      const d = i + 2 < n ? rows : bound;
      const dAt = i + 2 < n ? (rowOf[i + 2] as number) + 4 * L : 3 * L;
      const base = i * L;
      for (let y = 0; y < L; y++) {
        emis[base + y] =
          (rows[own + y] as number) + (a[aAt + y] as number) + (b[bAt + y] as number) + (c[cAt + y] as number) + (d[dAt + y] as number);
      }
    }
    addSequenceWeights(decoder, restFeatures(lower, n, rows[(rowOf[0] as number) + 5 * L + 1] as number), emis);
    if (this.labelIds.length < n) this.labelIds = new Int32Array(2 * n);
    const labelIds = this.labelIds;
    decoder.decodeEmissions(n, labelIds, 0);
    const labels = this.model.labels;
    const out = new Array<PosTag>(n);
    // The constructor checked that every label is a PosTag.
    for (let i = 0; i < n; i++) out[i] = labels[labelIds[i] as number] as PosTag;
    return out;
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
