import { describe, expect, it } from 'vitest';
import { b3, ceafe, maxWeightAssignment, muc, scoreCoref } from './metrics.ts';

// The worked example of Pradhan et al. (2014), §3 / Figure 1 (also the
// reference scorer's documentation): key {a,b,c} {d,e,f,g}; response
// {a,b} {c,d} {f,g,h,i}. Expected figures are the paper's.
const key = [
  ['a', 'b', 'c'],
  ['d', 'e', 'f', 'g'],
];
const response = [
  ['a', 'b'],
  ['c', 'd'],
  ['f', 'g', 'h', 'i'],
];

describe('coreference metrics on the Pradhan et al. (2014) example', () => {
  it('MUC: R = 2/5, P = 2/5', () => {
    const s = muc(key, response);
    expect(s.recall).toBeCloseTo(0.4, 10);
    expect(s.precision).toBeCloseTo(0.4, 10);
    expect(s.f1).toBeCloseTo(0.4, 10);
  });
  it('B³: R = 1/7 (4/3 + 1/3 + 1/4 + 4/4) = 0.4167, P = 1/8 (4/2 + 1/2 + 1/2 + 4/4) = 0.5', () => {
    const s = b3(key, response);
    expect(s.recall).toBeCloseTo(35 / 84, 10);
    expect(s.precision).toBeCloseTo(0.5, 10);
    expect(s.f1).toBeCloseTo((2 * (35 / 84) * 0.5) / (35 / 84 + 0.5), 10);
  });
  it('CEAF-e (φ4): best alignment 0.8 + 0.5 = 1.3; R = 1.3/2, P = 1.3/3', () => {
    const s = ceafe(key, response);
    expect(s.recall).toBeCloseTo(0.65, 10);
    expect(s.precision).toBeCloseTo(1.3 / 3, 10);
  });
  it('CoNLL F1 is the mean of the three F1s', () => {
    const s = scoreCoref(key, response);
    expect(s.conllF1).toBeCloseTo((s.muc.f1 + s.b3.f1 + s.ceafe.f1) / 3, 12);
    expect(s.conllF1).toBeCloseTo(0.4582, 4);
  });
});

describe('coreference metrics, boundary cases', () => {
  it('identical partitions score 1 everywhere', () => {
    const s = scoreCoref(key, key);
    expect([s.muc.f1, s.b3.f1, s.ceafe.f1, s.conllF1]).toEqual([1, 1, 1, 1]);
  });
  it('all singletons against two chains: MUC 0, B³ recall 2/7 + …, CEAF-e by φ4', () => {
    const singletons = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((m) => [m]);
    expect(muc(key, singletons).f1).toBe(0);
    // B³ recall: each key mention's cluster share is 1/|K|: 3·(1/3) + 4·(1/4) = 2 over 7.
    expect(b3(key, singletons).recall).toBeCloseTo(2 / 7, 10);
    expect(b3(key, singletons).precision).toBe(1);
    // CEAF-e: best is 2/(3+1) + 2/(4+1) = 0.9; R = 0.9/2, P = 0.9/7.
    expect(ceafe(key, singletons).recall).toBeCloseTo(0.45, 10);
    expect(ceafe(key, singletons).precision).toBeCloseTo(0.9 / 7, 10);
  });
  it('one big cluster: MUC recall 1, precision (7−2)/(7−1)', () => {
    const one = [['a', 'b', 'c', 'd', 'e', 'f', 'g']];
    const s = muc(key, one);
    expect(s.recall).toBe(1);
    expect(s.precision).toBeCloseTo(5 / 6, 10);
  });
  it('assignment solves a case greedy gets wrong', () => {
    // Greedy takes 0.9 then 0.1 (1.0); optimal is 0.8 + 0.8 = 1.6.
    expect(
      maxWeightAssignment(
        [
          [0.9, 0.8],
          [0.8, 0.1],
        ],
        2,
        2,
      ),
    ).toBeCloseTo(1.6, 10);
    // Rectangular: 3 rows, 2 columns.
    expect(
      maxWeightAssignment(
        [
          [0.5, 0],
          [0, 0.7],
          [0.6, 0.2],
        ],
        3,
        2,
      ),
    ).toBeCloseTo(1.3, 10);
  });
});
