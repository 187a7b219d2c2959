import type { Sentence } from '../model/index.ts';
import type { Stage } from '../pipeline/index.ts';
import { splitSentences } from './sentences.ts';

/** Sentences with their tokens; token `i` counts across the whole document. */
export function segment(text: string): Sentence[] {
  let i = 0;
  return splitSentences(text).map((raw, s) => ({
    i: s,
    paragraph: raw.paragraph,
    span: { start: raw.start, end: raw.end },
    text: text.slice(raw.start, raw.end),
    tokens: raw.tokens.map((t) => ({ i: i++, span: { start: t.start, end: t.end }, text: text.slice(t.start, t.end) })),
  }));
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
