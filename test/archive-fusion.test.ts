// The archive end to end on real multi-outlet coverage of one event: the
// Olenivka prison explosion (29 July 2022) candidates of
// ../shared/data/ukraine-media-2022 (read at run time, never copied) are
// extracted, stored, fused through the store, and read back as clusters:
// an event reported by several outlets, claims corroborated across outlets,
// and the two sides' opposite blame as a contradiction with spans on both
// sides. Skipped when ../shared is absent or the pipeline lacks the layers.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClaimGroup, type Contradiction, type EventCluster, readUkraineEvent } from '../src/fuse/index.ts';
import { createDefaultPipeline } from '../src/pipeline/index.ts';
import { extractDocument } from '../src/service/index.ts';
import { fuseArchive, openStore, type Store } from '../src/store/index.ts';

const DIR = new URL('../../shared/data/ukraine-media-2022', import.meta.url).pathname;
const hasData = existsSync(DIR);
const hasStages = ['entities', 'claims', 'events'].every((layer) => createDefaultPipeline().provides.includes(layer as never));
if (!hasData) console.warn(`archive-fusion: skipped, ${DIR} is absent`);
else if (!hasStages) console.warn('archive-fusion: skipped, the default pipeline does not provide entities/claims/events yet');

describe.skipIf(!hasData || !hasStages)('archive fusion of the Olenivka coverage (ukraine-media-2022)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-fusion-'));
  let store: Store;
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the 14 candidate articles and persists their fusion', async () => {
    store = openStore(join(dir, 'archive.db'));
    const docs = await readUkraineEvent(DIR, 'olenivka-prison-explosion');
    for (const d of docs) store.ingest(extractDocument(d));
    const stats = store.stats();
    expect(stats.documents).toBe(14);
    const summary = fuseArchive(store);
    expect(summary.documents).toBe(14 - stats.duplicates);
    expect(store.clusters({ kind: 'event' })).toHaveLength(summary.events);
  }, 600_000);

  it('reads back an event cluster reported by three or more outlets', () => {
    const wide = store.clusters({ kind: 'event' }).filter((c) => (c.data as EventCluster).outlets.length >= 3);
    expect(wide.length).toBeGreaterThanOrEqual(1);
    // Its members are events stored in those documents.
    const first = wide[0];
    for (const m of first?.members ?? []) expect(store.events({ documentId: m.documentId }).some((e) => e.id === m.itemId)).toBe(true);
  });

  it('reads back claims corroborated by several outlets', () => {
    const corroborated = store.clusters({ kind: 'claim' }).filter((c) => (c.data as ClaimGroup).corroboration.outlets.length >= 2);
    expect(corroborated.length).toBeGreaterThanOrEqual(3);
  });

  it('reads back the opposite blame as a contradiction, with exact spans on both sides', () => {
    const blame = store
      .clusters({ kind: 'contradiction' })
      .map((c) => c.data as Contradiction)
      .filter((c): c is Extract<Contradiction, { kind: 'blame' }> => c.kind === 'blame' && [...c.actors].sort().join() === 'RUS,UKR');
    expect(blame.length).toBeGreaterThanOrEqual(1);
    for (const c of blame) {
      expect(store.document(c.a.doc)?.document.text.slice(c.a.span.start, c.a.span.end)).toBe(c.a.text);
      expect(store.document(c.b.doc)?.document.text.slice(c.b.span.start, c.b.span.end)).toBe(c.b.text);
    }
  });
});
