// Feature templates for the two taggers: cue detection over a sentence, and
// source/content tagging around one cue (features relative to that cue:
// side, distance, sentence offset, quotation state, cue lemma, punctuation
// in between). Templates are hashed straight to ints: each token's strings
// (word, lemma, shape, POS …) are hashed once per document view, and a
// feature is an integer combination of a template id with those hashes, so
// decoding builds no strings. Training reads the same functions.
import { combineHash, type HashedSequence, hashString, type TypeIds, WordTypes } from '../learn/index.ts';
import type { Sentence } from '../model/index.ts';
import { POS_TAGS, type PosTag, type PosTagger } from '../pos/index.ts';
import { cueLemma, lemmatiseWord } from './lemma.ts';

/** A token with what the feature templates need about it. */
export interface TokenView {
  readonly text: string;
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  readonly paragraph: number;
  /** Inside a quotation (quote marks themselves count as outside). */
  readonly inQuote: boolean;
  readonly lemma: string;
  readonly pos: PosTag;
}

/** Per token, the hashes the templates combine (parallel to `tokens`). */
export interface TokenHashes {
  readonly lower: Uint32Array;
  readonly lemma: Uint32Array;
  readonly shape: Uint32Array;
  readonly suffix3: Uint32Array;
  readonly pos: Uint32Array;
  /** Index of the POS tag in POS_TAGS (for small cache keys). */
  readonly posId: Uint8Array;
  /** The status-map class of the lemma ('-' when unknown), and of "lemma next-word". */
  readonly lex: Uint32Array;
  readonly lex2: Uint32Array;
  /** The same classes as small ids (statusId; 0 when unknown), for cache keys. */
  readonly lexId: Uint8Array;
  readonly lex2Id: Uint8Array;
  /** 1 for a quotation mark (any quoteKind but QUOTE_NONE). */
  readonly quoteMark: Uint8Array;
}

export interface DocView {
  readonly tokens: readonly TokenView[];
  /** Per sentence, [first token, end token). */
  readonly sentences: readonly { readonly start: number; readonly end: number; readonly paragraph: number }[];
  readonly hashes: TokenHashes;
  /** Per token, its word type's id (for caches keyed by word type). */
  readonly types: TypeIds & { readonly ids: Int32Array };
}

/** What the features read of the status map (model.ts builds it). */
export interface CueLexicon {
  /** Lemmas and the words of multi-word lemmas, for lemmatisation. */
  readonly known: ReadonlySet<string>;
  readonly statusOf: (lemma: string) => string | undefined;
}

const OPEN_Q = new Set(['“', '«', '„']);
const CLOSE_Q = new Set(['”', '»']);
const STRAIGHT_Q = new Set(['"', '``', "''"]);

/**
 * A word type's quotation-mark kind (WordRecord.quote), so docView reads it
 * instead of three set lookups a token. A lone "'" is a quotation mark, but
 * docView opens or closes a quote with it only as half of a "''" pair.
 */
const QUOTE_NONE = 0;
const QUOTE_OPEN = 1;
const QUOTE_CLOSE = 2;
const QUOTE_STRAIGHT = 3;
const QUOTE_APOSTROPHE = 4;
function quoteKind(t: string): number {
  if (OPEN_Q.has(t)) return QUOTE_OPEN;
  if (CLOSE_Q.has(t)) return QUOTE_CLOSE;
  if (STRAIGHT_Q.has(t)) return QUOTE_STRAIGHT;
  return t === "'" ? QUOTE_APOSTROPHE : QUOTE_NONE;
}

/**
 * Strings seen so far → their hash, shape or lemma. Every token asks for
 * several, and a Unicode regex pass or a hash loop per ask was a large part
 * of the stage's time. Bounded so memory stays flat over a long run.
 */
class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly limit: number,
    private readonly make: (key: string) => V,
  ) {}
  get(key: string): V {
    let v = this.map.get(key);
    if (v === undefined) {
      v = this.make(key);
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

// Statuses and cue lemmas: a few hundred strings. A word's own hashes are
// kept on its WordRecord, so caching them here as well only held ~2 MB of
// heap twice over.
const hashes = new BoundedCache(100_000, (s: string) => hashString(s));

// Module constants: tsx (esbuild) compiles a \p{…} literal to `new RegExp(…)`, built again on every call.
const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/gu;

function shapeHash(t: string): number {
  const s = t
    .replace(UPPER, 'X')
    .replace(LOWER, 'x')
    .replace(/\d/g, 'd')
    .replace(/(.)\1+/g, '$1$1');
  return hashString(s.length > 6 ? s.slice(0, 6) : s);
}

const LETTERS = /^\p{L}+$/u;

/** What a token's text alone decides, hashed: looked up once per word type and lexicon. */
interface WordRecord {
  readonly lower: string;
  readonly lemma: string;
  readonly hLower: number;
  readonly hLemma: number;
  readonly hShape: number;
  readonly hSuffix3: number;
  readonly hLex: number;
  readonly lexId: number;
  /** The lemma is one of the map's words (it may open a "lemma next-word" phrase). */
  readonly known: boolean;
  readonly quote: number;
}

/** Small ids of the status-map classes (a closed set), in order of first use; 0 is "none". */
const STATUS_IDS = new Map<string, number>();
function statusId(status: string | undefined): number {
  if (status === undefined) return 0;
  let id = STATUS_IDS.get(status);
  if (id === undefined) {
    id = STATUS_IDS.size + 1;
    if (id > 255) throw new Error(`more than 255 status classes (at '${status}')`);
    STATUS_IDS.set(status, id);
  }
  return id;
}

const WORD_CACHE_LIMIT = 100_000;
const wordCaches = new WeakMap<CueLexicon, WordTypes<WordRecord>>();

function wordTypes(lex: CueLexicon): WordTypes<WordRecord> {
  let types = wordCaches.get(lex);
  if (!types) {
    types = new WordTypes(WORD_CACHE_LIMIT, (text) => wordRecord(text, lex));
    wordCaches.set(lex, types);
  }
  return types;
}

function wordRecord(text: string, lex: CueLexicon): WordRecord {
  const lower = text.toLowerCase();
  const lemma = LETTERS.test(lower) ? lemmatiseWord(lower, lex.known) : lower;
  const status = lex.statusOf(lemma);
  return {
    lower,
    lemma,
    hLower: hashString(lower),
    hLemma: hashString(lemma),
    hShape: shapeHash(text),
    hSuffix3: hashString(lower.slice(-3)),
    hLex: status === undefined ? NONE : hashes.get(status),
    lexId: statusId(status),
    known: lex.known.has(lemma),
    quote: quoteKind(text),
  };
}

/**
 * Tokens with quotation state, POS tags and hashes; quotes reset at each
 * paragraph (news convention reopens them).
 */
export function docView(sentences: readonly Sentence[], lex: CueLexicon, tagger: PosTagger): DocView {
  const tokens: TokenView[] = [];
  const records: WordRecord[] = [];
  const spans: { start: number; end: number; paragraph: number }[] = [];
  const types = wordTypes(lex);
  let n = 0;
  for (const s of sentences) n += s.tokens.length;
  types.reserve(n);
  const ids = new Int32Array(n);
  const generation = types.generation;
  let inQuote = false;
  let paragraph = -1;
  for (const [si, s] of sentences.entries()) {
    const p = s.paragraph;
    if (p !== paragraph) {
      inQuote = false;
      paragraph = p;
    }
    const first = tokens.length;
    const words = s.tokens.map((t) => t.text);
    for (let k = 0; k < words.length; k++) ids[first + k] = types.id(words[k] as string);
    const tags = tagger.tag(words, { generation, ids: ids.subarray(first, first + words.length) });
    for (const [k, t] of s.tokens.entries()) {
      const w = types.record(ids[first + k] as number);
      let q = inQuote;
      // PTB-style '' quotes (NYT text) come out of segment() as two adjacent
      // "'" tokens: the pair toggles once, on its first half.
      const next = s.tokens[k + 1];
      const prev = s.tokens[k - 1];
      const pairFirst = t.text === "'" && next?.text === "'" && next.span.start === t.span.end;
      const pairSecond = t.text === "'" && prev?.text === "'" && prev.span.end === t.span.start;
      if (pairFirst) {
        inQuote = !inQuote;
        q = false;
      } else if (pairSecond) {
        q = false;
      } else if (w.quote === QUOTE_OPEN) {
        inQuote = true;
        q = false;
      } else if (w.quote === QUOTE_CLOSE) {
        inQuote = false;
        q = false;
      } else if (w.quote === QUOTE_STRAIGHT) {
        inQuote = !inQuote;
        q = false;
      }
      records.push(w);
      tokens.push({
        text: t.text,
        lower: w.lower,
        start: t.span.start,
        end: t.span.end,
        sentence: si,
        paragraph: p,
        inQuote: q,
        lemma: w.lemma,
        pos: tags[k] as PosTag,
      });
    }
    spans.push({ start: first, end: tokens.length, paragraph: p });
  }
  return { tokens, sentences: spans, hashes: tokenHashes(tokens, records, spans, lex), types: { generation, ids } };
}

const NONE = hashString('-');

const POS_HASH = POS_TAGS.map((t) => hashString(t));
const POS_INDEX = new Map<string, number>(POS_TAGS.map((t, k) => [t, k]));

function tokenHashes(
  tokens: readonly TokenView[],
  records: readonly WordRecord[],
  spans: readonly { start: number; end: number }[],
  lex: CueLexicon,
): TokenHashes {
  const n = tokens.length;
  const h: TokenHashes = {
    lower: new Uint32Array(n),
    lemma: new Uint32Array(n),
    shape: new Uint32Array(n),
    suffix3: new Uint32Array(n),
    pos: new Uint32Array(n),
    posId: new Uint8Array(n),
    lex: new Uint32Array(n),
    lex2: new Uint32Array(n),
    lexId: new Uint8Array(n),
    lex2Id: new Uint8Array(n),
    quoteMark: new Uint8Array(n),
  };
  for (const s of spans) {
    for (let i = s.start; i < s.end; i++) {
      const t = tokens[i] as TokenView;
      const w = records[i] as WordRecord;
      h.lower[i] = w.hLower;
      h.lemma[i] = w.hLemma;
      h.shape[i] = w.hShape;
      h.suffix3[i] = w.hSuffix3;
      const id = POS_INDEX.get(t.pos) ?? 0;
      h.pos[i] = POS_HASH[id] as number;
      h.posId[i] = id;
      h.lex[i] = w.hLex;
      // "lemma next-word" phrases of the map ("point out", "call for").
      const next = i + 1 < s.end ? (tokens[i + 1] as TokenView).lower : '</s>';
      const status2 = w.known ? lex.statusOf(`${w.lemma} ${next}`) : undefined;
      h.lex2[i] = status2 === undefined ? NONE : hashes.get(status2);
      h.lexId[i] = w.lexId;
      h.lex2Id[i] = statusId(status2);
      h.quoteMark[i] = w.quote !== QUOTE_NONE ? 1 : 0;
    }
  }
  return h;
}

const T = (name: string): number => hashString(`claims:${name}`);
const BOS = hashString('<s>');
const EOS = hashString('</s>');
const BOW = hashString('<w>');
const EOW = hashString('</w>');

/** Cue-tagger template ids. */
const C = {
  bias: T('b'),
  word: T('w'),
  lemma: T('l'),
  suffix3: T('s3'),
  shape: T('sh'),
  lex: T('lex'),
  lex2: T('lex2'),
  quote: T('q'),
  lemmaQuote: T('lq'),
  lexQuote: T('lexq'),
  prev1: T('p1'),
  prev2: T('p2'),
  next1: T('n1'),
  next2: T('n2'),
  prevWord: T('p1w'),
  wordNext: T('wn1'),
  lexNext: T('lexn1'),
  lexPrev: T('lexp1'),
  position: T('pos'),
  quoteAround: T('qp'),
  prevLemma: T('pl1'),
  nextLemma: T('nl1'),
  prevLex: T('plex'),
  nextLex: T('nlex'),
  quoteLeftLex: T('ql'),
  quoteRightLex: T('qr'),
  quoteLeftRight: T('qlr'),
  tag: T('t'),
  tagLemma: T('tl'),
  tagPrev: T('t-1'),
  tagNext: T('t+1'),
  tagQuoteLex: T('tqlex'),
  lemmaNextTag: T('lt+1'),
} as const;

/** Distance to the nearest quotation mark, bucketed: cues sit next to quotes. */
const quoteBucket = (d: number): number => (d < 0 ? 0 : d <= 2 ? d + 1 : d <= 5 ? 4 : 5);

const pair = (a: number, b: number): number => combineHash(a, b);

/*
 * The cue templates fall in three groups, so the tagger can score the first
 * two once per word type (model.ts, CueScorer) and most of the third once
 * per small key; cueFeatures() lists all three, which training reads, and
 * claims.test.ts checks the split decodes the same:
 *  - cueOwnFeatures(h, i, q): the word alone, by quotation state;
 *  - cueNearFeatures(h, i, k): what word i adds to the token at offset
 *    −NEAR_OFFSETS[k] from it, or cueBoundaryFeatures(k) outside the sentence;
 *  - the context templates (cueContext): tags and quote layout, scored
 *    per small key, and pairs of words, looked up per token.
 */

/** Offsets of the neighbour templates, in the order of cueNearFeatures. */
export const NEAR_OFFSETS = [-2, -1, 1, 2] as const;

/** The word's own templates (9), in quotation (q = 1) or not. */
export function cueOwnFeatures(h: TokenHashes, i: number, q: number): Uint32Array {
  const l = h.lemma[i] as number;
  const lex = h.lex[i] as number;
  return Uint32Array.of(
    C.bias,
    pair(C.word, h.lower[i] as number),
    pair(C.lemma, l),
    pair(C.suffix3, h.suffix3[i] as number),
    pair(C.shape, h.shape[i] as number),
    pair(C.lex, lex),
    pair(C.quote, q),
    pair(C.lemmaQuote, pair(l, q)),
    pair(C.lexQuote, pair(lex, q)),
  );
}

/** What word i adds to the token at offset −NEAR_OFFSETS[k] from it (word i is that token's neighbour at NEAR_OFFSETS[k]). */
export function cueNearFeatures(h: TokenHashes, i: number, k: number): Uint32Array {
  return nearFeatures(k, h.lower[i] as number, h.lemma[i] as number, h.lex[i] as number);
}

/** The neighbour templates when the neighbour is outside the sentence. */
export function cueBoundaryFeatures(k: number): Uint32Array {
  const before = (NEAR_OFFSETS[k] as number) < 0;
  return nearFeatures(k, before ? BOS : EOS, before ? BOS : EOS, NONE);
}

function nearFeatures(k: number, lower: number, lemma: number, lex: number): Uint32Array {
  switch (NEAR_OFFSETS[k]) {
    case -2:
      return Uint32Array.of(pair(C.prev2, lower));
    case -1:
      return Uint32Array.of(pair(C.prev1, lower), pair(C.prevLemma, lemma), pair(C.prevLex, lex));
    case 1:
      return Uint32Array.of(pair(C.next1, lower), pair(C.nextLemma, lemma), pair(C.nextLex, lex));
    default:
      return Uint32Array.of(pair(C.next2, lower));
  }
}

/** What the context templates read of one sentence: its extent and each token's quote-distance buckets. */
export interface CueContext {
  readonly start: number;
  readonly end: number;
  /** quoteBucket of the distance to the nearest quotation mark on the left / right, per token from `start`. */
  readonly quoteLeft: Uint8Array;
  readonly quoteRight: Uint8Array;
}

export function cueContext(doc: DocView, sentence: number): CueContext {
  const { start, end } = doc.sentences[sentence] as { start: number; end: number };
  const n = end - start;
  const quoteLeft = new Uint8Array(n);
  const quoteRight = new Uint8Array(n);
  for (let i = start, last = -1; i < end; i++) {
    quoteLeft[i - start] = quoteBucket(last < 0 ? -1 : i - last);
    if (doc.hashes.quoteMark[i] === 1) last = i;
  }
  for (let i = end - 1, last = -1; i >= start; i--) {
    quoteRight[i - start] = quoteBucket(last < 0 ? -1 : last - i);
    if (doc.hashes.quoteMark[i] === 1) last = i;
  }
  return { start, end, quoteLeft, quoteRight };
}

const inQuoteAt = (doc: DocView, c: CueContext, i: number): number =>
  i >= c.start && i < c.end && (doc.tokens[i] as TokenView).inQuote ? 1 : 0;

/*
 * The context templates of token i in three parts: two read only small
 * values (tags; quote layout with the status classes), so the tagger scores
 * them once per key (model.ts, CueScorer); the third pairs words and is
 * looked up per token.
 */

/** Ids of the tag-group key: POS_TAGS indices, then the sentence boundaries. */
const CUE_TAG_IDS = POS_TAGS.length + 2;
/** cueTagKey() < CUE_TAG_KEYS. */
export const CUE_TAG_KEYS = POS_TAGS.length * CUE_TAG_IDS * CUE_TAG_IDS;

/** Key of cueTagFeatures(doc, c, i): the tags of i − 1, i and i + 1. */
export function cueTagKey(doc: DocView, c: CueContext, i: number): number {
  const id = doc.hashes.posId;
  const prev = i > c.start ? (id[i - 1] as number) : POS_TAGS.length;
  const next = i + 1 < c.end ? (id[i + 1] as number) : POS_TAGS.length + 1;
  return ((id[i] as number) * CUE_TAG_IDS + prev) * CUE_TAG_IDS + next;
}

/** The part of speech of the token and its neighbours (3). */
export function cueTagFeatures(doc: DocView, c: CueContext, i: number): Uint32Array {
  const h = doc.hashes;
  const t0 = h.pos[i] as number;
  const tp1 = i > c.start ? (h.pos[i - 1] as number) : BOS;
  const tn1 = i + 1 < c.end ? (h.pos[i + 1] as number) : EOS;
  return Uint32Array.of(pair(C.tag, t0), pair(C.tagPrev, pair(tp1, t0)), pair(C.tagNext, pair(t0, tn1)));
}

const position = (c: CueContext, i: number): number => (i === c.start ? 0 : i === c.end - 1 ? 1 : 2);
const quoteAround = (doc: DocView, c: CueContext, i: number): number =>
  inQuoteAt(doc, c, i - 1) * 4 + inQuoteAt(doc, c, i) * 2 + inQuoteAt(doc, c, i + 1);

/** Key of cueLayoutFeatures(doc, c, i): every value it reads, mixed-radix (below 2^31). */
export function cueLayoutKey(doc: DocView, c: CueContext, i: number): number {
  const h = doc.hashes;
  const classes = (h.lex2Id[i] as number) * 256 + (h.lexId[i] as number);
  const quotes = ((position(c, i) * 8 + quoteAround(doc, c, i)) * 6 + (c.quoteLeft[i - c.start] as number)) * 6;
  return (classes * 3 * 8 * 6 * 6 + quotes + (c.quoteRight[i - c.start] as number)) * POS_TAGS.length + (h.posId[i] as number);
}

/** Sentence position, quotation layout, and the status classes of the lemma and "lemma next-word" with them (7). */
export function cueLayoutFeatures(doc: DocView, c: CueContext, i: number): Uint32Array {
  const h = doc.hashes;
  const lex = h.lex[i] as number;
  const ql = c.quoteLeft[i - c.start] as number;
  const qr = c.quoteRight[i - c.start] as number;
  const q = inQuoteAt(doc, c, i);
  return Uint32Array.of(
    pair(C.lex2, h.lex2[i] as number),
    pair(C.position, position(c, i)),
    pair(C.quoteAround, quoteAround(doc, c, i)),
    pair(C.quoteLeftLex, pair(ql, lex)),
    pair(C.quoteRightLex, pair(qr, lex)),
    pair(C.quoteLeftRight, ql * 8 + qr),
    // Part of speech: cues are mostly verb groups ("has not commented"),
    // and the tags generalise past the reporting verbs PolNeAR train has.
    pair(C.tagQuoteLex, pair(pair(h.pos[i] as number, q), lex)),
  );
}

/** The templates that pair the word with its neighbours (6 a token), for each token of the sentence. */
export function cuePairFeatures(doc: DocView, c: CueContext): HashedSequence {
  const h = doc.hashes;
  const n = c.end - c.start;
  const feats = new Uint32Array(n * 6);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = c.start; i < c.end; i++) {
    offsets[i - c.start] = k;
    const w = h.lower[i] as number;
    const lex = h.lex[i] as number;
    const p1 = i > c.start ? (h.lower[i - 1] as number) : BOS;
    const n1 = i + 1 < c.end ? (h.lower[i + 1] as number) : EOS;
    feats[k++] = pair(C.prevWord, pair(p1, w));
    feats[k++] = pair(C.wordNext, pair(w, n1));
    feats[k++] = pair(C.lexNext, pair(lex, n1));
    feats[k++] = pair(C.lexPrev, pair(lex, p1));
    feats[k++] = pair(C.tagLemma, pair(h.pos[i] as number, h.lemma[i] as number));
    // The lemma with the next word's tag ("found" + IN as in "found that",
    // "found" + DT before an object): generalises past the word pairs.
    // Dev cue +0.005 / +0.003, attribution +0.002 (seeds 1 / 11).
    feats[k++] = pair(C.lemmaNextTag, pair(h.lemma[i] as number, i + 1 < c.end ? (h.pos[i + 1] as number) : EOS));
  }
  offsets[n] = k;
  return { feats, offsets };
}

/** Every cue template of every token of one sentence (training; decoding splits them). */
export function cueFeatures(doc: DocView, sentence: number): HashedSequence {
  const { start, end } = doc.sentences[sentence] as { start: number; end: number };
  const h = doc.hashes;
  const c = cueContext(doc, sentence);
  const pairs = cuePairFeatures(doc, c);
  const all: number[] = [];
  const offsets = new Uint32Array(end - start + 1);
  for (let i = start; i < end; i++) {
    offsets[i - start] = all.length;
    all.push(...cueOwnFeatures(h, i, (doc.tokens[i] as TokenView).inQuote ? 1 : 0));
    NEAR_OFFSETS.forEach((o, k) => {
      const j = i + o;
      all.push(...(j >= start && j < end ? cueNearFeatures(h, j, k) : cueBoundaryFeatures(k)));
    });
    all.push(...pairs.feats.subarray(pairs.offsets[i - start], pairs.offsets[i - start + 1]));
    all.push(...cueLayoutFeatures(doc, c, i), ...cueTagFeatures(doc, c, i));
  }
  offsets[end - start] = all.length;
  return { feats: Uint32Array.from(all), offsets };
}

/**
 * The window a cue's source and content are sought in: its sentence, two
 * before and two after, in its paragraph. (Two before rather than one: a
 * quotation of several sentences closed by "he said" is one content; dev
 * content token F1 +0.003, attribution +0.002 to +0.008 over two seeds.)
 */
export function roleWindow(doc: DocView, cueStart: number): { start: number; end: number } {
  const cueTok = doc.tokens[cueStart] as TokenView;
  const s = cueTok.sentence;
  const para = cueTok.paragraph;
  let lo = s;
  let hi = s;
  for (let k = 0; k < 2; k++) if (lo > 0 && doc.sentences[lo - 1]?.paragraph === para) lo--;
  for (let k = 0; k < 2; k++) if (doc.sentences[hi + 1]?.paragraph === para) hi++;
  return { start: (doc.sentences[lo] as { start: number }).start, end: (doc.sentences[hi] as { end: number }).end };
}

function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 5) return 4;
  if (d <= 8) return 5;
  if (d <= 12) return 6;
  if (d <= 20) return 7;
  return 8;
}

/** Role-tagger template ids (each is combined with the side L/C/R first). */
const R = {
  bias: T('r:b'),
  distance: T('r:d'),
  sentenceOffset: T('r:so'),
  word: T('r:w'),
  wordDistance: T('r:wd'),
  shape: T('r:sh'),
  quote: T('r:q'),
  quoteOffset: T('r:qso'),
  commas: T('r:c'),
  commasQuotes: T('r:cq'),
  quotesDistance: T('r:qqd'),
  otherCue: T('r:oc'),
  cueLemma: T('r:cl'),
  cueLemmaDistance: T('r:cld'),
  cueLemmaQuote: T('r:clq'),
  afterCue: T('r:ac'),
  beforeCue: T('r:bc'),
  afterCueDistance: T('r:acd'),
  prev: T('r:p1'),
  next: T('r:n1'),
  prevWord: T('r:p1w'),
  firstInSentence: T('r:fs'),
  offsetCommasQuote: T('r:scq'),
  tag: T('r:t'),
  tagDistance: T('r:td'),
  tagPrev: T('r:tp'),
  tagNext: T('r:tn'),
  tagCommas: T('r:tc'),
} as const;

const SIDE_L = 0;
const SIDE_C = 1;
const SIDE_R = 2;
type RoleTemplates = { readonly [K in keyof typeof R]: number };
/** The role templates combined with each side once, indexed by side. */
const SIDED: readonly RoleTemplates[] = [SIDE_L, SIDE_C, SIDE_R].map(
  (side) => Object.fromEntries(Object.entries(R).map(([name, id]) => [name, pair(id, side)])) as RoleTemplates,
);

/**
 * What the role templates read of one window around one cue: per token its
 * side of the cue (L/C/R), bucketed distance, sentence offset, quotation
 * state, commas/quote marks/other cues between it and the cue, and whether
 * it opens its sentence; and of the cue its lemma and the words beside it.
 */
export interface RoleWindow {
  readonly start: number;
  readonly end: number;
  readonly lemma: number;
  readonly cueQuote: number;
  readonly afterCue: number;
  readonly beforeCue: number;
  readonly side: Uint8Array;
  readonly distance: Uint8Array;
  readonly sentenceOffset: Uint8Array;
  readonly quote: Uint8Array;
  readonly commas: Uint8Array;
  readonly quotes: Uint8Array;
  readonly otherCue: Uint8Array;
  readonly first: Uint8Array;
}

/** The window's facts for cue [cs, ce); `otherCue` marks tokens of other cues (their roles belong elsewhere). */
export function roleWindowFacts(
  doc: DocView,
  window: { start: number; end: number },
  cue: { start: number; end: number },
  otherCue: (i: number) => boolean,
  known: ReadonlySet<string>,
): RoleWindow {
  const cueTokens = doc.tokens.slice(cue.start, cue.end);
  const lemma = hashes.get(
    cueLemma(
      cueTokens.map((t) => t.text),
      known,
    ).lemma,
  );
  const cueSent = (cueTokens[0] as TokenView).sentence;
  const h = doc.hashes;
  const n = window.end - window.start;
  const f: RoleWindow = {
    start: window.start,
    end: window.end,
    lemma,
    cueQuote: cueTokens[0]?.inQuote ? 1 : 0,
    afterCue: cue.end < doc.tokens.length ? (h.lower[cue.end] as number) : EOS,
    beforeCue: cue.start > 0 ? (h.lower[cue.start - 1] as number) : BOS,
    side: new Uint8Array(n),
    distance: new Uint8Array(n),
    sentenceOffset: new Uint8Array(n),
    quote: new Uint8Array(n),
    commas: new Uint8Array(n),
    quotes: new Uint8Array(n),
    otherCue: new Uint8Array(n),
    first: new Uint8Array(n),
  };
  // Punctuation and other cues between each token and the cue, counted outward from the cue.
  const seen = new Uint8Array(n);
  for (let i = cue.start - 1, c = 0, q = 0, o = 0; i >= window.start; i--) {
    const t = doc.tokens[i] as TokenView;
    f.commas[i - window.start] = Math.min(3, c);
    f.quotes[i - window.start] = Math.min(2, q);
    seen[i - window.start] = o;
    if (t.text === ',' || t.text === ';' || t.text === ':') c++;
    if (h.quoteMark[i] === 1) q++;
    if (otherCue(i)) o = 1;
  }
  for (let i = cue.end, c = 0, q = 0, o = 0; i < window.end; i++) {
    const t = doc.tokens[i] as TokenView;
    if (t.text === ',' || t.text === ';' || t.text === ':') c++;
    if (h.quoteMark[i] === 1) q++;
    f.commas[i - window.start] = Math.min(3, c);
    f.quotes[i - window.start] = Math.min(2, q);
    seen[i - window.start] = o;
    if (otherCue(i)) o = 1;
  }
  for (let i = window.start; i < window.end; i++) {
    const t = doc.tokens[i] as TokenView;
    const j = i - window.start;
    const side = i < cue.start ? SIDE_L : i >= cue.end ? SIDE_R : SIDE_C;
    f.side[j] = side;
    f.distance[j] = bucket(side === SIDE_L ? cue.start - i : side === SIDE_R ? i - cue.end + 1 : 0);
    f.sentenceOffset[j] = Math.max(-2, Math.min(3, t.sentence - cueSent)) + 2;
    f.quote[j] = t.inQuote ? 1 : 0;
    f.otherCue[j] = otherCue(i) ? 2 : seen[j] ? 1 : 0;
    f.first[j] = doc.sentences[t.sentence]?.start === i ? 1 : 0;
  }
  return f;
}

/*
 * The role templates in five groups, so the tagger can score the first
 * four once per distinct key or word type (model.ts, RoleScorer) and look
 * up only the fifth per token; roleFeatures() lists all of them, which
 * training reads:
 *  - roleLayoutFeatures: side, distance, sentence offset, quotes, commas,
 *    other cues, sentence start (11; a small integer key);
 *  - roleTagFeatures: the POS tags of the token and its neighbours, with
 *    side, distance and commas (5);
 *  - roleCueFeatures: the cue's lemma and neighbours, with side, distance
 *    and quotation state (6; constant within one cue's window);
 *  - roleWordTypeFeatures: the token's word and shape, and the words
 *    before and after it, each with the side (4; per word type and side);
 *  - roleWordFeatures: the word with its distance, and the word pair
 *    with the previous word (2).
 */

/** Key of a token's layout group, < ROLE_LAYOUT_KEYS. */
export function roleLayoutKey(f: RoleWindow, j: number): number {
  let k = f.side[j] as number;
  k = k * 9 + (f.distance[j] as number);
  k = k * 6 + (f.sentenceOffset[j] as number);
  k = k * 2 + (f.quote[j] as number);
  k = k * 2 + f.cueQuote;
  k = k * 4 + (f.commas[j] as number);
  k = k * 3 + (f.quotes[j] as number);
  k = k * 3 + (f.otherCue[j] as number);
  return k * 2 + (f.first[j] as number);
}
export const ROLE_LAYOUT_KEYS = 3 * 9 * 6 * 2 * 2 * 4 * 3 * 3 * 2;

export function roleLayoutFeatures(f: RoleWindow, j: number): Uint32Array {
  const r = SIDED[f.side[j] as number] as RoleTemplates;
  const db = f.distance[j] as number;
  const so = f.sentenceOffset[j] as number;
  const q = f.quote[j] as number;
  const c = f.commas[j] as number;
  const qq = f.quotes[j] as number;
  return Uint32Array.of(
    r.bias,
    pair(r.distance, db),
    pair(r.sentenceOffset, so),
    pair(r.quote, q * 2 + f.cueQuote),
    pair(r.quoteOffset, q * 8 + so),
    pair(r.commas, c),
    pair(r.commasQuotes, c * 4 + qq),
    pair(r.quotesDistance, qq * 16 + db),
    pair(r.otherCue, f.otherCue[j] as number),
    pair(r.firstInSentence, (f.first[j] as number) * 8 + so),
    pair(r.offsetCommasQuote, (so * 4 + c) * 2 + q),
  );
}

/** POS tags of token i and its window neighbours, as (hash, small id) pairs. */
const TAG_IDS = POS_TAGS.length + 2;

export function roleTagFeatures(doc: DocView, f: RoleWindow, j: number): Uint32Array {
  const r = SIDED[f.side[j] as number] as RoleTemplates;
  const h = doc.hashes;
  const i = f.start + j;
  const t0 = h.pos[i] as number;
  const tp = i > f.start ? (h.pos[i - 1] as number) : BOW;
  const tn = i + 1 < f.end ? (h.pos[i + 1] as number) : EOW;
  const db = f.distance[j] as number;
  return Uint32Array.of(
    pair(r.tag, t0),
    pair(r.tagDistance, pair(db, t0)),
    pair(r.tagPrev, pair(tp, t0)),
    pair(r.tagNext, pair(t0, tn)),
    pair(r.tagCommas, pair(f.commas[j] as number, t0)),
  );
}

/*
 * roleTagFeatures in three parts by the small values each reads, so the
 * tagger keeps each part's scores in a dense table by key (model.ts): the
 * tags of the token and its neighbours with the side (3), the tag with the
 * distance (1), the tag with the commas (1).
 */
const TAG_HASH = [...POS_HASH, BOW, EOW];
const TAGS = POS_TAGS.length;

/** Keys of the three parts of token j's tag group, < ROLE_TAG_PART_KEYS each, into out[0..3). */
export function roleTagKeys(doc: DocView, f: RoleWindow, j: number, out: Int32Array): void {
  const id = doc.hashes.posId;
  const i = f.start + j;
  const t0 = id[i] as number;
  const idp = i > f.start ? (id[i - 1] as number) : TAGS;
  const idn = i + 1 < f.end ? (id[i + 1] as number) : TAGS + 1;
  const side = f.side[j] as number;
  out[0] = ((t0 * TAG_IDS + idp) * TAG_IDS + idn) * 3 + side;
  out[1] = (side * 9 + (f.distance[j] as number)) * TAGS + t0;
  out[2] = (side * 4 + (f.commas[j] as number)) * TAGS + t0;
}
export const ROLE_TAG_PART_KEYS = [TAGS * TAG_IDS * TAG_IDS * 3, 3 * 9 * TAGS, 3 * 4 * TAGS] as const;

/** The templates of tag-group part `part` (0, 1, 2 as in roleTagKeys) for key k. */
export function roleTagPartFeatures(part: number, k: number): Uint32Array {
  if (part === 0) {
    const side = k % 3;
    const tags = (k - side) / 3;
    const idn = tags % TAG_IDS;
    const idp = ((tags - idn) / TAG_IDS) % TAG_IDS;
    const t0 = TAG_HASH[Math.floor(tags / (TAG_IDS * TAG_IDS))] as number;
    const r = SIDED[side] as RoleTemplates;
    return Uint32Array.of(
      pair(r.tag, t0),
      pair(r.tagPrev, pair(TAG_HASH[idp] as number, t0)),
      pair(r.tagNext, pair(t0, TAG_HASH[idn] as number)),
    );
  }
  const t0 = TAG_HASH[k % TAGS] as number;
  const rest = Math.floor(k / TAGS);
  const per = part === 1 ? 9 : 4;
  const r = SIDED[Math.floor(rest / per)] as RoleTemplates;
  return Uint32Array.of(pair(part === 1 ? r.tagDistance : r.tagCommas, pair(rest % per, t0)));
}

/** Key of a token's cue group within one window, < ROLE_CUE_KEYS. */
export function roleCueKey(f: RoleWindow, j: number): number {
  return ((f.side[j] as number) * 9 + (f.distance[j] as number)) * 2 + (f.quote[j] as number);
}
export const ROLE_CUE_KEYS = 3 * 9 * 2;

export function roleCueFeatures(f: RoleWindow, j: number): Uint32Array {
  const r = SIDED[f.side[j] as number] as RoleTemplates;
  const db = f.distance[j] as number;
  return Uint32Array.of(
    pair(r.cueLemma, f.lemma),
    pair(r.cueLemmaDistance, pair(f.lemma, db)),
    pair(r.cueLemmaQuote, pair(f.lemma, f.quote[j] as number)),
    pair(r.afterCue, f.afterCue),
    pair(r.beforeCue, f.beforeCue),
    pair(r.afterCueDistance, pair(f.afterCue, db)),
  );
}

/*
 * roleCueFeatures in three parts by the cue word they read, so the tagger
 * scores each once per cue lemma / word after / word before the cue and
 * small key (side, distance, quotation state) across windows (model.ts).
 */

/** Keys of roleCueLemmaFeatures (as roleCueKey), roleAfterCueFeatures and roleBeforeCueFeatures. */
export const ROLE_AFTER_CUE_KEYS = 3 * 9;
export const ROLE_BEFORE_CUE_KEYS = 3;

/** The cue lemma's templates for role cue key k (roleCueKey): 3. */
export function roleCueLemmaFeatures(lemma: number, k: number): Uint32Array {
  const q = k % 2;
  const db = ((k - q) / 2) % 9;
  const r = SIDED[Math.floor(k / 18)] as RoleTemplates;
  return Uint32Array.of(pair(r.cueLemma, lemma), pair(r.cueLemmaDistance, pair(lemma, db)), pair(r.cueLemmaQuote, pair(lemma, q)));
}

/** The word after the cue's templates for key side × 9 + distance: 2. */
export function roleAfterCueFeatures(afterCue: number, k: number): Uint32Array {
  const r = SIDED[Math.floor(k / 9)] as RoleTemplates;
  return Uint32Array.of(pair(r.afterCue, afterCue), pair(r.afterCueDistance, pair(afterCue, k % 9)));
}

/** The word before the cue's template for key side: 1. */
export function roleBeforeCueFeatures(beforeCue: number, side: number): Uint32Array {
  return Uint32Array.of(pair((SIDED[side] as RoleTemplates).beforeCue, beforeCue));
}

/** The per-token group (2 a token) over the whole window. */
export function roleWordFeatures(doc: DocView, f: RoleWindow): HashedSequence {
  const h = doc.hashes;
  const n = f.end - f.start;
  const feats = new Uint32Array(n * 2);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = f.start; i < f.end; i++) {
    const j = i - f.start;
    offsets[j] = k;
    const r = SIDED[f.side[j] as number] as RoleTemplates;
    const w = h.lower[i] as number;
    const p1 = i > f.start ? (h.lower[i - 1] as number) : BOW;
    feats[k++] = pair(r.wordDistance, pair(f.distance[j] as number, w));
    feats[k++] = pair(r.prevWord, pair(p1, w));
  }
  offsets[n] = k;
  return { feats, offsets };
}

/** Number of sides (L/C/R) a role token can be on. */
export const ROLE_SIDES = SIDED.length;

/**
 * The role templates of one word type on one side: its own (word, shape),
 * and what it adds as the previous (slot 1) or next (slot 2) word of a
 * window token on that side. Scored once per word type (model.ts, RoleScorer).
 */
export function roleWordTypeFeatures(h: TokenHashes, i: number, side: number, slot: 0 | 1 | 2): Uint32Array {
  const r = SIDED[side] as RoleTemplates;
  const w = h.lower[i] as number;
  if (slot === 0) return Uint32Array.of(pair(r.word, w), pair(r.shape, h.shape[i] as number));
  return Uint32Array.of(slot === 1 ? pair(r.prev, w) : pair(r.next, w));
}

/** roleWordTypeFeatures' neighbour slots at the window's edges. */
export function roleEdgeFeatures(side: number, slot: 1 | 2): Uint32Array {
  const r = SIDED[side] as RoleTemplates;
  return Uint32Array.of(slot === 1 ? pair(r.prev, BOW) : pair(r.next, EOW));
}

/** Every role template of every window token (training; decoding splits them). */
export function roleFeatures(
  doc: DocView,
  window: { start: number; end: number },
  cue: { start: number; end: number },
  otherCue: (i: number) => boolean,
  known: ReadonlySet<string>,
): HashedSequence {
  const f = roleWindowFacts(doc, window, cue, otherCue, known);
  const words = roleWordFeatures(doc, f);
  const n = f.end - f.start;
  const all: number[] = [];
  const offsets = new Uint32Array(n + 1);
  for (let j = 0; j < n; j++) {
    offsets[j] = all.length;
    const i = f.start + j;
    const side = f.side[j] as number;
    all.push(...roleLayoutFeatures(f, j), ...roleTagFeatures(doc, f, j), ...roleCueFeatures(f, j));
    all.push(...roleWordTypeFeatures(doc.hashes, i, side, 0));
    all.push(...(i > f.start ? roleWordTypeFeatures(doc.hashes, i - 1, side, 1) : roleEdgeFeatures(side, 1)));
    all.push(...(i + 1 < f.end ? roleWordTypeFeatures(doc.hashes, i + 1, side, 2) : roleEdgeFeatures(side, 2)));
    all.push(...words.feats.subarray(words.offsets[j], words.offsets[j + 1]));
  }
  offsets[n] = all.length;
  return { feats: Uint32Array.from(all), offsets };
}
