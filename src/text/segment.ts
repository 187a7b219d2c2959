import type { Sentence, Token } from '../model/index.ts';
import type { Stage } from '../pipeline/index.ts';
import { detached } from './detach.ts';
import { splitSentences } from './sentences.ts';

/** Sentences with their tokens; token `i` counts across the whole document. */
export function segment(text: string): Sentence[] {
  let i = 0;
  const out: Sentence[] = [];
  for (const raw of splitSentences(text)) {
    const tokens: Token[] = [];
    // The tokeniser's { start, end } is fresh for each token: it serves as the span.
    // Own strings: stages cache by token text for thousands of documents (detach.ts).
    for (const span of raw.tokens) tokens.push({ i: i++, span, text: detached(text.slice(span.start, span.end)) });
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
