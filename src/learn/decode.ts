// Decoding-time data and kernels of a trained model: the weight table and
// constrained Viterbi / max-marginals over label ids. They do the same
// floating-point operations in the same order as training's viterbi()
// (perceptron.ts), so labels and confidences are bit-identical; what differs
// is memory layout: one probe reads a slot's key and row offset together,
// and each label's allowed neighbours come with their transition weights.
import type { Constraints } from './tags.ts';

export const NEG = -1e30;

/**
 * Feature hash → weight row. Open addressing with linear probing over
 * [key, row offset] pairs (0 marks an empty slot: no hash is 0); a row in
 * `packed` is its entry count, then (value << 8 | label) per entry.
 */
export class WeightTable {
  private readonly slots: Int32Array;
  /** Mask over slot pair indices × 2 (even offsets into `slots`). */
  private readonly mask: number;
  private readonly packed: Int32Array;

  constructor(keys: Uint32Array, rowStart: Uint32Array, entryLabel: Uint8Array, entryValue: Int32Array) {
    // Load ≤ 2/3: probes stay within one or two cache lines, and the table is
    // half the size of a ≤ 1/2 one for the same rows.
    let cap = 16;
    while (cap * 2 < keys.length * 3) cap <<= 1;
    this.slots = new Int32Array(2 * cap);
    this.mask = 2 * cap - 2;
    this.packed = new Int32Array(keys.length + entryLabel.length);
    let at = 0;
    for (let r = 0; r < keys.length; r++) {
      const key = (keys[r] as number) | 0;
      let i = (key << 1) & this.mask;
      while (this.slots[i] !== 0 && this.slots[i] !== key) i = (i + 2) & this.mask;
      this.slots[i] = key;
      this.slots[i + 1] = at;
      const from = rowStart[r] as number;
      const to = rowStart[r + 1] as number;
      this.packed[at++] = to - from;
      for (let e = from; e < to; e++) this.packed[at++] = ((entryValue[e] as number) << 8) | (entryLabel[e] as number);
    }
  }

  /** Adds the weights of feature `key` (integer units) to out[base + label]. */
  addTo(key: number, out: Float64Array, base: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const k = key | 0;
    let i = (k << 1) & mask;
    for (;;) {
      const s = slots[i] as number;
      if (s === k) break;
      if (s === 0) return;
      i = (i + 2) & mask;
    }
    const packed = this.packed;
    const at = slots[i + 1] as number;
    const end = at + 1 + (packed[at] as number);
    for (let e = at + 1; e < end; e++) {
      const v = packed[e] as number;
      out[base + (v & 0xff)] = (out[base + (v & 0xff)] as number) + (v >> 8);
    }
  }
}

/**
 * One direction's allowed neighbours of each label (predecessors for the
 * forward pass, successors for the backward one) with their transition
 * weights, split for pruning: most labels share a `core` of neighbours
 * (BIO: every label precedes O and B-*), and of those only the few with a
 * score near the best can win the max (see prunedCore).
 */
export interface Neighbours {
  /** All neighbours of label y: list[start[y] .. start[y+1]), with weights w. */
  readonly start: Int32Array;
  readonly list: Int32Array;
  readonly w: Float64Array;
  /** The shared neighbours; `wide[y]` when y has them all. */
  readonly core: Int32Array;
  readonly wide: Uint8Array;
  /** Weight between a wide label y and core[j]: coreW[y × core.length + j]. */
  readonly coreW: Float64Array;
  /** y's neighbours outside the core (all of them when y is not wide): extra[extraStart[y] ..), weights extraW. */
  readonly extraStart: Int32Array;
  readonly extra: Int32Array;
  readonly extraW: Float64Array;
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
  const wide = new Uint8Array(L);
  if (core.length > 0) for (const y of wideLabels) wide[y] = 1;
  const C = core.length;
  const coreW = new Float64Array(L * C);
  let spread = 0;
  const extraStart = new Int32Array(L + 1);
  const extra: number[] = [];
  const extraW: number[] = [];
  for (let y = 0; y < L; y++) {
    extraStart[y] = extra.length;
    if (wide[y]) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      core.forEach((z, j) => {
        const v = weight(y, z);
        coreW[y * C + j] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      });
      spread = Math.max(spread, hi - lo);
    }
    for (const z of of(y)) {
      if (wide[y] && inCore.has(z)) continue;
      extra.push(z);
      extraW.push(weight(y, z));
    }
  }
  extraStart[L] = extra.length;
  return {
    start,
    list,
    w,
    core: Int32Array.from(core),
    wide,
    coreW,
    extraStart,
    extra: Int32Array.from(extra),
    extraW: Float64Array.from(extraW),
    spread,
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

/** Below this a best score is an impossible state's (NEG plus a little): no pruning. */
const FINITE = -1e20;

/**
 * The core neighbours that can still reach the max: j (into core) for each
 * core neighbour z whose score s[z] is within spread + margin of the best.
 * For any other z and any wide label y, w(y, z) + s[z] < w(y, z*) + s[z*]
 * already in real numbers by more than the rounding of either side, so
 * the max over the survivors is the max over all (exactly: max picks an
 * operand, it does not round). Returns the survivor count (all when the
 * best is an impossible state's).
 */
function prunedCore(n: Neighbours, scores: Float64Array, at: number, margin: number, survivors: Int32Array): number {
  const core = n.core;
  const C = core.length;
  let best = NEG;
  for (let j = 0; j < C; j++) best = Math.max(best, scores[at + (core[j] as number)] as number);
  let count = 0;
  if (best < FINITE) {
    for (let j = 0; j < C; j++) survivors[count++] = j;
    return count;
  }
  const floor = best - (n.spread + margin);
  for (let j = 0; j < C; j++) if ((scores[at + (core[j] as number)] as number) >= floor) survivors[count++] = j;
  return count;
}

/**
 * Pruning margin for one sentence: far above the rounding error of any
 * score (each is a sum of at most n + 1 emissions and transitions, so its
 * magnitude is at most `bound`), far below the spread of transition weights.
 */
function marginOf(t: Transitions, emis: Float64Array, n: number): number {
  let maxEmis = 0;
  for (let j = 0; j < n * t.L; j++) maxEmis = Math.max(maxEmis, Math.abs(emis[j] as number));
  const bound = (n + 1) * (maxEmis + t.maxAbs);
  return 1e-9 * (1 + bound);
}

const survivorScratch = { forward: new Int32Array(256), backward: new Int32Array(256), sums: new Float64Array(256) };

/**
 * Viterbi over emis (n × L, already scaled): best label ids into path[0 .. n).
 * The forward pass keeps only the max scores (max is exact in any order);
 * the backtrack then finds, for the chosen label only, the first
 * predecessor in list order that reaches that max — the one a running
 * strict-greater argmax over the full list keeps.
 */
export function viterbiPath(t: Transitions, emis: Float64Array, n: number, delta: Float64Array, path: Int32Array): void {
  const { L, start, startW } = t;
  const { core, wide, coreW, extraStart, extra, extraW } = t.pred;
  const C = core.length;
  if (survivorScratch.forward.length < C) survivorScratch.forward = new Int32Array(2 * C);
  const survivors = survivorScratch.forward;
  const margin = C > 0 ? marginOf(t, emis, n) : 0;
  for (let y = 0; y < L; y++) delta[y] = start[y] ? (startW[y] as number) + (emis[y] as number) : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    const live = C > 0 ? prunedCore(t.pred, delta, prev, margin, survivors) : 0;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      if (wide[y]) {
        const row = y * C;
        for (let c = 0; c < live; c++) {
          const j = survivors[c] as number;
          best = Math.max(best, (delta[prev + (core[j] as number)] as number) + (coreW[row + j] as number));
        }
      }
      const to = extraStart[y + 1] as number;
      for (let k = extraStart[y] as number; k < to; k++) {
        best = Math.max(best, (delta[prev + (extra[k] as number)] as number) + (extraW[k] as number));
      }
      delta[cur + y] = best + (emis[cur + y] as number);
    }
  }
  const { end, endW } = t;
  let best = NEG * 2;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    const v = end[y] ? (delta[last + y] as number) + (endW[y] as number) : NEG;
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  path[n - 1] = arg;
  const { start: predStart, list: pred, w: predW } = t.pred;
  for (let i = n - 1; i > 0; i--) {
    const y = path[i] as number;
    const prev = (i - 1) * L;
    let top = NEG;
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
 * for the others. The backward pass stops at the first wanted token.
 */
export function maxMarginals(
  t: Transitions,
  emis: Float64Array,
  n: number,
  delta: Float64Array,
  beta: Float64Array,
  path: Int32Array,
  temperature: number,
  want: Uint8Array,
  out: Float64Array,
  at: number,
): void {
  const { L, end, endW } = t;
  let first = 0;
  while (first < n && !want[path[first] as number]) out[at + first++] = Number.NaN;
  if (first === n) return;
  const { core, wide, coreW, extraStart, extra, extraW } = t.succ;
  const C = core.length;
  if (survivorScratch.backward.length < C) survivorScratch.backward = new Int32Array(2 * C);
  if (survivorScratch.sums.length < L) survivorScratch.sums = new Float64Array(2 * L);
  const survivors = survivorScratch.backward;
  // e + b per label of the next token: only to choose the survivors; each
  // score is still summed as (w + e) + b.
  const sums = survivorScratch.sums;
  const margin = C > 0 ? marginOf(t, emis, n) : 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) beta[last + y] = end[y] ? (endW[y] as number) : NEG;
  for (let i = n - 2; i >= first; i--) {
    const cur = i * L;
    const next = (i + 1) * L;
    let live = 0;
    if (C > 0) {
      for (let z = 0; z < L; z++) sums[z] = (emis[next + z] as number) + (beta[next + z] as number);
      live = prunedCore(t.succ, sums, 0, margin, survivors);
    }
    for (let y = 0; y < L; y++) {
      let best = NEG;
      if (wide[y]) {
        const row = y * C;
        for (let c = 0; c < live; c++) {
          const j = survivors[c] as number;
          const z = core[j] as number;
          best = Math.max(best, (coreW[row + j] as number) + (emis[next + z] as number) + (beta[next + z] as number));
        }
      }
      const to = extraStart[y + 1] as number;
      for (let k = extraStart[y] as number; k < to; k++) {
        const z = extra[k] as number;
        best = Math.max(best, (extraW[k] as number) + (emis[next + z] as number) + (beta[next + z] as number));
      }
      beta[cur + y] = best;
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
