// Fusion: pure functions over many documents' extractions. Resolves entities
// across documents, clusters event mentions into real-world events, groups
// claims about the same proposition and flags corroboration and contradiction.
// It does not store anything (src/store/ persists and calls it) nor read the clock.
import type { Extraction } from '../model/index.ts';
import type { FuseOptions, Fusion } from './types.ts';

export type {
  CanonicalEntity,
  ClaimGroup,
  ClaimSide,
  Contradiction,
  DocRef,
  EntityRef,
  EventCluster,
  EventPairModel,
  EventRef,
  FuseOptions,
  Fusion,
  PairFeatures,
} from './types.ts';

/**
 * The signature src/store/ calls: `fuse(extractions, options?)` → Fusion.
 * Deterministic for a given set of extractions (order-independent: documents
 * are sorted by id first).
 */
export type Fuse = (extractions: readonly Extraction[], options?: FuseOptions) => Fusion;

export {
  buildEcbTopic,
  ECB_DEV_TOPICS,
  ECB_SEALED_TOPICS,
  type EcbArticle,
  EcbFormatError,
  type EcbTopic,
  readEcbPlus,
} from './ecbplus.ts';
export {
  averageLinkage,
  clusterByLemma,
  clusterEventMentions,
  documentGroups,
  type EventMention,
  featureVector,
  lemmaPairKey,
  mentionPairProbability,
  type PairContext,
  pairFeatures,
  pairProbability,
  type RelatedLemmas,
} from './events.ts';
export { actorSide, fuse, resolveEntities } from './fuse.ts';
export { headLemma, headWord, lemmaKey } from './lemma.ts';
export { b3, type CorefScores, ceafe, muc, type Partition, type Prf, scoreCoref } from './metrics.ts';
export { type EventModelFile, fromModelFile, type LoadedEventModel, loadEventModel } from './model.ts';
export { PAIR_FEATURES } from './types.ts';
export { digest, readUkraineEvent } from './ukraine.ts';
