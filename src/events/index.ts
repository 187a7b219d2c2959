// Events: who did what to whom, where, when and how many. Finds event
// triggers with a lexicon over ACLED/CAMEO types (data files here), attaches
// actors, place, time and counted quantities from earlier layers, and inherits
// a claim's source and status. It does not resolve places or dates itself
// (src/geo, src/time) nor merge mentions of one event across documents (src/fuse).

export {
  type AnnotationScores,
  CONFLICT_RELATIONS,
  type ConflictRelation,
  EventEvalError,
  type GoldEvent,
  type RelationRecovery,
  readEventAnnotations,
  readRe3dForEvents,
  relationRecovery,
  scoreAgainstAnnotation,
} from './evaluate.ts';
export { buildLexicon, type Lexicon, loadLexicon, loadTaxonomy, type SubTypeEntry, type TaxonomyData } from './lexicon.ts';
export { createEventStage, type EventStageOptions } from './stage.ts';
