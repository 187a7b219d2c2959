// Decoding-time data and kernels of a trained model: the weight table and
// constrained Viterbi / max-marginals over label ids. They do the same
// floating-point operations in the same order as training's viterbi()
// (perceptron.ts), so labels and confidences are bit-identical; what differs
// is memory layout: one probe reads a slot's key and row offset together,
// and each label's allowed neighbours come with their transition weights.
import type { Constraints } from './tags.ts';

/**
 * The score of an impossible state. The kernels below spell it as a local
 * literal (`neg`): read from module scope it is a boxed number, and V8 then
 * keeps every running max it flows into boxed as well, allocating per update.
 */
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
  private readonly slots: Int32Array;
  /** Mask over slot pair indices × 2 (even offsets into `slots`). */
  private readonly mask: number;
  private readonly packed: Int32Array;
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
    this.slots = new Int32Array(2 * cap);
    this.mask = 2 * cap - 2;
    this.packed = new Int32Array(keys.length * M + entries);
    next.fill(0);
    let at = 0;
    for (const key of keys) {
      let i = ((key | 0) << 1) & this.mask;
      while (this.slots[i] !== 0) i = (i + 2) & this.mask;
      this.slots[i] = key | 0;
      this.slots[i + 1] = at;
      const head = at;
      at += M;
      for (let m = 0; m < M; m++) {
        const r = rows[m] as WeightRows;
        const row = next[m] as number;
        if (row >= r.keys.length || r.keys[row] !== key) continue;
        next[m] = row + 1;
        const from = r.rowStart[row] as number;
        const to = r.rowStart[row + 1] as number;
        this.packed[head + m] = to - from;
        for (let e = from; e < to; e++) this.packed[at++] = ((r.entryValue[e] as number) << 8) | (r.entryLabel[e] as number);
      }
    }
  }

  /** Record offset of `key` in packed, or -1. */
  private find(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const k = key | 0;
    let i = (k << 1) & mask;
    for (;;) {
      const s = slots[i] as number;
      if (s === k) return slots[i + 1] as number;
      if (s === 0) return -1;
      i = (i + 2) & mask;
    }
  }

  /** Adds the weights of feature `key` (integer units) to out[base + label]; one-model tables. */
  addTo(key: number, out: Float64Array, base: number): void {
    const at = this.find(key);
    if (at < 0) return;
    const packed = this.packed;
    const end = at + 1 + (packed[at] as number);
    for (let e = at + 1; e < end; e++) {
      const v = packed[e] as number;
      out[base + (v & 0xff)] = (out[base + (v & 0xff)] as number) + (v >> 8);
    }
  }

  /** Adds the weights of feature `key` under model m to outs[m][bases[m] + label], for each model. */
  addToEach(key: number, outs: readonly Float64Array[], bases: Int32Array): void {
    const at = this.find(key);
    if (at < 0) return;
    const packed = this.packed;
    const M = this.models;
    let e = at + M;
    for (let m = 0; m < M; m++) {
      const end = e + (packed[at + m] as number);
      const out = outs[m] as Float64Array;
      const base = bases[m] as number;
      for (; e < end; e++) {
        const v = packed[e] as number;
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
 * score near the best can win the max (see pruningFloor).
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
  return {
    L,
    start: c.start,
    end: c.end,
    startW,
    endW,
    pred: neighbours(L, c.predStart, c.pred, (y, p) => trans[p * L + y] as number),
    succ: neighbours(L, c.succStart, c.succ, (y, z) => trans[y * L + z] as number),
    maxAbs,
  };
}

/**
 * The lowest score of a core neighbour that can still reach the max, given
 * the best one (`top`): those within spread + margin of it. For any other z
 * and any wide label y, w(y, z) + s[z] < w(y, z*) + s[z*] already in real
 * numbers by more than the rounding of either side, so the max over the
 * survivors is the max over all (exactly: max picks an operand, it does not
 * round). -Infinity (keep all) when the best is an impossible state's.
 */
function pruningFloor(spread: number, top: number, margin: number): number {
  // An impossible state's best (NEG plus a little): no pruning.
  if (top < -1e20) return Number.NEGATIVE_INFINITY;
  return top - (spread + margin);
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

const scratch = {
  best: new Float64Array(256),
  sums: new Float64Array(256),
  /** viterbiPath's per token: the one core predecessor that survived pruning, or -1. */
  survivor: new Int32Array(256),
};

function ensureScratch(L: number, n = 0): void {
  if (scratch.survivor.length < n) scratch.survivor = new Int32Array(2 * n);
  if (scratch.best.length >= L) return;
  scratch.best = new Float64Array(2 * L);
  scratch.sums = new Float64Array(2 * L);
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

/**
 * Viterbi over the emissions (n × L): best label ids into path[0 .. n).
 * The forward pass keeps only the max scores (max is exact in any order),
 * pushing each surviving core predecessor's score to every wide label; the
 * backtrack then finds, for the chosen label only, the first predecessor in
 * list order that reaches that max — the one a running strict-greater
 * argmax over the full list keeps; when one core predecessor alone
 * survived pruning, it is that one for every label whose neighbours are
 * all core (the others cannot reach the max). `margin`: pruningMargin().
 */
export function viterbiPath(t: Transitions, e: Emissions, n: number, delta: Float64Array, path: Int32Array, margin: number): void {
  const { rows: emis, offset, stride, scale } = e;
  const neg = -1e30;
  const { L, start, startW } = t;
  const { core, wide, coreW, wideHasExtra, pairY, pairA, pairB, pairWA, pairWB, otherY, otherQ, otherStart, other, otherW, spread } =
    t.pred;
  const W = wide.length;
  const P = pairY.length;
  const G = otherY.length;
  ensureScratch(L, n);
  const { best: acc, sums, survivor } = scratch;
  for (let y = 0; y < L; y++) delta[y] = start[y] ? (startW[y] as number) + (emis[offset + y] as number) * scale : neg;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    const ec = offset + i * stride;
    if (W > 0) {
      const C = core.length;
      let top = neg;
      for (let j = 0; j < C; j++) {
        const d = delta[prev + (core[j] as number)] as number;
        sums[j] = d;
        if (d > top) top = d;
      }
      const floor = pruningFloor(spread, top, margin);
      let first = true;
      let only = -1;
      for (let j = 0; j < C; j++) {
        const d = sums[j] as number;
        if (d < floor) continue;
        const row = j * W;
        if (first) {
          for (let q = 0; q < W; q++) acc[q] = Math.max(neg, d + (coreW[row + q] as number));
          only = core[j] as number;
        } else {
          for (let q = 0; q < W; q++) acc[q] = Math.max(acc[q] as number, d + (coreW[row + q] as number));
          only = -1;
        }
        first = false;
      }
      survivor[i] = only;
      for (let q = 0; q < W; q++) {
        if (wideHasExtra[q]) continue;
        const y = wide[q] as number;
        delta[cur + y] = (acc[q] as number) + (emis[ec + y] as number) * scale;
      }
    }
    for (let r = 0; r < P; r++) {
      const y = pairY[r] as number;
      const best = Math.max(
        Math.max(neg, (delta[prev + (pairA[r] as number)] as number) + (pairWA[r] as number)),
        (delta[prev + (pairB[r] as number)] as number) + (pairWB[r] as number),
      );
      delta[cur + y] = best + (emis[ec + y] as number) * scale;
    }
    for (let g = 0; g < G; g++) {
      const y = otherY[g] as number;
      const q = otherQ[g] as number;
      let best = q >= 0 ? (acc[q] as number) : neg;
      const to = otherStart[g + 1] as number;
      for (let k = otherStart[g] as number; k < to; k++) {
        best = Math.max(best, (delta[prev + (other[k] as number)] as number) + (otherW[k] as number));
      }
      delta[cur + y] = best + (emis[ec + y] as number) * scale;
    }
  }
  const { end, endW } = t;
  let best = 2 * neg;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    const v = end[y] ? (delta[last + y] as number) + (endW[y] as number) : neg;
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  path[n - 1] = arg;
  const { start: predStart, list: pred, w: predW, coreOnly } = t.pred;
  for (let i = n - 1; i > 0; i--) {
    const y = path[i] as number;
    if (W > 0 && coreOnly[y] && (survivor[i] as number) >= 0) {
      path[i - 1] = survivor[i] as number;
      continue;
    }
    const prev = (i - 1) * L;
    let top = neg;
    let p0 = 0;
    for (let k = predStart[y] as number; k < (predStart[y + 1] as number); k++) {
      const p = pred[k] as number;
      const v = (delta[prev + p] as number) + (predW[k] as number);
      if (v > top) {
        top = v;
        p0 = p;
      }
    }
    path[i - 1] = p0;
  }
}

/**
 * Max-marginal confidence of the Viterbi path (needs viterbiPath's delta and
 * path) for tokens whose label has want[label] set, into out[at + i]; NaN
 * for the others. The backward pass stops at the first wanted token;
 * like the forward one it pushes surviving core successors to wide labels.
 */
export function maxMarginals(
  t: Transitions,
  e: Emissions,
  n: number,
  delta: Float64Array,
  beta: Float64Array,
  path: Int32Array,
  temperature: number,
  want: Uint8Array,
  out: Float64Array,
  at: number,
  margin: number,
): void {
  const neg = -1e30;
  const { L, end, endW } = t;
  const { rows: emis, offset, stride, scale } = e;
  let first = 0;
  while (first < n && !want[path[first] as number]) out[at + first++] = Number.NaN;
  if (first === n) return;
  const { core, wide, coreW, wideHasExtra, pairY, pairA, pairB, pairWA, pairWB, otherY, otherQ, otherStart, other, otherW, spread } =
    t.succ;
  const W = wide.length;
  const P = pairY.length;
  const G = otherY.length;
  ensureScratch(L);
  const { best: acc, sums } = scratch;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) beta[last + y] = end[y] ? (endW[y] as number) : neg;
  for (let i = n - 2; i >= first; i--) {
    const cur = i * L;
    const next = (i + 1) * L;
    const en = offset + (i + 1) * stride;
    if (W > 0) {
      // e + b per label of the next token, only to choose the survivors:
      // each score is still summed as (w + e) + b.
      const C = core.length;
      let top = neg;
      for (let j = 0; j < C; j++) {
        const z = core[j] as number;
        const v = (emis[en + z] as number) * scale + (beta[next + z] as number);
        sums[j] = v;
        if (v > top) top = v;
      }
      const floor = pruningFloor(spread, top, margin);
      let first = true;
      for (let j = 0; j < C; j++) {
        if ((sums[j] as number) < floor) continue;
        const z = core[j] as number;
        const ez = (emis[en + z] as number) * scale;
        const b = beta[next + z] as number;
        const row = j * W;
        if (first) for (let q = 0; q < W; q++) acc[q] = Math.max(neg, (coreW[row + q] as number) + ez + b);
        else for (let q = 0; q < W; q++) acc[q] = Math.max(acc[q] as number, (coreW[row + q] as number) + ez + b);
        first = false;
      }
      for (let q = 0; q < W; q++) if (!wideHasExtra[q]) beta[cur + (wide[q] as number)] = acc[q] as number;
    }
    for (let r = 0; r < P; r++) {
      const a = pairA[r] as number;
      const b = pairB[r] as number;
      beta[cur + (pairY[r] as number)] = Math.max(
        Math.max(neg, (pairWA[r] as number) + (emis[en + a] as number) * scale + (beta[next + a] as number)),
        (pairWB[r] as number) + (emis[en + b] as number) * scale + (beta[next + b] as number),
      );
    }
    for (let g = 0; g < G; g++) {
      const q = otherQ[g] as number;
      let best = q >= 0 ? (acc[q] as number) : neg;
      const to = otherStart[g + 1] as number;
      for (let k = otherStart[g] as number; k < to; k++) {
        const z = other[k] as number;
        best = Math.max(best, (otherW[k] as number) + (emis[en + z] as number) * scale + (beta[next + z] as number));
      }
      beta[cur + (otherY[g] as number)] = best;
    }
  }
  for (let i = first; i < n; i++) {
    const p = path[i] as number;
    if (!want[p]) {
      out[at + i] = Number.NaN;
      continue;
    }
    const base = i * L;
    const top = (delta[base + p] as number) + (beta[base + p] as number);
    let sum = 0;
    for (let y = 0; y < L; y++) {
      const v = ((delta[base + y] as number) + (beta[base + y] as number) - top) / temperature;
      if (v > -50) sum += Math.exp(v);
    }
    out[at + i] = sum > 0 ? 1 / sum : 1;
  }
}
