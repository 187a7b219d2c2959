// The attribution model: a cue tagger over sentences (BIO) and a role tagger
// that, for one cue, tags its source and content (BIO) in a window of
// sentences around it. Both are src/learn perceptrons; this file builds
// their training sequences, decodes, and (de)serialises the pair.

import {
  addSequenceWeights,
  type ConfidenceRequest,
  type HashedExample,
  type LabelScheme,
  type LabelSpan,
  labelScheme,
  loadSequenceLabeller,
  ScoreRows,
  type SequenceLabeller,
  spansFromLabelIds,
  TypeRows,
  tagsFromSpans,
} from '../learn/index.ts';
import type { Sentence, Span } from '../model/index.ts';
import type { PosTagger } from '../pos/index.ts';
import {
  type CueContext,
  type CueLexicon,
  cueBoundaryFeatures,
  cueContext,
  cueFeatures,
  cueLayoutFeatures,
  cueLayoutKey,
  cueNearFeatures,
  cueOwnFeatures,
  cuePairFeatures,
  cueTagFeatures,
  cueTagKey,
  type DocView,
  docView,
  NEAR_OFFSETS,
  ROLE_AFTER_CUE_KEYS,
  ROLE_BEFORE_CUE_KEYS,
  ROLE_CUE_KEYS,
  ROLE_LAYOUT_KEYS,
  ROLE_SIDES,
  ROLE_TAG_PART_KEYS,
  type RoleWindow,
  roleAfterCueFeatures,
  roleBeforeCueFeatures,
  roleCueKey,
  roleCueLemmaFeatures,
  roleEdgeFeatures,
  roleFeatures,
  roleLayoutFeatures,
  roleLayoutKey,
  roleTagKeys,
  roleTagPartFeatures,
  roleWindow,
  roleWindowFacts,
  roleWordFeatures,
  roleWordTypeFeatures,
  type TokenView,
} from './features.ts';
import { colonParagraph } from './rules.ts';
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

function mean(xs: ArrayLike<number>, from: number, to: number): number {
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

/** Context keys whose cue scores are cached (a few thousand occur in a large corpus); cleared when full. */
const CUE_LAYOUT_CACHE_LIMIT = 100_000;

/**
 * The cue tagger's cached scores, as integer weight sums so the split is
 * exact (features.ts): per word text, [own outside quotes | own inside |
 * as −2 | as −1 | as +1 | as +2], L each; and the two small-key context
 * groups (tags, quote layout with status classes), L per key.
 */
class CueScorer {
  private readonly L: number;
  /** By word type (DocView.types); as many as the document view's word types, so memory stays flat. */
  private readonly words: TypeRows;
  /** By cueTagKey, < CUE_TAG_KEYS: never emptied. */
  private readonly tags: TypeRows;
  private readonly layouts: ScoreRows<number>;
  private readonly bound: Int32Array;
  /** Per token of the sentence: its word's, tag group's and layout group's row offsets. */
  private offsets = new Int32Array(3 * 256);

  constructor(private readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    this.words = new TypeRows(6 * this.L);
    this.tags = new TypeRows(this.L);
    this.tags.use(0);
    this.layouts = new ScoreRows(this.L, CUE_LAYOUT_CACHE_LIMIT);
    this.bound = new Int32Array(NEAR_OFFSETS.length * this.L);
    NEAR_OFFSETS.forEach((_, k) => {
      this.bound.set(model.scoreHashed(cueBoundaryFeatures(k)), k * this.L);
    });
  }

  /** The offset of token i's word row in this.words.rows. */
  private word(doc: DocView, i: number): number {
    const id = doc.types.ids[i] as number;
    const hit = this.words.offset(id);
    if (hit >= 0) return hit;
    const h = doc.hashes;
    const groups = [cueOwnFeatures(h, i, 0), cueOwnFeatures(h, i, 1), ...NEAR_OFFSETS.map((_, k) => cueNearFeatures(h, i, k))];
    return this.words.addScores(
      id,
      groups.map((f) => this.model.scoreHashed(f)),
    );
  }

  /** The cached templates' scores of one sentence's tokens, plus `bias` on label `biased`, into `prior` (n × L). */
  sentencePrior(doc: DocView, s: CueContext, biased: number, bias: number, prior: Float64Array): void {
    const L = this.L;
    const n = s.end - s.start;
    if (this.offsets.length < 3 * n) this.offsets = new Int32Array(Math.max(3 * n, this.offsets.length * 2));
    const at = this.offsets;
    this.words.use(doc.types.generation);
    this.layouts.reserve(n);
    // Every row first (adds may move a cache's buffer), then the sums.
    for (let i = s.start; i < s.end; i++) {
      const t = 3 * (i - s.start);
      at[t] = this.word(doc, i);
      const tk = cueTagKey(doc, s, i);
      const tag = this.tags.offset(tk);
      at[t + 1] = tag >= 0 ? tag : this.tags.addScores(tk, [this.model.scoreHashed(cueTagFeatures(doc, s, i))]);
      const lk = cueLayoutKey(doc, s, i);
      const layout = this.layouts.offset(lk);
      at[t + 2] = layout >= 0 ? layout : this.layouts.addScores(lk, [this.model.scoreHashed(cueLayoutFeatures(doc, s, i))]);
    }
    const words = this.words.rows;
    const tags = this.tags.rows;
    const layouts = this.layouts.rows;
    for (let i = s.start; i < s.end; i++) {
      const t = 3 * (i - s.start);
      const base = (i - s.start) * L;
      const own = (at[t] as number) + ((doc.tokens[i] as TokenView).inQuote ? L : 0);
      const tag = at[t + 1] as number;
      const layout = at[t + 2] as number;
      for (let y = 0; y < L; y++)
        prior[base + y] = (words[own + y] as number) + (tags[tag + y] as number) + (layouts[layout + y] as number);
      for (let k = 0; k < NEAR_OFFSETS.length; k++) {
        const j = i + (NEAR_OFFSETS[k] as number);
        const inside = j >= s.start && j < s.end;
        const src = inside ? words : this.bound;
        const from = inside ? (at[3 * (j - s.start)] as number) + (k + 2) * L : k * L;
        for (let y = 0; y < L; y++) prior[base + y] = (prior[base + y] as number) + (src[from + y] as number);
      }
      if (biased >= 0) prior[base + biased] = (prior[base + biased] as number) + bias;
    }
  }
}

const cueScorers = new WeakMap<SequenceLabeller, CueScorer>();

/**
 * The role tagger's grouped scores (features.ts: layout, tag and cue groups
 * by small keys, word-type templates by word), cached as integer weight
 * sums, so the split is exact.
 */
class RoleScorer {
  private readonly L: number;
  private readonly layout: (Int32Array | undefined)[];
  /** The tag group's three parts (features.ts roleTagKeys), each by its small key: never emptied. */
  private readonly tags: readonly TypeRows[];
  private readonly tagKeys = new Int32Array(3);
  /** Per word type (DocView.types): [side][own | as previous | as next], L each. */
  private readonly words: TypeRows;
  /** Per side: [no previous | no next], L each. */
  private readonly edges: Int32Array;
  /** The cue group's parts per cue lemma, word after and word before the cue: every small key's scores, L each. */
  private readonly cueLemmas = new Map<number, Int32Array>();
  private readonly afterCues = new Map<number, Int32Array>();
  private readonly beforeCues = new Map<number, Int32Array>();
  /** Per window token: its word's and tag parts' row offsets. */
  private offsets = new Int32Array(4 * 1024);

  constructor(private readonly model: SequenceLabeller) {
    this.L = model.labels.length;
    this.layout = new Array(ROLE_LAYOUT_KEYS);
    this.tags = ROLE_TAG_PART_KEYS.map(() => {
      const rows = new TypeRows(this.L);
      rows.use(0);
      return rows;
    });
    this.words = new TypeRows(ROLE_SIDES * 3 * this.L);
    this.edges = new Int32Array(ROLE_SIDES * 2 * this.L);
    for (let side = 0; side < ROLE_SIDES; side++) {
      this.edges.set(this.score(roleEdgeFeatures(side, 1)), side * 2 * this.L);
      this.edges.set(this.score(roleEdgeFeatures(side, 2)), (side * 2 + 1) * this.L);
    }
  }

  private score(feats: Uint32Array): Int32Array {
    return Int32Array.from(this.model.scoreHashed(feats));
  }

  /** Scores of `features(k)` for every key k < keys, cached per cue word `hash`. */
  private cueBlock(
    cache: Map<number, Int32Array>,
    hash: number,
    keys: number,
    features: (hash: number, k: number) => Uint32Array,
  ): Int32Array {
    let block = cache.get(hash);
    if (!block) {
      block = new Int32Array(keys * this.L);
      for (let k = 0; k < keys; k++) block.set(this.model.scoreHashed(features(hash, k)), k * this.L);
      if (cache.size >= ROLE_CUE_CACHE_LIMIT) cache.clear();
      cache.set(hash, block);
    }
    return block;
  }

  private word(doc: DocView, i: number): number {
    const id = doc.types.ids[i] as number;
    const hit = this.words.offset(id);
    if (hit >= 0) return hit;
    const parts: Float64Array[] = [];
    for (let side = 0; side < ROLE_SIDES; side++) {
      for (const slot of [0, 1, 2] as const) parts.push(this.model.scoreHashed(roleWordTypeFeatures(doc.hashes, i, side, slot)));
    }
    return this.words.addScores(id, parts);
  }

  /** The cached groups' scores of one window's tokens, into `prior` (n × L). */
  windowPrior(doc: DocView, f: RoleWindow, prior: Float64Array): void {
    const L = this.L;
    const n = f.end - f.start;
    if (this.offsets.length < 4 * n) this.offsets = new Int32Array(Math.max(4 * n, this.offsets.length * 2));
    const at = this.offsets;
    const lemma = this.cueBlock(this.cueLemmas, f.lemma, ROLE_CUE_KEYS, roleCueLemmaFeatures);
    const after = this.cueBlock(this.afterCues, f.afterCue, ROLE_AFTER_CUE_KEYS, roleAfterCueFeatures);
    const before = this.cueBlock(this.beforeCues, f.beforeCue, ROLE_BEFORE_CUE_KEYS, roleBeforeCueFeatures);
    this.words.use(doc.types.generation);
    const keys = this.tagKeys;
    // Every row first (adds may move a cache's buffer), then the sums.
    for (let j = 0; j < n; j++) {
      at[4 * j] = this.word(doc, f.start + j);
      roleTagKeys(doc, f, j, keys);
      for (let p = 0; p < 3; p++) {
        const rows = this.tags[p] as TypeRows;
        const k = keys[p] as number;
        const b = rows.offset(k);
        at[4 * j + 1 + p] = b >= 0 ? b : rows.addScores(k, [this.model.scoreHashed(roleTagPartFeatures(p, k))]);
      }
    }
    const words = this.words.rows;
    const [tags0, tags1, tags2] = this.tags.map((t) => t.rows) as [Int32Array, Int32Array, Int32Array];
    const edges = this.edges;
    for (let j = 0; j < n; j++) {
      const lk = roleLayoutKey(f, j);
      let a = this.layout[lk];
      if (!a) {
        a = this.score(roleLayoutFeatures(f, j));
        this.layout[lk] = a;
      }
      const side = f.side[j] as number;
      const lemmaAt = roleCueKey(f, j) * L;
      const afterAt = (side * 9 + (f.distance[j] as number)) * L;
      const beforeAt = side * L;
      const own = (at[4 * j] as number) + side * 3 * L;
      const tag0 = at[4 * j + 1] as number;
      const tag1 = at[4 * j + 2] as number;
      const tag2 = at[4 * j + 3] as number;
      const prev = j > 0 ? words : edges;
      const prevAt = j > 0 ? (at[4 * (j - 1)] as number) + (side * 3 + 1) * L : side * 2 * L;
      const next = j + 1 < n ? words : edges;
      const nextAt = j + 1 < n ? (at[4 * (j + 1)] as number) + (side * 3 + 2) * L : (side * 2 + 1) * L;
      const base = j * L;
      for (let y = 0; y < L; y++) {
        prior[base + y] =
          (a[y] as number) +
          (tags0[tag0 + y] as number) +
          (tags1[tag1 + y] as number) +
          (tags2[tag2 + y] as number) +
          (lemma[lemmaAt + y] as number) +
          (after[afterAt + y] as number) +
          (before[beforeAt + y] as number) +
          (words[own + y] as number) +
          (prev[prevAt + y] as number) +
          (next[nextAt + y] as number);
      }
    }
  }
}

/** Cue words (lemmas, words beside the cue) whose cue-group parts are cached, per part; cleared when full. */
const ROLE_CUE_CACHE_LIMIT = 10_000;
const roleScorers = new WeakMap<SequenceLabeller, RoleScorer>();

/**
 * Label ids and confidences of the last decode, per tagger: decoding writes
 * the cached scores straight into the decoder's emission rows, adds the
 * per-token features there, and reads label ids, so nothing is copied or
 * allocated per sentence or window.
 */
class DecodeBuffers {
  readonly scheme: LabelScheme;
  /** Confidences are read over labelled tokens only (cue spans). */
  labelled: ConfidenceRequest;
  ids = new Int32Array(1024);

  constructor(labels: readonly string[]) {
    this.scheme = labelScheme(labels);
    const want = Uint8Array.from(labels, (l) => (l === 'O' ? 0 : 1));
    this.labelled = { want, out: new Float64Array(1024) };
  }

  ensure(n: number): void {
    if (this.ids.length >= n) return;
    this.ids = new Int32Array(2 * n);
    this.labelled = { want: this.labelled.want, out: new Float64Array(2 * n) };
  }
}

const buffers = new WeakMap<SequenceLabeller, DecodeBuffers>();

function buffersOf(model: SequenceLabeller): DecodeBuffers {
  let b = buffers.get(model);
  if (!b) {
    b = new DecodeBuffers(model.labels);
    buffers.set(model, b);
  }
  return b;
}

/** The role tagger's SRC/CON spans over one cue's window (window token indices). */
export function decodeRoles(model: ClaimModel, doc: DocView, f: RoleWindow): LabelSpan[] {
  let scorer = roleScorers.get(model.role);
  if (!scorer) {
    scorer = new RoleScorer(model.role);
    roleScorers.set(model.role, scorer);
  }
  const n = f.end - f.start;
  if (n <= 0) return [];
  const decoder = model.role.decoder;
  const out = buffersOf(model.role);
  out.ensure(n);
  const emis = decoder.emissions(n);
  scorer.windowPrior(doc, f, emis);
  addSequenceWeights(decoder, roleWordFeatures(doc, f), emis);
  decoder.decodeEmissions(n, out.ids, 0);
  return spansFromLabelIds(out.ids, 0, n, out.scheme, 'BIO');
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
  const decoder = model.cue.decoder;
  const out = buffersOf(model.cue);
  for (const [si, s] of doc.sentences.entries()) {
    const n = s.end - s.start;
    if (n <= 0) continue;
    const c = cueContext(doc, si);
    out.ensure(n);
    const emis = decoder.emissions(n);
    scorer.sentencePrior(doc, c, b, cueBias, emis);
    addSequenceWeights(decoder, cuePairFeatures(doc, c), emis);
    decoder.decodeEmissions(n, out.ids, 0, out.labelled);
    for (const sp of spansFromLabelIds(out.ids, 0, n, out.scheme, 'BIO')) {
      if (sp.type !== 'CUE') continue;
      cues.push({ start: s.start + sp.start, end: s.start + sp.end, confidence: mean(out.labelled.out, sp.start, sp.end) });
    }
  }
  return cues;
}

function hasOtherCue(isCue: Uint8Array, w: { start: number; end: number }, c: { start: number; end: number }): boolean {
  for (let i = w.start; i < w.end; i++) if (isCue[i] === 1 && (i < c.start || i >= c.end)) return true;
  return false;
}

/** Decodes cues, then each cue's source and content. */
export function predictAttributions(model: ClaimModel, doc: DocView, lex: Lexicon, cueBias = CUE_BIAS): TokenAttribution[] {
  const cues = decodeCues(model, doc, cueBias);
  const isCue = new Uint8Array(doc.tokens.length);
  for (const c of cues) for (let i = c.start; i < c.end; i++) isCue[i] = 1;
  const result: TokenAttribution[] = [];
  /** Contents found by decoding a cue without the other cues (nested-cue): cues inside them are dropped. */
  const outer: { start: number; end: number }[] = [];
  for (const c of cues) {
    const w = roleWindow(doc, c.start);
    const facts = roleWindowFacts(doc, w, c, (i) => isCue[i] === 1 && (i < c.start || i >= c.end), lex.known);
    const roles = (f: RoleWindow) =>
      decodeRoles(model, doc, f).map((s) => ({
        ...s,
        start: s.start + w.start,
        end: s.end + w.start,
      }));
    let spans = roles(facts);
    // nested-cue: a cue left without content because a cue inside what
    // would be its content ("Smith said the union expected production to
    // improve") took the tokens after it. PolNeAR is univocal and annotates
    // the outer attribution only: decode the cue as if alone, and drop the
    // cues inside the content that finds.
    let nestedRetry = false;
    if (!spans.some((s) => s.type === 'CON') && hasOtherCue(isCue, w, c) && !colonParagraph(doc, c)) {
      const alone = roles(roleWindowFacts(doc, w, c, () => false, lex.known));
      if (alone.some((s) => s.type === 'CON')) {
        spans = alone;
        nestedRetry = true;
      }
    }
    const content = spans.filter((s) => s.type === 'CON').map(({ start, end }) => ({ start, end }));
    if (nestedRetry) outer.push(...content);
    // One source per cue: the SRC span nearest the cue.
    const dist = (s: { start: number; end: number }): number => (s.end <= c.start ? c.start - s.end : s.start - c.end);
    const source = spans
      .filter((s) => s.type === 'SRC')
      .sort((a, b) => dist(a) - dist(b))
      .map(({ start, end }) => ({ start, end }))[0];
    if (content.length === 0) {
      const colon = colonParagraph(doc, c);
      if (colon) {
        result.push({
          cue: colon.cue,
          ...(source ? { source } : {}),
          content: [colon.content],
          confidence: c.confidence,
          rule: 'colon-paragraph',
        });
      }
      continue;
    }
    result.push({
      cue: { start: c.start, end: c.end },
      ...(source ? { source } : {}),
      content,
      confidence: c.confidence,
      ...(nestedRetry ? { rule: 'nested-cue' } : {}),
    });
  }
  if (outer.length === 0) return result;
  return result.filter((a) => a.rule === 'nested-cue' || !outer.some((o) => o.start <= a.cue.start && a.cue.end <= o.end));
}

export function viewOf(sentences: readonly Sentence[], lex: Lexicon, tagger: PosTagger): DocView {
  return docView(sentences, lex, tagger);
}
