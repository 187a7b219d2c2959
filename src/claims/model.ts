// The attribution model: a cue tagger over sentences (BIO) and a role tagger
// that, for one cue, tags its source and content (BIO) in a window of
// sentences around it. Both are src/learn perceptrons; this file builds
// their training sequences, decodes, and (de)serialises the pair.

import {
  type HashedExample,
  loadSequenceLabeller,
  ScoreRows,
  type SequenceLabeller,
  spansFromTags,
  tagsFromSpans,
} from '../learn/index.ts';
import type { Sentence, Span } from '../model/index.ts';
import type { PosTagger } from '../pos/index.ts';
import {
  type CueLexicon,
  cueBoundaryFeatures,
  cueFeatures,
  cueNearFeatures,
  cueOwnFeatures,
  cueRestFeatures,
  type DocView,
  docView,
  NEAR_OFFSETS,
  ROLE_CUE_KEYS,
  ROLE_LAYOUT_KEYS,
  type RoleWindow,
  roleCueFeatures,
  roleCueKey,
  roleFeatures,
  roleLayoutFeatures,
  roleLayoutKey,
  roleTagFeatures,
  roleTagKey,
  roleWindow,
  roleWindowFacts,
  roleWordFeatures,
  type TokenView,
} from './features.ts';
import type { StatusMap } from './status.ts';

export interface ClaimModel {
  readonly cue: SequenceLabeller;
  readonly role: SequenceLabeller;
}

/** One attribution in token indices (end exclusive). */
export interface TokenAttribution {
  readonly cue: { start: number; end: number };
  readonly source?: { start: number; end: number };
  readonly content: readonly { start: number; end: number }[];
  readonly confidence: number;
  /** The rule that made or changed it (rules.ts), if any. */
  readonly rule?: string;
}

// CLM1/CLM2 were string-hashed features without POS: retrain those.
const MAGIC = 'CLM3';

export function serializeClaimModel(model: ClaimModel): Uint8Array {
  const a = model.cue.serialize();
  const b = model.role.serialize();
  const out = new Uint8Array(4 + 8 + a.length + b.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, a.length, true);
  view.setUint32(8, b.length, true);
  out.set(a, 12);
  out.set(b, 12 + a.length);
  return out;
}

export function deserializeClaimModel(bytes: Uint8Array): ClaimModel {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== MAGIC) throw new Error(`not a ${MAGIC} claims model (magic '${magic}'): run npm run train:claims`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const la = view.getUint32(4, true);
  const lb = view.getUint32(8, true);
  return {
    cue: loadSequenceLabeller(bytes.subarray(12, 12 + la)),
    role: loadSequenceLabeller(bytes.subarray(12 + la, 12 + la + lb)),
  };
}

export type Lexicon = CueLexicon;

/** The status map's lemmas as the lexicon features and the lemmatiser read them. */
export function lexicon(map: StatusMap): Lexicon {
  const known = new Set(map.keys());
  for (const k of map.keys()) for (const w of k.split(' ')) known.add(w);
  return { known, statusOf: (lemma) => map.get(lemma)?.status };
}

/** Token indices whose character span overlaps any of `spans`. */
export function tokensOf(doc: DocView, spans: readonly Span[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of spans) {
    let a = -1;
    let b = -1;
    for (const [i, t] of doc.tokens.entries()) {
      if (t.end <= s.start) continue;
      if (t.start >= s.end) break;
      if (a < 0) a = i;
      b = i + 1;
    }
    if (a >= 0) out.push({ start: a, end: b });
  }
  return out;
}

export interface GoldTokenAttribution {
  readonly cue: readonly Span[];
  readonly source: readonly Span[];
  readonly content: readonly Span[];
}

/** Training sequences for both taggers from one gold-annotated document. */
export function trainingSequences(
  doc: DocView,
  gold: readonly GoldTokenAttribution[],
  lex: Lexicon,
): { cue: HashedExample[]; role: HashedExample[] } {
  const cueTags = new Array<string>(doc.tokens.length).fill('O');
  const cueRanges = gold.map((g) => tokensOf(doc, g.cue));
  const isCue = new Uint8Array(doc.tokens.length);
  for (const ranges of cueRanges) {
    for (const r of ranges) {
      for (let i = r.start; i < r.end; i++) {
        cueTags[i] = i === r.start ? 'B-CUE' : 'I-CUE';
        isCue[i] = 1;
      }
    }
  }
  const cue: HashedExample[] = doc.sentences.map((s, si) => ({
    ...cueFeatures(doc, si),
    labels: cueTags.slice(s.start, s.end),
  }));
  const role: HashedExample[] = [];
  for (const [k, g] of gold.entries()) {
    const ranges = cueRanges[k] ?? [];
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    if (!first || !last) continue;
    const c = { start: first.start, end: last.end };
    const w = roleWindow(doc, c.start);
    const spans = [
      ...tokensOf(doc, g.source).map((r) => ({ type: 'SRC', ...r })),
      ...tokensOf(doc, g.content).map((r) => ({ type: 'CON', ...r })),
    ]
      .map((r) => ({ type: r.type, start: Math.max(r.start, w.start) - w.start, end: Math.min(r.end, w.end) - w.start }))
      .filter((r) => r.end > r.start);
    const labels = tagsFromSpans(w.end - w.start, spans, 'BIO');
    const feats = roleFeatures(doc, w, c, (i) => isCue[i] === 1 && (i < c.start || i >= c.end), lex.known);
    role.push({ ...feats, labels });
  }
  return { cue, role };
}

function mean(xs: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i] ?? 0;
  return to > from ? s / (to - from) : 0;
}

/**
 * Added to every token's B-CUE score (in the model's integer weight units):
 * the cue tagger is precise (P .78) but misses cues (R .59), and this bias
 * tuned on PolNeAR dev trades a little precision for recall (cue exact F1
 * .6725 → .6741, content token F1 .7987 → .8028). Retune after retraining.
 */
export const CUE_BIAS = 3000;

/** Word types whose cue-template scores are cached; cleared when full, so memory stays flat. */
const CUE_CACHE_LIMIT = 100_000;

/**
 * The cue tagger's per-word-type scores (features.ts: own and neighbour
 * templates), as integer weight sums so the split is exact: per word text,
 * [own outside quotes | own inside | as −2 | as −1 | as +1 | as +2], L each.
 */
class CueScorer {
  private readonly L: number;
  private readonly words: ScoreRows<string>;
  private readonly bound: Int32Array;
  private prior = new Float64Array(256);

  constructor(private readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    this.words = new ScoreRows(6 * this.L, CUE_CACHE_LIMIT);
    this.bound = new Int32Array(NEAR_OFFSETS.length * this.L);
    NEAR_OFFSETS.forEach((_, k) => {
      this.bound.set(model.scoreHashed(cueBoundaryFeatures(k)), k * this.L);
    });
  }

  /** The offset of token i's word row in this.words.rows. */
  private word(doc: DocView, i: number): number {
    const text = (doc.tokens[i] as TokenView).text;
    const hit = this.words.offset(text);
    if (hit >= 0) return hit;
    const L = this.L;
    const at = this.words.add(text);
    const v = this.words.rows;
    v.set(this.model.scoreHashed(cueOwnFeatures(doc.hashes, i, 0)), at);
    v.set(this.model.scoreHashed(cueOwnFeatures(doc.hashes, i, 1)), at + L);
    for (let k = 0; k < NEAR_OFFSETS.length; k++) v.set(this.model.scoreHashed(cueNearFeatures(doc.hashes, i, k)), at + (k + 2) * L);
    return at;
  }

  /** The cached templates' scores of one sentence's tokens, plus `bias` on label `biased`: a prior for decodeHashed. */
  sentencePrior(doc: DocView, s: { start: number; end: number }, biased: number, bias: number): Float64Array {
    const L = this.L;
    const n = s.end - s.start;
    if (this.prior.length < n * L) this.prior = new Float64Array(Math.max(n * L, this.prior.length * 2));
    const prior = this.prior;
    this.words.reserve(n);
    for (let i = s.start; i < s.end; i++) {
      const base = (i - s.start) * L;
      const own = this.word(doc, i) + ((doc.tokens[i] as TokenView).inQuote ? L : 0);
      let rows = this.words.rows;
      for (let y = 0; y < L; y++) prior[base + y] = rows[own + y] as number;
      for (let k = 0; k < NEAR_OFFSETS.length; k++) {
        const j = i + (NEAR_OFFSETS[k] as number);
        const inside = j >= s.start && j < s.end;
        const at = inside ? this.word(doc, j) + (k + 2) * L : k * L;
        rows = this.words.rows;
        const src = inside ? rows : this.bound;
        for (let y = 0; y < L; y++) prior[base + y] = (prior[base + y] as number) + (src[at + y] as number);
      }
      if (biased >= 0) prior[base + biased] = (prior[base + biased] as number) + bias;
    }
    return prior;
  }
}

const cueScorers = new WeakMap<SequenceLabeller, CueScorer>();

/**
 * The role tagger's grouped scores (features.ts: layout, tag and cue groups),
 * cached by small keys as integer weight sums, so the split is exact.
 */
class RoleScorer {
  private readonly L: number;
  private readonly layout: (Int32Array | undefined)[];
  private readonly tags: ScoreRows<number>;
  private prior = new Float64Array(1024);

  constructor(private readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    this.layout = new Array(ROLE_LAYOUT_KEYS);
    this.tags = new ScoreRows(this.L, ROLE_TAG_CACHE_LIMIT);
  }

  private score(feats: Uint32Array): Int32Array {
    return Int32Array.from(this.model.scoreHashed(feats));
  }

  /** The cached groups' scores of one window's tokens: a prior for decodeHashed. */
  windowPrior(doc: DocView, f: RoleWindow): Float64Array {
    const L = this.L;
    const n = f.end - f.start;
    if (this.prior.length < n * L) this.prior = new Float64Array(Math.max(n * L, this.prior.length * 2));
    const prior = this.prior;
    const cue: (Int32Array | undefined)[] = new Array(ROLE_CUE_KEYS);
    this.tags.reserve(n);
    for (let j = 0; j < n; j++) {
      const lk = roleLayoutKey(f, j);
      let a = this.layout[lk];
      if (!a) {
        a = this.score(roleLayoutFeatures(f, j));
        this.layout[lk] = a;
      }
      const tk = roleTagKey(doc, f, j);
      let b = this.tags.offset(tk);
      if (b < 0) {
        b = this.tags.add(tk);
        this.tags.rows.set(this.model.scoreHashed(roleTagFeatures(doc, f, j)), b);
      }
      const tags = this.tags.rows;
      const ck = roleCueKey(f, j);
      let c = cue[ck];
      if (!c) {
        c = this.score(roleCueFeatures(f, j));
        cue[ck] = c;
      }
      const base = j * L;
      for (let y = 0; y < L; y++) prior[base + y] = (a[y] as number) + (tags[b + y] as number) + (c[y] as number);
    }
    return prior;
  }
}

/** Tag-group keys cached per model (≈ 20k occur in a large corpus); cleared when full. */
const ROLE_TAG_CACHE_LIMIT = 200_000;
const roleScorers = new WeakMap<SequenceLabeller, RoleScorer>();

/** The role tagger's SRC/CON tags over one cue's window. */
export function decodeRoles(model: ClaimModel, doc: DocView, f: RoleWindow): string[] {
  let scorer = roleScorers.get(model.role);
  if (!scorer) {
    scorer = new RoleScorer(model.role);
    roleScorers.set(model.role, scorer);
  }
  return model.role.decodeHashed(roleWordFeatures(doc, f), scorer.windowPrior(doc, f), false).labels;
}

/** The cue tagger's spans over a document (token indices), with their mean confidence. */
export function decodeCues(model: ClaimModel, doc: DocView, cueBias = CUE_BIAS): { start: number; end: number; confidence: number }[] {
  const cues: { start: number; end: number; confidence: number }[] = [];
  const b = model.cue.labels.indexOf('B-CUE');
  let scorer = cueScorers.get(model.cue);
  if (!scorer) {
    scorer = new CueScorer(model.cue);
    cueScorers.set(model.cue, scorer);
  }
  for (const [si, s] of doc.sentences.entries()) {
    if (s.end <= s.start) continue;
    // Cue confidences are read over cue tokens only ('labelled').
    const out = model.cue.decodeHashed(cueRestFeatures(doc, si), scorer.sentencePrior(doc, s, b, cueBias), 'labelled');
    for (const sp of spansFromTags(out.labels, 'BIO')) {
      if (sp.type !== 'CUE') continue;
      cues.push({ start: s.start + sp.start, end: s.start + sp.end, confidence: mean(out.confidence, sp.start, sp.end) });
    }
  }
  return cues;
}

/** Decodes cues, then each cue's source and content. */
export function predictAttributions(model: ClaimModel, doc: DocView, lex: Lexicon, cueBias = CUE_BIAS): TokenAttribution[] {
  const cues = decodeCues(model, doc, cueBias);
  const isCue = new Uint8Array(doc.tokens.length);
  for (const c of cues) for (let i = c.start; i < c.end; i++) isCue[i] = 1;
  const result: TokenAttribution[] = [];
  for (const c of cues) {
    const w = roleWindow(doc, c.start);
    const facts = roleWindowFacts(doc, w, c, (i) => isCue[i] === 1 && (i < c.start || i >= c.end), lex.known);
    const spans = spansFromTags(decodeRoles(model, doc, facts), 'BIO').map((s) => ({
      ...s,
      start: s.start + w.start,
      end: s.end + w.start,
    }));
    const content = spans.filter((s) => s.type === 'CON').map(({ start, end }) => ({ start, end }));
    // One source per cue: the SRC span nearest the cue.
    const dist = (s: { start: number; end: number }): number => (s.end <= c.start ? c.start - s.end : s.start - c.end);
    const source = spans
      .filter((s) => s.type === 'SRC')
      .sort((a, b) => dist(a) - dist(b))
      .map(({ start, end }) => ({ start, end }))[0];
    if (content.length === 0) continue;
    result.push({ cue: { start: c.start, end: c.end }, ...(source ? { source } : {}), content, confidence: c.confidence });
  }
  return result;
}

export function viewOf(sentences: readonly Sentence[], lex: Lexicon, tagger: PosTagger): DocView {
  return docView(sentences, lex, tagger);
}
