// `sitrep ingest | query | export` as a user runs them (real processes, a
// real archive file). Exports are read back by independent parsers: csv-parse
// for the CSV, @placemarkio/check-geojson (RFC 7946) for the GeoJSON.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { check } from '@placemarkio/check-geojson';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../src/model/index.ts';
import { openStore } from '../src/store/index.ts';
import { KURSK_TEXT, kurskExtraction } from '../src/store/kursk.fixture.ts';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/sitrep.js');

async function sitrep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-archive-'));
  db = join(dir, 'archive.db');
  // The annotated sample, so every export column has something to show whatever stages have landed.
  const store = openStore(db);
  store.ingest(kurskExtraction('kursk', 'AP'));
  store.close();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each run starts tsx over the whole CLI (~2 s of CPU): generous timeouts for a loaded machine.
describe('sitrep export', { timeout: 180_000 }, () => {
  it('writes CSV with ACLED columns that parses back, spans pointing into the text', async () => {
    const { code, stdout, stderr } = await sitrep('export', '--format', 'csv', '--db', db);
    expect(code).toBe(0);
    expect(stderr).toBe('exported 3 events\n');
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {}).slice(0, 16)).toEqual([
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
    ]);
    expect(
      rows.map((r) => [r.event_date, r.event_type, r.location, r.latitude, r.geo_precision, r.time_precision, r.claim_status]),
    ).toEqual([
      ['2024-08-08', 'Battles', 'Kursk Oblast', '51.73', '2', '1', 'asserted'],
      ['2024-08-09', 'Battles', '', '', '', '2', 'claimed'],
      ['2024-08-09', 'Explosions/Remote violence', 'Sudzha', '51.1976', '1', '1', 'asserted'],
    ]);
    const claimed = rows[1];
    expect(claimed?.fatalities).toBe('100');
    expect(claimed?.claim_source).toBe('The Russian Defense Ministry');
    expect(claimed?.country).toBe('');
    // A note with commas and curly quotes survives quoting.
    expect(rows[2]?.notes).toBe('Russia’s military response included air and missile strikes, along with artillery fire.');
    for (const r of rows) {
      expect(KURSK_TEXT.slice(Number(r.trigger_start), Number(r.trigger_end))).toBe(r.trigger_text);
      expect(KURSK_TEXT.slice(Number(r.sentence_start), Number(r.sentence_end))).toBe(r.notes);
    }
    expect(rows[0]?.country).toBe('Russia');
  });

  it('writes an RFC 7946 FeatureCollection of the events with coordinates', async () => {
    const out = join(dir, 'events.geojson');
    const { code, stderr } = await sitrep('export', '--format', 'geojson', '--db', db, '--out', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`exported 2 events (1 events without coordinates left out) to ${out}\n`);
    const text = readFileSync(out, 'utf8');
    const collection = check(text) as unknown as {
      type: string;
      features: { geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f) => [f.geometry.type, ...f.geometry.coordinates])).toEqual([
      ['Point', 36.19, 51.73],
      ['Point', 35.2726, 51.1976],
    ]);
    // Flat properties: QGIS makes one attribute column of each.
    for (const f of collection.features) {
      for (const v of Object.values(f.properties)) expect(v === null || ['string', 'number'].includes(typeof v)).toBe(true);
    }
    expect(collection.features[1]?.properties.sub_event_type).toBe('Air/drone strike');
  });

  it('writes whole extractions as JSONL and filters by event type', async () => {
    const all = await sitrep('export', '--format', 'jsonl', '--db', db);
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(ExtractionSchema.parse(JSON.parse(lines[0] ?? '')).claims.map((c) => c.status)).toEqual(['claimed', 'condemned', 'no_comment']);
    const none = await sitrep('export', '--format', 'csv', '--db', db, '--event-type', 'Protests');
    expect(none.stdout).toBe(`${none.stdout.split('\r\n')[0]}\r\n`);
  });
});

describe('sitrep query', { timeout: 180_000 }, () => {
  it('finds sentences by words and lists filtered items', async () => {
    const [hits, claims, missing, bad] = await Promise.all([
      sitrep('query', 'putin', 'condemned', '--db', db),
      sitrep('query', '--show', 'claims', '--status', 'condemned', '--db', db, '--format', 'json'),
      sitrep('query', 'putin', '--db', join(dir, 'nothing.db')),
      sitrep('query', '--show', 'events', '--from', '2024-08-10', '--to', '2024-08-01', '--db', db),
    ]);
    expect(hits.stdout).toBe(
      'kursk  2024-08-09  AP  #6 @740-849  Russian President Vladimir «Putin» «condemned» the Ukrainian incursion, labelling it a “large-scale provocation.”\n',
    );
    expect((JSON.parse(claims.stdout) as { source: { text: string } }[]).map((c) => c.source.text)).toEqual([
      'Russian President Vladimir Putin',
    ]);
    expect([missing.code, missing.stderr]).toEqual([1, `sitrep: ${join(dir, 'nothing.db')}: no database file here\n`]);
    expect([bad.code, bad.stderr]).toEqual([2, 'sitrep: --from 2024-08-10 is after --to 2024-08-01\n']);
  });
});

describe('sitrep ingest', { timeout: 180_000 }, () => {
  it('stores the sample once: a second run finds it already stored', async () => {
    const fresh = join(dir, 'fresh.db');
    const sample = join(ROOT, 'test/fixtures/kursk-incursion.txt');
    const first = await sitrep('ingest', sample, '--db', fresh, '--published', '2024-08-09', '--json', '--no-progress');
    const second = await sitrep('ingest', sample, '--db', fresh, '--published', '2024-08-09', '--json', '--no-progress');
    const last = (s: string) => JSON.parse(s.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect([first.code, last(first.stdout).inserted, last(first.stdout).existing]).toEqual([0, 1, 0]);
    expect([second.code, last(second.stdout).inserted, last(second.stdout).existing]).toEqual([0, 0, 1]);
    expect(second.stderr).toMatch(/^ingested 0 of 1 documents read \(0 near-duplicates linked, 1 already stored; 0 failed\)/);
  });

  it('names a corrupt archive in one line', async () => {
    const bad = join(dir, 'bad.db');
    writeFileSync(bad, 'not a database at all, just text'.repeat(200));
    const { code, stderr } = await sitrep('ingest', join(ROOT, 'test/fixtures/kursk-incursion.txt'), '--db', bad);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^sitrep: ${bad}: database file is corrupt or not a sitrep database \\(file is not a database\\)\\n$`),
    );
  });
});
