import { describe, expect, it } from 'vitest';
import { PerceptronModel, prng } from './perceptron.ts';
import { type Constraints, labelScheme, type Scheme, schemeConstraints, spansFromLabelIds, spansFromTags } from './tags.ts';

const NEG = -1e30;

/** The textbook decoder the fast kernels must match bit for bit: running strict-greater argmax, full neighbour lists. */
function reference(
  emis: Float64Array,
  n: number,
  L: number,
  trans: Float64Array,
  startW: Float64Array,
  endW: Float64Array,
  c: Constraints,
  temperature: number,
) {
  const delta = new Float64Array(n * L);
  const back = new Int32Array(n * L);
  for (let y = 0; y < L; y++) delta[y] = c.start[y] ? (startW[y] as number) + (emis[y] as number) : NEG;
  for (let i = 1; i < n; i++) {
    for (let y = 0; y < L; y++) {
      let best = NEG;
      let arg = 0;
      for (let k = c.predStart[y] as number; k < (c.predStart[y + 1] as number); k++) {
        const p = c.pred[k] as number;
        const v = (delta[(i - 1) * L + p] as number) + (trans[p * L + y] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      delta[i * L + y] = best + (emis[i * L + y] as number);
      back[i * L + y] = arg;
    }
  }
  let best = NEG * 2;
  const path = new Int32Array(n);
  for (let y = 0; y < L; y++) {
    const v = c.end[y] ? (delta[(n - 1) * L + y] as number) + (endW[y] as number) : NEG;
    if (v > best) {
      best = v;
      path[n - 1] = y;
    }
  }
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + (path[i] as number)] as number;
  const beta = new Float64Array(n * L);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = c.end[y] ? (endW[y] as number) : NEG;
  for (let i = n - 2; i >= 0; i--) {
    for (let y = 0; y < L; y++) {
      let b = NEG;
      for (let k = c.succStart[y] as number; k < (c.succStart[y + 1] as number); k++) {
        const z = c.succ[k] as number;
        const v = (trans[y * L + z] as number) + (emis[(i + 1) * L + z] as number) + (beta[(i + 1) * L + z] as number);
        if (v > b) b = v;
      }
      beta[i * L + y] = b;
    }
  }
  const confidence = Array.from(path, (p, i) => {
    const top = (delta[i * L + p] as number) + (beta[i * L + p] as number);
    let sum = 0;
    for (let y = 0; y < L; y++) {
      const v = ((delta[i * L + y] as number) + (beta[i * L + y] as number) - top) / temperature;
      if (v > -50) sum += Math.exp(v);
    }
    return sum > 0 ? 1 / sum : 1;
  });
  return { path: Array.from(path), confidence };
}

const LABELS: Record<Scheme | 'none', string[]> = {
  BILOU: ['O', 'B-LOC', 'B-PER', 'I-LOC', 'I-PER', 'L-LOC', 'L-PER', 'U-LOC', 'U-PER'],
  BIO: ['O', 'B-A', 'B-B', 'B-C', 'I-A', 'I-B', 'I-C'],
  none: ['a', 'b', 'c', 'd', 'e', 'f'],
};

/** A model with transition weights and no feature weights: its emissions are whatever a test writes. */
function transitionsOnly(
  labels: string[],
  scheme: Scheme | 'none',
  trans: Float64Array,
  startW: Float64Array,
  endW: Float64Array,
): PerceptronModel {
  const rows = {
    keys: new Uint32Array(0),
    rowStart: new Uint32Array(1),
    entryLabel: new Uint8Array(0),
    entryValue: new Int32Array(0),
    scale: 1,
  };
  return new PerceptronModel(labels, scheme, rows, trans, startW, endW);
}

describe('decodeEmissions (pruned Viterbi and max-marginals) equals the textbook decoder', () => {
  // Small integer weights make ties common, so tie-breaking is exercised too.
  it.each([
    ['BILOU', 'integer', 1],
    ['BILOU', 'real', 2],
    ['BIO', 'integer', 3],
    ['BIO', 'real', 4],
    ['none', 'integer', 5],
    ['none', 'real', 6],
  ] as const)('%s, %s scores', (scheme, kind, seed) => {
    const random = prng(seed);
    const value = (range: number): number => (kind === 'integer' ? Math.round((random() - 0.5) * range) : (random() - 0.5) * range);
    const labels = LABELS[scheme];
    const L = labels.length;
    const trans = Float64Array.from({ length: L * L }, () => value(8));
    const startW = Float64Array.from({ length: L }, () => value(4));
    const endW = Float64Array.from({ length: L }, () => value(4));
    const model = transitionsOnly(labels, scheme, trans, startW, endW);
    model.temperature = 3;
    const c = schemeConstraints(labels, scheme);
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(random() * 12);
      // Mostly one dominant label per token (as in real text), sometimes flat.
      const flat = random() < 0.3;
      const emis = Float64Array.from({ length: n * L }, (_, j) => value(flat ? 6 : 30) + (!flat && j % L === 0 ? 40 : 0));
      model.emissions(n).set(emis);
      const ids = new Int32Array(n);
      const out = new Float64Array(n);
      model.decodeEmissions(n, ids, 0, { want: new Uint8Array(L).fill(1), out });
      const ref = reference(emis, n, L, trans, startW, endW, c, 3);
      expect(Array.from(ids)).toEqual(ref.path);
      expect(Array.from(out)).toEqual(ref.confidence);
    }
  });
});

describe('decodeEmissions on a sentence longer than any before', () => {
  it("grows its scratch (and the kernels' memory) and still equals the textbook decoder", async () => {
    const { kernels } = await import('./kernels.ts');
    const random = prng(7);
    const labels = LABELS.BIO;
    const L = labels.length;
    const trans = Float64Array.from({ length: L * L }, () => Math.round((random() - 0.5) * 8));
    const none = new Float64Array(L);
    const model = transitionsOnly(labels, 'BIO', trans, none, none);
    const n = 100_000;
    const emis = Float64Array.from({ length: n * L }, (_, j) => Math.round((random() - 0.5) * 30) + (j % L === 0 ? 20 : 0));
    const before = kernels().f64.buffer.byteLength;
    model.emissions(n).set(emis);
    const ids = new Int32Array(n);
    const out = new Float64Array(n);
    model.decodeEmissions(n, ids, 0, { want: new Uint8Array(L).fill(1), out });
    expect(kernels().f64.buffer.byteLength).toBeGreaterThan(before);
    const ref = reference(emis, n, L, trans, none, none, schemeConstraints(labels, 'BIO'), 1);
    expect(Array.from(ids)).toEqual(ref.path);
    expect(Array.from(out)).toEqual(ref.confidence);
  });
});

describe('decodeEmissions from rows of the caller’s own (outside kernel memory)', () => {
  it('reads them at their offset and stride and equals the textbook decoder', () => {
    const random = prng(9);
    const labels = LABELS.BILOU;
    const L = labels.length;
    const trans = Float64Array.from({ length: L * L }, () => Math.round((random() - 0.5) * 8));
    const startW = Float64Array.from({ length: L }, () => Math.round((random() - 0.5) * 4));
    const model = transitionsOnly(labels, 'BILOU', trans, startW, startW);
    const n = 40;
    const stride = L + 5;
    const emis = Float64Array.from({ length: n * L }, (_, j) => Math.round((random() - 0.5) * 30) + (j % L === 0 ? 20 : 0));
    // Interleaved with other columns, from offset 3: as the NER tagger's rows are.
    const wide = new Float64Array(3 + n * stride).fill(1e6);
    for (let i = 0; i < n; i++) wide.set(emis.subarray(i * L, (i + 1) * L), 3 + i * stride);
    const ids = new Int32Array(n);
    const out = new Float64Array(n);
    model.decodeEmissions(n, ids, 0, { want: new Uint8Array(L).fill(1), out }, { rows: wide, offset: 3, stride });
    const ref = reference(emis, n, L, trans, startW, startW, schemeConstraints(labels, 'BILOU'), 1);
    expect(Array.from(ids)).toEqual(ref.path);
    expect(Array.from(out)).toEqual(ref.confidence);
  });
});

describe('spansFromLabelIds', () => {
  it.each([
    ['BIO', ['B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC', 'B-LOC', 'I-PER', 'O', 'I-ORG']],
    ['BILOU', ['U-LOC', 'B-ORG', 'I-ORG', 'L-ORG', 'O', 'B-PER', 'I-PER', 'L-LOC', 'U-PER', 'I-PER']],
    ['BILOU', ['B-PER', 'I-PER']],
    ['BIO', []],
  ] as const)('%s: the spans of spansFromTags', (scheme, tags) => {
    const labels = [...new Set(['O', ...tags])];
    const ids = Int32Array.from([7, ...tags.map((t) => labels.indexOf(t)), 7]);
    expect(spansFromLabelIds(ids, 1, ids.length - 1, labelScheme(labels), scheme)).toEqual(spansFromTags(tags, scheme));
  });
});

describe('jointWeights', () => {
  it('adds what each model adds on its own, with one lookup', async () => {
    const { hashFeatures, jointWeights, trainPerceptron } = await import('./index.ts');
    const data = [
      { feats: ['a', 'b'], labels: ['O', 'U-X'] },
      { feats: ['b', 'c'], labels: ['U-Y', 'O'] },
      { feats: ['c', 'd'], labels: ['O', 'O'] },
    ].map((d) => ({ ...hashFeatures(d.feats.map((f) => [f, `${f}!`])), labels: d.labels }));
    const m1 = trainPerceptron(data, { epochs: 3, seed: 1, scheme: 'BILOU' });
    const m2 = trainPerceptron(data.slice(1), { epochs: 2, seed: 2, scheme: 'BILOU' });
    const joint = jointWeights([m1, m2]);
    for (const f of ['a', 'b', 'c', 'd', 'a!', 'c!', 'unseen']) {
      const h = hashFeatures([[f]]).feats[0] as number;
      const together = [new Float64Array(3 + m1.labels.length), new Float64Array(5 + m2.labels.length)];
      joint.addWeights(h, together, Int32Array.of(3, 5));
      const apart = [new Float64Array(3 + m1.labels.length), new Float64Array(5 + m2.labels.length)];
      m1.addWeights(h, apart[0] as Float64Array, 3);
      m2.addWeights(h, apart[1] as Float64Array, 5);
      expect(together).toEqual(apart);
    }
  });
});
