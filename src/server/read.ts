// Reads for the API: store queries turned into the view shapes of views.ts.
// The store filters; the views come from each matching document's stored
// Extraction (loaded once per request), so a fact always carries its
// document, sentence and span.
import { z } from 'zod';
import { ClaimStatusSchema, type Extraction, SpanSchema } from '../model/index.ts';
import type { Filter, Store } from '../store/index.ts';
import {
  type ClaimGroup,
  type ClaimView,
  claimViews,
  type EntityDetail,
  type EntitySummary,
  type EventView,
  entityKey,
  eventViews,
  type MentionView,
  mentionViews,
  normaliseName,
} from './views.ts';

/** One request's view of the store: extractions are loaded at most once. */
export class ArchiveReader {
  private readonly cache = new Map<string, Extraction | undefined>();
  constructor(private readonly store: Store) {}

  extraction(id: string): Extraction | undefined {
    if (!this.cache.has(id)) this.cache.set(id, this.store.extraction(id));
    return this.cache.get(id);
  }

  events(filter: Filter): EventView[] {
    const wanted = groupIds(this.store.events(filter));
    return this.collect(wanted, (x) => eventViews(x));
  }

  claims(filter: Filter): ClaimView[] {
    const wanted = groupIds(this.store.claims(filter));
    return this.collect(wanted, (x) => claimViews(x));
  }

  /**
   * Claims grouped by proposition. Fusion's claim groups (stored as claim
   * clusters) supply corroborating and contradicting sides; a claim no group
   * holds stands alone.
   */
  claimGroups(claims: ClaimView[]): ClaimGroup[] {
    const byKey = new Map(claims.map((c) => [`${c.document}\u0000${c.id}`, c]));
    const used = new Set<string>();
    const groups: ClaimGroup[] = [];
    for (const record of this.store.clusters({ kind: 'claim' })) {
      const parsed = FusedClaimGroupSchema.safeParse(record.data);
      if (!parsed.success) continue;
      const sides = parsed.data.claims.filter((s) => s.claim !== undefined);
      const views = sides.map((s) => byKey.get(`${s.doc}\u0000${s.claim}`)).filter((v): v is ClaimView => v !== undefined);
      const lead = views[0];
      if (!lead) continue;
      const against = new Set<string>();
      for (const k of parsed.data.contradictions) {
        const a = `${k.a.doc}\u0000${k.a.claim ?? ''}`;
        const b = `${k.b.doc}\u0000${k.b.claim ?? ''}`;
        const leadKey = `${lead.document}\u0000${lead.id}`;
        if (a === leadKey) against.add(b);
        else if (b === leadKey) against.add(a);
      }
      const rest = views.slice(1);
      for (const v of views) used.add(`${v.document}\u0000${v.id}`);
      groups.push({
        id: record.id,
        label: record.label,
        claims: [lead],
        corroborating: rest.filter((v) => !against.has(`${v.document}\u0000${v.id}`)),
        contradicting: rest.filter((v) => against.has(`${v.document}\u0000${v.id}`)),
      });
    }
    for (const c of claims) {
      const key = `${c.document}\u0000${c.id}`;
      if (used.has(key)) continue;
      groups.push({ id: `${c.document}/${c.id}`, label: c.content.text, claims: [c], corroborating: [], contradicting: [] });
    }
    return groups;
  }

  entities(filter: Filter): EntitySummary[] {
    const byKey = new Map<string, EntitySummary & { docs: Set<string>; types: Map<string, number>; names: Map<string, number> }>();
    for (const m of this.store.entities(filter)) {
      const key = entityKey(m);
      let e = byKey.get(key);
      if (!e) {
        e = {
          id: key,
          name: m.text,
          type: m.type,
          ...(m.actor === undefined ? {} : { actor: m.actor }),
          mentions: 0,
          documents: 0,
          docs: new Set(),
          types: new Map(),
          names: new Map(),
        };
        byKey.set(key, e);
      }
      e.mentions++;
      e.docs.add(m.documentId);
      e.types.set(m.type, (e.types.get(m.type) ?? 0) + 1);
      e.names.set(m.text, (e.names.get(m.text) ?? 0) + 1);
    }
    return [...byKey.values()]
      .map(({ docs, types, names, ...e }) => ({
        ...e,
        name: mostFrequent(names) ?? e.name,
        type: (mostFrequent(types) ?? e.type) as EntitySummary['type'],
        documents: docs.size,
      }))
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  }

  entity(key: string): EntityDetail | undefined {
    const isName = key.startsWith('name:');
    const name = isName ? key.slice(5) : '';
    let stored = isName ? this.store.entities({ entity: name }) : this.store.entities({ actor: key });
    stored = stored.filter((m) => entityKey(m) === key);
    if (stored.length === 0 && isName) stored = this.store.entities({}).filter((m) => entityKey(m) === key);
    if (stored.length === 0) return undefined;
    const summary = this.entities(isName ? { entity: stored[0]?.text ?? name } : { actor: key }).find((e) => e.id === key) ?? {
      id: key,
      name: stored[0]?.text ?? name,
      type: stored[0]?.type ?? 'MISC',
      mentions: stored.length,
      documents: new Set(stored.map((m) => m.documentId)).size,
    };
    const docs = groupIds(stored);
    const mentions: MentionView[] = [];
    const claimsBy: ClaimView[] = [];
    const claimsAbout: ClaimView[] = [];
    const events: EventView[] = [];
    for (const [doc, ids] of docs) {
      const x = this.extraction(doc);
      if (!x) continue;
      mentions.push(...mentionViews(x).filter((m) => ids.has(m.id)));
      const spans = x.entities.filter((m) => ids.has(m.id)).map((m) => m.span);
      const views = new Map(claimViews(x).map((c) => [c.id, c]));
      for (const c of x.claims) {
        const view = views.get(c.id);
        if (!view) continue;
        const by =
          (c.source.entity !== undefined && ids.has(c.source.entity)) ||
          (!isName && c.source.actor === key) ||
          (isName && normaliseName(c.source.text) === name);
        if (by) claimsBy.push(view);
        else if (spans.some((s) => s.start >= c.content.span.start && s.end <= c.content.span.end)) claimsAbout.push(view);
      }
      const eventById = new Map(eventViews(x).map((e) => [e.id, e]));
      for (const e of x.events) {
        const args = [e.actor1, e.actor2].filter((a) => a !== undefined);
        if (args.some((a) => (a.entity !== undefined && ids.has(a.entity)) || (!isName && a.actor === key))) {
          const view = eventById.get(e.id);
          if (view) events.push(view);
        }
      }
    }
    return { entity: summary, mentions, claimsBy, claimsAbout, events };
  }

  private collect<T extends { id: string }>(wanted: Map<string, Set<string>>, make: (x: Extraction) => T[]): T[] {
    const out: T[] = [];
    for (const [doc, ids] of wanted) {
      const x = this.extraction(doc);
      if (x) out.push(...make(x).filter((v) => ids.has(v.id)));
    }
    return out;
  }
}

function groupIds(items: readonly { documentId: string; id: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const item of items) {
    const ids = out.get(item.documentId) ?? new Set<string>();
    ids.add(item.id);
    out.set(item.documentId, ids);
  }
  return out;
}

function mostFrequent(counts: Map<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, v] of counts) {
    if (v > n) {
      best = k;
      n = v;
    }
  }
  return best;
}

// The part of src/fuse's ClaimGroup the board reads, validated as a database row.
const ClaimSideSchema = z.object({
  doc: z.string(),
  claim: z.string().optional(),
  event: z.string().optional(),
  span: SpanSchema,
  text: z.string(),
  source: z.string(),
  status: ClaimStatusSchema,
});
const FusedClaimGroupSchema = z.object({
  id: z.string(),
  claims: z.array(ClaimSideSchema),
  contradictions: z.array(z.object({ kind: z.string(), a: ClaimSideSchema, b: ClaimSideSchema })),
});
