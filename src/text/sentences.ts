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

/**
 * Paragraph ranges: blank lines always separate paragraphs; single newlines
 * do too unless the text is hard-wrapped (most lines long and not ending a
 * sentence), where they are just spaces.
 */
export function paragraphs(text: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      lines.push({ start: s, end: i });
      s = i + 1;
    }
  }
  const content = lines.filter((l) => text.slice(l.start, l.end).trim().length > 0);
  const wrapped =
    content.length >= 4 &&
    content.filter((l) => {
      const t = text.slice(l.start, l.end).trimEnd();
      return t.length >= 55 && t.length <= 100 && !/[.!?"”:]$/.test(t);
    }).length /
      content.length >
      0.5;
  const out: { start: number; end: number }[] = [];
  let current: { start: number; end: number } | undefined;
  for (const line of lines) {
    const blank = text.slice(line.start, line.end).trim().length === 0;
    if (blank) {
      if (current) out.push(current);
      current = undefined;
      continue;
    }
    if (current && wrapped) current.end = line.end;
    else {
      if (current) out.push(current);
      current = { start: line.start, end: line.end };
    }
  }
  if (current) out.push(current);
  return out;
}

function canOpen(text: string, token: RawToken): boolean {
  const ch = text[token.start] as string;
  return /[\p{Lu}\p{Nd}"“‘'([«—–-]/u.test(ch);
}

export function splitSentences(text: string): RawSentence[] {
  const out: RawSentence[] = [];
  paragraphs(text).forEach((para, p) => {
    const tokens = tokenizeRange(text, para.start, para.end);
    let first = 0;
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k] as RawToken;
      const word = text.slice(tok.start, tok.end);
      let boundary = false;
      let last = k;
      if (TERMINALS.has(word) || (word.endsWith('.') && keepsPeriod(word) && !NEVER_FINAL.has(word.toLowerCase()))) {
        while (
          last + 1 < tokens.length &&
          CLOSERS.has(text.slice((tokens[last + 1] as RawToken).start, (tokens[last + 1] as RawToken).end))
        )
          last++;
        const next = tokens[last + 1];
        if (next === undefined) boundary = true;
        else if (TERMINALS.has(word)) boundary = canOpen(text, next);
        else {
          // An abbreviation or acronym ends a sentence only before a typical opener.
          const nextWord = text.slice(next.start, next.end).toLowerCase();
          boundary = canOpen(text, next) && OPENERS.has(nextWord);
        }
      }
      if (boundary || k === tokens.length - 1) {
        const end = Math.max(last, k);
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
