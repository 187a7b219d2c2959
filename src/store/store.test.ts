// Contract suite for the archive, on a real SQLite file in a temp directory.
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fuse } from '../fuse/index.ts';
import { ExtractionSchema } from '../model/index.ts';
import { segment } from '../text/index.ts';
import { fingerprint, fuseArchive, fusionRecords, openStore, type Store, StoreError, similarity } from './index.ts';
import { KURSK_TEXT, kurskExtraction } from './kursk.fixture.ts';

let dir: string;
let path: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-store-'));
  path = join(dir, 'archive.db');
  store = openStore(path);
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The Kursk wire story as a second outlet reprints it: new dateline and footer. */
function syndicatedCopy(id: string, source: string) {
  const text = `KYIV (${source}) — ${KURSK_TEXT}\nReporting by staff; editing by the desk.`;
  return kurskExtraction(id, source, text);
}

/** A different article: the sample's last five sentences only. */
function otherArticle() {
  const sentences = segment(KURSK_TEXT);
  const from = sentences[sentences.length - 5]?.span.start ?? 0;
  const text = KURSK_TEXT.slice(from);
  const x = kurskExtraction('kursk', 'AP');
  return {
    document: { ...x.document, id: 'analysis', text, source: 'Reuters', published: '2024-08-12' },
    sentences: segment(text),
    entities: [],
    claims: [],
    events: [],
    places: [],
    times: [],
    messages: [],
  };
}

describe('schema and opening', () => {
  it('creates the schema at version 1 in WAL mode', () => {
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(store.stats().schemaVersion).toBe(1);
  });

  it('reopens an existing archive without migrating again', () => {
    store.ingest(kurskExtraction());
    store.close();
    store = openStore(path, { verify: true });
    expect(store.stats().documents).toBe(1);
  });

  it('refuses a file whose schema is newer than this code', () => {
    store.close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    const error = catchError(() => openStore(path));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer_schema');
    store = openStore(join(dir, 'other.db'));
  });

  it('refuses an SQLite file that is not an archive', () => {
    const foreign = join(dir, 'foreign.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect((catchError(() => openStore(foreign)) as StoreError).code).toBe('not_sitrep');
  });

  it('gives a corrupt-file error, naming the file, for garbage bytes', () => {
    const bad = join(dir, 'garbage.db');
    writeFileSync(bad, Buffer.alloc(8192, 0x5a));
    const error = catchError(() => openStore(bad));
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('corrupt');
    expect((error as StoreError).message).toMatch(/garbage\.db: database file is corrupt/);
  });

  it('finds a damaged page with verify (quick_check)', () => {
    store.ingest(kurskExtraction());
    store.close();
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    // Overwrite every page but the header page with noise.
    const bytes = Buffer.alloc(pageSize * (pages - 1), 0xa7);
    const fd = openSync(path, 'r+');
    writeSync(fd, bytes, 0, bytes.length, pageSize);
    closeSync(fd);
    const error = catchError(() => openStore(path, { verify: true }));
    expect((error as StoreError).code).toBe('corrupt');
    store = openStore(join(dir, 'fresh.db'));
  });

  it('reports a missing file when opened read-only', () => {
    expect((catchError(() => openStore(join(dir, 'none.db'), { readonly: true })) as StoreError).code).toBe('not_found');
  });

  it('gives a locked error when another process holds the write lock', () => {
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    const locked = openStore(path, { busyTimeoutMs: 50 });
    const error = catchError(() => locked.ingest(kurskExtraction()));
    expect((error as StoreError).code).toBe('locked');
    expect((error as StoreError).message).toContain('locked by another process');
    other.exec('ROLLBACK');
    other.close();
    expect(locked.ingest(kurskExtraction()).kind).toBe('inserted');
    locked.close();
  });
});

describe('ingest', () => {
  it('stores every layer and reads the Extraction back unchanged', () => {
    const x = kurskExtraction();
    const result = store.ingest(x);
    expect(result).toEqual({
      kind: 'inserted',
      documentId: 'kursk',
      counts: { sentences: 15, entities: 9, claims: 3, events: 3, places: 2, times: 1 },
    });
    const back = store.extraction('kursk');
    expect(back).toEqual(x);
    expect(ExtractionSchema.parse(back)).toEqual(x);
  });

  it('is a no-op for a document id already stored', () => {
    store.ingest(kurskExtraction());
    const before = store.stats();
    expect(store.ingest(kurskExtraction())).toEqual({ kind: 'exists', documentId: 'kursk' });
    expect(store.stats()).toEqual(before);
    expect(store.entities()).toHaveLength(9);
  });

  it('replaces a stored document when asked, keeping one copy of each item', () => {
    store.ingest(kurskExtraction());
    const x = kurskExtraction();
    const fewer = { ...x, entities: x.entities.slice(0, 2), claims: [], events: [] };
    expect(store.ingest(fewer, { replace: true }).kind).toBe('replaced');
    expect(store.entities().map((e) => e.text)).toEqual(['Kursk', 'Ukrainian forces']);
    expect(store.claims()).toEqual([]);
    expect(store.search({ text: 'Sudzha' })).toHaveLength(1);
  });

  it('writes nothing of a document whose layers are invalid (one transaction)', () => {
    const x = kurskExtraction();
    const first = x.entities[0];
    if (!first) throw new Error('fixture');
    const broken = { ...x, entities: [...x.entities, first] };
    const error = catchError(() => store.ingest(broken));
    expect((error as StoreError).code).toBe('invalid_input');
    expect((error as StoreError).message).toContain(`entity id '${first.id}' occurs twice`);
    expect(store.has('kursk')).toBe(false);
    expect(store.stats().sentences).toBe(0);
    expect(store.search({ text: 'Sudzha' })).toEqual([]);
  });

  it('picks up fields later added to the model without a migration', () => {
    const x = kurskExtraction();
    const withExtra = {
      ...x,
      document: { ...x.document, futureField: 'kept' },
      sentences: x.sentences.map((s) => ({ ...s, futureField: s.i })),
    } as typeof x;
    store.ingest(withExtra);
    const raw = new Database(path, { readonly: true });
    const extra = raw.prepare('SELECT extra FROM documents').pluck().get();
    raw.close();
    expect(extra).toBe('{"futureField":"kept"}');
  });
});

describe('near-duplicates', () => {
  it('fingerprints texts that differ in case and punctuation alike', () => {
    const a = fingerprint('Russian forces shelled the town of Sudzha on Thursday, officials said.');
    const b = fingerprint('RUSSIAN forces shelled the town of Sudzha on Thursday; officials said');
    expect(a.contentHash).toBe(b.contentHash);
    expect(similarity(a.minhash, b.minhash)).toBe(1);
    const whole = fingerprint(KURSK_TEXT);
    expect(whole.shingles).toBe(303);
    // A reprint with a dateline and a footer stays close; half the article does not.
    expect(similarity(whole.minhash, fingerprint(`KYIV (Mirror) — ${KURSK_TEXT}\nReporting by staff.`).minhash)).toBeGreaterThan(0.9);
    expect(similarity(whole.minhash, fingerprint(KURSK_TEXT.slice(0, KURSK_TEXT.length / 2)).minhash)).toBeLessThan(0.6);
  });

  it('links a syndicated copy to the original and does not count it twice', () => {
    store.ingest(kurskExtraction('kursk', 'AP'));
    const copy = store.ingest(syndicatedCopy('kursk-mirror', 'Mirror'));
    expect(copy.kind).toBe('near_duplicate');
    if (copy.kind !== 'near_duplicate') return;
    expect(copy.duplicateOf).toBe('kursk');
    expect(copy.similarity).toBe(0.953125);

    const stats = store.stats();
    expect([stats.documents, stats.duplicates, stats.events, stats.claims]).toEqual([2, 1, 3, 3]);
    expect(store.documents().map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ includeDuplicates: true }).map((d) => [d.id, d.duplicateOf])).toEqual([
      ['kursk', undefined],
      ['kursk-mirror', 'kursk'],
    ]);
    expect(store.events()).toHaveLength(3);
    expect(store.events({ includeDuplicates: true })).toHaveLength(6);
    expect(store.document('kursk')?.duplicates).toEqual([{ id: 'kursk-mirror', similarity: copy.similarity, source: 'Mirror' }]);
    expect(store.document('kursk-mirror')?.duplicateOf).toEqual({ id: 'kursk', similarity: copy.similarity });
  });

  it('links an identical text under another id at similarity 1, and a copy of a copy to the original', () => {
    store.ingest(kurskExtraction('kursk', 'AP'));
    store.ingest(syndicatedCopy('kursk-mirror', 'Mirror'));
    const same = store.ingest(kurskExtraction('kursk-again', 'AP'));
    expect(same).toMatchObject({ kind: 'near_duplicate', duplicateOf: 'kursk', similarity: 1 });
  });

  it('does not link a different article', () => {
    store.ingest(kurskExtraction());
    const other = store.ingest(otherArticle());
    expect(other.kind).toBe('inserted');
    expect(store.documents().map((d) => d.id)).toEqual(['kursk', 'analysis']);
  });
});

describe('reads and filters', () => {
  beforeEach(() => {
    store.ingest(kurskExtraction('kursk', 'AP'));
    store.ingest(otherArticle());
  });

  it('lists documents with counts, filtered by source and date', () => {
    expect(store.documents({ source: 'ap' }).map((d) => [d.id, d.counts.claims])).toEqual([['kursk', 3]]);
    expect(store.documents({ from: '2024-08-10' }).map((d) => d.id)).toEqual(['analysis']);
    expect(store.documents({ to: '2024-08-09' }).map((d) => d.id)).toEqual(['kursk']);
  });

  it('filters documents by entity, actor, event type, place and claim status', () => {
    expect(store.documents({ entity: 'vladimir putin' }).map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ actor: 'RUS.PRES' }).map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ eventType: 'Air/drone strike' }).map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ place: 'RU' }).map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ claimStatus: 'condemned' }).map((d) => d.id)).toEqual(['kursk']);
    expect(store.documents({ claimStatus: 'denied' })).toEqual([]);
  });

  it('filters entities, claims, events and places on their own fields', () => {
    expect(store.entities({ entityType: 'PERSON' }).map((e) => e.text)).toEqual([
      'Alexei Smirnov',
      'Vladimir Putin',
      'Putin',
      'Dmitry Medvedev',
    ]);
    expect(store.entities({ actor: 'RUS.PRES' }).map((e) => [e.documentId, e.chain])).toEqual([
      ['kursk', 'c:putin'],
      ['kursk', 'c:putin'],
    ]);
    expect(store.claims({ claimStatus: 'condemned' }).map((c) => c.source.text)).toEqual(['Russian President Vladimir Putin']);
    expect(store.claims({ actor: 'RUS.MOD' }).map((c) => c.status)).toEqual(['claimed']);
    expect(store.events({ eventType: 'Battles' }).map((e) => e.trigger.text)).toEqual(['incursion', 'killed']);
    expect(store.events({ place: 'Sudzha' }).map((e) => e.trigger.text)).toEqual(['strikes']);
    expect(store.events({ actor: 'UKR.MIL' }).map((e) => e.trigger.text)).toEqual(['incursion']);
    // Event dates: the incursion on Thursday 8 August, the killing dated by publication (9 August).
    expect(store.events({ to: '2024-08-08' }).map((e) => e.trigger.text)).toEqual(['incursion']);
    expect(store.events({ claimStatus: 'claimed' })[0]?.quantities[0]?.value).toBe(100);
    expect(store.places({ place: 'kursk oblast' }).map((p) => p.resolved?.precision)).toEqual([2]);
    expect(store.times().map((t) => t.value)).toEqual(['2024-08-08']);
  });

  it('summarises canonical actors from mentions, claim sources and event arguments', () => {
    const putin = store.actor('RUS.PRES');
    expect(putin).toEqual({
      id: 'RUS.PRES',
      label: 'Putin',
      mentions: 2,
      documents: 1,
      names: [
        { text: 'Putin', count: 1 },
        { text: 'Russian President Vladimir Putin', count: 1 },
        { text: 'Vladimir Putin', count: 1 },
      ],
    });
    // RUS.MIL is only an event argument: known from the events' argument texts, without entity mentions.
    expect(store.actor('RUS.MIL')).toEqual({
      id: 'RUS.MIL',
      label: 'Russia',
      mentions: 0,
      documents: 1,
      names: [
        { text: 'Russia', count: 1 },
        { text: 'Russian Defense Ministry', count: 1 },
      ],
    });
    expect(store.actors().map((a) => a.id)).toEqual(['RUS.PRES', 'RUS.GOV', 'RUS.GOV.KURSK', 'RUS.MOD', 'UKR.MIL', 'USA.DOS', 'RUS.MIL']);
  });

  it('searches sentences with FTS5 and returns the sentence span', () => {
    const hits = store.search({ text: 'putin condemned' });
    expect(hits).toHaveLength(1);
    const hit = hits[0];
    expect(hit?.documentId).toBe('kursk');
    expect(hit?.snippet).toBe(
      'Russian President Vladimir «Putin» «condemned» the Ukrainian incursion, labelling it a “large-scale provocation.”',
    );
    expect(KURSK_TEXT.slice(hit?.span.start, hit?.span.end)).toMatch(/^Russian President Vladimir Putin condemned/);
    expect(store.search({ text: '"military bloggers"' }).map((h) => h.documentId)).toEqual(['kursk', 'analysis']);
    expect(store.search({ text: 'military bloggers', source: 'Reuters' }).map((h) => h.documentId)).toEqual(['analysis']);
    expect(store.search({ text: 'incurs*' }).length).toBe(6);
    expect(store.search({ text: 'Kursk', claimStatus: 'condemned' }).map((h) => h.documentId)).toEqual(['kursk', 'kursk', 'kursk']);
  });

  it('rejects a search with no words', () => {
    expect((catchError(() => store.search({ text: '"" * -' })) as StoreError).code).toBe('bad_query');
  });

  it('iterates whole extractions one at a time', () => {
    expect([...store.extractions()].map((x) => [x.document.id, x.events.length])).toEqual([
      ['kursk', 3],
      ['analysis', 0],
    ]);
  });
});

describe('fusion clusters', () => {
  it('saves clusters per kind, replacing the previous set, and reads them by document', () => {
    store.ingest(kurskExtraction('kursk', 'AP'));
    store.ingest(otherArticle());
    store.saveClusters('event', [
      { id: 'evc:1', kind: 'event', label: 'Kursk incursion', members: [{ documentId: 'kursk', itemId: 'v:1' }], data: { n: 1 } },
    ]);
    store.saveClusters('claim', [
      {
        id: 'clg:1',
        kind: 'claim',
        label: 'bloggers',
        members: [
          { documentId: 'kursk', itemId: 'c:1', role: 'claim' },
          { documentId: 'analysis', itemId: 'c:9', role: 'claim' },
        ],
        data: { contradictions: [] },
      },
    ]);
    store.saveClusters('event', [
      { id: 'evc:2', kind: 'event', label: 'again', members: [{ documentId: 'kursk', itemId: 'v:2' }], data: null },
    ]);
    expect(store.clusters({ kind: 'event' }).map((c) => c.id)).toEqual(['evc:2']);
    expect(store.clusters({ documentId: 'analysis' })).toEqual([
      {
        id: 'clg:1',
        kind: 'claim',
        label: 'bloggers',
        members: [
          { documentId: 'kursk', itemId: 'c:1', role: 'claim' },
          { documentId: 'analysis', itemId: 'c:9', role: 'claim' },
        ],
        data: { contradictions: [] },
      },
    ]);
    expect(store.stats().clusters).toBe(2);
  });

  it('refuses a cluster naming an unknown document and keeps the previous set', () => {
    store.ingest(kurskExtraction());
    store.saveClusters('event', [{ id: 'evc:1', kind: 'event', label: 'x', members: [{ documentId: 'kursk', itemId: 'v' }], data: {} }]);
    const error = catchError(() =>
      store.saveClusters('event', [{ id: 'evc:9', kind: 'event', label: 'x', members: [{ documentId: 'nope', itemId: 'v' }], data: {} }]),
    );
    expect((error as StoreError).message).toContain("unknown document 'nope'");
    expect(store.clusters().map((c) => c.id)).toEqual(['evc:1']);
  });
});

describe('concurrent readers (WAL)', () => {
  it('a reader sees committed documents only and is not blocked by an open write', () => {
    store.ingest(kurskExtraction());
    const reader = openStore(path, { readonly: true });
    const writer = new Database(path);
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE documents SET title = 'uncommitted' WHERE id = 'kursk'").run();
    expect(reader.document('kursk')?.document.title).toBe('State of emergency in Kursk');
    expect(reader.search({ text: 'Sudzha' })).toHaveLength(1);
    writer.exec('COMMIT');
    expect(reader.document('kursk')?.document.title).toBe('uncommitted');
    writer.close();
    reader.close();
  });

  it('a read-only store cannot write', () => {
    const reader = openStore(path, { readonly: true });
    expect((catchError(() => reader.ingest(kurskExtraction())) as StoreError).code).toBe('readonly');
    reader.close();
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('fusion persisted', () => {
  it('stores what fuse() makes of the originals, leaving near-duplicates out', () => {
    store.ingest(kurskExtraction('kursk', 'AP'));
    store.ingest(syndicatedCopy('kursk-mirror', 'Mirror'));
    store.ingest(otherArticle());
    const summary = fuseArchive(store);
    expect(summary.documents).toBe(2);
    const expected = fusionRecords(fuse([...store.extractions()]));
    const stored = store.clusters();
    expect(stored).toHaveLength(expected.length);
    const byId = new Map(stored.map((c) => [c.id, c]));
    for (const record of expected) {
      expect(byId.get(record.id)?.data).toEqual(JSON.parse(JSON.stringify(record.data)));
      expect(
        byId
          .get(record.id)
          ?.members.map((m) => `${m.documentId}/${m.itemId}`)
          .sort(),
      ).toEqual([...new Set(record.members.map((m) => `${m.documentId}/${m.itemId}`))].sort());
    }
    // Putin's two mentions merge on the actor id; the syndicated copy adds none.
    expect(
      store
        .clusters({ kind: 'entity' })
        .find((c) => c.id === 'actor:RUS.PRES')
        ?.members.map((m) => m.documentId),
    ).toEqual(['kursk', 'kursk']);
    expect(store.clusters({ documentId: 'kursk-mirror' })).toEqual([]);
    // Fusing again replaces, not adds.
    fuseArchive(store);
    expect(store.clusters()).toHaveLength(expected.length);
  });
});
