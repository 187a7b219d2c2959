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

/** A scheme's allowed transitions gathered per label, each with its weight. */
export interface Transitions {
  readonly L: number;
  readonly start: Uint8Array;
  readonly end: Uint8Array;
  readonly startW: Float64Array;
  readonly endW: Float64Array;
  /** Allowed predecessors p of label y: pred[predStart[y] .. predStart[y+1]), predW = trans[p × L + y]. */
  readonly predStart: Int32Array;
  readonly pred: Int32Array;
  readonly predW: Float64Array;
  /** Allowed successors z of label y, likewise, succW = trans[y × L + z]. */
  readonly succStart: Int32Array;
  readonly succ: Int32Array;
  readonly succW: Float64Array;
}

export function gatherTransitions(c: Constraints, L: number, trans: Float64Array, startW: Float64Array, endW: Float64Array): Transitions {
  const predW = new Float64Array(c.pred.length);
  for (let y = 0; y < L; y++) {
    for (let k = c.predStart[y] as number; k < (c.predStart[y + 1] as number); k++) {
      predW[k] = trans[(c.pred[k] as number) * L + y] as number;
    }
  }
  const succW = new Float64Array(c.succ.length);
  for (let y = 0; y < L; y++) {
    for (let k = c.succStart[y] as number; k < (c.succStart[y + 1] as number); k++) {
      succW[k] = trans[y * L + (c.succ[k] as number)] as number;
    }
  }
  return {
    L,
    start: c.start,
    end: c.end,
    startW,
    endW,
    predStart: c.predStart,
    pred: c.pred,
    predW,
    succStart: c.succStart,
    succ: c.succ,
    succW,
  };
}

/** Viterbi over emis (n × L, already scaled): best label ids into path[0 .. n). */
export function viterbiPath(t: Transitions, emis: Float64Array, n: number, delta: Float64Array, back: Int32Array, path: Int32Array): void {
  const { L, start, startW, predStart, pred, predW } = t;
  for (let y = 0; y < L; y++) delta[y] = start[y] ? (startW[y] as number) + (emis[y] as number) : NEG;
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    let k = predStart[0] as number;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      const to = predStart[y + 1] as number;
      for (; k < to; k++) {
        const p = pred[k] as number;
        const v = (delta[prev + p] as number) + (predW[k] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[cur + y] = best + (emis[cur + y] as number);
      back[cur + y] = arg;
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
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + (path[i] as number)] as number;
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
  const { L, end, endW, succStart, succ, succW } = t;
  let first = 0;
  while (first < n && !want[path[first] as number]) out[at + first++] = Number.NaN;
  if (first === n) return;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) beta[last + y] = end[y] ? (endW[y] as number) : NEG;
  for (let i = n - 2; i >= first; i--) {
    const cur = i * L;
    const next = (i + 1) * L;
    let k = succStart[0] as number;
    for (let y = 0; y < L; y++) {
      let best = NEG;
      const to = succStart[y + 1] as number;
      for (; k < to; k++) {
        const z = succ[k] as number;
        const v = (succW[k] as number) + (emis[next + z] as number) + (beta[next + z] as number);
        if (v > best) best = v;
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
