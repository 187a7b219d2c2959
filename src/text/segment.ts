import type { Sentence, Token } from '../model/index.ts';
import type { Stage } from '../pipeline/index.ts';
import { splitSentences } from './sentences.ts';

/**
 * V8 keeps a slice of 13 or more characters as a view into the whole string
 * (SlicedString::kMinLength), so a long token that a stage caches by its text
 * (word-type score caches live for thousands of documents) would keep its
 * document's text alive. A JSON round trip makes a flat copy of just the token.
 */
const SLICE_MIN_LENGTH = 13;

function tokenText(text: string, start: number, end: number): string {
  const t = text.slice(start, end);
  return end - start < SLICE_MIN_LENGTH ? t : (JSON.parse(JSON.stringify(t)) as string);
}

/** Sentences with their tokens; token `i` counts across the whole document. */
export function segment(text: string): Sentence[] {
  let i = 0;
  const out: Sentence[] = [];
  for (const raw of splitSentences(text)) {
    const tokens: Token[] = [];
    // The tokeniser's { start, end } is fresh for each token: it serves as the span.
    for (const span of raw.tokens) tokens.push({ i: i++, span, text: tokenText(text, span.start, span.end) });
    out.push({
      i: out.length,
      paragraph: raw.paragraph,
      span: { start: raw.start, end: raw.end },
      text: text.slice(raw.start, raw.end),
      tokens,
    });
  }
  return out;
}

export function createSegmentStage(): Stage<'sentences'> {
  return {
    name: 'segment',
    requires: [],
    provides: ['sentences'],
    model: 'rules:ptb-like',
    run: ({ document }) => ({ sentences: segment(document.text) }),
  };
}
