// NER feature templates, hashed straight to ints (Ratinov & Roth 2009's
// baseline set plus gazetteers, word clusters and document-level case
// evidence). Word-local features are computed once per distinct word and
// cached; context features combine cached hashes, so tagging allocates one
// feature buffer per sentence.

import { combineHash, type HashedSequence, hashString } from '../learn/index.ts';
import { type CapClass, capClass } from '../text/case.ts';
import type { ClusterLookup } from './clusters.ts';
import { type Gazetteer, gazetteerKey } from './gazetteer.ts';

export interface FeatureResources {
  readonly gazetteer: Gazetteer;
  /** Word → Brown-style bit-string cluster path. */
  readonly clusters?: ClusterLookup;
}

const T = (name: string): number => hashString(`T:${name}`);
const T_BIAS = T('bias');
const T_WORD = T('w');
const T_LOWER = T('lw');
const T_SHAPE = T('sh');
const T_SSHAPE = T('ss');
const T_PRE = [1, 2, 3, 4].map((n) => T(`pre${n}`));
const T_SUF = [1, 2, 3, 4].map((n) => T(`suf${n}`));
const T_CAP = T('cap');
const T_FLAGS = T('flags');
const T_LEN = T('len');
const CLUSTER_PREFIXES = [4, 6, 9, 14];
const T_CLUSTER = CLUSTER_PREFIXES.map((n) => T(`cl${n}`));
// Context templates as parallel offset/id arrays (no iterator allocation per token).
const CTX_LOWER_AT = [-2, -1, 1, 2];
const T_CTX_LOWER = CTX_LOWER_AT.map((o) => T(`lw${o}`));
const CTX_NEXT_AT = [-1, 1];
const T_CTX_SSHAPE = CTX_NEXT_AT.map((o) => T(`ss${o}`));
const T_CTX_CLUSTER = CTX_NEXT_AT.map((o) => T(`cl${o}`));
const T_SSHAPE3 = T('ss3');
const T_BIGRAM_L = T('bg-1');
const T_BIGRAM_R = T('bg+1');
const T_FIRST = T('first');
const T_FIRST_WORD = T('firstw');
const T_CAPCTX = T('capctx');
const T_GAZ = T('gaz');
const T_GAZ_NEXT = T('gaz+1');
const T_GAZ_PREV = T('gaz-1');
const T_DOC = T('doc');
const T_SUF3_PREV = T('suf3-1');
const T_SUF3_NEXT = T('suf3+1');
const BOUNDARY = hashString('<s>');
const BOUNDARY_END = hashString('</s>');

/** hashString(`${kind}:${B|I|L|U}`) of a gazetteer kind, cached: kinds are few. */
const kindPositions = new Map<string, Uint32Array>();
function kindPositionHashes(kind: string): Uint32Array {
  let h = kindPositions.get(kind);
  if (!h) {
    h = Uint32Array.from(['B', 'I', 'L', 'U'], (pos) => hashString(`${kind}:${pos}`));
    kindPositions.set(kind, h);
  }
  return h;
}

/** 0 no letters, 1 lower, 2 Initial cap, 3 ALL CAPS, 4 mixed. */

export interface WordInfo {
  /** Lower-cased form, and the gazetteer lookup key. */
  readonly lowerStr: string;
  readonly key: string;
  /** Word-local features, already combined with their template ids. */
  readonly own: Uint32Array;
  readonly lower: number;
  readonly sshape: number;
  readonly cluster: number;
  readonly suf3: number;
  readonly cap: CapClass;
  /** How its lower-cased form is cased in the document being tagged (markDocumentCase), shared by its case variants. */
  readonly lowerCase: LowerCaseRecord;
  /** What this word starts in the gazetteer (Gazetteer.startingAt): undefined for most words. */
  readonly gazetteerStart: readonly string[] | undefined;
  /** Whether some gazetteer entry has it after its first word (Gazetteer.continuesWith). */
  readonly gazetteerLater: boolean;
  /**
   * Dense number of this record within its extractor's cache generation
   * (`FeatureExtractor.generation`): the tagger keeps each model's cached
   * word scores in one array indexed by it.
   */
  readonly id: number;
  /**
   * The tagger's per-document scratch (non-local features): the document
   * this word was last seen in, and its slot in that document's counts.
   */
  docStamp: number;
  docSlot: number;
}

/** documentCase() bits of one lower-cased form, valid for the document with this stamp. */
export interface LowerCaseRecord {
  stamp: number;
  bits: number;
}

/**
 * Words the FeatureExtractor keeps (their features and the tagger's score
 * vectors, ~1.4 KB a word in all): 50k is 2.5× the word types of the bench
 * corpus, and bounds the cache near 70 MB on an endless stream.
 */
const CACHE_WORDS = 50_000;
/** Features per chunk of FeatureExtractor's own-feature storage (about 4k words). */
const OWN_CHUNK = 1 << 16;

/** Offsets of the neighbour templates, in the order of `neighbourFeatures` and the tagger's vectors. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;
export type NeighbourOffset = (typeof NEIGHBOUR_OFFSETS)[number];

export function wordShape(w: string, max = 12): string {
  let s = '';
  for (let i = 0; i < w.length && s.length < max; i++) {
    const c = w.charCodeAt(i);
    if (c >= 65 && c <= 90) s += 'X';
    else if (c >= 97 && c <= 122) s += 'x';
    else if (c >= 48 && c <= 57) s += 'd';
    else {
      const ch = w[i] as string;
      s += /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : ch;
    }
  }
  return s;
}

function shortShape(shape: string): string {
  let s = '';
  for (const ch of shape) if (s[s.length - 1] !== ch) s += ch;
  return s;
}

/** Per document: how each lower-cased word is cased elsewhere (bit 1: capitalised mid-sentence, 2: lower, 4: all caps). */
export type DocumentCase = ReadonlyMap<string, number>;

export class FeatureExtractor {
  private readonly cache = new Map<string, WordInfo>();
  private readonly lowerCases = new Map<string, LowerCaseRecord>();
  private caseStamp = 0;
  private buffer = new Uint32Array(4096);
  /**
   * The cached words' own features, as views into shared chunks: a typed
   * array of its own per word was ~100 bytes more of live heap each.
   */
  private ownChunk = new Uint32Array(OWN_CHUNK);
  private ownUsed = 0;
  /** Bumped whenever the cache is emptied, so that word ids restart. */
  generation = 0;

  constructor(private readonly resources: FeatureResources) {}

  /**
   * The records of one document's words. The cache is trimmed before the
   * document, never within it, so within a document one string has one
   * record (the tagger counts words by record).
   */
  documentWords(sentences: readonly (readonly string[])[]): WordInfo[][] {
    let tokens = 0;
    for (const words of sentences) tokens += words.length;
    if (this.cache.size + tokens > CACHE_WORDS) this.clear();
    return sentences.map((words) => {
      const out = new Array<WordInfo>(words.length);
      for (let i = 0; i < words.length; i++) {
        const w = words[i] as string;
        out[i] = this.cache.get(w) ?? this.create(w);
      }
      return out;
    });
  }

  /** documentCase() on cached word info (same result, no regexes per token); `infos` from documentWords(sentences). */
  documentCase(sentences: readonly (readonly string[])[], infos?: readonly (readonly WordInfo[])[]): DocumentCase {
    const seen = new Map<string, number>();
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s] as readonly string[];
      const known = infos?.[s];
      for (let i = 0; i < words.length; i++) {
        const info = known ? (known[i] as WordInfo) : this.info(words[i] as string);
        const c = info.cap;
        const bit = c === 1 ? 2 : c === 2 && i > 0 ? 1 : c === 3 && (words[i] as string).length > 1 ? 4 : 0;
        if (bit !== 0) seen.set(info.lowerStr, (seen.get(info.lowerStr) ?? 0) | bit);
      }
    }
    return seen;
  }

  /**
   * documentCase() kept on the words' lower-case records instead of a Map
   * (infos from documentWords): returns the stamp caseKey() reads
   * them with.
   */
  markDocumentCase(sentences: readonly (readonly string[])[], infos: readonly (readonly WordInfo[])[]): number {
    const stamp = ++this.caseStamp;
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s] as readonly string[];
      const known = infos[s] as readonly WordInfo[];
      for (let i = 0; i < words.length; i++) {
        const info = known[i] as WordInfo;
        const c = info.cap;
        const bit = c === 1 ? 2 : c === 2 && i > 0 ? 1 : c === 3 && (words[i] as string).length > 1 ? 4 : 0;
        if (bit === 0) continue;
        const record = info.lowerCase;
        if (record.stamp !== stamp) {
          record.stamp = stamp;
          record.bits = 0;
        }
        record.bits |= bit;
      }
    }
    return stamp;
  }

  /** The word's own (context-free) features; sentence(…, withOwn = false) leaves them out. */
  ownFeatures(w: string): Uint32Array {
    return this.info(w).own;
  }

  /** Whether the word starts with a capital (Initial cap, ALL CAPS or mixed). */
  isCapitalised(w: string): boolean {
    return this.info(w).cap >= 2;
  }

  /** Whether the word has a letter (cap class ≠ 0). */
  hasLetters(w: string): boolean {
    return this.info(w).cap !== 0;
  }

  /** `base` with `extra[i]` appended to token i's features (same order as sentence(…, extra)). */
  extend(base: HashedSequence, extra: readonly (readonly number[])[]): HashedSequence {
    const n = base.offsets.length - 1;
    let total = base.feats.length;
    for (let i = 0; i < n; i++) total += extra[i]?.length ?? 0;
    const feats = new Uint32Array(total);
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const from = base.offsets[i] as number;
      const to = base.offsets[i + 1] as number;
      feats.set(base.feats.subarray(from, to), k);
      k += to - from;
      const more = extra[i];
      if (more) for (const f of more) feats[k++] = f;
    }
    offsets[n] = k;
    return { feats, offsets };
  }

  /** The cached per-word record (features of the word type). */
  word(w: string): WordInfo {
    return this.info(w);
  }

  private info(w: string): WordInfo {
    const hit = this.cache.get(w);
    if (hit) return hit;
    if (this.cache.size > CACHE_WORDS) this.clear();
    return this.create(w);
  }

  private clear(): void {
    this.cache.clear();
    this.lowerCases.clear();
    this.generation++;
  }

  private ownView(own: readonly number[]): Uint32Array {
    if (this.ownUsed + own.length > this.ownChunk.length) {
      this.ownChunk = new Uint32Array(Math.max(OWN_CHUNK, own.length));
      this.ownUsed = 0;
    }
    const view = this.ownChunk.subarray(this.ownUsed, this.ownUsed + own.length);
    view.set(own);
    this.ownUsed += own.length;
    return view;
  }

  private create(w: string): WordInfo {
    const lowerStr = w.toLowerCase();
    const shape = wordShape(w);
    const sshape = shortShape(shape);
    const cap = capClass(w);
    const own: number[] = [
      combineHash(T_WORD, hashString(w)),
      combineHash(T_LOWER, hashString(lowerStr)),
      combineHash(T_SHAPE, hashString(shape)),
      combineHash(T_SSHAPE, hashString(sshape)),
      combineHash(T_CAP, cap),
      combineHash(T_LEN, Math.min(w.length, 8)),
    ];
    for (let n = 1; n <= 4 && n <= w.length; n++) {
      own.push(combineHash(T_PRE[n - 1] as number, hashString(w.slice(0, n))));
      own.push(combineHash(T_SUF[n - 1] as number, hashString(w.slice(-n))));
    }
    const flags = (/\d/.test(w) ? 1 : 0) | (w.includes('-') ? 2 : 0) | (w.includes('.') ? 4 : 0);
    if (flags) own.push(combineHash(T_FLAGS, flags));
    const path = this.resources.clusters?.get(w) ?? this.resources.clusters?.get(lowerStr);
    let cluster = 0;
    if (path !== undefined) {
      for (let k = 0; k < CLUSTER_PREFIXES.length; k++) {
        own.push(combineHash(T_CLUSTER[k] as number, hashString(path.slice(0, CLUSTER_PREFIXES[k] as number))));
      }
      cluster = hashString(path.slice(0, 8));
    }
    // The lower-cased string itself when equal, so a capitalised word holds one copy.
    const folded = gazetteerKey(w);
    const key = folded === lowerStr ? lowerStr : folded;
    let lowerCase = this.lowerCases.get(lowerStr);
    if (!lowerCase) {
      lowerCase = { stamp: 0, bits: 0 };
      this.lowerCases.set(lowerStr, lowerCase);
    }
    const info: WordInfo = {
      lowerStr,
      key,
      lowerCase,
      gazetteerStart: this.resources.gazetteer.startingAt(key),
      gazetteerLater: this.resources.gazetteer.continuesWith(key),
      own: this.ownView(own),
      lower: hashString(lowerStr),
      sshape: hashString(sshape),
      cluster,
      suf3: hashString(lowerStr.slice(-3)),
      cap,
      id: this.cache.size,
      docStamp: 0,
      docSlot: 0,
    };
    this.cache.set(w, info);
    return info;
  }

  /*
   * The same features as sentence(…, withOwn = true), split by what they
   * depend on, so the tagger can score the first three groups once per word
   * type (or per small key) and reuse the sums:
   *  - ownFeatures(w): the word alone;
   *  - neighbourFeatures(w, o): what word w contributes to the token at
   *    offset −o from it (w is token i+o of token i), or boundaryFeatures(o)
   *    when i+o is outside the sentence;
   *  - biasCapFeatures(capKey(…)): bias and the capitalisation pattern;
   *  - restSentence(…): everything else (pairs and triples of words,
   *    sentence-first, gazetteer, document case, extra).
   * features.test.ts checks that the groups add up to sentence().
   */

  /** Templates of word w seen from the token at offset −o (w sits at i+o). */
  neighbourFeatures(w: string, o: NeighbourOffset): Uint32Array {
    const out = new Uint32Array(4);
    return out.slice(0, this.neighbourFeaturesOf(this.info(w), o, out));
  }

  /** neighbourFeatures() of a record into out[0 ..] (room for 4); returns the count. */
  neighbourFeaturesOf(me: WordInfo, o: NeighbourOffset, out: Uint32Array): number {
    const lowerT = T_CTX_LOWER[CTX_LOWER_AT.indexOf(o)] as number;
    out[0] = combineHash(lowerT, me.lower);
    if (o === -2 || o === 2) return 1;
    const c = CTX_NEXT_AT.indexOf(o);
    out[1] = combineHash(T_CTX_SSHAPE[c] as number, me.sshape);
    out[2] = combineHash(o === -1 ? T_SUF3_PREV : T_SUF3_NEXT, me.suf3);
    if (me.cluster === 0) return 3;
    out[3] = combineHash(T_CTX_CLUSTER[c] as number, me.cluster);
    return 4;
  }

  /** Templates at offset o when token i+o is outside the sentence. */
  boundaryFeatures(o: NeighbourOffset): Uint32Array {
    const b = o < 0 ? BOUNDARY : BOUNDARY_END;
    const lowerT = T_CTX_LOWER[CTX_LOWER_AT.indexOf(o)] as number;
    if (o === -2 || o === 2) return Uint32Array.of(combineHash(lowerT, b));
    return Uint32Array.of(combineHash(lowerT, b), combineHash(T_CTX_SSHAPE[CTX_NEXT_AT.indexOf(o)] as number, b));
  }

  /** Key (< 512) of the capitalisation pattern of token i with its neighbours. */
  capKey(infos: readonly WordInfo[], i: number): number {
    // No inner helper closures on hot paths: tsx compiles with keepNames,
    // which wraps every named closure creation in a defineProperty call.
    const left = i > 0 ? (infos[i - 1] as WordInfo).cap : 7;
    const right = i + 1 < infos.length ? (infos[i + 1] as WordInfo).cap : 7;
    return left * 64 + (infos[i] as WordInfo).cap * 8 + right;
  }

  /** Bias and the capitalisation-pattern feature for a capKey(). */
  biasCapFeatures(key: number): Uint32Array {
    return Uint32Array.of(T_BIAS, combineHash(T_CAPCTX, key));
  }

  /**
   * Key (< 4096) of token i's capitalisation pattern and, for a capitalised
   * word, how it is cased elsewhere in the document (markDocumentCase()'s
   * bits): the document-case feature depends on nothing else, as the
   * pattern says whether the token is sentence-first (left boundary, 7).
   */
  caseKey(infos: readonly WordInfo[], i: number, caseStamp: number): number {
    const me = infos[i] as WordInfo;
    const bits = me.cap >= 2 && me.lowerCase.stamp === caseStamp ? me.lowerCase.bits : 0;
    return this.capKey(infos, i) * 8 + bits;
  }

  /** biasCapFeatures() plus the document-case feature of a capitalised word, for a caseKey(). */
  caseFeatures(key: number): Uint32Array {
    const capKey = key >> 3;
    const cap = (capKey >> 3) & 7;
    if (cap < 2) return this.biasCapFeatures(capKey);
    const first = capKey >> 6 === 7 ? 1 : 0;
    return Uint32Array.of(T_BIAS, combineHash(T_CAPCTX, capKey), combineHash(T_DOC, (key & 7) * 16 + cap * 2 + first));
  }

  /** The features sentence() adds beyond the groups above (see the comment above). */
  restSentence(infos: readonly WordInfo[], docCase?: DocumentCase, extra?: readonly (readonly number[])[]): HashedSequence {
    const n = infos.length;
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    const gaz = this.gazetteerFeatures(infos);
    let prevSshape = BOUNDARY;
    let prevLower = BOUNDARY;
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const me = infos[i] as WordInfo;
      const more = extra?.[i];
      const g0 = gaz && i > 0 ? gaz[i - 1] : undefined;
      const g1 = gaz?.[i];
      const g2 = gaz && i + 1 < n ? gaz[i + 1] : undefined;
      const need = 6 + (g0?.length ?? 0) + (g1?.length ?? 0) + (g2?.length ?? 0) + (more?.length ?? 0);
      if (k + need > this.buffer.length) this.grow(k + need);
      const buf = this.buffer;
      const next = i + 1 < n ? (infos[i + 1] as WordInfo) : undefined;
      buf[k++] = combineHash(T_SSHAPE3, combineHash(combineHash(prevSshape, me.sshape), next ? next.sshape : BOUNDARY_END));
      buf[k++] = combineHash(T_BIGRAM_L, combineHash(prevLower, me.lower));
      buf[k++] = combineHash(T_BIGRAM_R, combineHash(me.lower, next ? next.lower : BOUNDARY_END));
      if (i === 0) {
        buf[k++] = combineHash(T_FIRST, me.sshape);
        buf[k++] = combineHash(T_FIRST_WORD, me.lower);
      }
      if (g1) for (const g of g1) buf[k++] = combineHash(T_GAZ, g);
      if (g2) for (const g of g2) buf[k++] = combineHash(T_GAZ_NEXT, g);
      if (g0) for (const g of g0) buf[k++] = combineHash(T_GAZ_PREV, g);
      if (docCase && me.cap >= 2) {
        const bits = docCase.get(me.lowerStr) ?? 0;
        buf[k++] = combineHash(T_DOC, bits * 16 + me.cap * 2 + (i === 0 ? 1 : 0));
      }
      if (more) for (const f of more) buf[k++] = f;
      prevSshape = me.sshape;
      prevLower = me.lower;
    }
    offsets[n] = k;
    return { feats: this.buffer.slice(0, k), offsets };
  }

  /**
   * restSentence(infos, documentCase) of every sentence of a document but
   * the document-case features (in caseFeatures()), split by how the tagger
   * scores them: `pairs` (word pairs and triples, sentence-first: many
   * distinct, looked up per token) and `small` (gazetteer: a few hundred
   * distinct, scored from cached vectors). Offsets are per document token.
   */
  documentFeatures(infos: readonly (readonly WordInfo[])[]): { pairs: HashedSequence; small: HashedSequence } {
    let N = 0;
    for (const sentence of infos) N += sentence.length;
    const pairs = new Uint32Array(3 * N + 2 * infos.length);
    const pairOffsets = new Uint32Array(N + 1);
    const smallOffsets = new Uint32Array(N + 1);
    const small: number[] = [];
    let k = 0;
    let j = 0;
    for (const sentence of infos) {
      const n = sentence.length;
      const gaz = this.gazetteerFeatures(sentence);
      let prevSshape = BOUNDARY;
      let prevLower = BOUNDARY;
      for (let i = 0; i < n; i++, j++) {
        pairOffsets[j] = k;
        smallOffsets[j] = small.length;
        const me = sentence[i] as WordInfo;
        const next = i + 1 < n ? (sentence[i + 1] as WordInfo) : undefined;
        pairs[k++] = combineHash(T_SSHAPE3, combineHash(combineHash(prevSshape, me.sshape), next ? next.sshape : BOUNDARY_END));
        pairs[k++] = combineHash(T_BIGRAM_L, combineHash(prevLower, me.lower));
        pairs[k++] = combineHash(T_BIGRAM_R, combineHash(me.lower, next ? next.lower : BOUNDARY_END));
        if (i === 0) {
          pairs[k++] = combineHash(T_FIRST, me.sshape);
          pairs[k++] = combineHash(T_FIRST_WORD, me.lower);
        }
        if (gaz) {
          for (const g of gaz[i] as number[]) small.push(combineHash(T_GAZ, g));
          if (i + 1 < n) for (const g of gaz[i + 1] as number[]) small.push(combineHash(T_GAZ_NEXT, g));
          if (i > 0) for (const g of gaz[i - 1] as number[]) small.push(combineHash(T_GAZ_PREV, g));
        }
        prevSshape = me.sshape;
        prevLower = me.lower;
      }
    }
    pairOffsets[N] = k;
    smallOffsets[N] = small.length;
    return {
      pairs: { feats: pairs.subarray(0, k), offsets: pairOffsets },
      small: { feats: Uint32Array.from(small), offsets: smallOffsets },
    };
  }

  private grow(min: number): void {
    let size = this.buffer.length * 2;
    while (size < min) size *= 2;
    const bigger = new Uint32Array(size);
    bigger.set(this.buffer);
    this.buffer = bigger;
  }

  /** Per token, the gazetteer kind:position hashes covering it; undefined when nothing matches. */
  private gazetteerFeatures(infos: readonly WordInfo[]): number[][] | undefined {
    let any = false;
    for (const x of infos) if (x.gazetteerStart !== undefined) any = true;
    if (!any) return undefined;
    const matches = this.resources.gazetteer.matchKeys(
      infos.map((x) => x.key),
      infos.map((x) => x.gazetteerStart),
      infos.map((x) => x.gazetteerLater),
    );
    if (matches.length === 0) return undefined;
    const gaz: number[][] = infos.map(() => []);
    for (const m of matches) {
      const hashes = kindPositionHashes(m.kind);
      for (let i = m.start; i < m.end; i++) {
        const pos = m.end - m.start === 1 ? 3 : i === m.start ? 0 : i === m.end - 1 ? 2 : 1;
        (gaz[i] as number[]).push(hashes[pos] as number);
      }
    }
    return gaz;
  }

  /**
   * Features of one sentence. `docCase` carries document-level case evidence;
   * `extra[i]`, when given, adds hashed features to token i (e.g. labels a
   * first-pass model gave the same word elsewhere in the document).
   */
  sentence(words: readonly string[], docCase?: DocumentCase, extra?: readonly (readonly number[])[], withOwn = true): HashedSequence {
    const n = words.length;
    const infos = words.map((w) => this.info(w));
    const offsets = new Uint32Array(n + 1);
    let k = 0;
    const push = (f: number): void => {
      if (k >= this.buffer.length) {
        const bigger = new Uint32Array(this.buffer.length * 2);
        bigger.set(this.buffer);
        this.buffer = bigger;
      }
      this.buffer[k++] = f;
    };
    // Gazetteer matches, as BILOU positions of each covering entry.
    const gaz: number[][] = words.map(() => []);
    for (const m of this.resources.gazetteer.matchKeys(infos.map((x) => x.key))) {
      for (let i = m.start; i < m.end; i++) {
        const pos = m.end - m.start === 1 ? 'U' : i === m.start ? 'B' : i === m.end - 1 ? 'L' : 'I';
        (gaz[i] as number[]).push(hashString(`${m.kind}:${pos}`));
      }
    }
    const lowerAt = (j: number): number => (j < 0 ? BOUNDARY : j >= n ? BOUNDARY_END : (infos[j] as WordInfo).lower);
    const sshapeAt = (j: number): number => (j < 0 ? BOUNDARY : j >= n ? BOUNDARY_END : (infos[j] as WordInfo).sshape);
    const capAt = (j: number): number => (j < 0 || j >= n ? 7 : (infos[j] as WordInfo).cap);
    for (let i = 0; i < n; i++) {
      offsets[i] = k;
      const me = infos[i] as WordInfo;
      push(T_BIAS);
      if (withOwn) for (const f of me.own) push(f);
      for (let c = 0; c < 4; c++) push(combineHash(T_CTX_LOWER[c] as number, lowerAt(i + (CTX_LOWER_AT[c] as number))));
      for (let c = 0; c < 2; c++) push(combineHash(T_CTX_SSHAPE[c] as number, sshapeAt(i + (CTX_NEXT_AT[c] as number))));
      push(combineHash(T_SSHAPE3, combineHash(combineHash(sshapeAt(i - 1), me.sshape), sshapeAt(i + 1))));
      push(combineHash(T_BIGRAM_L, combineHash(lowerAt(i - 1), me.lower)));
      push(combineHash(T_BIGRAM_R, combineHash(me.lower, lowerAt(i + 1))));
      push(combineHash(T_CAPCTX, capAt(i - 1) * 64 + me.cap * 8 + capAt(i + 1)));
      if (i > 0) push(combineHash(T_SUF3_PREV, (infos[i - 1] as WordInfo).suf3));
      if (i + 1 < n) push(combineHash(T_SUF3_NEXT, (infos[i + 1] as WordInfo).suf3));
      for (let c = 0; c < 2; c++) {
        const j = i + (CTX_NEXT_AT[c] as number);
        if (j >= 0 && j < n && (infos[j] as WordInfo).cluster !== 0) {
          push(combineHash(T_CTX_CLUSTER[c] as number, (infos[j] as WordInfo).cluster));
        }
      }
      if (i === 0) {
        push(combineHash(T_FIRST, me.sshape));
        push(combineHash(T_FIRST_WORD, me.lower));
      }
      for (const g of gaz[i] as number[]) push(combineHash(T_GAZ, g));
      if (i + 1 < n) for (const g of gaz[i + 1] as number[]) push(combineHash(T_GAZ_NEXT, g));
      if (i > 0) for (const g of gaz[i - 1] as number[]) push(combineHash(T_GAZ_PREV, g));
      if (docCase && me.cap >= 2) {
        const bits = docCase.get(me.lowerStr) ?? 0;
        push(combineHash(T_DOC, bits * 16 + me.cap * 2 + (i === 0 ? 1 : 0)));
      }
      const more = extra?.[i];
      if (more) for (const f of more) push(f);
    }
    offsets[n] = k;
    return { feats: this.buffer.slice(0, k), offsets };
  }
}
