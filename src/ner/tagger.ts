// The NER tagger over pre-tokenised documents. Three perceptron models:
//  - conll1: PER/LOC/ORG/MISC from local + document-case features (CoNLL-2003 train);
//  - conll2: the same with non-local features — the labels conll1 gave the same
//    word elsewhere in the document (Ratinov & Roth 2009, "prediction aggregation");
//  - re3d: the defence types (re3d train), stacked on conll2's tags as features.
import { combineHash, hashString, type LabelSpan, type SequenceLabeller, spansFromTags } from '../learn/index.ts';
import type { DocumentCase, FeatureExtractor } from './features.ts';
import type { Gazetteer } from './gazetteer.ts';

export interface TaggerModels {
  readonly conll1: SequenceLabeller;
  readonly conll2?: SequenceLabeller;
  readonly re3d?: SequenceLabeller;
  /** Defence terms whose matches are features of the re3d model. */
  readonly defence?: Gazetteer;
}
export interface TaggedSpan extends LabelSpan {
  /** Sentence index within the document. */
  readonly sentence: number;
  /** Mean per-token confidence of the span. */
  readonly confidence: number;
  readonly model: 'conll' | 're3d';
}

const T_NL_MAJ = hashString('T:nl-majority');
const T_NL_ANY = hashString('T:nl-any');
const T_NL_MAJ_CAP = hashString('T:nl-majority-cap');
const T_STACK = [-1, 0, 1].map((o) => hashString(`T:stack${o}`));
const T_STACK_SPAN = hashString('T:stack-span');
const T_DEFENCE = hashString('T:defence');

/** Entity type of each token from BILOU tags ('O' outside). */
function tokenTypes(tags: readonly string[]): string[] {
  return tags.map((t) => (t === 'O' ? 'O' : t.slice(2)));
}

/**
 * Non-local features: for each token, the type pass 1 gave the same word at
 * its other occurrences in the document (majority, and every type seen).
 */
const typeHashes = new Map<string, number>();
const typeHash = (t: string): number => {
  let h = typeHashes.get(t);
  if (h === undefined) {
    h = hashString(t);
    typeHashes.set(t, h);
  }
  return h;
};

export function nonLocalFeatures(
  fx: FeatureExtractor,
  sentences: readonly (readonly string[])[],
  pass1Tags: readonly (readonly string[])[],
): number[][][] {
  const counts = new Map<string, Map<string, number>>();
  sentences.forEach((words, s) => {
    const types = tokenTypes(pass1Tags[s] ?? []);
    words.forEach((w, i) => {
      if (!fx.hasLetters(w)) return;
      let m = counts.get(w);
      if (!m) {
        m = new Map();
        counts.set(w, m);
      }
      const t = types[i] ?? 'O';
      m.set(t, (m.get(t) ?? 0) + 1);
    });
  });
  return sentences.map((words, s) => {
    const types = tokenTypes(pass1Tags[s] ?? []);
    return words.map((w, i) => {
      const m = counts.get(w);
      if (!m) return [];
      const own = types[i] ?? 'O';
      let best = '';
      let bestCount = 0;
      const out: number[] = [];
      m.forEach((c0, t) => {
        const c = t === own ? c0 - 1 : c0;
        if (c <= 0) return;
        out.push(combineHash(T_NL_ANY, typeHash(t)));
        if (c > bestCount || (c === bestCount && t < best)) {
          best = t;
          bestCount = c;
        }
      });
      if (bestCount > 0) {
        const h = typeHash(best);
        out.push(combineHash(T_NL_MAJ, h));
        out.push(combineHash(T_NL_MAJ_CAP, combineHash(h, (i === 0 ? 2 : 0) + (fx.isCapitalised(w) ? 1 : 0))));
      }
      return out;
    });
  });
}

/**
 * Stacking features for the re3d model: the CoNLL model's tags around each
 * token, and defence-lexicon matches (kind and BILOU position).
 */
export function stackFeatures(conllTags: readonly string[], words: readonly string[], defence?: Gazetteer): number[][] {
  const spans = spansFromTags(conllTags, 'BILOU');
  const spanType = conllTags.map(() => 'O');
  for (const sp of spans) for (let i = sp.start; i < sp.end; i++) spanType[i] = `${sp.type}:${sp.end - sp.start}`;
  const feats = conllTags.map((_, i) => {
    const out: number[] = [];
    [-1, 0, 1].forEach((o, k) => {
      out.push(combineHash(T_STACK[k] as number, typeHash(conllTags[i + o] ?? '<b>')));
    });
    out.push(combineHash(T_STACK_SPAN, typeHash(spanType[i] as string)));
    return out;
  });
  if (defence) {
    for (const m of defence.match(words)) {
      for (let i = m.start; i < m.end; i++) {
        const pos = m.end - m.start === 1 ? 'U' : i === m.start ? 'B' : i === m.end - 1 ? 'L' : 'I';
        (feats[i] as number[]).push(combineHash(T_DEFENCE, typeHash(`${m.kind}:${pos}`)));
      }
    }
  }
  return feats;
}

const priorCaches = new WeakMap<SequenceLabeller, Map<string, Float64Array>>();

/** Per sentence, n × labels scores of each token's own features under `model` (cached per word). */
function wordPriors(model: SequenceLabeller, fx: FeatureExtractor, sentences: readonly (readonly string[])[]): Float64Array[] {
  let cache = priorCaches.get(model);
  if (!cache || cache.size > 200_000) {
    cache = new Map();
    priorCaches.set(model, cache);
  }
  const L = model.labels.length;
  return sentences.map((words) => {
    const out = new Float64Array(words.length * L);
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      let v = cache.get(w);
      if (!v) {
        v = model.scoreHashed(fx.ownFeatures(w));
        cache.set(w, v);
      }
      out.set(v, i * L);
    }
    return out;
  });
}

export interface DocumentTags {
  readonly conll: string[][];
  readonly re3d?: string[][];
  readonly conllConfidence: number[][];
  readonly re3dConfidence?: number[][];
}

/** Tags every sentence of one document with each available model. */
export function tagTokens(models: TaggerModels, fx: FeatureExtractor, sentences: readonly (readonly string[])[]): DocumentTags {
  const dc: DocumentCase = fx.documentCase(sentences);
  // Context features per token; each word's own features are scored once per
  // model and cached (wordPriors), which is where most lookups went.
  const base = sentences.map((words) => fx.sentence(words, dc, undefined, false));
  const prior = (model: SequenceLabeller): Float64Array[] => wordPriors(model, fx, sentences);
  const p1 = prior(models.conll1);
  // Pass 1's confidences are needed only when there is no pass 2.
  const pass1 = base.map((seq, s) => models.conll1.decodeHashed(seq, p1[s], !models.conll2));
  let conll = pass1.map((d) => d.labels);
  let conllConfidence = pass1.map((d) => d.confidence);
  const conll2 = models.conll2;
  if (conll2) {
    const nl = nonLocalFeatures(fx, sentences, conll);
    const p2 = prior(conll2);
    const pass2 = base.map((seq, s) => conll2.decodeHashed(fx.extend(seq, nl[s] ?? []), p2[s]));
    conll = pass2.map((d) => d.labels);
    conllConfidence = pass2.map((d) => d.confidence);
  }
  const re3dModel = models.re3d;
  if (!re3dModel) return { conll, conllConfidence };
  const p3 = prior(re3dModel);
  const re3d = base.map((seq, s) =>
    re3dModel.decodeHashed(fx.extend(seq, stackFeatures(conll[s] ?? [], sentences[s] ?? [], models.defence)), p3[s]),
  );
  return { conll, conllConfidence, re3d: re3d.map((d) => d.labels), re3dConfidence: re3d.map((d) => d.confidence) };
}

export function spansOf(
  tags: readonly (readonly string[])[],
  confidence: readonly (readonly number[])[],
  model: 'conll' | 're3d',
): TaggedSpan[] {
  return tags.flatMap((t, s) =>
    spansFromTags(t, 'BILOU').map((sp) => {
      const c = confidence[s] ?? [];
      let sum = 0;
      for (let i = sp.start; i < sp.end; i++) sum += c[i] ?? 0;
      return { ...sp, sentence: s, confidence: sum / (sp.end - sp.start), model };
    }),
  );
}
