// Decoding-time data of a trained model, laid out in the kernels' memory
// (kernels.ts), and the calls into the kernels (kernels/decode.ts): the
// weight table, constrained Viterbi / max-marginals over label ids, feature
// weights added a sequence at a time. They do the same floating-point
// operations in the same order as training's viterbi() (perceptron.ts), so
// labels and confidences are bit-identical; what differs is memory layout:
// one probe reads a slot's key and row offset together, and each label's
// allowed neighbours come with their transition weights.
import { type KernelMemory, kernels } from './kernels.ts';
import type { Constraints } from './tags.ts';

/** The score of an impossible state (the kernels' local `neg`; training's viterbi() reads this one). */
export const NEG = -1e30;

/** A model's non-zero weights, row by feature (perceptron.ts SparseRows). */
export interface WeightRows {
  /** Feature hashes, ascending. */
  readonly keys: Uint32Array;
  readonly rowStart: Uint32Array;
  readonly entryLabel: Uint8Array;
  readonly entryValue: Int32Array;
}

/**
 * Feature hash → the weight rows of one or several models. Open addressing
 * with linear probing over [key, record offset] pairs (0 marks an empty
 * slot: no hash is 0); a record in `packed` is one entry count per model,
 * then (value << 8 | label) per entry, model by model. Several models in
 * one table let a caller that scores the same features under each of them
 * (the NER tagger's three) probe once per feature instead of once per model.
 */
export class WeightTable {
  /** Byte addresses of the slots and the records in kernel memory (kernels' addFeatures reads them there too). */
  readonly slots: number;
  /** Mask over slot pair indices × 2 (even offsets into the slots). */
  readonly mask: number;
  readonly packed: number;
  readonly models: number;

  constructor(rows: readonly WeightRows[]) {
    const M = rows.length;
    this.models = M;
    // Keys of all models, merged in ascending order (each model's are sorted).
    const next = new Int32Array(M);
    const keys: number[] = [];
    let entries = 0;
    for (const r of rows) entries += r.entryLabel.length;
    for (;;) {
      let min = -1;
      for (let m = 0; m < M; m++) {
        const r = rows[m] as WeightRows;
        const at = next[m] as number;
        if (at < r.keys.length && (min < 0 || (r.keys[at] as number) < min)) min = r.keys[at] as number;
      }
      if (min < 0) break;
      keys.push(min);
      for (let m = 0; m < M; m++) {
        const r = rows[m] as WeightRows;
        const at = next[m] as number;
        if (at < r.keys.length && r.keys[at] === min) next[m] = at + 1;
      }
    }
    // Load ≤ 2/3: probes stay within one or two cache lines, and the table is
    // half the size of a ≤ 1/2 one for the same rows.
    let cap = 16;
    while (cap * 2 < keys.length * 3) cap <<= 1;
    const slots = new Int32Array(2 * cap);
    this.mask = 2 * cap - 2;
    const packed = new Int32Array(keys.length * M + entries);
    next.fill(0);
    let at = 0;
    for (const key of keys) {
      let i = ((key | 0) << 1) & this.mask;
      while (slots[i] !== 0) i = (i + 2) & this.mask;
      slots[i] = key | 0;
      slots[i + 1] = at;
      const head = at;
      at += M;
      for (let m = 0; m < M; m++) {
        const r = rows[m] as WeightRows;
        const row = next[m] as number;
        if (row >= r.keys.length || r.keys[row] !== key) continue;
        next[m] = row + 1;
        const from = r.rowStart[row] as number;
        const to = r.rowStart[row + 1] as number;
        packed[head + m] = to - from;
        for (let e = from; e < to; e++) packed[at++] = ((r.entryValue[e] as number) << 8) | (r.entryLabel[e] as number);
      }
    }
    // Moved, not copied: the JavaScript below reads them in kernel memory as well.
    const k = kernels();
    this.slots = k.put(slots);
    this.packed = k.put(packed);
    k.own(this, [
      [this.slots, slots.byteLength],
      [this.packed, packed.byteLength],
    ]);
  }

  /** Record offset of `key` from packed (in i32s), or -1; `memory` is the kernels' i32 view. */
  private find(key: number, memory: Int32Array): number {
    const slots = this.slots >> 2;
    const mask = this.mask;
    const k = key | 0;
    let i = (k << 1) & mask;
    for (;;) {
      const s = memory[slots + i] as number;
      if (s === k) return memory[slots + i + 1] as number;
      if (s === 0) return -1;
      i = (i + 2) & mask;
    }
  }

  /** Adds the weights of feature `key` (integer units) to out[base + label]; one-model tables. */
  addTo(key: number, out: Float64Array, base: number): void {
    const memory = kernels().i32;
    const r = this.find(key, memory);
    if (r < 0) return;
    const at = (this.packed >> 2) + r;
    const end = at + 1 + (memory[at] as number);
    for (let e = at + 1; e < end; e++) {
      const v = memory[e] as number;
      out[base + (v & 0xff)] = (out[base + (v & 0xff)] as number) + (v >> 8);
    }
  }

  /** Adds the weights of feature `key` under model m to outs[m][bases[m] + label], for each model. */
  addToEach(key: number, outs: readonly Float64Array[], bases: Int32Array): void {
    const memory = kernels().i32;
    const r = this.find(key, memory);
    if (r < 0) return;
    const at = (this.packed >> 2) + r;
    const M = this.models;
    let e = at + M;
    for (let m = 0; m < M; m++) {
      const end = e + (memory[at + m] as number);
      const out = outs[m] as Float64Array;
      const base = bases[m] as number;
      for (; e < end; e++) {
        const v = memory[e] as number;
        out[base + (v & 0xff)] = (out[base + (v & 0xff)] as number) + (v >> 8);
      }
    }
  }
}

/**
 * One direction's allowed neighbours of each label (predecessors for the
 * forward pass, successors for the backward one) with their transition
 * weights, split for pruning: most labels share a `core` of neighbours
 * (BIO: every label precedes O and B-*), and of those only the few with a
 * score near the best can win the max (pruningFloor in kernels/decode.ts).
 */
export interface Neighbours {
  /** All neighbours of label y: list[start[y] .. start[y+1]), with weights w. */
  readonly start: Int32Array;
  readonly list: Int32Array;
  readonly w: Float64Array;
  /** The shared neighbours, and the labels that have them all (`wide`). */
  readonly core: Int32Array;
  readonly wide: Int32Array;
  /** Weight between core[j] and wide[q]: coreW[j × wide.length + q]. */
  readonly coreW: Float64Array;
  /** Per wide[q]: 1 when it has neighbours outside the core (then it is one of `others`). */
  readonly wideHasExtra: Uint8Array;
  /** Per label: 1 when it is wide and all its neighbours are in the core. */
  readonly coreOnly: Uint8Array;
  /** Labels that are not wide and have exactly two neighbours (I-X, L-X: B-X and I-X): pairY[r] ← pairA[r], pairB[r]. */
  readonly pairY: Int32Array;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly pairWA: Float64Array;
  readonly pairWB: Float64Array;
  /** The other labels: otherY[g] with its core max at acc[otherQ[g]] (-1: none), and its neighbours outside the core. */
  readonly otherY: Int32Array;
  readonly otherQ: Int32Array;
  readonly otherStart: Int32Array;
  readonly other: Int32Array;
  readonly otherW: Float64Array;
  /** Over wide labels, the largest max − min of a coreW row. */
  readonly spread: number;
}

/** A scheme's allowed transitions gathered per label, each with its weight. */
export interface Transitions {
  readonly L: number;
  readonly start: Uint8Array;
  readonly end: Uint8Array;
  readonly startW: Float64Array;
  readonly endW: Float64Array;
  readonly pred: Neighbours;
  readonly succ: Neighbours;
  /** Largest |weight| of any transition, start or end: bounds scores with the emissions (pruning margin). */
  readonly maxAbs: number;
  /** Address of these tables in kernel memory (the layout kernels/decode.ts reads). */
  readonly block: number;
}

/** A Neighbours block in kernel memory: 22 i32 fields (counts, then addresses), spread as f64 at byte 96. */
function neighboursBlock(k: KernelMemory, put: (values: Float64Array | Int32Array | Uint8Array) => number, nb: Neighbours): number {
  const fields = [
    nb.core.length,
    nb.wide.length,
    nb.pairY.length,
    nb.otherY.length,
    put(nb.core),
    put(nb.wide),
    put(nb.coreW),
    put(nb.wideHasExtra),
    put(nb.pairY),
    put(nb.pairA),
    put(nb.pairB),
    put(nb.pairWA),
    put(nb.pairWB),
    put(nb.otherY),
    put(nb.otherQ),
    put(nb.otherStart),
    put(nb.other),
    put(nb.otherW),
    put(nb.start),
    put(nb.list),
    put(nb.w),
    put(nb.coreOnly),
  ];
  const at = put(new Uint8Array(104));
  k.i32.set(fields, at >> 2);
  k.f64[(at + 96) >> 3] = nb.spread;
  return at;
}

/** Labels with more neighbours than this read the shared core. */
const WIDE = 4;

function neighbours(L: number, start: Int32Array, list: Int32Array, weight: (y: number, z: number) => number): Neighbours {
  const w = new Float64Array(list.length);
  for (let y = 0; y < L; y++) for (let k = start[y] as number; k < (start[y + 1] as number); k++) w[k] = weight(y, list[k] as number);
  const of = (y: number): number[] => Array.from(list.subarray(start[y], start[y + 1]));
  const wideLabels: number[] = [];
  for (let y = 0; y < L; y++) if ((start[y + 1] as number) - (start[y] as number) > WIDE) wideLabels.push(y);
  let core: number[] = wideLabels.length > 0 ? of(wideLabels[0] as number) : [];
  for (const y of wideLabels) {
    const set = new Set(of(y));
    core = core.filter((z) => set.has(z));
  }
  if (core.length <= WIDE) core = [];
  const inCore = new Set(core);
  const wide = core.length > 0 ? wideLabels : [];
  const isWide = new Set(wide);
  const W = wide.length;
  const coreW = new Float64Array(core.length * W);
  let spread = 0;
  wide.forEach((y, q) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    core.forEach((z, j) => {
      const v = weight(y, z);
      coreW[j * W + q] = v;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    });
    spread = Math.max(spread, hi - lo);
  });
  const outside = (y: number): number[] => of(y).filter((z) => !(isWide.has(y) && inCore.has(z)));
  const wideHasExtra = Uint8Array.from(wide, (y) => (outside(y).length > 0 ? 1 : 0));
  const coreOnly = new Uint8Array(L);
  wide.forEach((y, q) => {
    coreOnly[y] = wideHasExtra[q] ? 0 : 1;
  });
  const pairs: number[] = [];
  const others: number[] = [];
  for (let y = 0; y < L; y++) {
    if (isWide.has(y)) {
      if (outside(y).length > 0) others.push(y);
    } else if (outside(y).length === 2) pairs.push(y);
    else others.push(y);
  }
  const otherStart = new Int32Array(others.length + 1);
  const other: number[] = [];
  const otherW: number[] = [];
  others.forEach((y, g) => {
    otherStart[g] = other.length;
    for (const z of outside(y)) {
      other.push(z);
      otherW.push(weight(y, z));
    }
  });
  otherStart[others.length] = other.length;
  const pair = (y: number, k: number): number => outside(y)[k] as number;
  return {
    start,
    list,
    w,
    core: Int32Array.from(core),
    wide: Int32Array.from(wide),
    coreW,
    spread,
    wideHasExtra,
    coreOnly,
    pairY: Int32Array.from(pairs),
    pairA: Int32Array.from(pairs, (y) => pair(y, 0)),
    pairB: Int32Array.from(pairs, (y) => pair(y, 1)),
    pairWA: Float64Array.from(pairs, (y) => weight(y, pair(y, 0))),
    pairWB: Float64Array.from(pairs, (y) => weight(y, pair(y, 1))),
    otherY: Int32Array.from(others),
    otherQ: Int32Array.from(others, (y) => wide.indexOf(y)),
    otherStart,
    other: Int32Array.from(other),
    otherW: Float64Array.from(otherW),
  };
}

export function gatherTransitions(c: Constraints, L: number, trans: Float64Array, startW: Float64Array, endW: Float64Array): Transitions {
  let maxAbs = 0;
  for (const v of trans) maxAbs = Math.max(maxAbs, Math.abs(v));
  for (const v of startW) maxAbs = Math.max(maxAbs, Math.abs(v));
  for (const v of endW) maxAbs = Math.max(maxAbs, Math.abs(v));
  const pred = neighbours(L, c.predStart, c.pred, (y, p) => trans[p * L + y] as number);
  const succ = neighbours(L, c.succStart, c.succ, (y, z) => trans[y * L + z] as number);
  const k = kernels();
  const blocks: [number, number][] = [];
  const put = (values: Float64Array | Int32Array | Uint8Array): number => {
    const at = k.put(values);
    blocks.push([at, values.byteLength]);
    return at;
  };
  const fields = [L, put(c.start), put(c.end), put(startW), put(endW), neighboursBlock(k, put, pred), neighboursBlock(k, put, succ)];
  const block = put(new Int32Array(fields));
  const t = { L, start: c.start, end: c.end, startW, endW, pred, succ, maxAbs, block };
  k.own(t, blocks);
  return t;
}

/**
 * Pruning margin for one sentence whose scaled emissions lie in
 * [-maxEmis, maxEmis]: far above the rounding error of any score (each is a
 * sum of at most n + 1 emissions and transitions, so its magnitude is at
 * most `bound`), far below the spread of transition weights.
 */
export function pruningMargin(t: Transitions, n: number, maxEmis: number): number {
  const bound = (n + 1) * (maxEmis + t.maxAbs);
  return 1e-9 * (1 + bound);
}

/**
 * A sentence's emissions as the decoder reads them: token i's score of label
 * y is rows[offset + i × stride + y] × scale, multiplied where it is read
 * (the same product every time), so a caller's rows are decoded in place
 * instead of copied out scaled first.
 */
export interface Emissions {
  readonly rows: Float64Array;
  readonly offset: number;
  readonly stride: number;
  readonly scale: number;
}

/** Scratch in kernel memory, shared by every model (decoding is never re-entered). */
const scratch = { tokens: 0, labels: 0, emis: 0, delta: 0, beta: 0, path: 0, survivor: 0, acc: 0, sums: 0 };

function ensureScratch(k: KernelMemory, n: number, L: number): void {
  if (scratch.labels >= L && scratch.tokens >= n) return;
  if (scratch.tokens > 0) {
    const cells = scratch.tokens * scratch.labels;
    for (const at of [scratch.emis, scratch.delta, scratch.beta]) k.free(at, 8 * cells);
    for (const at of [scratch.path, scratch.survivor]) k.free(at, 4 * scratch.tokens);
    for (const at of [scratch.acc, scratch.sums]) k.free(at, 8 * scratch.labels);
  }
  scratch.labels = Math.max(scratch.labels, 2 * L, 64);
  scratch.tokens = Math.max(scratch.tokens, Math.ceil(1.5 * n), 256);
  const cells = scratch.tokens * scratch.labels;
  scratch.acc = k.alloc(8 * scratch.labels);
  scratch.sums = k.alloc(8 * scratch.labels);
  scratch.emis = k.alloc(8 * cells);
  scratch.delta = k.alloc(8 * cells);
  scratch.beta = k.alloc(8 * cells);
  scratch.path = k.alloc(4 * scratch.tokens);
  scratch.survivor = k.alloc(4 * scratch.tokens);
}

/** Kernel memory the addFeatures kernels read a sequence's features from (u32 hashes, u32 offsets, i32 columns). */
const featureScratch = { at: 0, bytes: 0 };

/**
 * Room for `values` u32s of features, offsets and columns now, so that
 * the next addFeaturesAt / addJointFeaturesAt of at most that many will not
 * grow the kernels' memory (which would detach views a caller holds).
 */
export function reserveFeatures(values: number): void {
  const bytes = 4 * values;
  if (featureScratch.bytes >= bytes) return;
  const k = kernels();
  if (featureScratch.bytes > 0) k.free(featureScratch.at, featureScratch.bytes);
  featureScratch.bytes = Math.max(bytes, 2 * featureScratch.bytes, 4096);
  featureScratch.at = k.alloc(featureScratch.bytes);
}

/** Copies seq and `extras` (i32 lists) into the feature scratch; returns their addresses. */
function featuresIn(k: KernelMemory, seq: { readonly feats: Uint32Array; readonly offsets: Uint32Array }, ...extras: Int32Array[]) {
  const { feats, offsets } = seq;
  let values = feats.length + offsets.length;
  for (const x of extras) values += x.length;
  reserveFeatures(values);
  const at = featureScratch.at;
  k.u32.set(feats, at >> 2);
  k.u32.set(offsets, (at >> 2) + feats.length);
  let next = at + 4 * (feats.length + offsets.length);
  const places: number[] = [];
  for (const x of extras) {
    k.i32.set(x, next >> 2);
    places.push(next);
    next += 4 * x.length;
  }
  return { feats: at, offsets: at + 4 * feats.length, extras: places };
}

/** A one-model table's labels start at column 0 of its rows. */
const ONE_MODEL = Int32Array.of(0);

/**
 * Adds the weights of each token's features in `seq` (one model's table) to
 * the rows at byte address `rows` in kernel memory (n × L f64, n tokens of
 * seq): addJointFeaturesAt with that one model at column 0. The features
 * are copied in first, which may grow the memory: read the rows through a
 * fresh view after.
 */
export function addFeaturesAt(
  table: WeightTable,
  seq: { readonly feats: Uint32Array; readonly offsets: Uint32Array },
  rows: number,
  L: number,
): void {
  addJointFeaturesAt(table, seq, rows, L, ONE_MODEL);
}

/**
 * Adds the weights of each token's features in `seq` under every model of
 * `table` (kernels' addFeaturesJoint): token i's row at rows + 8 × i ×
 * stride in kernel memory, model m's labels from its column columns[m].
 */
export function addJointFeaturesAt(
  table: WeightTable,
  seq: { readonly feats: Uint32Array; readonly offsets: Uint32Array },
  rows: number,
  stride: number,
  columns: Int32Array,
): void {
  const k = kernels();
  const at = featuresIn(k, seq, columns);
  k.exports.addFeaturesJoint(
    table.slots,
    table.mask,
    table.packed,
    table.models,
    at.feats,
    at.offsets,
    seq.offsets.length - 1,
    rows,
    stride,
    at.extras[0] as number,
  );
}

/**
 * Cached int32 score rows of new keys under a merged table's models: row i,
 * at byte address rows[i] in kernel memory, is zeroed and gets the weights
 * of seq's features for row i (seq has one "token" per row), model m's
 * labels from column columns[m].
 */
export function scoreJointRowsAt(
  table: WeightTable,
  seq: { readonly feats: Uint32Array; readonly offsets: Uint32Array },
  rows: Int32Array,
  width: number,
  columns: Int32Array,
): void {
  const k = kernels();
  const at = featuresIn(k, seq, rows, columns);
  k.exports.scoreRows(
    table.slots,
    table.mask,
    table.packed,
    table.models,
    at.feats,
    at.offsets,
    seq.offsets.length - 1,
    at.extras[0] as number,
    width,
    at.extras[1] as number,
  );
}

/** Decoding into label ids (see EmissionDecoder.decodeEmissions): which tokens get a confidence, and where it goes. */
export interface ConfidenceRequest {
  /** Per label: 1 when tokens with that label get a confidence (the others get NaN). */
  readonly want: Uint8Array;
  readonly out: Float64Array;
}

/**
 * Takes the decoding scratch for sentences of up to n tokens and L labels
 * now, so that decodeInto will not grow the kernels' memory (which would
 * detach views a caller holds into it).
 */
export function reserveDecoding(n: number, L: number): void {
  ensureScratch(kernels(), n, L);
}

/**
 * Decodes n tokens' emissions: the best label ids into labels[at .. at + n)
 * (pruned Viterbi, kernels' viterbi), and with `confidence` the
 * max-marginal confidence of the path at tokens whose label is wanted into
 * out[at + i] (NaN for the others): the backward pass (kernels' backward)
 * stops at the first wanted token. Emissions outside kernel memory are
 * copied in first, unscaled; the kernels scale them where they read them.
 */
export function decodeInto(
  t: Transitions,
  e: Emissions,
  n: number,
  labels: Int32Array,
  at: number,
  temperature: number,
  confidence?: ConfidenceRequest,
): void {
  const { L } = t;
  const k = kernels();
  const { rows, offset, stride, scale } = e;
  // Rows already in kernel memory (emissions(), the NER tagger's document
  // rows) are read in place: their address, before the scratch may grow
  // the memory and detach the view.
  if (rows.length === 0) throw new Error('decode: detached emission rows (take emissions() again after the kernels grow)');
  const inPlace = rows.buffer === k.f64.buffer;
  const address = rows.byteOffset + 8 * offset;
  ensureScratch(k, n, L);
  // Other rows are copied into the scratch, packed L wide.
  let emis = address;
  let rowStride = stride;
  if (!inPlace) {
    emis = scratch.emis;
    rowStride = L;
    for (let i = 0; i < n; i++) k.f64.set(rows.subarray(offset + i * stride, offset + i * stride + L), (scratch.emis >> 3) + i * L);
  }
  // max |v × scale| is max |v| × scale: rounding is monotone.
  const maxRaw = k.exports.maxAbs(emis, n, L, rowStride);
  const margin = pruningMargin(t, n, maxRaw * scale);
  k.exports.viterbi(t.block, n, emis, rowStride, scale, margin, scratch.delta, scratch.path, scratch.survivor, scratch.acc, scratch.sums);
  const path = k.i32;
  const p0 = scratch.path >> 2;
  for (let i = 0; i < n; i++) labels[at + i] = path[p0 + i] as number;
  if (!confidence) return;
  const { want, out } = confidence;
  let first = 0;
  while (first < n && !want[labels[at + first] as number]) out[at + first++] = Number.NaN;
  if (first === n) return;
  k.exports.backward(t.block, n, first, emis, rowStride, scale, margin, scratch.beta, scratch.acc, scratch.sums);
  const f = k.f64;
  const delta = scratch.delta >> 3;
  const beta = scratch.beta >> 3;
  for (let i = first; i < n; i++) {
    const p = labels[at + i] as number;
    if (!want[p]) {
      out[at + i] = Number.NaN;
      continue;
    }
    const row = i * L;
    const top = (f[delta + row + p] as number) + (f[beta + row + p] as number);
    let sum = 0;
    for (let y = 0; y < L; y++) {
      const v = ((f[delta + row + y] as number) + (f[beta + row + y] as number) - top) / temperature;
      if (v > -50) sum += Math.exp(v);
    }
    out[at + i] = sum > 0 ? 1 / sum : 1;
  }
}
