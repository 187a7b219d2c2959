import type { z } from 'zod';
import type { ClaimStatus, EntityType, QuantitySchema, Span } from '../model/index.ts';

type QuantityKind = z.infer<typeof QuantitySchema>['kind'];

/** Where a fused item comes from: one document, its outlet and date. */
export interface DocRef {
  readonly doc: string;
  readonly outlet?: string;
  readonly published?: string;
}

// ---------------------------------------------------------------- entities

export interface EntityRef extends DocRef {
  /** EntityMention.id inside that document. */
  readonly mention: string;
  readonly span: Span;
  readonly text: string;
}

/** One real-world referent across documents (canonical actor or name match). */
export interface CanonicalEntity {
  /** `actor:<code>` when the actor table resolved it, else `name:<TYPE>:<normalised name>`. */
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  readonly actor?: string;
  /** How the mentions were merged: the actor table, or surname/alias name matching. */
  readonly rule: 'actor' | 'name';
  readonly mentions: readonly EntityRef[];
  readonly documents: readonly string[];
  readonly outlets: readonly string[];
}

// ---------------------------------------------------------------- events

export interface EventRef extends DocRef {
  /** Event.id inside that document. */
  readonly event: string;
  readonly sentence: number;
  /** The trigger span in that document's text. */
  readonly span: Span;
  readonly text: string;
  readonly lemma: string;
}

/**
 * Interpretable pairwise features of two event mentions, each in [0, 1]
 * (see events.ts for how each is computed and why).
 */
export interface PairFeatures {
  /** Trigger head lemmas equal. */
  readonly lemma: number;
  /** Trigger lemmas related (learnt lemma-pair table, shared stem), when not equal. */
  readonly related: number;
  /** WordNet relatedness of the two head words (synonym/derivation 1, hypernym 0.6, co-hyponym 0.3). */
  readonly wordnet: number;
  /** Overlap (Jaccard) of argument words: participants, places, times in the mention's sentence. */
  readonly args: number;
  /** Share of canonical actors in common (0 when either side has none). */
  readonly actors: number;
  /** Cosine similarity of the two documents' tf-idf vectors. */
  readonly docSim: number;
  /** Same sentence-level context (the two sentences' content-word cosine). */
  readonly context: number;
  /** 1 when both mentions stand in one sentence of one document (two events of one sentence rarely corefer). */
  readonly sameSentence: number;
  /** 1 when place or date are known on both sides and clash (different country/town, dates > window apart). */
  readonly clash: number;
}

export const PAIR_FEATURES = [
  'lemma',
  'related',
  'wordnet',
  'args',
  'actors',
  'docSim',
  'context',
  'sameSentence',
  'clash',
] as const satisfies readonly (keyof PairFeatures)[];

/** Logistic weights over PairFeatures plus the merge threshold on its probability. */
export interface EventPairModel {
  readonly weights: Readonly<Record<keyof PairFeatures, number>>;
  readonly bias: number;
  /** Average-linkage merge threshold on the pair probability, tuned on ECB+ train topics. */
  readonly threshold: number;
  /**
   * Documents are first grouped by average-linkage over tf-idf cosine at this
   * threshold; mentions in different groups never corefer (ECB+ topics hold two
   * different seminal events each; Barhom et al. 2019 cluster documents first too).
   * 0 turns the step off.
   */
  readonly documentThreshold: number;
  /** Dates further apart than this many days clash (ACLED-style day windows). */
  readonly dateWindowDays: number;
  /** Where the figures came from (training data, date). */
  readonly trainedOn: string;
}

/** One real-world event as reported by one or more documents/outlets. */
export interface EventCluster {
  /** `evc:<doc>:<event>` of its first member (documents sorted by id). */
  readonly id: string;
  readonly type: string;
  readonly subType: string;
  readonly members: readonly EventRef[];
  readonly documents: readonly string[];
  readonly outlets: readonly string[];
  /** Earliest and latest resolved event date among members. */
  readonly dates?: { readonly from: string; readonly to: string };
  /** Canonical place names (gazetteer name, else mention text). */
  readonly places: readonly string[];
  /** Canonical actors involved (actor1/actor2 of members). */
  readonly actors: readonly string[];
}

// ---------------------------------------------------------------- claims

/** One side of a corroboration or contradiction: a claim or an event with its spans. */
export interface ClaimSide extends DocRef {
  readonly claim?: string;
  readonly event?: string;
  /** The content (or event sentence) span in that document. */
  readonly span: Span;
  readonly text: string;
  /** Who says it: the claim's source text, or the outlet for the narrator's voice. */
  readonly source: string;
  readonly sourceActor?: string;
  readonly status: ClaimStatus;
}

export type Contradiction =
  | {
      readonly kind: 'denial';
      /** The affirmative side. */
      readonly a: ClaimSide;
      /** The denial (status 'denied' or negated content). */
      readonly b: ClaimSide;
      readonly rule: string;
    }
  | {
      readonly kind: 'figures';
      readonly a: ClaimSide;
      readonly b: ClaimSide;
      readonly quantity: QuantityKind;
      readonly values: readonly [number, number];
      readonly rule: string;
    }
  | {
      readonly kind: 'blame';
      readonly a: ClaimSide;
      readonly b: ClaimSide;
      /** The two (top-level) actors blamed for the same event. */
      readonly actors: readonly [string, string];
      readonly rule: string;
    };

/** Claims about the same proposition across documents. */
export interface ClaimGroup {
  /** `clg:<doc>:<claim>` of its first member. */
  readonly id: string;
  /** The event cluster the claims are about, when one is shared. */
  readonly event?: string;
  readonly claims: readonly ClaimSide[];
  /** Independent outlets and sources agreeing (same stance, not denials). */
  readonly corroboration: {
    readonly outlets: readonly string[];
    readonly sources: readonly string[];
    /** Number of distinct (outlet, source) pairs agreeing: 1 = uncorroborated. */
    readonly independent: number;
  };
  readonly contradictions: readonly Contradiction[];
}

/** Everything fusion makes of a set of extractions. Pure data, deterministic order. */
export interface Fusion {
  readonly entities: readonly CanonicalEntity[];
  readonly events: readonly EventCluster[];
  readonly claims: readonly ClaimGroup[];
  /** All contradictions, across claim groups and event clusters (blame). */
  readonly contradictions: readonly Contradiction[];
}

export interface FuseOptions {
  /** Event-pair model; defaults to the committed one tuned on ECB+ train topics. */
  readonly model?: EventPairModel;
  /** Minimum content-word cosine for two claims to state the same proposition. */
  readonly claimSimilarity?: number;
}
