// Part-of-speech tags for sitrep's tokens: a perceptron tagger trained on
// CoNLL-2003's POS column (Penn Treebank tags, merged to 26). The claims
// stage reads them as features; the tags are not an output layer of their
// own, and nothing here parses.

export { evaluatePos, type PosScores } from './evaluate.ts';
export { asciiQuotes, sentenceFeatures, wordFeatures } from './features.ts';
export { loadPosTagger, POS_MODEL_NAME, PosTagger } from './tagger.ts';
export { fromPennTag, POS_TAGS, type PosTag } from './tagset.ts';
