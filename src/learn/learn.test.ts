import { describe, expect, it } from 'vitest';
import {
  type FeatureSeq,
  loadSequenceLabeller,
  type Sequence,
  schemeConstraints,
  spansFromTags,
  tagsFromSpans,
  trainSequenceLabeller,
} from './index.ts';

describe('spansFromTags', () => {
  const cases: [string, string[], 'BIO' | 'BILOU', string][] = [
    ['BIO two spans', ['B-PER', 'I-PER', 'O', 'B-LOC'], 'BIO', 'PER:0-2 LOC:3-4'],
    ['BIO adjacent same type', ['B-PER', 'B-PER'], 'BIO', 'PER:0-1 PER:1-2'],
    ['BIO stray I starts a span', ['O', 'I-ORG', 'I-ORG'], 'BIO', 'ORG:1-3'],
    ['BIO type change inside', ['B-PER', 'I-LOC'], 'BIO', 'PER:0-1 LOC:1-2'],
    ['BILOU unit and multi', ['U-LOC', 'B-ORG', 'I-ORG', 'L-ORG', 'O'], 'BILOU', 'LOC:0-1 ORG:1-4'],
    ['BILOU adjacent units', ['U-PER', 'U-PER'], 'BILOU', 'PER:0-1 PER:1-2'],
    ['BILOU unterminated B', ['B-PER', 'I-PER'], 'BILOU', 'PER:0-2'],
    ['empty', [], 'BIO', ''],
  ];
  it.each(cases)('%s', (_name, tags, scheme, expected) => {
    const got = spansFromTags(tags, scheme)
      .map((s) => `${s.type}:${s.start}-${s.end}`)
      .join(' ');
    expect(got).toBe(expected);
  });
});

describe('tagsFromSpans', () => {
  const spans = [
    { type: 'PER', start: 0, end: 2 },
    { type: 'LOC', start: 3, end: 4 },
    { type: 'ORG', start: 4, end: 7 },
    { type: 'MISC', start: 5, end: 6 }, // overlaps ORG: dropped
  ];
  it('BIO', () => {
    expect(tagsFromSpans(7, spans, 'BIO')).toEqual(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG']);
  });
  it('BILOU', () => {
    expect(tagsFromSpans(7, spans, 'BILOU')).toEqual(['B-PER', 'L-PER', 'O', 'U-LOC', 'B-ORG', 'I-ORG', 'L-ORG']);
  });
  it('round-trips through spansFromTags', () => {
    expect(spansFromTags(tagsFromSpans(7, spans, 'BILOU'), 'BILOU')).toEqual(spans.slice(0, 3));
  });
});

describe('schemeConstraints', () => {
  const labels = ['O', 'B-X', 'I-X', 'L-X', 'U-X', 'B-Y', 'L-Y'];
  const c = schemeConstraints(labels, 'BILOU');
  const ok = (a: string, b: string): number => c.allowed[labels.indexOf(a) * labels.length + labels.indexOf(b)] ?? -1;
  it.each([
    ['B-X', 'I-X', 1],
    ['B-X', 'L-X', 1],
    ['B-X', 'O', 0],
    ['B-X', 'L-Y', 0],
    ['I-X', 'B-Y', 0],
    ['L-X', 'B-Y', 1],
    ['U-X', 'U-X', 1],
    ['O', 'I-X', 0],
    ['O', 'L-Y', 0],
  ] as const)('%s → %s allowed=%i', (a, b, expected) => {
    expect(ok(a, b)).toBe(expected);
  });
  it('start and end', () => {
    expect([...c.start]).toEqual([1, 1, 0, 0, 1, 1, 0]);
    expect([...c.end]).toEqual([1, 0, 0, 1, 1, 0, 1]);
  });
});

// A toy language: capitalised words after "mr" are PER; "in" + capitalised
// word(s) is LOC. Features are deliberately local so context must come from
// the transition weights and the neighbour features.
function featuresOf(words: readonly string[]): FeatureSeq {
  return words.map((w, i) => [
    `w=${w.toLowerCase()}`,
    `cap=${/^[A-Z]/.test(w)}`,
    `prev=${(words[i - 1] ?? '<s>').toLowerCase()}`,
    `prevcap=${/^[A-Z]/.test(words[i - 1] ?? '')}`,
    'bias',
  ]);
}
const toy: [string, string][] = [
  ['mr Smith went in Paris', 'O U-PER O O U-LOC'],
  ['mr John Brown lives in New York', 'O B-PER L-PER O O B-LOC L-LOC'],
  ['we met mr Lee in Rome', 'O O O U-PER O U-LOC'],
  ['in Berlin mr Kohl spoke', 'O U-LOC O U-PER O'],
  ['mr Ann Marie Jones sat in Old Town Square', 'O B-PER I-PER L-PER O O B-LOC I-LOC L-LOC'],
  ['nothing happened today', 'O O O'],
  ['mr Sam Hill and mr Bo Day met', 'O B-PER L-PER O O B-PER L-PER O'],
  ['they flew in Cairo and in Addis Ababa', 'O O O U-LOC O O B-LOC L-LOC'],
];
const data: Sequence[] = toy.map(([s, t]) => ({
  features: featuresOf(s.split(' ')),
  labels: t.split(' '),
}));

describe('trainSequenceLabeller', () => {
  const model = trainSequenceLabeller(data, {
    epochs: 10,
    seed: 7,
    scheme: 'BILOU',
  });

  it('fits the training data', () => {
    for (const s of data) expect(model.decode(s.features).labels).toEqual(s.labels);
  });

  it('generalises to unseen names', () => {
    const words = 'mr Tom Hardy lives in Lisbon'.split(' ');
    expect(model.decode(featuresOf(words)).labels).toEqual(['O', 'B-PER', 'L-PER', 'O', 'O', 'U-LOC']);
  });

  it('gives confidences in (0, 1]', () => {
    const { confidence } = model.decode(featuresOf('mr Tom in Oslo'.split(' ')));
    expect(confidence).toHaveLength(4);
    for (const c of confidence) {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic: same data and seed give the same bytes', () => {
    const again = trainSequenceLabeller(data, {
      epochs: 10,
      seed: 7,
      scheme: 'BILOU',
    });
    expect(Buffer.from(again.serialize()).equals(Buffer.from(model.serialize()))).toBe(true);
  });

  it('round-trips through serialize/load with the same decisions', () => {
    const loaded = loadSequenceLabeller(model.serialize());
    expect(loaded.labels).toEqual(model.labels);
    const f = featuresOf('mr Ana Lopez met mr Ruiz in Madrid'.split(' '));
    expect(loaded.decode(f).labels).toEqual(model.decode(f).labels);
    expect(loaded.decode(f).labels).toEqual(['O', 'B-PER', 'L-PER', 'O', 'O', 'U-PER', 'O', 'U-LOC']);
  });

  it('never outputs a transition the scheme forbids', () => {
    // Every decoded sequence must be a well-formed BILOU sequence.
    const f = featuresOf('Paris Paris mr in in Rome mr'.split(' '));
    const tags = model.decode(f).labels;
    const c = schemeConstraints(model.labels, 'BILOU');
    const L = model.labels.length;
    const idx = tags.map((t) => model.labels.indexOf(t));
    expect(c.start[idx[0] ?? 0]).toBe(1);
    expect(c.end[idx[idx.length - 1] ?? 0]).toBe(1);
    for (let i = 1; i < idx.length; i++) expect(c.allowed[(idx[i - 1] ?? 0) * L + (idx[i] ?? 0)]).toBe(1);
  });

  it('prunes rare features with minFeatureCount', () => {
    const pruned = trainSequenceLabeller(data, {
      epochs: 5,
      seed: 1,
      scheme: 'BILOU',
      minFeatureCount: 100,
    });
    // Only the frequent features (bias, cap, prev=<s> …) survive.
    expect(pruned.serialize().length).toBeLessThan(model.serialize().length);
  });

  it('calibrates a confidence temperature on held-out data and keeps it through serialisation', async () => {
    const { hashFeatures, trainPerceptron, PerceptronModel } = await import('./index.ts');
    const hashed = data.map((s) => ({ ...hashFeatures(s.features), labels: s.labels }));
    const m = trainPerceptron(hashed, { epochs: 10, seed: 7, scheme: 'BILOU' });
    const t = m.calibrate(hashed);
    expect(t).toBeGreaterThanOrEqual(0.25);
    expect(t).toBeLessThanOrEqual(256);
    expect(PerceptronModel.load(m.serialize()).temperature).toBe(t);
  });

  it('decodes the same with features split into a prior (scoreHashed) and the rest', async () => {
    const { hashFeatures } = await import('./index.ts');
    const f = featuresOf('mr Ana Lopez met mr Ruiz in Madrid'.split(' '));
    const full = hashFeatures(f);
    const ctx = hashFeatures(f.map((tok) => tok.slice(1)));
    const L = model.labels.length;
    const prior = new Float64Array(f.length * L);
    f.forEach((tok, i) => {
      prior.set(model.scoreHashed(hashFeatures([tok.slice(0, 1)]).feats), i * L);
    });
    expect(model.decodeHashed(ctx, prior)).toEqual(model.decodeHashed(full));
  });

  it.each([
    ['entities mid-sentence', 'mr Ana Lopez met mr Ruiz in Madrid'],
    ['no entity', 'in in mr in'],
    ['entity first', 'Paris in mr'],
  ])("'labelled' confidences equal the full ones on non-O tokens, NaN on O tokens (%s)", async (_name, text) => {
    const { hashFeatures } = await import('./index.ts');
    const seq = hashFeatures(featuresOf(text.split(' ')));
    const all = model.decodeHashed(seq);
    const labelled = model.decodeHashed(seq, undefined, 'labelled');
    expect(labelled.labels).toEqual(all.labels);
    expect(labelled.confidence).toEqual(all.labels.map((l, i) => (l === 'O' ? Number.NaN : all.confidence[i])));
  });

  it('rejects mismatched features and labels', () => {
    expect(() =>
      trainSequenceLabeller([{ features: [['a']], labels: ['O', 'O'] }], {
        epochs: 1,
        seed: 1,
      }),
    ).toThrow(/sequence 0: 1 feature lists but 2 labels/);
  });

  it('rejects bytes that are not a model', () => {
    expect(() => loadSequenceLabeller(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/bad magic/);
  });
});
