import type {
  Claim,
  ClaimStatus,
  Document,
  EntityMention,
  EntityType,
  Event,
  Extraction,
  Message,
  Place,
  Sentence,
  Span,
  TimeRef,
} from '../model/index.ts';

export interface StoreOptions {
  /** Open without writing (web server, a second reader while `sitrep ingest` runs). */
  readonly readonly?: boolean;
  /** How long a write waits for another process's lock before StoreError('locked'). */
  readonly busyTimeoutMs?: number;
  /**
   * Smallest estimated Jaccard similarity of word 3-shingles at which two
   * texts count as copies of one article. Default 0.7: a reprint with a new
   * dateline and footer scores ~0.95, half of an article against the whole ~0.5.
   */
  readonly nearDuplicateMinSimilarity?: number;
  /** Run `PRAGMA quick_check` on open (the CLI does; costs a full read of the file). */
  readonly verify?: boolean;
}

export interface IngestOptions {
  /** Re-store a document already present (e.g. after new stages landed). Default: no-op. */
  readonly replace?: boolean;
}

/** How many items of each layer a document holds. */
export interface LayerCounts {
  readonly sentences: number;
  readonly entities: number;
  readonly claims: number;
  readonly events: number;
  readonly places: number;
  readonly times: number;
}

export type IngestResult =
  | {
      readonly kind: 'inserted';
      readonly documentId: string;
      readonly counts: LayerCounts;
    }
  | {
      readonly kind: 'replaced';
      readonly documentId: string;
      readonly counts: LayerCounts;
    }
  /**
   * Stored, but linked to an earlier copy (syndication): its items are left
   * out of reads and counts unless `includeDuplicates` is set.
   */
  | {
      readonly kind: 'near_duplicate';
      readonly documentId: string;
      readonly duplicateOf: string;
      /** Estimated Jaccard similarity of the texts' word 3-shingles; 1 for an identical text. */
      readonly similarity: number;
      readonly counts: LayerCounts;
    }
  /** The document id was already stored: nothing was written. */
  | { readonly kind: 'exists'; readonly documentId: string };

/**
 * Filters shared by every read. Unset fields do not filter. Dates are
 * YYYY-MM-DD and inclusive; for events they apply to the event's date (else
 * the publication date), for everything else to the publication date.
 */
export interface Filter {
  readonly documentId?: string;
  /** Outlet, as in Document.source (case-insensitive). */
  readonly source?: string;
  readonly from?: string;
  readonly to?: string;
  /** Entity mention text, case-insensitive exact ("Zelensky"). */
  readonly entity?: string;
  /** Canonical actor id ("RUS.MIL"): on a mention, a claim source or an event argument. */
  readonly actor?: string;
  /** Event type or sub-event type. */
  readonly eventType?: string;
  /** Place: resolved name, mention text, ISO country code or admin1 (case-insensitive). */
  readonly place?: string;
  readonly claimStatus?: ClaimStatus;
  /** Entity type, for `entities()`. */
  readonly entityType?: EntityType;
  /** Include items of documents linked as near-duplicates of another. Default false. */
  readonly includeDuplicates?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

export interface DocumentSummary {
  readonly id: string;
  readonly title?: string;
  readonly source?: string;
  readonly published?: string;
  readonly url?: string;
  readonly language: string;
  readonly origin: string;
  /** Length of the text in UTF-16 code units. */
  readonly chars: number;
  /** The earlier copy this document was linked to as a near-duplicate. */
  readonly duplicateOf?: string;
  readonly counts: LayerCounts;
}

export interface StoredDocument {
  readonly document: Document;
  readonly messages: readonly Message[];
  readonly duplicateOf?: { readonly id: string; readonly similarity: number };
  /** Later documents linked to this one as near-duplicates. */
  readonly duplicates: readonly {
    readonly id: string;
    readonly similarity: number;
    readonly source?: string;
  }[];
}

/** An item of a layer, with the document it belongs to (ids are unique per document only). */
export type Stored<T> = T & { readonly documentId: string };
export type StoredEntity = Stored<EntityMention>;
export type StoredClaim = Stored<Claim>;
export type StoredEvent = Stored<Event>;
export type StoredPlace = Stored<Place>;
export type StoredTime = Stored<TimeRef>;
export type StoredSentence = Stored<Sentence>;

export interface ActorSummary {
  readonly id: string;
  /** The most frequent text referring to it (mention, claim source or event argument). */
  readonly label: string;
  /** Entity mentions linked to it. */
  readonly mentions: number;
  /** Documents referring to it (mentions, claim sources, event arguments). */
  readonly documents: number;
  /** Texts referring to it with counts, most frequent first. */
  readonly names: readonly { readonly text: string; readonly count: number }[];
}

export interface SearchQuery extends Filter {
  /** Words to find (all of them, any order); "quoted phrases" and prefix* allowed. */
  readonly text: string;
}

export interface SearchHit {
  readonly documentId: string;
  readonly title?: string;
  readonly source?: string;
  readonly published?: string;
  /** The matching sentence. */
  readonly sentence: number;
  readonly span: Span;
  /** The sentence with matches wrapped in « ». */
  readonly snippet: string;
  /** bm25: lower is better. */
  readonly rank: number;
}

/** Canonical entities, event clusters, claim groups, and contradictions (which pair two sides). */
export type ClusterKind = 'entity' | 'event' | 'claim' | 'contradiction';

/**
 * Cross-document results of src/fuse persisted by the store. The store keeps
 * their membership queryable and the fuse module's own record as `data`.
 */
export interface ClusterRecord {
  readonly id: string;
  readonly kind: ClusterKind;
  readonly label: string;
  readonly members: readonly ClusterMember[];
  /** The fuse module's full record (JSON-serialisable). */
  readonly data: unknown;
}

export interface ClusterMember {
  readonly documentId: string;
  /** Entity mention, event or claim id within the document. */
  readonly itemId: string;
  /** For a contradiction: 'a' or 'b'; for a claim group: 'claim' or 'event' (an event standing in for a claim). */
  readonly role?: string;
}

export interface StoreStats {
  readonly path: string;
  readonly schemaVersion: number;
  readonly documents: number;
  readonly duplicates: number;
  readonly sentences: number;
  readonly entities: number;
  readonly claims: number;
  readonly events: number;
  readonly places: number;
  readonly times: number;
  readonly actors: number;
  readonly clusters: number;
  /** Database file plus its WAL, in bytes. */
  readonly bytes: number;
}

/**
 * The archive. All methods are synchronous (better-sqlite3); every failure
 * of the database file surfaces as a StoreError.
 */
export interface Store {
  readonly path: string;
  /** Writes one document and all its layers in one transaction. */
  ingest(extraction: Extraction, options?: IngestOptions): IngestResult;
  has(documentId: string): boolean;

  documents(filter?: Filter): DocumentSummary[];
  document(documentId: string): StoredDocument | undefined;
  /** The whole stored Extraction, as `extractDocument` returned it (for the article view). */
  extraction(documentId: string): Extraction | undefined;
  /** Every stored Extraction, one at a time (memory stays flat). */
  extractions(filter?: Filter): IterableIterator<Extraction>;
  sentences(documentId: string): StoredSentence[];
  entities(filter?: Filter): StoredEntity[];
  actors(filter?: Filter): ActorSummary[];
  actor(actorId: string): ActorSummary | undefined;
  claims(filter?: Filter): StoredClaim[];
  events(filter?: Filter): StoredEvent[];
  places(filter?: Filter): StoredPlace[];
  times(filter?: Filter): StoredTime[];
  search(query: SearchQuery): SearchHit[];

  /** Replaces all clusters of the given kind(s) with these, in one transaction (fusion is recomputed as a whole). */
  saveClusters(kinds: ClusterKind | readonly ClusterKind[], clusters: readonly ClusterRecord[]): void;
  clusters(filter?: { readonly kind?: ClusterRecord['kind']; readonly documentId?: string }): ClusterRecord[];

  stats(): StoreStats;
  close(): void;
}
