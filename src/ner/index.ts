// Named entities: typed mentions (PERSON, ORGANIZATION, LOCATION, NATIONALITY,
// MISC and the re3d defence types) from trained perceptron taggers over the
// sentence tokens. It does not attach titles, chain or link mentions to actors
// (src/actors does), and it does not resolve places (src/geo).
export { type ConllDocument, type ConllSentence, parseConll, spansFromIob1 } from './conll.ts';
export { tokenise, tokenSpans } from './corpus.ts';
export { DEFAULT_MODEL_DIR, loadNerModel, type NerModel } from './model.ts';
export { RE3D_TYPES, type Re3dDocument, readRe3d } from './re3d.ts';
export { type ScoredSpan, type SpanScores, scoreSpans } from './score.ts';
export { createNerStage, type NerStageOptions, recogniseEntities, type TypedSpan } from './stage.ts';
export { spansOf, tagTokens } from './tagger.ts';
