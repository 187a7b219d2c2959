// The NER tagger over pre-tokenised documents. Three perceptron models:
//  - conll1: PER/LOC/ORG/MISC from local + document-case features (CoNLL-2003 train);
//  - conll2: the same with non-local features — the labels conll1 gave the same
//    word elsewhere in the document (Ratinov & Roth 2009, "prediction aggregation");
//  - re3d: the defence types (re3d train), stacked on conll2's tags as features.
import {
  combineHash,
  type Decoded,
  type HashedSequence,
  hashString,
  type LabelSpan,
  type SequenceLabeller,
  spansFromTags,
} from '../learn/index.ts';
import { type DocumentCase, type FeatureExtractor, NEIGHBOUR_OFFSETS, type WordInfo } from './features.ts';
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

/** Entity type of each BILOU tag ('O' outside), cached: tag sets are small. */
const tagTypes = new Map<string, string>();
/** Entity type of each token from BILOU tags ('O' outside). */
function tokenTypes(tags: readonly string[]): string[] {
  const out = new Array<string>(tags.length);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] as string;
    let type = tagTypes.get(t);
    if (type === undefined) {
      type = t === 'O' ? 'O' : t.slice(2);
      if (tagTypes.size < 1000) tagTypes.set(t, type);
    }
    out[i] = type;
  }
  return out;
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
  const typesOf = sentences.map((_, s) => tokenTypes(pass1Tags[s] ?? []));
  sentences.forEach((words, s) => {
    const types = typesOf[s] as string[];
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
    const types = typesOf[s] as string[];
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
  const n = conllTags.length;
  const spanHash = new Array<number>(n).fill(typeHash('O'));
  for (const sp of spansFromTags(conllTags, 'BILOU')) {
    const h = typeHash(`${sp.type}:${sp.end - sp.start}`);
    for (let i = sp.start; i < sp.end; i++) spanHash[i] = h;
  }
  const boundary = typeHash('<b>');
  const feats = new Array<number[]>(n);
  let prev = boundary;
  let cur = n > 0 ? typeHash(conllTags[0] as string) : boundary;
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? typeHash(conllTags[i + 1] as string) : boundary;
    feats[i] = [
      combineHash(T_STACK[0] as number, prev),
      combineHash(T_STACK[1] as number, cur),
      combineHash(T_STACK[2] as number, next),
      combineHash(T_STACK_SPAN, spanHash[i] as number),
    ];
    prev = cur;
    cur = next;
  }
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

/**
 * A model's cached template scores (integer weight sums, exact in any order):
 * per capKey the bias + capitalisation pattern, and the boundary templates.
 */
interface ModelScores {
  readonly L: number;
  /** [-2 | -1 | +1 | +2] boundary scores, L each. */
  readonly bound: Int32Array;
  readonly biasCap: (Int32Array | undefined)[];
}
const modelScores = new WeakMap<SequenceLabeller, ModelScores>();

const toInt = (v: Float64Array): Int32Array => Int32Array.from(v);

function scoresOf(model: SequenceLabeller, fx: FeatureExtractor): ModelScores {
  let m = modelScores.get(model);
  if (!m) {
    const L = model.labels.length;
    const bound = new Int32Array(4 * L);
    NEIGHBOUR_OFFSETS.forEach((o, k) => {
      bound.set(model.scoreHashed(fx.boundaryFeatures(o)), k * L);
    });
    m = { L, bound, biasCap: new Array(512) };
    modelScores.set(model, m);
  }
  return m;
}

/**
 * The word's scores under `model`, L each: [own | as −2 | as −1 | as +1 | as +2]
 * ("as o": what the word adds to the token it sits at offset o from).
 */
function scoredWord(model: SequenceLabeller, fx: FeatureExtractor, info: WordInfo, w: string, L: number): Int32Array {
  const owners = info.scoreOwners;
  for (let k = 0; k < owners.length; k++) if (owners[k] === model) return info.scoreVecs[k] as Int32Array;
  if (owners.length >= 4) {
    owners.length = 0;
    info.scoreVecs.length = 0;
  }
  const v = new Int32Array(5 * L);
  v.set(toInt(model.scoreHashed(info.own)), 0);
  NEIGHBOUR_OFFSETS.forEach((o, k) => {
    v.set(toInt(model.scoreHashed(fx.neighbourFeatures(w, o))), (k + 1) * L);
  });
  owners.push(model);
  info.scoreVecs.push(v);
  return v;
}

let priorBuffer = new Float64Array(4096);

/**
 * Per-token scores of every template except restSentence()'s, summed from
 * the cached word and key vectors into a shared scratch buffer (valid until
 * the next call).
 */
function sentencePrior(model: SequenceLabeller, fx: FeatureExtractor, words: readonly string[], infos: readonly WordInfo[]): Float64Array {
  const ms = scoresOf(model, fx);
  const L = ms.L;
  const n = infos.length;
  if (priorBuffer.length < n * L) priorBuffer = new Float64Array(Math.max(n * L, priorBuffer.length * 2));
  const out = priorBuffer;
  const vecs: Int32Array[] = new Array(n);
  for (let i = 0; i < n; i++) vecs[i] = scoredWord(model, fx, infos[i] as WordInfo, words[i] as string, L);
  const bound = ms.bound;
  for (let i = 0; i < n; i++) {
    const key = fx.capKey(infos, i);
    let bc = ms.biasCap[key];
    if (!bc) {
      bc = toInt(model.scoreHashed(fx.biasCapFeatures(key)));
      ms.biasCap[key] = bc;
    }
    const own = vecs[i] as Int32Array;
    // Each neighbour vector with the offset of its L-block in it.
    const a = i >= 2 ? (vecs[i - 2] as Int32Array) : bound;
    const aAt = i >= 2 ? L : 0;
    const b = i >= 1 ? (vecs[i - 1] as Int32Array) : bound;
    const bAt = i >= 1 ? 2 * L : L;
    const c = i + 1 < n ? (vecs[i + 1] as Int32Array) : bound;
    const cAt = i + 1 < n ? 3 * L : 2 * L;
    const d = i + 2 < n ? (vecs[i + 2] as Int32Array) : bound;
    const dAt = i + 2 < n ? 4 * L : 3 * L;
    const base = i * L;
    for (let y = 0; y < L; y++) {
      out[base + y] =
        (own[y] as number) +
        (a[aAt + y] as number) +
        (b[bAt + y] as number) +
        (c[cAt + y] as number) +
        (d[dAt + y] as number) +
        (bc[y] as number);
    }
  }
  return out;
}

export interface DocumentTags {
  readonly conll: string[][];
  readonly re3d?: string[][];
  /** Per token, for tokens inside a span (see spansOf); NaN for tokens tagged 'O'. */
  readonly conllConfidence: number[][];
  readonly re3dConfidence?: number[][];
}

/** Tags every sentence of one document with each available model. */
export function tagTokens(models: TaggerModels, fx: FeatureExtractor, sentences: readonly (readonly string[])[]): DocumentTags {
  const dc: DocumentCase = fx.documentCase(sentences);
  const infos = sentences.map((words) => words.map((w) => fx.word(w)));
  // The templates that pair or triple words, plus gazetteer and document
  // features; the rest are scored once per word type and model (sentencePrior).
  const base = infos.map((x) => fx.restSentence(x, dc));
  // Confidences are read for span tokens only (spansOf), never for 'O' tokens.
  const decode = (model: SequenceLabeller, s: number, seq: HashedSequence, withConfidence: boolean | 'labelled' = 'labelled'): Decoded =>
    model.decodeHashed(seq, sentencePrior(model, fx, sentences[s] ?? [], infos[s] ?? []), withConfidence);
  // Pass 1's confidences are needed only when there is no pass 2.
  const pass1 = base.map((seq, s) => decode(models.conll1, s, seq, !models.conll2));
  let conll = pass1.map((d) => d.labels);
  let conllConfidence = pass1.map((d) => d.confidence);
  const conll2 = models.conll2;
  if (conll2) {
    const nl = nonLocalFeatures(fx, sentences, conll);
    const pass2 = base.map((seq, s) => decode(conll2, s, fx.extend(seq, nl[s] ?? [])));
    conll = pass2.map((d) => d.labels);
    conllConfidence = pass2.map((d) => d.confidence);
  }
  const re3dModel = models.re3d;
  if (!re3dModel) return { conll, conllConfidence };
  const re3d = base.map((seq, s) =>
    decode(re3dModel, s, fx.extend(seq, stackFeatures(conll[s] ?? [], sentences[s] ?? [], models.defence))),
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
