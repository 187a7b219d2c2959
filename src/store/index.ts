// The archive: every Extraction in an embedded SQLite file (WAL, FTS5),
// one transaction per document, idempotent by document id, syndicated
// near-duplicates linked (MinHash) and left out of counts. It does not
// extract (src/service) nor fuse across documents (src/fuse): it persists both.
export { StoreError, type StoreErrorCode } from './errors.ts';
export {
  archiveEventRows,
  csvField,
  csvHeader,
  csvLine,
  EVENT_COLUMNS,
  type EventColumn,
  type EventRow,
  eventRows,
  type GeoJsonFeature,
  geoJsonFeature,
} from './export.ts';
export { FUSION_KINDS, type FusionSummary, fuseArchive, fusionRecords } from './fusion.ts';
export { type Fingerprint, fingerprint, similarity } from './minhash.ts';
export { defaultDbPath, openStore } from './sqlite.ts';
export type {
  ActorSummary,
  ClusterKind,
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
