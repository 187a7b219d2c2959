// Segmentation: paragraphs, sentences and PTB/CoNLL-like tokens, each with
// exact offsets into the original text. It does not normalise, tag or
// lemmatise; later stages read tokens and slice the original text.
export { type CapClass, capClass } from './case.ts';
export { detached } from './detach.ts';
export { createSegmentStage, segment } from './segment.ts';
export { paragraphs, splitSentences } from './sentences.ts';
export { keepsPeriod, type RawToken, tokenize, tokenizeRange } from './tokenize.ts';
