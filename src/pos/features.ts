// POS feature templates, hashed straight to ints: the word, its shape,
// affixes and capitalisation, the words around it (±2) with their suffixes,
// and the word pairs it forms with its neighbours (Ratnaparkhi 1996's
// templates, without tag history: the first-order transitions carry that).
// Templates that depend on one word only are grouped so the tagger can score
// them once per word type (tagger.ts); `sentenceFeatures` lists them all,
// which training uses, and features.test.ts checks the groups add up to it.

import { combineHash, type HashedSequence, hashString } from '../learn/index.ts';
import { capClass } from '../text/case.ts';

const T = (name: string): number => hashString(`pos:${name}`);
const T_BIAS = T('bias');
const T_WORD = T('w');
const T_SHAPE = T('sh');
const T_SUF = [1, 2, 3, 4].map((n) => T(`s${n}`));
const T_PRE = [1, 3].map((n) => T(`p${n}`));
const T_CAP = T('cap');
const T_FLAGS = T('flags');
const T_FIRST = T('first');
const T_PAIR_L = T('w-1w');
const T_PAIR_R = T('ww+1');
/** Neighbour templates, in NEIGHBOUR_OFFSETS order. */
const T_NEAR_WORD = [T('w-2'), T('w-1'), T('w+1'), T('w+2')];
const T_NEAR_SUF3 = [0, T('s3-1'), T('s3+1'), 0];
const BEFORE = hashString('<s>');
const AFTER = hashString('</s>');

/** Offsets of the neighbour templates: what a word adds to the token `-o` from it. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

/** Typographic quotes and apostrophes as CoNLL-2003's ASCII, so "Russia’s" tags like "Russia's". */
export function asciiQuotes(w: string): string {
  return w.replace(/[‘’‛´`]/g, "'").replace(/[“”„«»]/g, '"');
}

function shape(w: string): string {
  let s = '';
  for (const ch of w) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\d/.test(ch) ? 'd' : ch;
    if (s[s.length - 1] !== c) s += c;
    if (s.length >= 8) break;
  }
  return s;
}

/** What the templates read of one word type, hashed once. */
export interface PosWord {
  /** The word's own templates (bias included: every token has exactly one own set). */
  readonly own: Uint32Array;
  /** What the word adds to the token at offset −o from it, per NEIGHBOUR_OFFSETS. */
  readonly near: readonly Uint32Array[];
  readonly lower: number;
  readonly cap: number;
}

export function wordFeatures(w: string): PosWord {
  const norm = asciiQuotes(w);
  const lower = norm.toLowerCase();
  const lowerHash = hashString(lower);
  const cap = capClass(norm);
  const own = [T_BIAS, combineHash(T_WORD, lowerHash), combineHash(T_SHAPE, hashString(shape(norm))), combineHash(T_CAP, cap)];
  for (const [k, n] of [1, 2, 3, 4].entries())
    if (lower.length >= n) own.push(combineHash(T_SUF[k] as number, hashString(lower.slice(-n))));
  for (const [k, n] of [1, 3].entries()) if (lower.length >= n) own.push(combineHash(T_PRE[k] as number, hashString(lower.slice(0, n))));
  const flags = (/\d/.test(norm) ? 1 : 0) | (norm.includes('-') ? 2 : 0) | (norm.includes('.') ? 4 : 0);
  if (flags) own.push(combineHash(T_FLAGS, flags));
  const suf3 = hashString(lower.slice(-3));
  const near = NEIGHBOUR_OFFSETS.map((_, k) => {
    const out = [combineHash(T_NEAR_WORD[k] as number, lowerHash)];
    const s = T_NEAR_SUF3[k] as number;
    if (s !== 0) out.push(combineHash(s, suf3));
    return Uint32Array.from(out);
  });
  return { own: Uint32Array.from(own), near, lower: lowerHash, cap };
}

/** The neighbour templates at offset o when token i+o is outside the sentence. */
export function boundaryFeatures(k: number): Uint32Array {
  const b = (NEIGHBOUR_OFFSETS[k] as number) < 0 ? BEFORE : AFTER;
  const s = T_NEAR_SUF3[k] as number;
  return s === 0
    ? Uint32Array.of(combineHash(T_NEAR_WORD[k] as number, b))
    : Uint32Array.of(combineHash(T_NEAR_WORD[k] as number, b), combineHash(s, b));
}

/** The templates that pair a token with its neighbours (by their lower-case hashes), and the sentence-start one (the first word's cap class). */
export function restFeatures(lower: ArrayLike<number>, n: number, firstCap: number): HashedSequence {
  const feats = new Uint32Array(2 * n + 1);
  const offsets = new Uint32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    const me = lower[i] as number;
    const prev = i > 0 ? (lower[i - 1] as number) : BEFORE;
    const next = i + 1 < n ? (lower[i + 1] as number) : AFTER;
    feats[k++] = combineHash(T_PAIR_L, combineHash(prev, me));
    feats[k++] = combineHash(T_PAIR_R, combineHash(me, next));
    if (i === 0) feats[k++] = combineHash(T_FIRST, firstCap);
  }
  offsets[n] = k;
  return { feats: feats.subarray(0, k), offsets };
}

/** Every template of every token (training; decoding splits them, see tagger.ts). */
export function sentenceFeatures(words: readonly PosWord[]): HashedSequence {
  const n = words.length;
  const rest = restFeatures(
    words.map((w) => w.lower),
    n,
    words[0]?.cap ?? 0,
  );
  const all: number[] = [];
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = all.length;
    for (const f of (words[i] as PosWord).own) all.push(f);
    for (const [k, o] of NEIGHBOUR_OFFSETS.entries()) {
      const j = i + o;
      const src = j >= 0 && j < n ? ((words[j] as PosWord).near[k] as Uint32Array) : boundaryFeatures(k);
      for (const f of src) all.push(f);
    }
    for (let f = rest.offsets[i] as number; f < (rest.offsets[i + 1] as number); f++) all.push(rest.feats[f] as number);
  }
  offsets[n] = all.length;
  return { feats: Uint32Array.from(all), offsets };
}
