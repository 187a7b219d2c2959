// The shapes the HTTP API returns (and the web UI reads), and the pure
// functions that derive them from one document's Extraction. Every fact keeps
// its document id and span so the UI can link back to it in the article view.
import type {
  Claim,
  ClaimStatus,
  Document,
  EntityMention,
  EntityType,
  Event,
  Extraction,
  Place,
  Provenance,
  Span,
} from '../model/index.ts';
import type { ClusterRecord, DocumentSummary, SearchHit } from '../store/index.ts';

export type { ClusterRecord, DocumentSummary, SearchHit };

export interface ResolvedPoint {
  placeId: string;
  name: string;
  kind: 'city' | 'admin1' | 'country' | 'area';
  country: string;
  admin1?: string;
  lat: number;
  lon: number;
  precision: 1 | 2 | 3;
}

/** An event with the document it came from and, where known, where it happened. */
export interface EventView {
  id: string;
  document: string;
  documentTitle?: string;
  outlet?: string;
  type: string;
  subType: string;
  trigger: { span: Span; text: string };
  sentence: string;
  sentenceSpan: Span;
  actor1?: { text: string; actor?: string; span: Span };
  actor2?: { text: string; actor?: string; span: Span };
  location?: { text: string; span: Span };
  point?: ResolvedPoint;
  /** The event's date, or the publication date standing in for it. */
  date?: string;
  timePrecision?: 'day' | 'week' | 'month' | 'year';
  fatalities?: number;
  quantities: Event['quantities'];
  negated: boolean;
  modality: Event['modality'];
  status: ClaimStatus;
  claim?: string;
  provenance: Provenance;
}

export interface ClaimView {
  id: string;
  document: string;
  documentTitle?: string;
  outlet?: string;
  published?: string;
  sentence: string;
  sentenceSpan: Span;
  source: Claim['source'];
  cue: Claim['cue'];
  content: Claim['content'];
  status: ClaimStatus;
  direct: boolean;
  negated: boolean;
  /** Actors the claim's content mentions (what it is about). */
  about: string[];
  provenance: Provenance;
}

/** Claims about one proposition: those agreeing and those against. */
export interface ClaimGroup {
  id: string;
  label: string;
  claims: ClaimView[];
  corroborating: ClaimView[];
  contradicting: ClaimView[];
}

export interface EntitySummary {
  /** A canonical actor id ("RUS.MOD") when linked, else `name:<normalised text>`. */
  id: string;
  name: string;
  type: EntityType;
  actor?: string;
  mentions: number;
  documents: number;
}

export interface MentionView {
  id: string;
  document: string;
  documentTitle?: string;
  text: string;
  span: Span;
  sentence: string;
  type: EntityType;
  provenance: Provenance;
}

export interface EntityDetail {
  entity: EntitySummary;
  mentions: MentionView[];
  claimsBy: ClaimView[];
  claimsAbout: ClaimView[];
  events: EventView[];
}

export interface PlaceView {
  id: string;
  document: string;
  text: string;
  span: Span;
  resolved?: Place['resolved'];
}

function sentenceOf(x: Extraction, i: number): { text: string; span: Span } {
  const s = x.sentences[i];
  return s ? { text: s.text, span: s.span } : { text: '', span: { start: 0, end: 0 } };
}

function docRef(d: Document): { document: string; documentTitle?: string; outlet?: string } {
  return {
    document: d.id,
    ...(d.title === undefined ? {} : { documentTitle: d.title }),
    ...(d.source === undefined ? {} : { outlet: d.source }),
  };
}

function argument(a: Event['actor1']): EventView['actor1'] {
  if (!a) return undefined;
  return { text: a.text, span: a.span, ...(a.actor === undefined ? {} : { actor: a.actor }) };
}

export function eventViews(x: Extraction): EventView[] {
  const places = new Map(x.places.map((p) => [p.id, p]));
  return x.events.map((e) => {
    const s = sentenceOf(x, e.sentence);
    const place = e.location?.place ? places.get(e.location.place) : undefined;
    const r = place?.resolved;
    const point: ResolvedPoint | undefined =
      place && r
        ? {
            placeId: place.id,
            name: r.name,
            kind: r.kind,
            country: r.country,
            ...(r.admin1 === undefined ? {} : { admin1: r.admin1 }),
            lat: r.lat,
            lon: r.lon,
            precision: r.precision,
          }
        : undefined;
    const date = e.time?.value ?? x.document.published;
    const fatalities = e.quantities.find((q) => q.kind === 'fatalities')?.value;
    const a1 = argument(e.actor1);
    const a2 = argument(e.actor2);
    return {
      id: e.id,
      ...docRef(x.document),
      type: e.type,
      subType: e.subType,
      trigger: { span: e.trigger.span, text: e.trigger.text },
      sentence: s.text,
      sentenceSpan: s.span,
      ...(a1 ? { actor1: a1 } : {}),
      ...(a2 ? { actor2: a2 } : {}),
      ...(e.location ? { location: { text: e.location.text, span: e.location.span } } : {}),
      ...(point ? { point } : {}),
      ...(date === undefined ? {} : { date }),
      ...(e.time ? { timePrecision: e.time.precision } : date ? { timePrecision: 'day' as const } : {}),
      ...(fatalities === undefined ? {} : { fatalities }),
      quantities: e.quantities,
      negated: e.negated,
      modality: e.modality,
      status: e.status,
      ...(e.claim === undefined ? {} : { claim: e.claim }),
      provenance: e.provenance,
    };
  });
}

export function claimViews(x: Extraction): ClaimView[] {
  return x.claims.map((c) => {
    const s = sentenceOf(x, c.sentence);
    const about = new Set<string>();
    for (const m of x.entities) {
      if (m.actor && m.span.start >= c.content.span.start && m.span.end <= c.content.span.end) about.add(m.actor);
    }
    return {
      id: c.id,
      ...docRef(x.document),
      ...(x.document.published === undefined ? {} : { published: x.document.published }),
      sentence: s.text,
      sentenceSpan: s.span,
      source: c.source,
      cue: c.cue,
      content: c.content,
      status: c.status,
      direct: c.direct,
      negated: c.negated,
      about: [...about].sort(),
      provenance: c.provenance,
    };
  });
}

/** The id an entity page is addressed by: the canonical actor, else the normalised name. */
export function entityKey(m: Pick<EntityMention, 'actor' | 'text'>): string {
  if (m.actor) return m.actor;
  return `name:${normaliseName(m.text)}`;
}

export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']s$/u, '')
    .replace(/^the\s+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function mentionViews(x: Extraction): MentionView[] {
  return x.entities.map((m) => {
    const s = sentenceOf(x, m.sentence);
    return {
      id: m.id,
      document: x.document.id,
      ...(x.document.title === undefined ? {} : { documentTitle: x.document.title }),
      text: m.text,
      span: m.span,
      sentence: s.text,
      type: m.type,
      provenance: m.provenance,
    };
  });
}

export function placeViews(x: Extraction): PlaceView[] {
  return x.places.map((p) => ({
    id: p.id,
    document: x.document.id,
    text: p.text,
    span: p.span,
    ...(p.resolved ? { resolved: p.resolved } : {}),
  }));
}
