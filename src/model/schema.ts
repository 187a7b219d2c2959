// The data model, as zod schemas that are the single source of the types.
// Every extracted item carries a Span into the ORIGINAL document text
// (UTF-16 offsets, end exclusive, as String.prototype.slice takes them) and
// a Provenance saying which stage/model/rule produced it and how sure it is.
import { z } from 'zod';

export const SpanSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end >= s.start, { message: 'span end before start' });
export type Span = z.infer<typeof SpanSchema>;

export const ProvenanceSchema = z.object({
  stage: z.string(),
  model: z.string().optional(),
  rule: z.string().optional(),
  confidence: z.number().min(0).max(1),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A piece of text with where it stands. */
export const TextSpanSchema = z.object({ span: SpanSchema, text: z.string() });
export type TextSpan = z.infer<typeof TextSpanSchema>;

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const DocumentSchema = z.object({
  id: z.string(),
  text: z.string(),
  url: z.string().optional(),
  title: z.string().optional(),
  byline: z.string().optional(),
  source: z.string().optional().describe('outlet or publisher'),
  published: IsoDateSchema.optional(),
  language: z.string().describe("ISO 639-3 code from language detection, or 'und'"),
  /** Where the document came from: a path, path:line, or feed item. */
  origin: z.string(),
});
export type Document = z.infer<typeof DocumentSchema>;

export const TokenSchema = z.object({
  i: z.number().int().nonnegative().describe('index in the document'),
  span: SpanSchema,
  text: z.string(),
});
export type Token = z.infer<typeof TokenSchema>;

export const SentenceSchema = z.object({
  i: z.number().int().nonnegative(),
  /** Paragraph (line or blank-line block) the sentence stands in. */
  paragraph: z.number().int().nonnegative(),
  span: SpanSchema,
  text: z.string(),
  tokens: z.array(TokenSchema),
});
export type Sentence = z.infer<typeof SentenceSchema>;

export const ENTITY_TYPES = [
  'PERSON',
  'ORGANIZATION',
  'LOCATION',
  'NATIONALITY',
  'MISC',
  'WEAPON',
  'MILITARY_PLATFORM',
  'VEHICLE',
  'QUANTITY',
  'TEMPORAL',
  'MONEY',
] as const;
export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;

export const EntityMentionSchema = z.object({
  id: z.string(),
  type: EntityTypeSchema,
  span: SpanSchema,
  text: z.string(),
  sentence: z.number().int().nonnegative(),
  /** Title or role attached to a person ("Acting Governor"). */
  title: TextSpanSchema.optional(),
  /** Within-document coreference chain id; mentions of one referent share it. */
  chain: z.string().optional(),
  /** Canonical actor id from the actor table (e.g. "RUS", "RUS.MOD"). */
  actor: z.string().optional(),
  provenance: ProvenanceSchema,
});
export type EntityMention = z.infer<typeof EntityMentionSchema>;

/**
 * Epistemic status of a claim: how the source stands behind the content.
 * The cue → status mapping lives in src/claims/ as data, with its reasoning.
 */
export const CLAIM_STATUSES = [
  'asserted',
  'claimed',
  'confirmed',
  'denied',
  'no_comment',
  'speculated',
  'reported',
  'demanded',
  'condemned',
  'evaluative',
] as const;
export const ClaimStatusSchema = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatusSchema>;

export const ClaimSourceSchema = z.object({
  span: SpanSchema.optional().describe('absent for an implicit source'),
  text: z.string(),
  /** The entity mention the source resolves to (after pronoun resolution). */
  entity: z.string().optional(),
  actor: z.string().optional(),
  /** "reports", "analysts", "officials": a source with no named referent. */
  generic: z.boolean(),
});
export type ClaimSource = z.infer<typeof ClaimSourceSchema>;

export const ClaimSchema = z.object({
  id: z.string(),
  sentence: z.number().int().nonnegative(),
  source: ClaimSourceSchema,
  cue: TextSpanSchema.extend({ lemma: z.string() }),
  content: TextSpanSchema,
  direct: z.boolean().describe('content is a verbatim quotation'),
  status: ClaimStatusSchema,
  negated: z.boolean(),
  provenance: ProvenanceSchema,
});
export type Claim = z.infer<typeof ClaimSchema>;

export const PrecisionSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export const PlaceSchema = z.object({
  id: z.string(),
  /** The LOCATION entity mention this place resolves. */
  mention: z.string(),
  span: SpanSchema,
  text: z.string(),
  resolved: z
    .object({
      name: z.string(),
      kind: z.enum(['city', 'admin1', 'country', 'area']),
      country: z.string().describe('ISO 3166-1 alpha-2'),
      admin1: z.string().optional(),
      lat: z.number(),
      lon: z.number(),
      /** ACLED geo-precision: 1 town, 2 region/district, 3 country or large area. */
      precision: PrecisionSchema,
      gazetteerId: z.string().optional(),
    })
    .optional()
    .describe('absent when the name is not in the gazetteer: kept, never dropped'),
  provenance: ProvenanceSchema,
});
export type Place = z.infer<typeof PlaceSchema>;

export const TIME_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export const TimeRefSchema = z.object({
  id: z.string(),
  span: SpanSchema,
  text: z.string(),
  /** ISO date (YYYY-MM-DD) of the start of the period. */
  value: IsoDateSchema,
  precision: z.enum(TIME_PRECISIONS),
  provenance: ProvenanceSchema,
});
export type TimeRef = z.infer<typeof TimeRefSchema>;

export const QuantitySchema = z.object({
  kind: z.enum(['fatalities', 'injured', 'evacuated', 'displaced', 'detained', 'equipment_destroyed', 'distance', 'personnel', 'other']),
  /** Lower bound of the stated figure; `approximate` for "around", "hundreds". */
  value: z.number().optional(),
  approximate: z.boolean(),
  unit: z.string().optional(),
  /** For equipment: what was destroyed ("tanks"). */
  of: z.string().optional(),
  span: SpanSchema,
  text: z.string(),
});
export type Quantity = z.infer<typeof QuantitySchema>;

export const EventArgumentSchema = TextSpanSchema.extend({
  entity: z.string().optional(),
  actor: z.string().optional(),
});

export const EventSchema = z.object({
  id: z.string(),
  sentence: z.number().int().nonnegative(),
  /** Taxonomy ids from src/events/ (ACLED event and sub-event types). */
  type: z.string(),
  subType: z.string(),
  cameo: z.string().describe('CAMEO root code, two digits'),
  trigger: TextSpanSchema,
  actor1: EventArgumentSchema.optional(),
  actor2: EventArgumentSchema.optional(),
  location: EventArgumentSchema.extend({ place: z.string().optional() }).optional(),
  time: z
    .object({
      timeRef: z.string().optional().describe('absent when the publication date stands in'),
      value: IsoDateSchema,
      precision: z.enum(TIME_PRECISIONS),
    })
    .optional(),
  quantities: z.array(QuantitySchema),
  /** Weapons and platforms the event was carried out with ("with tanks and armoured vehicles"). */
  instruments: z.array(EventArgumentSchema).optional(),
  negated: z.boolean(),
  modality: z.enum(['asserted', 'hypothetical', 'future', 'demanded']),
  /** When the event is stated inside a claim: that claim, its source and status. */
  claim: z.string().optional(),
  status: ClaimStatusSchema,
  source: z.string().optional(),
  provenance: ProvenanceSchema,
});
export type Event = z.infer<typeof EventSchema>;

/** A non-fatal problem recorded on the document (vfile-style message). */
export const MessageSchema = z.object({
  message: z.string(),
  stage: z.string(),
  rule: z.string().optional(),
  span: SpanSchema.optional(),
  severity: z.enum(['warning', 'info']),
});
export type Message = z.infer<typeof MessageSchema>;

export const ExtractionSchema = z.object({
  document: DocumentSchema,
  sentences: z.array(SentenceSchema),
  entities: z.array(EntityMentionSchema),
  claims: z.array(ClaimSchema),
  events: z.array(EventSchema),
  places: z.array(PlaceSchema),
  times: z.array(TimeRefSchema),
  messages: z.array(MessageSchema),
});
export type Extraction = z.infer<typeof ExtractionSchema>;

/** The annotation layers a stage can provide. */
export type Annotations = Pick<Extraction, 'sentences' | 'entities' | 'claims' | 'events' | 'places' | 'times'>;
export type Layer = keyof Annotations;
export const LAYERS: readonly Layer[] = ['sentences', 'entities', 'claims', 'events', 'places', 'times'];
