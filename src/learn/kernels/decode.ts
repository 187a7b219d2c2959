// AssemblyScript, compiled to decode.wasm by `npm run build:kernels` (not
// part of the TypeScript project: i32/usize/load<T> are AssemblyScript's).
// The two hot loops of decoding (src/learn/decode.ts): the pruned Viterbi
// forward pass with its backtrack, and the max-marginals backward pass. They
// are line-for-line ports of the JavaScript they replaced and do the same
// floating-point operations in the same order (f64.max is Math.max on the
// finite scores here), so labels and confidences stay bit-identical; the
// confidences' exp() stays in JavaScript, whose Math.exp is not this one.
// Everything lives in linear memory laid out by decode.ts: a Transitions
// block, two Neighbours blocks, and the caller's scratch.

// Transitions block (i32 fields): L, start (u8[L]), end (u8[L]), startW, endW (f64[L]), pred, succ (Neighbours blocks).
// Neighbours block (i32 fields, then f64 spread at 96):
//  0 C, 4 W, 8 P, 12 G, 16 core, 20 wide, 24 coreW, 28 wideHasExtra, 32 pairY, 36 pairA, 40 pairB, 44 pairWA,
//  48 pairWB, 52 otherY, 56 otherQ, 60 otherStart, 64 other, 68 otherW, 72 start, 76 list, 80 w, 84 coreOnly.

@inline function f(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}
@inline function setF(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}
@inline function n32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}
@inline function set32(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}
@inline function u8at(p: usize, i: i32): bool {
  return load<u8>(p + <usize>i) != 0;
}
@inline function field(block: usize, offset: i32): usize {
  return <usize>load<i32>(block + <usize>offset);
}

/**
 * The lowest score of a core neighbour that can still reach the max, given
 * the best one (`top`): those within spread + margin of it. For any other z
 * and any wide label y, w(y, z) + s[z] < w(y, z*) + s[z*] already in real
 * numbers by more than the rounding of either side, so the max over the
 * survivors is the max over all (exactly: max picks an operand, it does not
 * round). -Infinity (keep all) when the best is an impossible state's.
 */
@inline function pruningFloor(spread: f64, top: f64, margin: f64): f64 {
  if (top < -1e20) return -Infinity;
  return top - (spread + margin);
}

/**
 * viterbiPath: best label ids into path[0 .. n) for emissions
 * emis[i × stride + y] × scale; delta (n × L), survivor (n), acc and sums
 * (L each) are scratch.
 */
export function viterbi(
  t: usize,
  n: i32,
  emis: usize,
  stride: i32,
  scale: f64,
  margin: f64,
  delta: usize,
  path: usize,
  survivor: usize,
  acc: usize,
  sums: usize,
): void {
  const neg: f64 = -1e30;
  const L = <i32>field(t, 0);
  const start = field(t, 4);
  const end = field(t, 8);
  const startW = field(t, 12);
  const endW = field(t, 16);
  const nb = field(t, 20);
  const C = <i32>field(nb, 0);
  const W = <i32>field(nb, 4);
  const P = <i32>field(nb, 8);
  const G = <i32>field(nb, 12);
  const core = field(nb, 16);
  const wide = field(nb, 20);
  const coreW = field(nb, 24);
  const wideHasExtra = field(nb, 28);
  const pairY = field(nb, 32);
  const pairA = field(nb, 36);
  const pairB = field(nb, 40);
  const pairWA = field(nb, 44);
  const pairWB = field(nb, 48);
  const otherY = field(nb, 52);
  const otherQ = field(nb, 56);
  const otherStart = field(nb, 60);
  const other = field(nb, 64);
  const otherW = field(nb, 68);
  const spread = load<f64>(nb + 96);
  for (let y = 0; y < L; y++) setF(delta, y, u8at(start, y) ? f(startW, y) + f(emis, y) * scale : neg);
  for (let i = 1; i < n; i++) {
    const prev = (i - 1) * L;
    const cur = i * L;
    const ec = i * stride;
    if (W > 0) {
      let top = neg;
      for (let j = 0; j < C; j++) {
        const d = f(delta, prev + n32(core, j));
        setF(sums, j, d);
        if (d > top) top = d;
      }
      const floor = pruningFloor(spread, top, margin);
      let first = true;
      let only = -1;
      for (let j = 0; j < C; j++) {
        const d = f(sums, j);
        if (d < floor) continue;
        const row = j * W;
        if (first) {
          for (let q = 0; q < W; q++) setF(acc, q, max<f64>(neg, d + f(coreW, row + q)));
          only = n32(core, j);
        } else {
          for (let q = 0; q < W; q++) setF(acc, q, max<f64>(f(acc, q), d + f(coreW, row + q)));
          only = -1;
        }
        first = false;
      }
      set32(survivor, i, only);
      for (let q = 0; q < W; q++) {
        if (u8at(wideHasExtra, q)) continue;
        const y = n32(wide, q);
        setF(delta, cur + y, f(acc, q) + f(emis, ec + y) * scale);
      }
    }
    for (let r = 0; r < P; r++) {
      const y = n32(pairY, r);
      const best = max<f64>(
        max<f64>(neg, f(delta, prev + n32(pairA, r)) + f(pairWA, r)),
        f(delta, prev + n32(pairB, r)) + f(pairWB, r),
      );
      setF(delta, cur + y, best + f(emis, ec + y) * scale);
    }
    for (let g = 0; g < G; g++) {
      const y = n32(otherY, g);
      const q = n32(otherQ, g);
      let best = q >= 0 ? f(acc, q) : neg;
      const to = n32(otherStart, g + 1);
      for (let k = n32(otherStart, g); k < to; k++) best = max<f64>(best, f(delta, prev + n32(other, k)) + f(otherW, k));
      setF(delta, cur + y, best + f(emis, ec + y) * scale);
    }
  }
  let best = 2 * neg;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    const v = u8at(end, y) ? f(delta, last + y) + f(endW, y) : neg;
    if (v > best) {
      best = v;
      arg = y;
    }
  }
  set32(path, n - 1, arg);
  const predStart = field(nb, 72);
  const pred = field(nb, 76);
  const predW = field(nb, 80);
  const coreOnly = field(nb, 84);
  for (let i = n - 1; i > 0; i--) {
    const y = n32(path, i);
    if (W > 0 && u8at(coreOnly, y) && n32(survivor, i) >= 0) {
      set32(path, i - 1, n32(survivor, i));
      continue;
    }
    const prev = (i - 1) * L;
    let top = neg;
    let p0 = 0;
    const to = n32(predStart, y + 1);
    for (let k = n32(predStart, y); k < to; k++) {
      const p = n32(pred, k);
      const v = f(delta, prev + p) + f(predW, k);
      if (v > top) {
        top = v;
        p0 = p;
      }
    }
    set32(path, i - 1, p0);
  }
}

/**
 * maxMarginals' backward pass: beta (n × L) from the last token down to
 * token `first`, pushing surviving core successors to wide labels.
 */
export function backward(
  t: usize,
  n: i32,
  first: i32,
  emis: usize,
  stride: i32,
  scale: f64,
  margin: f64,
  beta: usize,
  acc: usize,
  sums: usize,
): void {
  const neg: f64 = -1e30;
  const L = <i32>field(t, 0);
  const end = field(t, 8);
  const endW = field(t, 16);
  const nb = field(t, 24);
  const C = <i32>field(nb, 0);
  const W = <i32>field(nb, 4);
  const P = <i32>field(nb, 8);
  const G = <i32>field(nb, 12);
  const core = field(nb, 16);
  const wide = field(nb, 20);
  const coreW = field(nb, 24);
  const wideHasExtra = field(nb, 28);
  const pairY = field(nb, 32);
  const pairA = field(nb, 36);
  const pairB = field(nb, 40);
  const pairWA = field(nb, 44);
  const pairWB = field(nb, 48);
  const otherY = field(nb, 52);
  const otherQ = field(nb, 56);
  const otherStart = field(nb, 60);
  const other = field(nb, 64);
  const otherW = field(nb, 68);
  const spread = load<f64>(nb + 96);
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) setF(beta, last + y, u8at(end, y) ? f(endW, y) : neg);
  for (let i = n - 2; i >= first; i--) {
    const cur = i * L;
    const next = (i + 1) * L;
    const en = (i + 1) * stride;
    if (W > 0) {
      // e + b per label of the next token, only to choose the survivors:
      // each score is still summed as (w + e) + b.
      let top = neg;
      for (let j = 0; j < C; j++) {
        const z = n32(core, j);
        const v = f(emis, en + z) * scale + f(beta, next + z);
        setF(sums, j, v);
        if (v > top) top = v;
      }
      const floor = pruningFloor(spread, top, margin);
      let firstCore = true;
      for (let j = 0; j < C; j++) {
        if (f(sums, j) < floor) continue;
        const z = n32(core, j);
        const ez = f(emis, en + z) * scale;
        const b = f(beta, next + z);
        const row = j * W;
        if (firstCore) for (let q = 0; q < W; q++) setF(acc, q, max<f64>(neg, f(coreW, row + q) + ez + b));
        else for (let q = 0; q < W; q++) setF(acc, q, max<f64>(f(acc, q), f(coreW, row + q) + ez + b));
        firstCore = false;
      }
      for (let q = 0; q < W; q++) if (!u8at(wideHasExtra, q)) setF(beta, cur + n32(wide, q), f(acc, q));
    }
    for (let r = 0; r < P; r++) {
      const a = n32(pairA, r);
      const b = n32(pairB, r);
      setF(
        beta,
        cur + n32(pairY, r),
        max<f64>(
          max<f64>(neg, f(pairWA, r) + f(emis, en + a) * scale + f(beta, next + a)),
          f(pairWB, r) + f(emis, en + b) * scale + f(beta, next + b),
        ),
      );
    }
    for (let g = 0; g < G; g++) {
      const q = n32(otherQ, g);
      let best = q >= 0 ? f(acc, q) : neg;
      const to = n32(otherStart, g + 1);
      for (let k = n32(otherStart, g); k < to; k++) {
        const z = n32(other, k);
        best = max<f64>(best, f(otherW, k) + f(emis, en + z) * scale + f(beta, next + z));
      }
      setF(beta, cur + n32(otherY, g), best);
    }
  }
}

/**
 * Largest |v| of n rows of L emissions, stride apart (the pruning margin's
 * bound; decode.ts decodeInto).
 */
export function maxAbs(emis: usize, n: i32, L: i32, stride: i32): f64 {
  let m: f64 = 0;
  for (let i = 0; i < n; i++) {
    const row = i * stride;
    for (let y = 0; y < L; y++) {
      const v = f(emis, row + y);
      if (v > m) m = v;
      else if (-v > m) m = -v;
    }
  }
  return m;
}

/**
 * Sums of six int32 rows per token into f64 rows: out[i × width + y] =
 * Σ_k rows[at[i × 6 + k] + y], k < 6, for width a multiple of 4 (the NER
 * tagger's cached word, neighbour and case rows; src/ner/tagger.ts
 * priorInto). `at` holds element offsets from `rows`. The sums are exact:
 * each row is bounded far below 2³¹ / 6.
 */
export function sumRows6(rows: usize, at: usize, n: i32, width: i32, out: usize): void {
  for (let i = 0; i < n; i++) {
    const p = at + (<usize>(i * 6) << 2);
    const r0 = rows + (<usize>load<i32>(p) << 2);
    const r1 = rows + (<usize>load<i32>(p, 4) << 2);
    const r2 = rows + (<usize>load<i32>(p, 8) << 2);
    const r3 = rows + (<usize>load<i32>(p, 12) << 2);
    const r4 = rows + (<usize>load<i32>(p, 16) << 2);
    const r5 = rows + (<usize>load<i32>(p, 20) << 2);
    const o = out + (<usize>(i * width) << 3);
    for (let y = 0; y < width; y += 4) {
      const b = <usize>y << 2;
      let v = i32x4.add(v128.load(r0 + b), v128.load(r1 + b));
      v = i32x4.add(v, v128.load(r2 + b));
      v = i32x4.add(v, v128.load(r3 + b));
      v = i32x4.add(v, v128.load(r4 + b));
      v = i32x4.add(v, v128.load(r5 + b));
      const d = o + (<usize>y << 3);
      v128.store(d, f64x2.convert_low_i32x4_s(v));
      v128.store(d, f64x2.convert_low_i32x4_s(i32x4.shuffle(v, v, 2, 3, 0, 1)), 16);
    }
  }
}

/**
 * The record of feature `key` in a weight table (decode.ts WeightTable:
 * open addressing over [key, record] i32 pairs at `slots` under `mask`), as
 * an i32 index from `packed`; -1 when the table has no such feature.
 */
@inline function find(slots: usize, mask: i32, key: i32): i32 {
  let s = (key << 1) & mask;
  let v = n32(slots, s);
  while (v != key) {
    if (v == 0) return -1;
    s = (s + 2) & mask;
    v = n32(slots, s);
  }
  return n32(slots, s + 1);
}

/**
 * Adds the weights of each token's hashed features to its emission row:
 * for token i < n and features feats[offsets[i] .. offsets[i + 1]) (u32),
 * each entry (value << 8 | label) of the feature's record under model m
 * (a record holds an entry count per model, then the models' entries in
 * turn; one model's table is the case M = 1) is added to
 * out[i × stride + columns[m] + label] (f64; columns i32). Integer-valued
 * sums: exact in any order.
 */
export function addFeaturesJoint(
  slots: usize,
  mask: i32,
  packed: usize,
  M: i32,
  feats: usize,
  offsets: usize,
  n: i32,
  out: usize,
  stride: i32,
  columns: usize,
): void {
  for (let i = 0; i < n; i++) {
    const row = out + (<usize>(i * stride) << 3);
    const to = n32(offsets, i + 1);
    for (let k = n32(offsets, i); k < to; k++) {
      const at = find(slots, mask, n32(feats, k));
      if (at < 0) continue;
      let e = at + M;
      for (let m = 0; m < M; m++) {
        const end = e + n32(packed, at + m);
        const base = row + (<usize>n32(columns, m) << 3);
        for (; e < end; e++) {
          const v = n32(packed, e);
          const p = base + (<usize>(v & 0xff) << 3);
          store<f64>(p, load<f64>(p) + <f64>(v >> 8));
        }
      }
    }
  }
}

/**
 * Cached score rows for new keys (the NER tagger's word records): row i, at
 * byte address rows[i] (i32), is zeroed, then gets the weights of features
 * feats[offsets[i] .. offsets[i + 1]) under each of the M models of the
 * merged table, model m's labels from column columns[m], as int32 sums
 * (exact: a row's sums stay far below 2³¹).
 */
export function scoreRows(
  slots: usize,
  mask: i32,
  packed: usize,
  M: i32,
  feats: usize,
  offsets: usize,
  n: i32,
  rows: usize,
  width: i32,
  columns: usize,
): void {
  for (let i = 0; i < n; i++) {
    const row = <usize>n32(rows, i);
    memory.fill(row, 0, <usize>width << 2);
    const to = n32(offsets, i + 1);
    for (let k = n32(offsets, i); k < to; k++) {
      const at = find(slots, mask, n32(feats, k));
      if (at < 0) continue;
      let e = at + M;
      for (let m = 0; m < M; m++) {
        const end = e + n32(packed, at + m);
        const base = row + (<usize>n32(columns, m) << 2);
        for (; e < end; e++) {
          const v = n32(packed, e);
          const p = base + (<usize>(v & 0xff) << 2);
          store<i32>(p, load<i32>(p) + (v >> 8));
        }
      }
    }
  }
}
