// The NER tagger over pre-tokenised documents. Three perceptron models:
//  - conll1: PER/LOC/ORG/MISC from local + document-case features (CoNLL-2003 train);
//  - conll2: the same with non-local features — the labels conll1 gave the same
//    word elsewhere in the document (Ratinov & Roth 2009, "prediction aggregation");
//  - re3d: the defence types (re3d train), stacked on conll2's tags as features.
import {
  combineHash,
  type EmissionDecoder,
  type HashedSequence,
  hashString,
  type JointWeights,
  jointWeights,
  type KernelMemory,
  kernels,
  type LabelScheme,
  type LabelSpan,
  labelScheme,
  reserveDecoding,
  reserveFeatures,
  type SequenceLabeller,
  spansFromLabelIds,
  spansFromTags,
} from '../learn/index.ts';
import { type FeatureExtractor, NEIGHBOUR_OFFSETS, type NeighbourOffset, type WordInfo } from './features.ts';
import type { Gazetteer, GazetteerMatch } from './gazetteer.ts';

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

/** What the tagger keeps per model: its label set read as ids, and dense vectors of its small-set features. */
interface ModelTables {
  readonly decoder: EmissionDecoder;
  readonly L: number;
  readonly scheme: LabelScheme;
  /** Confidence masks: every label but 'O', and every label. */
  readonly labelled: Uint8Array;
  readonly all: Uint8Array;
  /** Dense weight vectors of features from small sets (non-local, stacking), by hash. */
  readonly dense: Map<number, Int32Array>;
  /** Those vectors gathered per label id of the model whose output feeds this one. */
  nonLocal?: { readonly labels: readonly string[]; readonly vectors: NonLocalVectors };
  stacked?: { readonly labels: readonly string[]; readonly vectors: StackVectors };
}
const modelTables = new WeakMap<EmissionDecoder, ModelTables>();

/** Scratch for scoring one feature (denseVector). */
let wordScratch = new Float64Array(64);

/** Sum of `feats`' weights into out[at .. at + L) as integers (the same values as scoreHashed). */
function scoreInto(decoder: EmissionDecoder, feats: Uint32Array, count: number, L: number, out: Int32Array, at: number): void {
  if (wordScratch.length < L) wordScratch = new Float64Array(2 * L);
  const sums = wordScratch;
  sums.fill(0, 0, L);
  for (let k = 0; k < count; k++) decoder.addWeights(feats[k] as number, sums, 0);
  for (let y = 0; y < L; y++) out[at + y] = sums[y] as number;
}

function tablesOf(model: SequenceLabeller): ModelTables {
  const decoder = model.decoder;
  let t = modelTables.get(decoder);
  if (!t) {
    const L = decoder.labels.length;
    const labelled = new Uint8Array(L).fill(1);
    const o = decoder.labels.indexOf('O');
    if (o >= 0) labelled[o] = 0;
    t = { decoder, L, scheme: labelScheme(decoder.labels), labelled, all: new Uint8Array(L).fill(1), dense: new Map() };
    modelTables.set(decoder, t);
  }
  return t;
}

/**
 * The models a document is tagged with, scored side by side: a row of
 * their emissions or cached vectors holds every model's labels (model m's
 * at offset[m], `width` in all, padded to a multiple of 4 for the SIMD
 * kernel), so one token's scores under all of them are one contiguous
 * read, and a feature shared by them is looked up once (jointWeights). The
 * cached template scores are integer weight sums, exact in any order. The
 * cached rows live in the kernels' memory (src/learn/kernels.ts), where
 * sumRows6 adds them up.
 */
interface Ensemble {
  readonly tables: readonly ModelTables[];
  readonly width: number;
  readonly offset: Int32Array;
  readonly weights: JointWeights;
  /** Address of 4096 rows (width each): per caseKey, bias + capitalisation pattern + document case; `caseFilled[key]` once scored. */
  readonly caseRows: number;
  readonly caseFilled: Uint8Array;
  /** Gazetteer and document-case features (few distinct), width each, by hash. */
  readonly small: Map<number, Int32Array>;
  /** rowSums once per model: scoreRow's outputs for jointWeights. */
  readonly rowOuts: Float64Array[];
  /**
   * Address of each word's scores, 5 rows at ((WordInfo.id + 1) × 5 + k) × width
   * int32s: [own | as −2 | as −1 | as +1 | as +2] ("as o": what the word adds to
   * the token it sits at offset o from); `scored[id]` once filled. Valid for
   * one extractor's cache generation. Rows 1-4 hold the sentence boundary,
   * as if it were a word: the neighbour templates outside a sentence.
   * Room for `capacity` records (the boundary's included).
   */
  words: number;
  capacity: number;
  /** The ensemble's kernel memory, freed when it is collected (KernelMemory.own): [words, case rows]. */
  readonly blocks: (readonly [number, number])[];
  scored: Uint8Array;
  wordsOf: FeatureExtractor | undefined;
  generation: number;
}
/** Ensembles by their first model (a few: training tags with several model sets). */
const ensembles = new WeakMap<EmissionDecoder, Ensemble[]>();

/** A width-long row of sums for scoring features under every model at once. */
let rowSums = new Float64Array(64);
const featureScratch = new Uint32Array(4);

/** Sum of `feats`' weights under every model into out[at .. at + width), as integers. */
function scoreRow(e: Ensemble, feats: Uint32Array, count: number, out: Int32Array, at: number): void {
  if (rowSums.length < e.width) rowSums = new Float64Array(2 * e.width);
  const sums = rowSums;
  sums.fill(0, 0, e.width);
  if (e.rowOuts[0] !== sums) e.rowOuts.fill(sums);
  for (let k = 0; k < count; k++) e.weights.addWeights(feats[k] as number, e.rowOuts, e.offset);
  for (let y = 0; y < e.width; y++) out[at + y] = sums[y] as number;
}

/** Word records an ensemble makes room for at first: the extractor's cache bound, plus the boundary. */
const WORD_RECORDS = 50_001;

function ensembleOf(tables: readonly ModelTables[], fx: FeatureExtractor): Ensemble {
  const first = (tables[0] as ModelTables).decoder;
  const known = ensembles.get(first) ?? [];
  let e = known.find((x) => x.tables.length === tables.length && x.tables.every((t, m) => t === tables[m]));
  if (!e) {
    const offset = new Int32Array(tables.length);
    let width = 0;
    tables.forEach((t, m) => {
      offset[m] = width;
      width += t.L;
    });
    width = (width + 3) & ~3;
    const k = kernels();
    // Reserved, not touched: pages are resident only once a word is scored.
    const words = k.alloc(4 * WORD_RECORDS * 5 * width);
    const caseRows = k.alloc(4 * 4096 * width);
    e = {
      tables,
      width,
      offset,
      weights: jointWeights(tables.map((t) => t.decoder)),
      caseRows,
      caseFilled: new Uint8Array(4096),
      small: new Map(),
      rowOuts: tables.map(() => rowSums),
      words,
      capacity: WORD_RECORDS,
      blocks: [
        [words, 4 * WORD_RECORDS * 5 * width],
        [caseRows, 4 * 4096 * width],
      ],
      scored: new Uint8Array(1024),
      wordsOf: undefined,
      generation: -1,
    };
    for (let k2 = 0; k2 < NEIGHBOUR_OFFSETS.length; k2++) {
      const feats = fx.boundaryFeatures(NEIGHBOUR_OFFSETS[k2] as NeighbourOffset);
      scoreRow(e, feats, feats.length, k.i32, (words >> 2) + (k2 + 1) * width);
    }
    k.own(e, e.blocks);
    known.unshift(e);
    ensembles.set(first, known.slice(0, 4));
  }
  if (e.wordsOf !== fx || e.generation !== fx.generation) {
    e.wordsOf = fx;
    e.generation = fx.generation;
    e.scored = new Uint8Array(e.scored.length);
  }
  return e;
}

/**
 * Room for word records up to id `maxId` (a document with more new words
 * than the extractor's cache bound): a bigger block, the old one copied and
 * given back. Grows the kernels' memory, so call it before taking views.
 */
function ensureWordRecords(e: Ensemble, k: KernelMemory, maxId: number): void {
  if (maxId + 2 <= e.capacity) return;
  const capacity = Math.max(maxId + 2, Math.ceil(1.5 * e.capacity));
  const bytes = 4 * capacity * 5 * e.width;
  const words = k.alloc(bytes);
  k.i32.copyWithin(words >> 2, e.words >> 2, (e.words >> 2) + e.capacity * 5 * e.width);
  k.free(e.words, 4 * e.capacity * 5 * e.width);
  e.words = words;
  e.capacity = capacity;
  e.blocks[0] = [words, bytes];
}

/** New word records' features for scoreNewWords: hashes, per-row offsets, row addresses. */
let newFeats = new Uint32Array(4096);
let newOffsets = new Uint32Array(1025);
let newRows = new Int32Array(1024);

/**
 * Fills the ensemble's scores (Ensemble.words) of the document's words that
 * have none yet: each new word's own and four neighbour template groups,
 * five consecutive rows of its record, in one kernel call (scoreRowsAt)
 * when the models share a merged table. May grow the kernels' memory: call
 * it before taking views (ensureWordRecords first).
 */
function scoreNewWords(e: Ensemble, fx: FeatureExtractor, k: KernelMemory, infos: readonly (readonly WordInfo[])[]): void {
  const width = e.width;
  let rows = 0;
  let feats = 0;
  for (const sentence of infos) {
    for (const info of sentence) {
      const id = info.id;
      if (id < e.scored.length && e.scored[id]) continue;
      if (id >= e.scored.length) {
        const scored = new Uint8Array(Math.max(id + 1, Math.ceil(1.5 * e.scored.length)));
        scored.set(e.scored);
        e.scored = scored;
      }
      e.scored[id] = 1;
      if (newRows.length < rows + 5) {
        const bigger = new Int32Array(2 * (rows + 5));
        bigger.set(newRows);
        newRows = bigger;
        const offsets = new Uint32Array(2 * (rows + 5) + 1);
        offsets.set(newOffsets);
        newOffsets = offsets;
      }
      if (newFeats.length < feats + info.own.length + 16) {
        const bigger = new Uint32Array(2 * (feats + info.own.length + 16));
        bigger.set(newFeats);
        newFeats = bigger;
      }
      const at = e.words + 4 * (id + 1) * 5 * width;
      newOffsets[rows] = feats;
      newRows[rows++] = at;
      newFeats.set(info.own, feats);
      feats += info.own.length;
      for (let q = 0; q < NEIGHBOUR_OFFSETS.length; q++) {
        newOffsets[rows] = feats;
        newRows[rows++] = at + 4 * (q + 1) * width;
        feats += fx.neighbourFeaturesOf(info, NEIGHBOUR_OFFSETS[q] as NeighbourOffset, featureScratch);
        newFeats.set(featureScratch.subarray(0, feats - (newOffsets[rows - 1] as number)), newOffsets[rows - 1] as number);
      }
    }
  }
  if (rows === 0) return;
  newOffsets[rows] = feats;
  const seq = { feats: newFeats.subarray(0, feats), offsets: newOffsets.subarray(0, rows + 1) };
  if (e.weights.scoreRowsAt) {
    e.weights.scoreRowsAt(seq, newRows.subarray(0, rows), width, e.offset);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const from = newOffsets[r] as number;
    const count = (newOffsets[r + 1] as number) - from;
    scoreRow(e, newFeats.subarray(from, from + count), count, k.i32, (newRows[r] as number) >> 2);
  }
}

/** A feature's weights under the model as an L-vector (cached: for features of small sets, used on many tokens). */
function denseVector(t: ModelTables, feature: number): Int32Array {
  let v = t.dense.get(feature);
  if (!v) {
    v = new Int32Array(t.L);
    scoreInto(t.decoder, Uint32Array.of(feature), 1, t.L, v, 0);
    t.dense.set(feature, v);
  }
  return v;
}

/** denseVector()s of `features` side by side, L each. */
function denseVectors(t: ModelTables, features: ArrayLike<number>): Int32Array {
  const out = new Int32Array(features.length * t.L);
  for (let k = 0; k < features.length; k++) out.set(denseVector(t, features[k] as number), k * t.L);
  return out;
}

function addIntVector(into: Int32Array, v: Int32Array): void {
  for (let y = 0; y < into.length; y++) into[y] = (into[y] as number) + (v[y] as number);
}

/** emis[base + y] += vectors[at + y]: integer sums, exact in any order. */
function addVector(emis: Float64Array, base: number, vectors: Int32Array, at: number, L: number): void {
  for (let y = 0; y < L; y++) emis[base + y] = (emis[base + y] as number) + (vectors[at + y] as number);
}

/** Per sentence position + 2, the offset of its word's scores; the boundary (0) in the two slots either side. */
let wordAt = new Int32Array(256);

/**
 * Which cached rows sum to each of a sentence's tokens' scores under every
 * model, for every template but documentFeatures()': for token `at + i`,
 * six int32 offsets into kernel memory at index[(at + i) × 6 ..] — its
 * word's own row, each neighbour's (or the boundary's) row seen from it,
 * and its capitalisation + document-case row (scored here when new);
 * sumRows6 adds them up. scoreNewWords() first; `caseStamp` from markDocumentCase().
 */
function priorIndex(
  e: Ensemble,
  fx: FeatureExtractor,
  infos: readonly WordInfo[],
  caseStamp: number,
  memory: Int32Array,
  index: number,
  at: number,
): void {
  const width = e.width;
  const n = infos.length;
  const words = e.words >> 2;
  if (wordAt.length < n + 4) wordAt = new Int32Array(2 * (n + 4));
  wordAt[0] = words;
  wordAt[1] = words;
  for (let i = 0; i < n; i++) wordAt[i + 2] = words + ((infos[i] as WordInfo).id + 1) * 5 * width;
  wordAt[n + 2] = words;
  wordAt[n + 3] = words;
  const caseRows = e.caseRows >> 2;
  for (let i = 0; i < n; i++) {
    const key = fx.caseKey(infos, i, caseStamp);
    if (!e.caseFilled[key]) {
      const feats = fx.caseFeatures(key);
      scoreRow(e, feats, feats.length, memory, caseRows + key * width);
      e.caseFilled[key] = 1;
    }
    const p = index + (at + i) * 6;
    memory[p] = wordAt[i + 2] as number;
    memory[p + 1] = (wordAt[i] as number) + width;
    memory[p + 2] = (wordAt[i + 1] as number) + 2 * width;
    memory[p + 3] = (wordAt[i + 3] as number) + 3 * width;
    memory[p + 4] = (wordAt[i + 4] as number) + 4 * width;
    memory[p + 5] = caseRows + key * width;
  }
}

/** A small-set feature's weights under every model (a width-long row), cached. */
function smallRow(e: Ensemble, feature: number): Int32Array {
  let v = e.small.get(feature);
  if (!v) {
    v = new Int32Array(e.width);
    featureScratch[0] = feature;
    scoreRow(e, featureScratch, 1, v, 0);
    e.small.set(feature, v);
  }
  return v;
}

/** The document's rows in kernel memory (f64, N × width) and their index for sumRows6 (i32, N × 6), reused between documents. */
const documentRows = { tokens: 0, width: 0, rows: 0, index: 0 };

/** Room for a document of N tokens' rows; call before taking views (it may grow the kernels' memory). */
function reserveDocument(k: KernelMemory, N: number, width: number): void {
  if (documentRows.tokens >= N && documentRows.width >= width) return;
  if (documentRows.tokens > 0) {
    k.free(documentRows.rows, 8 * documentRows.tokens * documentRows.width);
    k.free(documentRows.index, 4 * documentRows.tokens * 6);
  }
  documentRows.tokens = Math.max(Math.ceil(1.5 * N), documentRows.tokens, 1024);
  documentRows.width = Math.max(width, documentRows.width);
  documentRows.rows = k.alloc(8 * documentRows.tokens * documentRows.width);
  documentRows.index = k.alloc(4 * documentRows.tokens * 6);
}

/**
 * Every model's base emissions for the whole document, into `rows` (a view
 * of documentRows.rows): the prior (sumRows6 over priorIndex()'s rows),
 * plus documentFeatures(), which are the same for every model, so each
 * is looked up once for all of them (pairs), or read from cached rows
 * (small). The passes then add their own features (non-local, stacking)
 * to their columns.
 */
function baseEmissions(
  e: Ensemble,
  fx: FeatureExtractor,
  k: KernelMemory,
  infos: readonly (readonly WordInfo[])[],
  features: { readonly pairs: HashedSequence; readonly small: HashedSequence },
  caseStamp: number,
  starts: Int32Array,
  rows: Float64Array,
): void {
  const N = starts[starts.length - 1] as number;
  const width = e.width;
  const memory = k.i32;
  const index = documentRows.index >> 2;
  for (let s = 0; s < infos.length; s++) priorIndex(e, fx, infos[s] as WordInfo[], caseStamp, memory, index, starts[s] as number);
  k.exports.sumRows6(0, documentRows.index, N, width, documentRows.rows);
  if (e.weights.addSequenceAt) e.weights.addSequenceAt(features.pairs, documentRows.rows, width, e.offset);
  else {
    const outs = e.tables.map(() => rows);
    const at = new Int32Array(e.tables.length);
    const { feats, offsets } = features.pairs;
    for (let j = 0; j < N; j++) {
      for (let m = 0; m < at.length; m++) at[m] = j * width + (e.offset[m] as number);
      const to = offsets[j + 1] as number;
      for (let q = offsets[j] as number; q < to; q++) e.weights.addWeights(feats[q] as number, outs, at);
    }
  }
  const small = features.small;
  for (let j = 0; j < N; j++) {
    const smallTo = small.offsets[j + 1] as number;
    for (let q = small.offsets[j] as number; q < smallTo; q++) addVector(rows, j * width, smallRow(e, small.feats[q] as number), 0, width);
  }
}

/** One model's labels over a document, flat: sentence s owns [starts[s], starts[s + 1]). */
export interface ModelLabels {
  readonly labels: readonly string[];
  readonly scheme: LabelScheme;
  readonly ids: Int32Array;
  /** Per token; NaN where not asked for (see tagDocument). */
  readonly confidence: Float64Array;
}

export interface DocumentLabels {
  /** Token offset of each sentence in the flat arrays (sentences + 1 entries). */
  readonly starts: Int32Array;
  /** conll2's labels (conll1's when there is no conll2). */
  readonly conll: ModelLabels;
  readonly re3d?: ModelLabels;
  /** Matches of `models.defence` per sentence, when the re3d model read them. */
  readonly defence?: readonly (readonly GazetteerMatch[])[];
}

export interface TagOptions {
  /** re3d confidences only for these types (NaN for the others); default every type. */
  readonly re3dConfidenceTypes?: ReadonlySet<string>;
}

/** Hashes of the non-local templates for each of a label set's types (tokenTypes' names). */
interface NonLocalTables {
  /** Per label id: index of its type. */
  readonly typeOf: Int32Array;
  readonly types: number;
  /** Per type: its rank in string order (majority ties go to the smaller name). */
  readonly rank: Int32Array;
  readonly any: Uint32Array;
  readonly majority: Uint32Array;
  /** [type × 4 + (first ? 2 : 0) + (capitalised ? 1 : 0)]. */
  readonly majorityCap: Uint32Array;
}
const nonLocalTablesOf = new WeakMap<readonly string[], NonLocalTables>();

function nonLocalTables(labels: readonly string[]): NonLocalTables {
  let t = nonLocalTablesOf.get(labels);
  if (!t) {
    const names = [...new Set(tokenTypes(labels))];
    const index = new Map(names.map((n, i) => [n, i]));
    const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const majorityCap = new Uint32Array(4 * names.length);
    names.forEach((n, i) => {
      for (let b = 0; b < 4; b++) majorityCap[i * 4 + b] = combineHash(T_NL_MAJ_CAP, combineHash(typeHash(n), b));
    });
    t = {
      typeOf: Int32Array.from(tokenTypes(labels), (n) => index.get(n) as number),
      types: names.length,
      rank: Int32Array.from(names, (n) => sorted.indexOf(n)),
      any: Uint32Array.from(names, (n) => combineHash(T_NL_ANY, typeHash(n))),
      majority: Uint32Array.from(names, (n) => combineHash(T_NL_MAJ, typeHash(n))),
      majorityCap,
    };
    nonLocalTablesOf.set(labels, t);
  }
  return t;
}

let documentStamp = 0;

/** The non-local templates' weight vectors under one model, per type of the pass-1 labels (NonLocalTables' order). */
interface NonLocalVectors {
  readonly any: Int32Array;
  /**
   * What the majority type adds, [type × 4 + (first ? 2 : 0) + (capitalised ? 1 : 0)]:
   * its nl-any, nl-majority and nl-majority-cap vectors summed (the majority is
   * always one of the types seen), one vector for most words instead of three.
   */
  readonly majority: Int32Array;
}

function nonLocalVectors(t: ModelTables, labels: readonly string[]): NonLocalVectors {
  if (t.nonLocal?.labels !== labels) {
    const h = nonLocalTables(labels);
    const L = t.L;
    const any = denseVectors(t, h.any);
    const alone = denseVectors(t, h.majority);
    const majority = denseVectors(t, h.majorityCap);
    for (let k = 0; k < majority.length; k++) {
      const at = Math.floor(k / (4 * L)) * L + (k % L);
      majority[k] = (majority[k] as number) + (any[at] as number) + (alone[at] as number);
    }
    t.nonLocal = { labels, vectors: { any, majority } };
  }
  return t.nonLocal.vectors;
}

/**
 * nonLocalFeatures() added straight into each sentence's emissions: per
 * word (by record: documentWords gives one per string), how often pass 1
 * gave it each type in this document.
 */
class NonLocalCounts {
  private readonly slotOf: Int32Array;
  private readonly counts: Int32Array;
  private readonly t: NonLocalTables;

  constructor(
    infos: readonly (readonly WordInfo[])[],
    private readonly pass1: ModelLabels,
  ) {
    this.t = nonLocalTables(pass1.labels);
    const stamp = ++documentStamp;
    const slotOf = new Int32Array(pass1.ids.length);
    let slots = 0;
    let j = 0;
    for (const sentence of infos) {
      for (const info of sentence) {
        if (info.cap === 0) slotOf[j++] = -1;
        else {
          if (info.docStamp !== stamp) {
            info.docStamp = stamp;
            info.docSlot = slots++;
          }
          slotOf[j++] = info.docSlot;
        }
      }
    }
    const T = this.t.types;
    const counts = new Int32Array(slots * T);
    for (let k = 0; k < slotOf.length; k++) {
      const slot = slotOf[k] as number;
      if (slot < 0) continue;
      const at = slot * T + (this.t.typeOf[pass1.ids[k] as number] as number);
      counts[at] = (counts[at] as number) + 1;
    }
    this.slotOf = slotOf;
    this.counts = counts;
  }

  /**
   * Adds the non-local features of the sentence whose first token is `at`
   * to model m's columns of the document's rows (token j's at j × stride + column).
   */
  addTo(m: ModelTables, emis: Float64Array, stride: number, column: number, infos: readonly WordInfo[], at: number): void {
    const { typeOf, types: T, rank } = this.t;
    const { any, majority } = nonLocalVectors(m, this.pass1.labels);
    const L = m.L;
    const ids = this.pass1.ids;
    const counts = this.counts;
    for (let i = 0; i < infos.length; i++) {
      const slot = this.slotOf[at + i] as number;
      if (slot < 0) continue;
      const own = typeOf[ids[at + i] as number] as number;
      let best = -1;
      let bestCount = 0;
      for (let t = 0; t < T; t++) {
        const c = (counts[slot * T + t] as number) - (t === own ? 1 : 0);
        if (c > bestCount || (c > 0 && c === bestCount && (rank[t] as number) < (rank[best] as number))) {
          best = t;
          bestCount = c;
        }
      }
      if (bestCount === 0) continue;
      const base = (at + i) * stride + column;
      for (let t = 0; t < T; t++) {
        if (t !== best && (counts[slot * T + t] as number) - (t === own ? 1 : 0) > 0) addVector(emis, base, any, t * L, L);
      }
      const cap = (infos[i] as WordInfo).cap >= 2 ? 1 : 0;
      addVector(emis, base, majority, (best * 4 + (i === 0 ? 2 : 0) + cap) * L, L);
    }
  }
}

/** stackFeatures()' hashes per label id of the stacked (CoNLL) model. */
interface StackTables {
  readonly prev: Uint32Array;
  readonly cur: Uint32Array;
  readonly next: Uint32Array;
  readonly prevBoundary: number;
  readonly nextBoundary: number;
  readonly outside: number;
  /** T:stack-span of `${type}:${length}`, by that string. */
  readonly span: Map<string, number>;
}
const stackTablesOf = new WeakMap<readonly string[], StackTables>();

function stackTables(labels: readonly string[]): StackTables {
  let t = stackTablesOf.get(labels);
  if (!t) {
    const [tPrev, tCur, tNext] = T_STACK as [number, number, number];
    const boundary = typeHash('<b>');
    t = {
      prev: Uint32Array.from(labels, (l) => combineHash(tPrev, typeHash(l))),
      cur: Uint32Array.from(labels, (l) => combineHash(tCur, typeHash(l))),
      next: Uint32Array.from(labels, (l) => combineHash(tNext, typeHash(l))),
      prevBoundary: combineHash(tPrev, boundary),
      nextBoundary: combineHash(tNext, boundary),
      outside: combineHash(T_STACK_SPAN, typeHash('O')),
      span: new Map(),
    };
    stackTablesOf.set(labels, t);
  }
  return t;
}

/** The stacking templates' weight vectors under the re3d model, per label id of the stacked model (+ a boundary row). */
interface StackVectors {
  /** (labels + 1) × L: the previous / next token's label, the last row the sentence boundary. */
  readonly prev: Int32Array;
  readonly cur: Int32Array;
  readonly next: Int32Array;
  readonly outside: Int32Array;
  /** The stacked model's 'O' (-1 if none), and prev + cur + next + outside for a token amid three 'O's (most tokens). */
  readonly o: number;
  readonly amidOutside: Int32Array;
  /**
   * prev + cur + next of each (previous, own, next) label triple met so far,
   * by (previous × labels + own) × (labels + 1) + next, the boundary as label `labels`:
   * a token near a span or a sentence end adds two vectors instead of four.
   */
  readonly around: (Int32Array | undefined)[];
}

function stackVectors(t: ModelTables, labels: readonly string[]): StackVectors {
  if (t.stacked?.labels !== labels) {
    const h = stackTables(labels);
    const o = labels.indexOf('O');
    const amidOutside = new Int32Array(t.L);
    if (o >= 0) for (const f of [h.prev[o], h.cur[o], h.next[o], h.outside]) addIntVector(amidOutside, denseVector(t, f as number));
    t.stacked = {
      labels,
      vectors: {
        prev: denseVectors(t, [...h.prev, h.prevBoundary]),
        cur: denseVectors(t, h.cur),
        next: denseVectors(t, [...h.next, h.nextBoundary]),
        outside: denseVector(t, h.outside),
        o,
        amidOutside,
        // Filled, not holey: V8 keeps a sparse array of this size as a slow dictionary.
        around: new Array<Int32Array | undefined>((labels.length + 1) * labels.length * (labels.length + 1)).fill(undefined),
      },
    };
  }
  return t.stacked.vectors;
}

const defenceHashes = new Map<string, number>();

/** Token i's stacking vectors (its span's or `outside`): the sentence's labels at ids[at ..], its row at emis[(at + i) × stride + column]. */
function addStacked(
  emis: Float64Array,
  stride: number,
  column: number,
  L: number,
  v: StackVectors,
  ids: Int32Array,
  at: number,
  n: number,
  i: number,
  span: Int32Array,
): void {
  const base = (at + i) * stride + column;
  const o = v.o;
  if (span === v.outside && i > 0 && i + 1 < n && ids[at + i - 1] === o && ids[at + i] === o && ids[at + i + 1] === o) {
    addVector(emis, base, v.amidOutside, 0, L);
    return;
  }
  // The boundary row comes after the labels' rows.
  const boundary = v.cur.length / L;
  const p = i > 0 ? (ids[at + i - 1] as number) : boundary;
  const c = ids[at + i] as number;
  const x = i + 1 < n ? (ids[at + i + 1] as number) : boundary;
  const key = (p * boundary + c) * (boundary + 1) + x;
  let around = v.around[key];
  if (!around) {
    around = new Int32Array(L);
    addIntVector(around, v.prev.subarray(p * L, (p + 1) * L));
    addIntVector(around, v.cur.subarray(c * L, (c + 1) * L));
    addIntVector(around, v.next.subarray(x * L, (x + 1) * L));
    v.around[key] = around;
  }
  addVector(emis, base, around, 0, L);
  addVector(emis, base, span, 0, L);
}

/** stackFeatures() of the sentence whose first token is `at`, added to model m's columns of the document's rows. */
function addStackFeatures(
  m: ModelTables,
  emis: Float64Array,
  stride: number,
  column: number,
  conll: ModelLabels,
  at: number,
  n: number,
  defence: readonly GazetteerMatch[] | undefined,
): void {
  const L = m.L;
  const t = stackTables(conll.labels);
  const v = stackVectors(m, conll.labels);
  const ids = conll.ids;
  let covered = 0;
  for (const sp of spansFromLabelIds(ids, at, at + n, conll.scheme, 'BILOU')) {
    const key = `${sp.type}:${sp.end - sp.start}`;
    let h = t.span.get(key);
    if (h === undefined) {
      h = combineHash(T_STACK_SPAN, typeHash(key));
      t.span.set(key, h);
    }
    const span = denseVector(m, h);
    for (let i = covered; i < sp.start; i++) addStacked(emis, stride, column, L, v, ids, at, n, i, v.outside);
    for (let i = sp.start; i < sp.end; i++) addStacked(emis, stride, column, L, v, ids, at, n, i, span);
    covered = sp.end;
  }
  for (let i = covered; i < n; i++) addStacked(emis, stride, column, L, v, ids, at, n, i, v.outside);
  if (!defence) return;
  for (const match of defence) {
    for (let i = match.start; i < match.end; i++) {
      const pos = match.end - match.start === 1 ? 'U' : i === match.start ? 'B' : i === match.end - 1 ? 'L' : 'I';
      const key = `${match.kind}:${pos}`;
      let h = defenceHashes.get(key);
      if (h === undefined) {
        h = combineHash(T_DEFENCE, typeHash(key));
        defenceHashes.set(key, h);
      }
      addVector(emis, (at + i) * stride + column, denseVector(m, h), 0, L);
    }
  }
}

/**
 * Per lexicon, Gazetteer.startingAt() of each word record by WordInfo.id:
 * 0 not yet known, -1 not a starter, k > 0 kinds[k].
 */
const lexiconStarts = new WeakMap<
  Gazetteer,
  { of: FeatureExtractor; generation: number; start: Int32Array; kinds: (readonly string[])[] }
>();

/** lexicon.matchKeys() of a sentence, looking up only words an entry starts with. */
function matchLexicon(lexicon: Gazetteer, fx: FeatureExtractor, infos: readonly WordInfo[]): GazetteerMatch[] {
  let c = lexiconStarts.get(lexicon);
  if (!c || c.of !== fx || c.generation !== fx.generation) {
    c = { of: fx, generation: fx.generation, start: new Int32Array(1024), kinds: [[]] };
    lexiconStarts.set(lexicon, c);
  }
  let first: (readonly string[] | undefined)[] | undefined;
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i] as WordInfo;
    if (info.id >= c.start.length) {
      const bigger = new Int32Array(2 * info.id);
      bigger.set(c.start);
      c.start = bigger;
    }
    let k = c.start[info.id] as number;
    if (k === 0) {
      const kinds = lexicon.startingAt(info.key);
      k = kinds === undefined ? -1 : c.kinds.push(kinds) - 1;
      c.start[info.id] = k;
    }
    if (k > 0) {
      first ??= new Array<readonly string[] | undefined>(infos.length);
      first[i] = c.kinds[k];
    }
  }
  return first
    ? lexicon.matchKeys(
        infos.map((x) => x.key),
        first,
      )
    : [];
}

/**
 * Tags one document with each available model, over label ids. Confidences:
 * the CoNLL output's for every non-'O' token (for every token when there is
 * no conll2, as before), re3d's for non-'O' tokens of `re3dConfidenceTypes`.
 */
export function tagDocument(
  models: TaggerModels,
  fx: FeatureExtractor,
  sentences: readonly (readonly string[])[],
  options: TagOptions = {},
): DocumentLabels {
  const S = sentences.length;
  const starts = new Int32Array(S + 1);
  for (let s = 0; s < S; s++) starts[s + 1] = (starts[s] as number) + (sentences[s] as readonly string[]).length;
  const N = starts[S] as number;
  const infos = fx.documentWords(sentences);
  // The templates that pair or triple words, plus gazetteer and document
  // features; the rest are scored once per word type and model (priorInto).
  const caseStamp = fx.markDocumentCase(sentences, infos);
  const features = fx.documentFeatures(infos);

  const tables = [models.conll1, models.conll2, models.re3d].flatMap((m) => (m ? [tablesOf(m)] : []));
  const ensemble = ensembleOf(tables, fx);
  // Everything that may grow the kernels' memory first, then the views.
  const k = kernels();
  let maxId = 0;
  let longest = 0;
  for (const sentence of infos) {
    for (const info of sentence) if (info.id > maxId) maxId = info.id;
    if (sentence.length > longest) longest = sentence.length;
  }
  ensureWordRecords(ensemble, k, maxId);
  scoreNewWords(ensemble, fx, k, infos);
  reserveDocument(k, N, ensemble.width);
  for (const t of tables) reserveDecoding(longest, t.L);
  reserveFeatures(features.pairs.feats.length + features.pairs.offsets.length + tables.length);
  const generation = k.generation;
  const stride = ensemble.width;
  const rows = new Float64Array(k.f64.buffer, documentRows.rows, N * stride);
  baseEmissions(ensemble, fx, k, infos, features, caseStamp, starts, rows);
  let model = 0;
  /** The next model's labels: its base emissions plus `extra` features (added to the document's rows), decoded sentence by sentence. */
  const decodeNext = (
    want: 'labelled' | 'all' | Uint8Array | undefined,
    extra?: (t: ModelTables, column: number, s: number) => void,
  ): ModelLabels => {
    const t = tables[model] as ModelTables;
    const column = ensemble.offset[model++] as number;
    const ids = new Int32Array(N);
    const confidence = new Float64Array(want ? N : 0);
    const request = want ? { want: want === 'labelled' ? t.labelled : want === 'all' ? t.all : want, out: confidence } : undefined;
    const source = { rows, offset: 0, stride };
    for (let s = 0; s < S; s++) {
      const from = starts[s] as number;
      const n = (starts[s + 1] as number) - from;
      extra?.(t, column, s);
      source.offset = from * stride + column;
      t.decoder.decodeEmissions(n, ids, from, request, source);
    }
    return { labels: t.decoder.labels, scheme: t.scheme, ids, confidence };
  };

  // Pass 1's confidences are needed only when there is no pass 2.
  let conll = decodeNext(models.conll2 ? undefined : 'all');
  if (models.conll2) {
    const nl = new NonLocalCounts(infos, conll);
    conll = decodeNext('labelled', (t, column, s) => nl.addTo(t, rows, stride, column, infos[s] as WordInfo[], starts[s] as number));
  }
  const re3dModel = models.re3d;
  // A view of grown memory reads as empty: results from one would be silently wrong.
  const intact = (): void => {
    if (k.generation !== generation) throw new Error('ner tagger: kernel memory grew while a document was tagged');
  };
  if (!re3dModel) {
    intact();
    return { starts, conll };
  }
  const lexicon = models.defence;
  const defence = lexicon ? infos.map((x) => matchLexicon(lexicon, fx, x)) : undefined;
  const stacked = conll;
  const types = options.re3dConfidenceTypes;
  let want: Uint8Array | 'labelled' = 'labelled';
  if (types) {
    const ls = labelScheme(re3dModel.labels);
    want = new Uint8Array(re3dModel.labels.length);
    for (let id = 0; id < want.length; id++) {
      if ((ls.prefix[id] as number) !== 0 && types.has(ls.types[ls.typeOf[id] as number] as string)) want[id] = 1;
    }
  }
  const re3d = decodeNext(want, (t, column, s) =>
    addStackFeatures(t, rows, stride, column, stacked, starts[s] as number, (infos[s] as WordInfo[]).length, defence?.[s]),
  );
  intact();
  return { starts, conll, re3d, ...(defence ? { defence } : {}) };
}

export interface DocumentTags {
  readonly conll: string[][];
  readonly re3d?: string[][];
  /** Per token, for tokens inside a span (see spansOf); NaN for tokens tagged 'O'. */
  readonly conllConfidence: number[][];
  readonly re3dConfidence?: number[][];
}

function perSentence(m: ModelLabels, starts: Int32Array): { tags: string[][]; confidence: number[][] } {
  const tags: string[][] = [];
  const confidence: number[][] = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    const from = starts[s] as number;
    const n = (starts[s + 1] as number) - from;
    const t = new Array<string>(n);
    const c = m.confidence.length > 0 ? new Array<number>(n) : [];
    for (let i = 0; i < n; i++) {
      t[i] = m.labels[m.ids[from + i] as number] as string;
      if (m.confidence.length > 0) c[i] = m.confidence[from + i] as number;
    }
    tags.push(t);
    confidence.push(c);
  }
  return { tags, confidence };
}

/** Tags every sentence of one document with each available model (tagDocument with label strings). */
export function tagTokens(models: TaggerModels, fx: FeatureExtractor, sentences: readonly (readonly string[])[]): DocumentTags {
  const d = tagDocument(models, fx, sentences);
  const conll = perSentence(d.conll, d.starts);
  if (!d.re3d) return { conll: conll.tags, conllConfidence: conll.confidence };
  const re3d = perSentence(d.re3d, d.starts);
  return { conll: conll.tags, conllConfidence: conll.confidence, re3d: re3d.tags, re3dConfidence: re3d.confidence };
}

function spanOf(sp: LabelSpan, sentence: number, confidence: number, model: 'conll' | 're3d'): TaggedSpan {
  return { type: sp.type, start: sp.start, end: sp.end, sentence, confidence, model };
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
      return spanOf(sp, s, sum / (sp.end - sp.start), model);
    }),
  );
}

/** spansOf() over tagDocument's labels; with `types`, only spans of those types. */
export function labelledSpans(m: ModelLabels, starts: Int32Array, model: 'conll' | 're3d', types?: ReadonlySet<string>): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (let s = 0; s + 1 < starts.length; s++) {
    const from = starts[s] as number;
    for (const sp of spansFromLabelIds(m.ids, from, starts[s + 1] as number, m.scheme, 'BILOU')) {
      if (types && !types.has(sp.type)) continue;
      let sum = 0;
      for (let i = sp.start; i < sp.end; i++) sum += m.confidence[from + i] ?? 0;
      out.push(spanOf(sp, s, sum / (sp.end - sp.start), model));
    }
  }
  return out;
}
