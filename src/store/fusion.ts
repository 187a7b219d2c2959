// Runs src/fuse over the archive's original documents (near-duplicates are
// left out: a syndicated copy is not an independent outlet) and persists the
// result as cluster records, each keeping fuse's own record as `data`.
import { type Contradiction, fuse as defaultFuse, type Fuse, type Fusion } from '../fuse/index.ts';
import type { Extraction } from '../model/index.ts';
import type { ClusterKind, ClusterRecord, Filter, Store } from './types.ts';

export const FUSION_KINDS: readonly ClusterKind[] = ['entity', 'event', 'claim', 'contradiction'];

function contradictionId(c: Contradiction): string {
  const side = (s: Contradiction['a']) => `${s.doc}:${s.claim ?? s.event ?? `${s.span.start}-${s.span.end}`}`;
  return `ctr:${c.kind}:${side(c.a)}|${side(c.b)}`;
}

/** Fuse's output as cluster records, in fuse's order. */
export function fusionRecords(fusion: Fusion): ClusterRecord[] {
  const records: ClusterRecord[] = [];
  for (const e of fusion.entities) {
    records.push({
      id: e.id,
      kind: 'entity',
      label: e.name,
      members: e.mentions.map((m) => ({ documentId: m.doc, itemId: m.mention })),
      data: e,
    });
  }
  for (const e of fusion.events) {
    const where = e.places.length ? ` in ${e.places.join(', ')}` : '';
    const when = e.dates ? ` (${e.dates.from === e.dates.to ? e.dates.from : `${e.dates.from} – ${e.dates.to}`})` : '';
    records.push({
      id: e.id,
      kind: 'event',
      label: `${e.subType}${where}${when}`,
      members: e.members.map((m) => ({ documentId: m.doc, itemId: m.event })),
      data: e,
    });
  }
  for (const g of fusion.claims) {
    records.push({
      id: g.id,
      kind: 'claim',
      label: g.claims[0]?.text ?? g.id,
      members: g.claims.map((s) =>
        s.claim !== undefined
          ? { documentId: s.doc, itemId: s.claim, role: 'claim' }
          : { documentId: s.doc, itemId: s.event ?? '', role: 'event' },
      ),
      data: g,
    });
  }
  const seen = new Set<string>();
  for (const c of fusion.contradictions) {
    const id = contradictionId(c);
    if (seen.has(id)) continue;
    seen.add(id);
    records.push({
      id,
      kind: 'contradiction',
      label: `${c.kind}: ${c.a.source} vs ${c.b.source}`,
      members: [
        { documentId: c.a.doc, itemId: c.a.claim ?? c.a.event ?? '', role: 'a' },
        { documentId: c.b.doc, itemId: c.b.claim ?? c.b.event ?? '', role: 'b' },
      ],
      data: c,
    });
  }
  return records;
}

export interface FusionSummary {
  readonly documents: number;
  readonly entities: number;
  readonly events: number;
  /** Event clusters reported by more than one outlet. */
  readonly multiOutletEvents: number;
  readonly claimGroups: number;
  /** Claim groups with more than one independent (outlet, source) agreeing. */
  readonly corroborated: number;
  readonly contradictions: number;
}

/**
 * Fuses the archive (or the documents a filter selects) and replaces the
 * stored clusters with the result, in one transaction. Fusion compares
 * mentions pairwise: on thousands of documents, fuse a date range or outlet.
 */
export function fuseArchive(store: Store, options: { readonly filter?: Filter; readonly fuse?: Fuse } = {}): FusionSummary {
  const extractions: Extraction[] = [...store.extractions({ ...options.filter, includeDuplicates: false })];
  const fusion = (options.fuse ?? defaultFuse)(extractions);
  store.saveClusters(FUSION_KINDS, fusionRecords(fusion));
  return {
    documents: extractions.length,
    entities: fusion.entities.length,
    events: fusion.events.length,
    multiOutletEvents: fusion.events.filter((e) => e.outlets.length > 1).length,
    claimGroups: fusion.claims.length,
    corroborated: fusion.claims.filter((g) => g.corroboration.independent > 1).length,
    contradictions: new Set(fusion.contradictions.map(contradictionId)).size,
  };
}
