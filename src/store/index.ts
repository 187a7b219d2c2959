// The archive: every Extraction in an embedded SQLite file (WAL, FTS5),
// one transaction per document, idempotent by document id, syndicated
// near-duplicates linked (SimHash) and left out of counts. It does not
// extract (src/service) nor fuse across documents (src/fuse): it persists both.
export { StoreError, type StoreErrorCode } from './errors.ts';
export { type Fingerprint, fingerprint, hammingDistance } from './simhash.ts';
export { openStore } from './sqlite.ts';
export type {
  ActorSummary,
  ClusterMember,
  ClusterRecord,
  DocumentSummary,
  Filter,
  IngestOptions,
  IngestResult,
  LayerCounts,
  SearchHit,
  SearchQuery,
  Store,
  StoredClaim,
  StoredDocument,
  StoredEntity,
  StoredEvent,
  StoredPlace,
  StoredSentence,
  StoredTime,
  StoreOptions,
  StoreStats,
} from './types.ts';
