// Coreference metrics as defined in Pradhan et al. (2014), "Scoring Coreference
// Partitions of Predicted Mentions: A Reference Implementation" (ACL), which
// the CoNLL-2011/12 reference scorer (v8) implements: MUC (Vilain et al. 1995),
// B³ (Bagga & Baldwin 1998), CEAF-e with φ4 (Luo 2005), and their unweighted
// average, "CoNLL F1". Clusters are arrays of mention keys; singletons count.

export type Partition = readonly (readonly string[])[];

export interface Prf {
  readonly recall: number;
  readonly precision: number;
  readonly f1: number;
}

export interface CorefScores {
  readonly muc: Prf;
  readonly b3: Prf;
  readonly ceafe: Prf;
  readonly conllF1: number;
}

function prf(recallNum: number, recallDen: number, precisionNum: number, precisionDen: number): Prf {
  const recall = recallDen === 0 ? 0 : recallNum / recallDen;
  const precision = precisionDen === 0 ? 0 : precisionNum / precisionDen;
  const f1 = recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision);
  return { recall, precision, f1 };
}

function clusterIndex(partition: Partition): Map<string, number> {
  const index = new Map<string, number>();
  partition.forEach((cluster, i) => {
    for (const m of cluster) index.set(m, i);
  });
  return index;
}

/**
 * MUC link-based counts: for each cluster S of `a`, |S| − |p(S)| where p(S)
 * is the partition of S by `b` (mentions missing from `b` are each their own part).
 */
function mucCounts(a: Partition, b: Partition): { num: number; den: number } {
  const inB = clusterIndex(b);
  let num = 0;
  let den = 0;
  for (const cluster of a) {
    const parts = new Set<string>();
    for (const m of cluster) {
      const j = inB.get(m);
      parts.add(j === undefined ? `missing:${m}` : `c:${j}`);
    }
    num += cluster.length - parts.size;
    den += cluster.length - 1;
  }
  return { num, den };
}

export function muc(key: Partition, response: Partition): Prf {
  const r = mucCounts(key, response);
  const p = mucCounts(response, key);
  return prf(r.num, r.den, p.num, p.den);
}

/** B³: Σ over clusters of Σ over overlapping clusters |K∩R|²/|K|, divided by mention count. */
function b3Sum(a: Partition, b: Partition): { num: number; den: number } {
  const inB = clusterIndex(b);
  let num = 0;
  let den = 0;
  for (const cluster of a) {
    if (cluster.length === 0) continue;
    const overlap = new Map<number, number>();
    for (const m of cluster) {
      const j = inB.get(m);
      if (j !== undefined) overlap.set(j, (overlap.get(j) ?? 0) + 1);
    }
    for (const n of overlap.values()) num += (n * n) / cluster.length;
    den += cluster.length;
  }
  return { num, den };
}

export function b3(key: Partition, response: Partition): Prf {
  const r = b3Sum(key, response);
  const p = b3Sum(response, key);
  return prf(r.num, r.den, p.num, p.den);
}

/** CEAF-e: the best one-to-one alignment of clusters under φ4(K,R) = 2|K∩R|/(|K|+|R|). */
export function ceafe(key: Partition, response: Partition): Prf {
  const k = key.filter((c) => c.length > 0);
  const r = response.filter((c) => c.length > 0);
  const inR = clusterIndex(r);
  const similarity: number[][] = k.map(() => new Array<number>(r.length).fill(0));
  k.forEach((cluster, i) => {
    const overlap = new Map<number, number>();
    for (const m of cluster) {
      const j = inR.get(m);
      if (j !== undefined) overlap.set(j, (overlap.get(j) ?? 0) + 1);
    }
    const row = similarity[i] as number[];
    for (const [j, n] of overlap) row[j] = (2 * n) / (cluster.length + (r[j] as readonly string[]).length);
  });
  const best = maxWeightAssignment(similarity, k.length, r.length);
  return prf(best, k.length, best, r.length);
}

export function scoreCoref(key: Partition, response: Partition): CorefScores {
  const m = muc(key, response);
  const b = b3(key, response);
  const c = ceafe(key, response);
  return { muc: m, b3: b, ceafe: c, conllF1: (m.f1 + b.f1 + c.f1) / 3 };
}

/**
 * Maximum-weight bipartite matching (Kuhn–Munkres, O(n³) with potentials),
 * on a rows × cols similarity matrix; returns the total weight. The matrix is
 * block-sparse in practice, so connected components are solved separately.
 */
export function maxWeightAssignment(similarity: readonly (readonly number[])[], rows: number, cols: number): number {
  // Components of the bipartite graph of non-zero cells keep each Hungarian run small.
  const parent = new Array<number>(rows + cols).fill(0).map((_, i) => i);
  const find = (x: number): number => {
    let y = x;
    while (parent[y] !== y) y = parent[y] as number;
    let z = x;
    while (parent[z] !== y) {
      const next = parent[z] as number;
      parent[z] = y;
      z = next;
    }
    return y;
  };
  for (let i = 0; i < rows; i++) {
    const row = similarity[i] as readonly number[];
    for (let j = 0; j < cols; j++) if ((row[j] as number) > 0) parent[find(i)] = find(rows + j);
  }
  const groups = new Map<number, { r: number[]; c: number[] }>();
  for (let x = 0; x < rows + cols; x++) {
    const root = find(x);
    let g = groups.get(root);
    if (!g) {
      g = { r: [], c: [] };
      groups.set(root, g);
    }
    if (x < rows) g.r.push(x);
    else g.c.push(x - rows);
  }
  let total = 0;
  for (const { r, c } of groups.values()) {
    if (r.length === 0 || c.length === 0) continue;
    const sub = r.map((i) => c.map((j) => (similarity[i] as readonly number[])[j] as number));
    total += hungarianMax(sub);
  }
  return total;
}

/** Hungarian algorithm (Jonker–Volgenant style potentials) maximising the sum. */
function hungarianMax(weights: readonly (readonly number[])[]): number {
  const n0 = weights.length;
  const m0 = (weights[0] ?? []).length;
  const n = Math.max(n0, m0);
  // Square cost matrix for minimisation: cost = max − w, padded with max (w = 0).
  let max = 0;
  for (const row of weights) for (const w of row) if (w > max) max = w;
  const cost = (i: number, j: number): number => max - (i < n0 && j < m0 ? ((weights[i] as readonly number[])[j] as number) : 0);
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0] as number;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = (p[j] as number) - 1;
    if (i < n0 && j - 1 < m0) total += (weights[i] as readonly number[])[j - 1] as number;
  }
  return total;
}
