// Feature templates for the two taggers: cue detection over a sentence, and
// source/content tagging around one cue (features relative to that cue:
// side, distance, sentence offset, quotation state, cue lemma, punctuation
// in between). Strings here are hashed by src/learn.
import type { Sentence } from '../model/index.ts';
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
  /** Word-cluster bit path (src/ner's Brown-style clusters), '' when unknown. */
  readonly cluster: string;
}

export interface DocView {
  readonly tokens: readonly TokenView[];
  /** Per sentence, [first token, end token). */
  readonly sentences: readonly { readonly start: number; readonly end: number; readonly paragraph: number }[];
}

const OPEN_Q = new Set(['“', '«', '„']);
const CLOSE_Q = new Set(['”', '»']);
const STRAIGHT_Q = new Set(['"', '``', "''"]);
export const isQuoteMark = (t: string): boolean => OPEN_Q.has(t) || CLOSE_Q.has(t) || STRAIGHT_Q.has(t) || t === "'";

/** Tokens with quotation state; quotes reset at each paragraph (news convention reopens them). */
export function docView(sentences: readonly Sentence[], known: ReadonlySet<string>, clusters?: ReadonlyMap<string, string>): DocView {
  const tokens: TokenView[] = [];
  const spans: { start: number; end: number; paragraph: number }[] = [];
  let inQuote = false;
  let paragraph = -1;
  for (const [si, s] of sentences.entries()) {
    const p = (s as Sentence & { paragraph?: number }).paragraph ?? si;
    if (p !== paragraph) {
      inQuote = false;
      paragraph = p;
    }
    const first = tokens.length;
    for (const [k, t] of s.tokens.entries()) {
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
      } else if (OPEN_Q.has(t.text)) {
        inQuote = true;
        q = false;
      } else if (CLOSE_Q.has(t.text)) {
        inQuote = false;
        q = false;
      } else if (STRAIGHT_Q.has(t.text)) {
        inQuote = !inQuote;
        q = false;
      }
      const lower = t.text.toLowerCase();
      tokens.push({
        text: t.text,
        lower,
        start: t.span.start,
        end: t.span.end,
        sentence: si,
        paragraph: p,
        inQuote: q,
        lemma: /^\p{L}+$/u.test(lower) ? lemmatiseWord(lower, known) : lower,
        cluster: clusters?.get(t.text) ?? clusters?.get(lower) ?? '',
      });
    }
    spans.push({ start: first, end: tokens.length, paragraph: p });
  }
  return { tokens, sentences: spans };
}

/**
 * Word shapes seen so far: every token's shape is asked for by several
 * templates, and four Unicode regex passes per ask were a tenth of the
 * stage's time. Bounded so memory stays flat over a long run.
 */
const SHAPE_CACHE_LIMIT = 50_000;
const shapes = new Map<string, string>();

function shape(t: string): string {
  let s = shapes.get(t);
  if (s === undefined) {
    s = computeShape(t);
    if (shapes.size >= SHAPE_CACHE_LIMIT) shapes.clear();
    shapes.set(t, s);
  }
  return s;
}

function computeShape(t: string): string {
  const s = t
    .replace(/\p{Lu}/gu, 'X')
    .replace(/\p{Ll}/gu, 'x')
    .replace(/\d/g, 'd')
    .replace(/(.)\1+/g, '$1$1');
  return s.length > 6 ? s.slice(0, 6) : s;
}

/** Cue tagger features for the tokens of one sentence. */
export function cueFeatures(doc: DocView, sentence: number, statusOf: (lemma: string) => string | undefined): string[][] {
  const { start, end } = doc.sentences[sentence] as { start: number; end: number };
  const out: string[][] = [];
  const tok = (i: number): TokenView | undefined => (i >= start && i < end ? doc.tokens[i] : undefined);
  // Nearest quotation mark on each side: quotes frame content, cues sit next to it.
  const quoteLeft = new Int32Array(end - start).fill(-1);
  const quoteRight = new Int32Array(end - start).fill(-1);
  for (let i = start, last = -1; i < end; i++) {
    quoteLeft[i - start] = last < 0 ? -1 : i - last;
    if (isQuoteMark((doc.tokens[i] as TokenView).text)) last = i;
  }
  for (let i = end - 1, last = -1; i >= start; i--) {
    quoteRight[i - start] = last < 0 ? -1 : last - i;
    if (isQuoteMark((doc.tokens[i] as TokenView).text)) last = i;
  }
  const qb = (d: number): string => (d < 0 ? 'none' : d <= 2 ? String(d) : d <= 5 ? 'near' : 'far');
  for (let i = start; i < end; i++) {
    const t = doc.tokens[i] as TokenView;
    const p1 = tok(i - 1)?.lower ?? '<s>';
    const p2 = tok(i - 2)?.lower ?? '<s>';
    const n1 = tok(i + 1)?.lower ?? '</s>';
    const n2 = tok(i + 2)?.lower ?? '</s>';
    const lex = statusOf(t.lemma) ?? '-';
    const lex2 = statusOf(`${t.lemma} ${n1}`) ?? '-';
    const q = t.inQuote ? 'Q' : 'N';
    out.push([
      'b',
      `w=${t.lower}`,
      `l=${t.lemma}`,
      `s3=${t.lower.slice(-3)}`,
      `sh=${shape(t.text)}`,
      `lex=${lex}`,
      `lex2=${lex2}`,
      `q=${q}`,
      `lq=${t.lemma}|${q}`,
      `lexq=${lex}|${q}`,
      `p1=${p1}`,
      `p2=${p2}`,
      `n1=${n1}`,
      `n2=${n2}`,
      `p1w=${p1}|${t.lower}`,
      `wn1=${t.lower}|${n1}`,
      `p2p1=${p2}|${p1}`,
      `n1n2=${n1}|${n2}`,
      `lexn1=${lex}|${n1}`,
      `lexp1=${lex}|${p1}`,
      `pos=${i === start ? 'first' : i === end - 1 ? 'last' : 'mid'}`,
      `qp=${tok(i - 1)?.inQuote ? 'Q' : 'N'}${q}${tok(i + 1)?.inQuote ? 'Q' : 'N'}`,
      `pl1=${tok(i - 1)?.lemma ?? '<s>'}`,
      `nl1=${tok(i + 1)?.lemma ?? '</s>'}`,
      `plex=${statusOf(tok(i - 1)?.lemma ?? '') ?? '-'}`,
      `nlex=${statusOf(tok(i + 1)?.lemma ?? '') ?? '-'}`,
      `psh=${shape(tok(i - 1)?.text ?? '<s>')}|${lex}`,
      `ql=${qb(quoteLeft[i - start] as number)}|${lex}`,
      `qr=${qb(quoteRight[i - start] as number)}|${lex}`,
      `qlr=${qb(quoteLeft[i - start] as number)}|${qb(quoteRight[i - start] as number)}`,
      `lp1=${t.lemma}|${p1}`,
      `ln1=${t.lemma}|${n1}`,
    ]);
    // Word clusters (when the model uses them) generalise to cue verbs unseen in train.
    if (t.cluster !== '') {
      (out[out.length - 1] as string[]).push(
        `c4=${t.cluster.slice(0, 4)}`,
        `c8=${t.cluster.slice(0, 8)}`,
        `c12=${t.cluster.slice(0, 12)}|${q}`,
        `cf=${t.cluster}`,
        `cp1=${tok(i - 1)?.cluster.slice(0, 8) ?? '<s>'}|${t.cluster.slice(0, 8)}`,
        `cn1=${t.cluster.slice(0, 8)}|${tok(i + 1)?.cluster.slice(0, 8) ?? '</s>'}`,
      );
    }
  }
  return out;
}

/** The window a cue's source and content are sought in: its sentence, one before and two after, in its paragraph. */
export function roleWindow(doc: DocView, cueStart: number): { start: number; end: number } {
  const cueTok = doc.tokens[cueStart] as TokenView;
  const s = cueTok.sentence;
  const para = cueTok.paragraph;
  let lo = s;
  let hi = s;
  if (lo > 0 && doc.sentences[lo - 1]?.paragraph === para) lo--;
  for (let k = 0; k < 2; k++) if (doc.sentences[hi + 1]?.paragraph === para) hi++;
  return { start: (doc.sentences[lo] as { start: number }).start, end: (doc.sentences[hi] as { end: number }).end };
}

function bucket(d: number): string {
  if (d <= 3) return String(d);
  if (d <= 5) return '4-5';
  if (d <= 8) return '6-8';
  if (d <= 12) return '9-12';
  if (d <= 20) return '13-20';
  return '21+';
}

/**
 * Role tagger features for window tokens around one cue [cs, ce). `otherCue`
 * marks tokens of other cues in the document (their roles belong elsewhere).
 */
export function roleFeatures(
  doc: DocView,
  window: { start: number; end: number },
  cue: { start: number; end: number },
  otherCue: (i: number) => boolean,
  known: ReadonlySet<string>,
): string[][] {
  const cueTokens = doc.tokens.slice(cue.start, cue.end);
  const lemma = cueLemma(
    cueTokens.map((t) => t.text),
    known,
  ).lemma;
  const cueQ = cueTokens[0]?.inQuote ? 'Q' : 'N';
  const cueSent = (cueTokens[0] as TokenView).sentence;
  const afterCue = doc.tokens[cue.end]?.lower ?? '</s>';
  const beforeCue = doc.tokens[cue.start - 1]?.lower ?? '<s>';
  // Punctuation between each token and the cue, counted outward from the cue.
  const n = window.end - window.start;
  const commas = new Int32Array(n);
  const quotes = new Int32Array(n);
  const cues = new Int32Array(n);
  for (let i = cue.start - 1, c = 0, q = 0, o = 0; i >= window.start; i--) {
    const t = doc.tokens[i] as TokenView;
    commas[i - window.start] = c;
    quotes[i - window.start] = q;
    cues[i - window.start] = o;
    if (t.text === ',' || t.text === ';' || t.text === ':') c++;
    if (isQuoteMark(t.text)) q++;
    if (otherCue(i)) o = 1;
  }
  for (let i = cue.end, c = 0, q = 0, o = 0; i < window.end; i++) {
    const t = doc.tokens[i] as TokenView;
    if (t.text === ',' || t.text === ';' || t.text === ':') c++;
    if (isQuoteMark(t.text)) q++;
    commas[i - window.start] = c;
    quotes[i - window.start] = q;
    cues[i - window.start] = o;
    if (otherCue(i)) o = 1;
  }
  const out: string[][] = [];
  for (let i = window.start; i < window.end; i++) {
    const t = doc.tokens[i] as TokenView;
    const k = i - window.start;
    const side = i < cue.start ? 'L' : i >= cue.end ? 'R' : 'C';
    const d = side === 'L' ? cue.start - i : side === 'R' ? i - cue.end + 1 : 0;
    const db = bucket(d);
    const so = Math.max(-2, Math.min(3, t.sentence - cueSent));
    const q = t.inQuote ? 'Q' : 'N';
    const c = Math.min(3, commas[k] as number);
    const qq = Math.min(2, quotes[k] as number);
    const oc = otherCue(i) ? 'oc' : cues[k] ? 'past' : '-';
    const p1 = i > window.start ? (doc.tokens[i - 1] as TokenView).lower : '<w>';
    const n1 = i + 1 < window.end ? (doc.tokens[i + 1] as TokenView).lower : '</w>';
    const sh = shape(t.text);
    const firstInSent = doc.sentences[t.sentence]?.start === i;
    out.push([
      `b|${side}`,
      `d|${side}|${db}`,
      `so|${side}|${so}`,
      `w|${side}|${t.lower}`,
      `wd|${side}|${db}|${t.lower}`,
      `sh|${side}|${sh}`,
      `q|${side}|${q}|${cueQ}`,
      `qso|${side}|${q}|${so}`,
      `c|${side}|${c}`,
      `cq|${side}|${c}|${qq}`,
      `qqd|${side}|${qq}|${db}`,
      `oc|${side}|${oc}`,
      `cl|${side}|${lemma}`,
      `cld|${side}|${lemma}|${db}`,
      `clq|${side}|${lemma}|${q}`,
      `ac|${side}|${afterCue}`,
      `bc|${side}|${beforeCue}`,
      `acd|${side}|${afterCue}|${db}`,
      `p1|${side}|${p1}`,
      `n1|${side}|${n1}`,
      `p1w|${side}|${p1}|${t.lower}`,
      `fs|${side}|${firstInSent ? 1 : 0}|${so}`,
      `scq|${side}|${so}|${c}|${q}`,
    ]);
  }
  return out;
}
