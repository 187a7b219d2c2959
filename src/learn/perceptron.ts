// Structured averaged perceptron (Collins 2002, "Discriminative training
// methods for hidden Markov models") with first-order Viterbi decoding and
// hard tag-scheme constraints. Weights live in flat typed arrays indexed by
// feature row × label; features arrive as 32-bit hashes (see hash.ts).
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  addFeaturesAt,
  addJointFeaturesAt,
  type ConfidenceRequest,
  decodeInto,
  gatherTransitions,
  NEG,
  scoreJointRowsAt,
  type Transitions,
  WeightTable,
} from './decode.ts';
import { HashIndex } from './hash.ts';
import { kernels } from './kernels.ts';
import { type Constraints, type Scheme, schemeConstraints } from './tags.ts';

/** One sequence's features as hashes: token i owns feats[offsets[i] .. offsets[i+1]). */
export interface HashedSequence {
  readonly feats: Uint32Array;
  readonly offsets: Uint32Array;
}
export interface HashedExample extends HashedSequence {
  readonly labels: readonly string[];
}
export interface Decoded {
  readonly labels: string[];
  /** Per token, 0..1: the max-marginal share of the chosen label. */
  readonly confidence: number[];
}
export interface HashedTrainOptions {
  readonly epochs: number;
  readonly seed: number;
  readonly scheme?: Scheme | 'none';
  readonly minFeatureCount?: number;
  readonly onEpoch?: (epoch: number, stats: { errors: number; tokens: number }) => void;
}

const MAGIC = 'SLB2';

/** Training's buffers for viterbi() below, reused from example to example (decoding has its own, in kernel memory). */
class Scratch {
  emis = new Float64Array(0);
  delta = new Float64Array(0);
  back = new Int32Array(0);
  path = new Int32Array(0);
  ensure(n: number, L: number): void {
    if (this.emis.length >= n * L) return;
    const size = Math.max(n * L, this.emis.length * 2, 256);
    this.emis = new Float64Array(size);
    this.delta = new Float64Array(size);
    this.back = new Int32Array(size);
    this.path = new Int32Array(Math.ceil(size / L) + 1);
  }
}

/**
 * Viterbi over `emis` (n × L). Transitions disallowed by the scheme are
 * skipped. Writes the best label indices into `s.path`.
 */
function viterbi(s: Scratch, n: number, L: number, trans: Float64Array, startW: Float64Array, endW: Float64Array, c: Constraints): void {
  const { emis, delta, back, path } = s;
  for (let y = 0; y < L; y++) delta[y] = c.start[y] ? (startW[y] as number) + (emis[y] as number) : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const to = c.predStart[y + 1] as number;
      for (let k = c.predStart[y] as number; k < to; k++) {
        const p = c.pred[k] as number;
        const v = (delta[prev + p] as number) + (trans[p * L + y] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[cur + y] = best + (emis[cur + y] as number);
      back[cur + y] = arg;
    }
  }
  let best = NEG * 2;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    const v = c.end[y] ? (delta[last + y] as number) + (endW[y] as number) : NEG;
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  path[n - 1] = arg;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + (path[i] as number)] as number;
}

/**
 * Sparse weight rows: a perceptron row has few non-zero labels (≈3 of 17 on
 * CoNLL), so each row is stored as its non-zero (label, weight) pairs. The
 * sorted feature hashes and the rows are what gets serialised.
 */
export interface SparseRows {
  /** Feature hashes, ascending. */
  readonly keys: Uint32Array;
  /** Non-zero entries of row r: rowStart[r] .. rowStart[r+1]. */
  readonly rowStart: Uint32Array;
  readonly entryLabel: Uint8Array;
  /** Entry weights as integers; weight = value × scale. */
  readonly entryValue: Int32Array;
  readonly scale: number;
}

/** Quantises dense rows (rows × L) to sparse int rows, sorted by key. */
function sparsify(keys: Uint32Array, dense: Float32Array, L: number, bits: number): SparseRows {
  const rows = keys.length;
  const order = Array.from({ length: rows }, (_, r) => r).sort((a, b) => (keys[a] as number) - (keys[b] as number));
  let maxAbs = 0;
  for (const v of dense) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / (2 ** (bits - 1) - 1) : 1;
  const sortedKeys = new Uint32Array(rows);
  const rowStart = new Uint32Array(rows + 1);
  const labels: number[] = [];
  const values: number[] = [];
  order.forEach((r, j) => {
    sortedKeys[j] = keys[r] as number;
    rowStart[j] = labels.length;
    for (let y = 0; y < L; y++) {
      const q = Math.round((dense[r * L + y] as number) / scale);
      if (q !== 0) {
        labels.push(y);
        values.push(q);
      }
    }
  });
  rowStart[rows] = labels.length;
  return {
    keys: sortedKeys,
    rowStart,
    entryLabel: Uint8Array.from(labels),
    entryValue: Int32Array.from(values),
    scale,
  };
}

export type { ConfidenceRequest } from './decode.ts';

/**
 * The allocation-free decoding path for callers that sum emission scores
 * themselves (the NER tagger: cached per-word vectors plus per-token
 * features): fill `emissions(n)` in the model's integer units, add feature
 * weights with `addWeights`, then `decodeEmissions`. The same arithmetic as
 * `decodeHashed`, so the same labels and confidences.
 */
export interface EmissionDecoder {
  readonly labels: readonly string[];
  /** Scratch n × labels buffer to fill; overwritten by the next call on this model. */
  emissions(n: number): Float64Array;
  /** Adds the weights of one hashed feature to emis[at + label]. */
  addWeights(feature: number, emis: Float64Array, at: number): void;
  /**
   * Decodes n rows of emissions: those of the `emissions(n)` buffer, or
   * with `from` the rows at from.rows[from.offset ..], left as they are
   * (copied into the kernels' memory and scaled as they are read). Label ids go into labels[at .. at + n), and with
   * `confidence` the max-marginal share of each wanted token's label into
   * confidence.out[at + i].
   */
  decodeEmissions(n: number, labels: Int32Array, at: number, confidence?: ConfidenceRequest, from?: EmissionRows): void;
}

/** Adds the weights of every feature of `seq` to its token's row of `emis` (n × the decoder's labels). */
export function addSequenceWeights(decoder: EmissionDecoder, seq: HashedSequence, emis: Float64Array): void {
  const L = decoder.labels.length;
  // A view of kernel memory that grew since it was taken reads as empty.
  if (emis.length === 0 && seq.offsets.length > 1)
    throw new Error('addSequenceWeights: detached emission rows (take emissions() again after the kernels grow)');
  if (decoder instanceof PerceptronModel && emis.buffer === kernels().f64.buffer) {
    // Rows from emissions(): the kernel adds them where they are.
    decoder.addSequenceAt(seq, emis.byteOffset);
    return;
  }
  const { feats, offsets } = seq;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const to = offsets[i + 1] as number;
    for (let k = offsets[i] as number; k < to; k++) decoder.addWeights(feats[k] as number, emis, i * L);
  }
}

/**
 * Emission rows held by the caller (e.g. a whole document's): token i's
 * scores at rows[offset + i × stride ..] (stride defaults to the label
 * count; wider when the rows interleave several models' scores).
 */
export interface EmissionRows {
  readonly rows: Float64Array;
  readonly offset: number;
  readonly stride?: number;
}

/**
 * Several decoders' weights for the same features: `addWeights(f, emis, at)`
 * adds feature f's weights under decoder m to emis[m][at[m] + label], for
 * every m — with one probe of a merged table when the decoders are
 * PerceptronModels (the usual case), else one call per decoder.
 */
export interface JointWeights {
  addWeights(feature: number, emis: readonly Float64Array[], at: Int32Array): void;
  /**
   * With one merged table: every token's features of `seq` added at once to
   * rows in kernel memory (byte address `rows`; token i's row
   * stride f64s after token i − 1's, model m's labels from column
   * columns[m]). Copies the features into kernel memory (reserveFeatures).
   */
  readonly addSequenceAt?: (seq: HashedSequence, rows: number, stride: number, columns: Int32Array) => void;
  /**
   * With one merged table: int32 score rows in kernel memory for new keys,
   * row i at byte address rows[i] zeroed and given seq's features of "token"
   * i (`width` ints a row, model m's labels from column columns[m]).
   */
  readonly scoreRowsAt?: (seq: HashedSequence, rows: Int32Array, width: number, columns: Int32Array) => void;
}

export function jointWeights(decoders: readonly EmissionDecoder[]): JointWeights {
  const models = decoders.filter((d): d is PerceptronModel => d instanceof PerceptronModel);
  // One model has its own table already.
  if (models.length === decoders.length && models.length > 1) {
    const table = new WeightTable(models.map((m) => m.weightRows));
    return {
      addWeights: (f, emis, at) => table.addToEach(f, emis, at),
      addSequenceAt: (seq, rows, stride, columns) => addJointFeaturesAt(table, seq, rows, stride, columns),
      scoreRowsAt: (seq, rows, width, columns) => scoreJointRowsAt(table, seq, rows, width, columns),
    };
  }
  return {
    addWeights: (f, emis, at) => {
      for (let m = 0; m < decoders.length; m++) (decoders[m] as EmissionDecoder).addWeights(f, emis[m] as Float64Array, at[m] as number);
    },
  };
}

/** A trained model: hashed feature → sparse weight row, plus transition weights. */
export class PerceptronModel implements EmissionDecoder {
  private readonly table: WeightTable;
  private readonly transitions: Transitions;
  /** emissions()' rows: byte address and size in kernel memory, and a view of them. */
  private readonly kernelRows: { at: number; cells: number; view: Float64Array; owned?: (readonly [number, number])[] } = {
    at: 0,
    cells: 0,
    view: new Float64Array(0),
  };
  /** want masks for decodeHashed: every label, and every label but 'O'. */
  private readonly wantAll: Uint8Array;
  private readonly wantLabelled: Uint8Array;
  private ids = new Int32Array(256);
  private conf = new Float64Array(256);
  /** Softens max-marginal confidences; set by calibrate() on held-out data. */
  temperature = 1;

  constructor(
    readonly labels: readonly string[],
    readonly scheme: Scheme | 'none',
    private readonly rows: SparseRows,
    private readonly trans: Float64Array,
    private readonly startW: Float64Array,
    private readonly endW: Float64Array,
  ) {
    if (labels.length > 255) throw new Error('at most 255 labels');
    this.table = new WeightTable([rows]);
    this.transitions = gatherTransitions(schemeConstraints(labels, scheme), labels.length, trans, startW, endW);
    this.wantAll = new Uint8Array(labels.length).fill(1);
    this.wantLabelled = new Uint8Array(labels.length).fill(1);
    const o = labels.indexOf('O');
    if (o >= 0) this.wantLabelled[o] = 0;
  }

  /** Builds a model from dense averaged weights (rows × labels). */
  static fromDense(
    labels: readonly string[],
    scheme: Scheme | 'none',
    keys: Uint32Array,
    weights: Float32Array,
    trans: Float64Array,
    startW: Float64Array,
    endW: Float64Array,
  ): PerceptronModel {
    return new PerceptronModel(labels, scheme, sparsify(keys, weights, labels.length, 16), trans, startW, endW);
  }

  get featureCount(): number {
    return this.rows.keys.length;
  }

  /** The non-zero weights (for merging several models' tables, jointWeights). */
  get weightRows(): SparseRows {
    return this.rows;
  }

  /**
   * Summed weights of `feats` per label, in the model's integer units (for
   * `decodeHashed`'s `prior`): lets a caller score features shared by many
   * tokens (e.g. a word's own features) once and reuse the vector.
   */
  scoreHashed(feats: Uint32Array): Float64Array {
    const out = new Float64Array(this.labels.length);
    for (let k = 0; k < feats.length; k++) this.table.addTo(feats[k] as number, out, 0);
    return out;
  }

  /**
   * This model's emission rows in kernel memory, room for n tokens (a view,
   * rebuilt when that memory grows: read it again after addSequenceWeights,
   * which may grow it).
   */
  emissions(n: number): Float64Array {
    const cells = n * this.labels.length;
    const k = kernels();
    const r = this.kernelRows;
    if (r.cells < cells) {
      if (r.cells > 0) k.free(r.at, 8 * r.cells);
      r.cells = Math.max(cells, Math.ceil(1.5 * r.cells), 256 * this.labels.length);
      r.at = k.alloc(8 * r.cells);
      // Given back with the model (the list is the one own() keeps).
      if (r.owned) r.owned[0] = [r.at, 8 * r.cells];
      else r.owned = k.own(this, [[r.at, 8 * r.cells]]);
    }
    if (r.view.buffer !== k.f64.buffer || r.view.length !== r.cells) r.view = new Float64Array(k.f64.buffer, r.at, r.cells);
    return r.view;
  }

  /** addSequenceWeights into this model's emission rows at byte address `rows` (kernels' addFeatures). */
  addSequenceAt(seq: HashedSequence, rows: number): void {
    addFeaturesAt(this.table, seq, rows, this.labels.length);
  }

  addWeights(feature: number, emis: Float64Array, at: number): void {
    this.table.addTo(feature, emis, at);
  }

  decodeEmissions(n: number, labels: Int32Array, at: number, confidence?: ConfidenceRequest, from?: EmissionRows): void {
    if (n <= 0) return;
    const L = this.labels.length;
    const rows = from ? from.rows : this.emissions(n);
    const emissions = { rows, offset: from ? from.offset : 0, stride: from?.stride ?? L, scale: this.rows.scale };
    decodeInto(this.transitions, emissions, n, labels, at, this.temperature, confidence);
  }

  /**
   * Best label sequence. `prior`, when given, holds n × labels scores (from
   * `scoreHashed`) added to the features' scores: decoding with features
   * split between `seq` and `prior` equals decoding with all of them in `seq`.
   * With `withConfidence` false the backward pass is skipped and
   * `confidence` is empty (for callers that need only the labels); with
   * 'labelled', tokens labelled 'O' get NaN instead of their confidence
   * (for callers that read confidences of spans only: most tokens are 'O').
   */
  decodeHashed(seq: HashedSequence, prior?: Float64Array, withConfidence: boolean | 'labelled' = true): Decoded {
    const n = seq.offsets.length - 1;
    if (n <= 0) return { labels: [], confidence: [] };
    const L = this.labels.length;
    const emis = this.emissions(n);
    if (prior) emis.set(prior.subarray(0, n * L));
    else emis.fill(0, 0, n * L);
    addSequenceWeights(this, seq, emis);
    if (this.ids.length < n) {
      this.ids = new Int32Array(2 * n);
      this.conf = new Float64Array(2 * n);
    }
    const ids = this.ids;
    const conf = this.conf;
    const want = withConfidence === 'labelled' ? this.wantLabelled : this.wantAll;
    this.decodeEmissions(n, ids, 0, withConfidence ? { want, out: conf } : undefined);
    const labels = new Array<string>(n);
    for (let i = 0; i < n; i++) labels[i] = this.labels[ids[i] as number] as string;
    const confidence: number[] = withConfidence ? new Array<number>(n) : [];
    if (withConfidence) for (let i = 0; i < n; i++) confidence[i] = conf[i] as number;
    return { labels, confidence };
  }

  /**
   * Picks the temperature (from a doubling grid) that minimises the log loss
   * of "the chosen label is right" over held-out examples, and keeps it.
   */
  calibrate(heldOut: readonly HashedExample[]): number {
    let best = 1;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let t = 0.25; t <= 256; t *= 2) {
      this.temperature = t;
      let loss = 0;
      for (const ex of heldOut) {
        const d = this.decodeHashed(ex);
        d.labels.forEach((l, i) => {
          const c = Math.min(Math.max(d.confidence[i] as number, 1e-6), 1 - 1e-6);
          loss -= Math.log(l === ex.labels[i] ? c : 1 - c);
        });
      }
      if (loss < bestLoss) {
        bestLoss = loss;
        best = t;
      }
    }
    this.temperature = best;
    return best;
  }

  /**
   * Binary layout (after the 4-byte magic, raw-deflated): u32 meta length,
   * meta JSON {labels, scheme, rows, entries, scale}, u32 key deltas (keys
   * ascending), u8 entries per row, u8 entry labels, i16 entry weights
   * (× scale), f32 transitions, start and end weights.
   */
  serialize(): Uint8Array {
    const L = this.labels.length;
    const { keys, rowStart, entryLabel, entryValue, scale } = this.rows;
    const rows = keys.length;
    const meta = new TextEncoder().encode(
      JSON.stringify({
        labels: this.labels,
        scheme: this.scheme,
        rows,
        entries: entryLabel.length,
        scale,
        temperature: this.temperature,
      }),
    );
    const keyDeltas = new Uint32Array(rows);
    const counts = new Uint8Array(rows);
    let prev = 0;
    for (let r = 0; r < rows; r++) {
      keyDeltas[r] = ((keys[r] as number) - prev) >>> 0;
      prev = keys[r] as number;
      counts[r] = (rowStart[r + 1] as number) - (rowStart[r] as number);
    }
    const tail = new Float32Array(L * L + 2 * L);
    tail.set(this.trans, 0);
    tail.set(this.startW, L * L);
    tail.set(this.endW, L * L + L);
    const head = new Uint8Array(4);
    new DataView(head.buffer).setUint32(0, meta.length, true);
    const body = Buffer.concat([
      head,
      meta,
      new Uint8Array(keyDeltas.buffer),
      counts,
      entryLabel,
      new Uint8Array(Int16Array.from(entryValue).buffer),
      new Uint8Array(tail.buffer),
    ]);
    const packed = deflateRawSync(body, { level: 9 });
    const out = new Uint8Array(4 + packed.length);
    out.set(new TextEncoder().encode(MAGIC), 0);
    out.set(packed, 4);
    return out;
  }

  static load(bytes: Uint8Array): PerceptronModel {
    if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
      throw new Error('not a sitrep sequence-labeller model (bad magic)');
    }
    const body = inflateRawSync(bytes.subarray(4));
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const metaLen = view.getUint32(0, true);
    const meta = JSON.parse(new TextDecoder().decode(body.subarray(4, 4 + metaLen))) as {
      labels: string[];
      scheme: Scheme | 'none';
      rows: number;
      entries: number;
      scale: number;
      temperature?: number;
    };
    const L = meta.labels.length;
    let at = 4 + metaLen;
    const take = (bytesLen: number): ArrayBuffer => {
      const buf = body.buffer.slice(body.byteOffset + at, body.byteOffset + at + bytesLen);
      at += bytesLen;
      return buf;
    };
    const deltas = new Uint32Array(take(meta.rows * 4));
    const counts = new Uint8Array(take(meta.rows));
    const entryLabel = new Uint8Array(take(meta.entries));
    const entryValue = Int32Array.from(new Int16Array(take(meta.entries * 2)));
    const tail = new Float32Array(take((L * L + 2 * L) * 4));
    const keys = new Uint32Array(meta.rows);
    const rowStart = new Uint32Array(meta.rows + 1);
    let k = 0;
    for (let r = 0; r < meta.rows; r++) {
      k = (k + (deltas[r] as number)) >>> 0;
      keys[r] = k;
      rowStart[r + 1] = (rowStart[r] as number) + (counts[r] as number);
    }
    const model = new PerceptronModel(
      meta.labels,
      meta.scheme,
      { keys, rowStart, entryLabel, entryValue, scale: meta.scale },
      Float64Array.from(tail.subarray(0, L * L)),
      Float64Array.from(tail.subarray(L * L, L * L + L)),
      Float64Array.from(tail.subarray(L * L + L)),
    );
    model.temperature = meta.temperature ?? 1;
    return model;
  }
}

/** mulberry32: small seeded PRNG so shuffling (and the tests' random cases) are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Labels in a stable order: 'O' first, then sorted. */
function labelSet(data: readonly HashedExample[]): string[] {
  const set = new Set<string>();
  for (const ex of data) for (const l of ex.labels) set.add(l);
  const rest = [...set].filter((l) => l !== 'O').sort();
  return set.has('O') ? ['O', ...rest] : rest;
}

export function trainPerceptron(data: readonly HashedExample[], options: HashedTrainOptions): PerceptronModel {
  const scheme = options.scheme ?? 'none';
  const minCount = options.minFeatureCount ?? 1;
  const labels = labelSet(data);
  const L = labels.length;
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const constraints = schemeConstraints(labels, scheme);

  // Feature rows: hashes seen at least minCount times, numbered by first use.
  const counts = new HashIndex(1 << 16);
  for (const ex of data) for (const f of ex.feats) counts.increment(f);
  const rowOf = new HashIndex(counts.size);
  const keyList: number[] = [];
  for (const ex of data) {
    for (const f of ex.feats) {
      if (counts.get(f) >= minCount && rowOf.get(f) < 0) {
        rowOf.set(f, keyList.length);
        keyList.push(f);
      }
    }
  }
  const F = keyList.length;
  const examples = data.map((ex) => {
    const n = ex.offsets.length - 1;
    const rows: number[] = [];
    const offsets = new Uint32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offsets[i] = rows.length;
      for (let k = ex.offsets[i] as number; k < (ex.offsets[i + 1] as number); k++) {
        const r = rowOf.get(ex.feats[k] as number);
        if (r >= 0) rows.push(r);
      }
    }
    offsets[n] = rows.length;
    const gold = Int32Array.from(ex.labels, (l) => labelIndex.get(l) as number);
    return { rows: Int32Array.from(rows), offsets, gold, n };
  });

  const w = new Float64Array(F * L);
  const u = new Float64Array(F * L);
  const tw = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const sw = new Float64Array(L);
  const su = new Float64Array(L);
  const ew = new Float64Array(L);
  const eu = new Float64Array(L);
  const s = new Scratch();
  const random = prng(options.seed);
  const order = examples.map((_, i) => i);
  let c = 1;

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let errors = 0;
    let tokens = 0;
    for (const idx of order) {
      const ex = examples[idx] as (typeof examples)[number];
      const { n, rows, offsets, gold } = ex;
      if (n === 0) continue;
      tokens += n;
      s.ensure(n, L);
      const emis = s.emis;
      emis.fill(0, 0, n * L);
      for (let t = 0; t < n; t++) {
        const base = t * L;
        for (let k = offsets[t] as number; k < (offsets[t + 1] as number); k++) {
          const wb = (rows[k] as number) * L;
          for (let y = 0; y < L; y++) emis[base + y] = (emis[base + y] as number) + (w[wb + y] as number);
        }
      }
      viterbi(s, n, L, tw, sw, ew, constraints);
      const pred = s.path;
      let wrong = 0;
      for (let t = 0; t < n; t++) if (pred[t] !== gold[t]) wrong++;
      if (wrong > 0) {
        errors += wrong;
        for (let t = 0; t < n; t++) {
          const g = gold[t] as number;
          const p = pred[t] as number;
          if (g !== p) {
            for (let k = offsets[t] as number; k < (offsets[t + 1] as number); k++) {
              const wb = (rows[k] as number) * L;
              w[wb + g] = (w[wb + g] as number) + 1;
              u[wb + g] = (u[wb + g] as number) + c;
              w[wb + p] = (w[wb + p] as number) - 1;
              u[wb + p] = (u[wb + p] as number) - c;
            }
          }
          const gp = t === 0 ? -1 : (gold[t - 1] as number);
          const pp = t === 0 ? -1 : (pred[t - 1] as number);
          if (g !== p || gp !== pp) {
            if (t === 0) {
              sw[g] = (sw[g] as number) + 1;
              su[g] = (su[g] as number) + c;
              sw[p] = (sw[p] as number) - 1;
              su[p] = (su[p] as number) - c;
            } else {
              tw[gp * L + g] = (tw[gp * L + g] as number) + 1;
              tu[gp * L + g] = (tu[gp * L + g] as number) + c;
              tw[pp * L + p] = (tw[pp * L + p] as number) - 1;
              tu[pp * L + p] = (tu[pp * L + p] as number) - c;
            }
          }
        }
        const gl = gold[n - 1] as number;
        const pl = pred[n - 1] as number;
        if (gl !== pl) {
          ew[gl] = (ew[gl] as number) + 1;
          eu[gl] = (eu[gl] as number) + c;
          ew[pl] = (ew[pl] as number) - 1;
          eu[pl] = (eu[pl] as number) - c;
        }
      }
      c++;
    }
    options.onEpoch?.(epoch, { errors, tokens });
  }

  // Averaged weights (Daumé's trick): avg = w − u / c. Rows that average to
  // zero for every label are dropped from the model.
  const avg = (a: Float64Array, b: Float64Array): Float64Array => a.map((v, i) => v - (b[i] as number) / c);
  const keep: number[] = [];
  for (let r = 0; r < F; r++) {
    for (let y = 0; y < L; y++) {
      const v = (w[r * L + y] as number) - (u[r * L + y] as number) / c;
      if (Math.abs(v) > 1e-6) {
        keep.push(r);
        break;
      }
    }
  }
  const keys = new Uint32Array(keep.length);
  const weights = new Float32Array(keep.length * L);
  keep.forEach((r, j) => {
    keys[j] = keyList[r] as number;
    for (let y = 0; y < L; y++) weights[j * L + y] = (w[r * L + y] as number) - (u[r * L + y] as number) / c;
  });
  return PerceptronModel.fromDense(labels, scheme, keys, weights, avg(tw, tu), avg(sw, su), avg(ew, eu));
}
