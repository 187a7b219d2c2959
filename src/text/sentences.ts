// Sentence splitting over tokens: a sentence ends at . ! ? (plus any closing
// quotes/brackets after it) when the next token can start a sentence, and at
// paragraph breaks. Abbreviations that precede names ("Gov.", "Dr.") never end
// a sentence; dotted acronyms ("U.S.") end one only before a typical sentence
// opener ("The", "He" …), the Punkt heuristic in miniature.
import abbreviations from './abbreviations.json' with { type: 'json' };
import { keepsPeriod, type RawToken, tokenizeRange } from './tokenize.ts';

const NEVER_FINAL = new Set(abbreviations.titles.map((a) => a.toLowerCase()));
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '}', '»']);
const TERMINALS = new Set(['.', '!', '?', '…', '...']);

/** Words that often open a sentence: after "U.S." they signal a boundary. */
const OPENERS = new Set(
  'the a an he she it they we i you this that these those there his her its their our in on at but and however meanwhile after before when while if as according some many most other others officials analysts reports'.split(
    ' ',
  ),
);

export interface RawSentence {
  start: number;
  end: number;
  paragraph: number;
  tokens: RawToken[];
}

/** String.prototype.trim's white space (ASCII here; other characters asked of trim itself, once). */
const jsSpace = new Int8Array(0x10000).fill(-1);
function isJsSpace(code: number): boolean {
  let known = jsSpace[code] as number;
  if (known < 0) {
    known = String.fromCharCode(code).trim() === '' ? 1 : 0;
    jsSpace[code] = known;
  }
  return known === 1;
}

/** Whether text[start, end) is all white space (its trim() is empty). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isJsSpace(text.charCodeAt(i))) return false;
  return true;
}

const LINE_FINAL = new Set(['.', '!', '?', '"', '”', ':']);

/** A line of hard-wrapped text: 55–100 characters, not ending a sentence (trailing space ignored). */
function looksWrapped(text: string, start: number, end: number): boolean {
  let e = end;
  while (e > start && isJsSpace(text.charCodeAt(e - 1))) e--;
  const length = e - start;
  return length >= 55 && length <= 100 && !LINE_FINAL.has(text[e - 1] as string);
}

/**
 * Paragraph ranges: blank lines always separate paragraphs; single newlines
 * do too unless the text is hard-wrapped (most lines long and not ending a
 * sentence), where they are just spaces.
 */
export function paragraphs(text: string): { start: number; end: number }[] {
  const starts: number[] = [];
  const ends: number[] = [];
  const blank: boolean[] = [];
  let contentLines = 0;
  let s = 0;
  for (let i = text.indexOf('\n'); ; i = text.indexOf('\n', i + 1)) {
    const e = i < 0 ? text.length : i;
    starts.push(s);
    ends.push(e);
    const b = isBlank(text, s, e);
    blank.push(b);
    if (!b) contentLines++;
    if (i < 0) break;
    s = i + 1;
  }
  let wrappedLines = 0;
  if (contentLines >= 4) {
    for (let k = 0; k < starts.length; k++) if (!blank[k] && looksWrapped(text, starts[k] as number, ends[k] as number)) wrappedLines++;
  }
  const wrapped = contentLines >= 4 && wrappedLines / contentLines > 0.5;
  const out: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | undefined;
  for (let k = 0; k < starts.length; k++) {
    if (blank[k]) {
      if (current) out.push(current);
      current = undefined;
      continue;
    }
    if (current && wrapped) current.end = ends[k] as number;
    else {
      if (current) out.push(current);
      current = { start: starts[k] as number, end: ends[k] as number };
    }
  }
  if (current) out.push(current);
  return out;
}

// A module constant: tsx (esbuild) compiles a \p{…} literal inside a
// function to `new RegExp(…)`, built again on every call.
const OPENING = /[\p{Lu}\p{Nd}"“‘'([«—–-]/u;

function canOpen(text: string, token: RawToken): boolean {
  const ch = text[token.start] as string;
  return OPENING.test(ch);
}

/** Whether a token can end a sentence: it ends in . ! ? or … (TERMINALS and abbreviations all do). */
function mayEnd(text: string, token: RawToken): boolean {
  const c = text.charCodeAt(token.end - 1);
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

/**
 * Past citation marks glued to a sentence's end ("… al-Freiji.[2][3] Then"):
 * "[", one token, "]", each starting where the previous one ends. They belong
 * to the sentence they follow, as a closing quote does.
 */
function afterCitations(text: string, tokens: readonly RawToken[], last: number): number {
  for (;;) {
    const [open, mark, close] = [tokens[last + 1], tokens[last + 2], tokens[last + 3]];
    if (!open || !mark || !close || text[open.start] !== '[' || text[close.start] !== ']') return last;
    const glued = open.start === (tokens[last] as RawToken).end && mark.start === open.end && close.start === mark.end;
    if (!glued) return last;
    last += 3;
  }
}

/**
 * The most tokens a sentence gets. Real sentences stay far below it (the
 * longest in the bench corpus, PolNeAR and re3d train has 220 tokens); text
 * without sentence ends (a log, a table flattened to one line) is cut into
 * pieces of at most this many, so that what later stages do per sentence
 * (a cue's role window spans five sentences) stays bounded.
 */
export const MAX_SENTENCE_TOKENS = 400;

/** Where an over-long run of tokens from `first` to `k` is cut: after its last , ; or : in the final quarter, else at k. */
function softBreak(text: string, tokens: readonly RawToken[], first: number, k: number): number {
  for (let j = k; j > k - MAX_SENTENCE_TOKENS / 4 && j > first; j--) {
    const t = tokens[j] as RawToken;
    const c = text.charCodeAt(t.start);
    if (t.end - t.start === 1 && (c === 0x2c || c === 0x3b || c === 0x3a)) return j;
  }
  return k;
}

export function splitSentences(text: string): RawSentence[] {
  const out: RawSentence[] = [];
  paragraphs(text).forEach((para, p) => {
    const tokens = tokenizeRange(text, para.start, para.end);
    let first = 0;
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k] as RawToken;
      let boundary = false;
      let last = k;
      const word = mayEnd(text, tok) ? text.slice(tok.start, tok.end) : '';
      if (word && (TERMINALS.has(word) || (word.endsWith('.') && keepsPeriod(word) && !NEVER_FINAL.has(word.toLowerCase())))) {
        while (
          last + 1 < tokens.length &&
          CLOSERS.has(text.slice((tokens[last + 1] as RawToken).start, (tokens[last + 1] as RawToken).end))
        )
          last++;
        last = afterCitations(text, tokens, last);
        const next = tokens[last + 1];
        if (next === undefined) boundary = true;
        else if (TERMINALS.has(word)) boundary = canOpen(text, next);
        else {
          // An abbreviation or acronym ends a sentence only before a typical opener.
          const nextWord = text.slice(next.start, next.end).toLowerCase();
          boundary = canOpen(text, next) && OPENERS.has(nextWord);
        }
      }
      const cut = !boundary && k - first + 1 >= MAX_SENTENCE_TOKENS;
      if (boundary || cut || k === tokens.length - 1) {
        const end = cut ? softBreak(text, tokens, first, k) : Math.max(last, k);
        const sentenceTokens = tokens.slice(first, end + 1);
        const startTok = sentenceTokens[0];
        const endTok = sentenceTokens[sentenceTokens.length - 1];
        if (startTok && endTok) out.push({ start: startTok.start, end: endTok.end, paragraph: p, tokens: sentenceTokens });
        first = end + 1;
        k = end;
      }
    }
  });
  return out;
}
