// Exports of the archive's events for analysts' tools: CSV with ACLED's
// column names where they apply (ACLED Codebook 2023, "Data columns") plus
// sitrep's claim status and source spans, and a GeoJSON FeatureCollection
// (RFC 7946: [longitude, latitude], WGS 84) that QGIS opens as a point layer.
import type { Event, Extraction, Place } from '../model/index.ts';
import type { Filter, Store } from './types.ts';

/** ACLED columns first, in ACLED's order, then sitrep's own. */
export const EVENT_COLUMNS = [
  'event_id',
  'event_date',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'country',
  'admin1',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'notes',
  'fatalities',
  // sitrep
  'claim_status',
  'claim_source',
  'negated',
  'modality',
  'actor1_id',
  'actor2_id',
  'cameo',
  'document_id',
  'published',
  'url',
  'trigger_text',
  'trigger_start',
  'trigger_end',
  'sentence_start',
  'sentence_end',
  'confidence',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];
export type EventRow = Record<EventColumn, string | number | null>;

/** ACLED time precision: 1 the day is known, 2 the week, 3 the month (a year is coarser still: 3). */
const TIME_PRECISION = { day: 1, week: 2, month: 3, year: 3 } as const;

let regionNames: Intl.DisplayNames | undefined;

/** ACLED writes country names ("Russia"); the gazetteer gives ISO 3166-1 alpha-2 codes. */
function countryName(code: string): string {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** One row per event of one document. */
export function eventRows(x: Extraction): EventRow[] {
  const places = new Map<string, Place>(x.places.map((p) => [p.id, p]));
  const claims = new Map(x.claims.map((c) => [c.id, c]));
  return x.events.map((e: Event): EventRow => {
    const place = e.location?.place ? places.get(e.location.place) : undefined;
    const resolved = place?.resolved;
    const sentence = x.sentences[e.sentence];
    const claim = e.claim ? claims.get(e.claim) : undefined;
    const fatalities = e.quantities.filter((q) => q.kind === 'fatalities' && q.value !== undefined).reduce((n, q) => n + (q.value ?? 0), 0);
    const date = e.time?.value ?? x.document.published ?? null;
    return {
      event_id: `${x.document.id}:${e.id}`,
      event_date: date,
      // Publication date standing in for an unstated event date: known to the week at best.
      time_precision: e.time ? TIME_PRECISION[e.time.precision] : date ? 2 : null,
      event_type: e.type,
      sub_event_type: e.subType,
      actor1: e.actor1?.text ?? null,
      actor2: e.actor2?.text ?? null,
      country: resolved ? countryName(resolved.country) : null,
      admin1: resolved?.admin1 ?? null,
      location: resolved?.name ?? e.location?.text ?? null,
      latitude: resolved?.lat ?? null,
      longitude: resolved?.lon ?? null,
      geo_precision: resolved?.precision ?? null,
      source: x.document.source ?? x.document.url ?? x.document.origin,
      notes: sentence?.text ?? e.trigger.text,
      fatalities,
      claim_status: e.status,
      claim_source: claim?.source.text ?? null,
      negated: e.negated ? 1 : 0,
      modality: e.modality,
      actor1_id: e.actor1?.actor ?? null,
      actor2_id: e.actor2?.actor ?? null,
      cameo: e.cameo,
      document_id: x.document.id,
      published: x.document.published ?? null,
      url: x.document.url ?? null,
      trigger_text: e.trigger.text,
      trigger_start: e.trigger.span.start,
      trigger_end: e.trigger.span.end,
      sentence_start: sentence?.span.start ?? null,
      sentence_end: sentence?.span.end ?? null,
      confidence: e.provenance.confidence,
    };
  });
}

/** Event rows of every matching document, one document in memory at a time. */
export function* archiveEventRows(store: Store, filter: Filter = {}): IterableIterator<EventRow> {
  const wanted = eventFilter(filter);
  for (const x of store.extractions(documentScope(filter))) {
    const keep = wanted ? new Set(store.events({ ...filter, documentId: x.document.id }).map((e) => e.id)) : undefined;
    for (const row of eventRows(x)) {
      if (!keep || keep.has(String(row.event_id).slice(x.document.id.length + 1))) yield row;
    }
  }
}

/** Filters that select events themselves (not just documents). */
function eventFilter(filter: Filter): boolean {
  return (
    filter.eventType !== undefined ||
    filter.actor !== undefined ||
    filter.place !== undefined ||
    filter.claimStatus !== undefined ||
    filter.from !== undefined ||
    filter.to !== undefined
  );
}

/** The document-level part of a filter (event-level parts are applied per row). */
function documentScope(filter: Filter): Filter {
  const { from: _from, to: _to, ...rest } = filter;
  return rest;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double inner quotes. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvHeader(): string {
  return `${EVENT_COLUMNS.join(',')}\r\n`;
}

export function csvLine(row: EventRow): string {
  return `${EVENT_COLUMNS.map((c) => csvField(row[c])).join(',')}\r\n`;
}

export interface GeoJsonFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Point'; readonly coordinates: readonly [number, number] };
  readonly properties: EventRow;
}

/** A Point feature for a row with coordinates; undefined for one without (it cannot be mapped). */
export function geoJsonFeature(row: EventRow): GeoJsonFeature | undefined {
  if (typeof row.longitude !== 'number' || typeof row.latitude !== 'number') return undefined;
  return {
    type: 'Feature',
    id: String(row.event_id),
    geometry: { type: 'Point', coordinates: [row.longitude, row.latitude] },
    properties: row,
  };
}
