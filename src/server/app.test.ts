// The API in-process (app.request()) over a real SQLite store holding the
// hand-annotated Kursk fixture shared with the store's tests, so the joins
// (event → place, claim → source actor, entity page) are checked on known spans.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../model/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { kurskExtraction } from '../store/kursk.fixture.ts';
import type { ClaimGroup, ClaimView, EntityDetail, EntitySummary, ErrorBody, EventView } from './index.ts';
import { createApp } from './index.ts';

let dir: string;
let store: Store;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-server-'));
  store = openStore(join(dir, 'test.db'));
  store.ingest(kurskExtraction());
  mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><title>sitrep</title>');
  writeFileSync(join(dir, 'web', 'assets', 'app.mjs'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
  app = createApp({ store, webRoot: join(dir, 'web'), log: () => {} });
});

afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function json<T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as T };
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('reads', () => {
  it('lists events with their resolved place and date', async () => {
    const { status, body } = await json<{ events: EventView[] }>('/api/events');
    expect(status).toBe(200);
    expect(body.events.map((e) => e.trigger.text).sort()).toEqual(['incursion', 'killed', 'strikes']);
    const incursion = body.events.find((e) => e.trigger.text === 'incursion');
    expect(incursion?.point).toMatchObject({ name: 'Kursk Oblast', precision: 2, lat: 51.73, lon: 36.19 });
    expect(incursion?.date).toBe('2024-08-08');
    expect(incursion?.document).toBe('kursk');
    const strikes = body.events.find((e) => e.trigger.text === 'strikes');
    expect(strikes?.point).toMatchObject({ name: 'Sudzha', precision: 1 });
    const killed = body.events.find((e) => e.trigger.text === 'killed');
    expect(killed?.point).toBeUndefined();
    expect(killed?.fatalities).toBe(100);
    expect(killed?.status).toBe('claimed');
  });

  it('filters events by type and date', async () => {
    const battles = await json<{ events: EventView[] }>('/api/events?type=Battles');
    expect(battles.body.events.map((e) => e.trigger.text).sort()).toEqual(['incursion', 'killed']);
    const day = await json<{ events: EventView[] }>('/api/events?from=2024-08-08&to=2024-08-08');
    expect(day.body.events.map((e) => e.trigger.text)).toEqual(['incursion']);
  });

  it('returns claims with status and groups each alone when fusion grouped none', async () => {
    const { body } = await json<{ claims: ClaimView[]; groups: ClaimGroup[] }>('/api/claims?status=condemned');
    expect(body.claims).toHaveLength(1);
    const putin = body.claims[0];
    expect(putin?.source.text).toBe('Russian President Vladimir Putin');
    expect(putin?.cue.text).toBe('condemned');
    expect(putin?.status).toBe('condemned');
    expect(putin?.sentence).toMatch(/^Russian President Vladimir Putin condemned the Ukrainian incursion/);
    expect(body.groups).toHaveLength(1);
    expect(body.groups[0]?.claims[0]?.id).toBe(putin?.id);
  });

  it('serves a whole document and 404s an unknown one', async () => {
    const ok = await json<Extraction>('/api/documents/kursk');
    expect(ok.status).toBe(200);
    expect(ok.body.document.published).toBe('2024-08-09');
    expect(ok.body.claims).toHaveLength(3);
    const missing = await json<ErrorBody>('/api/documents/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ status: 404, code: 'not_found', message: "no document 'nope'" });
  });

  it('aggregates entities and builds an actor page with claims by it', async () => {
    const { body } = await json<{ entities: EntitySummary[] }>('/api/entities');
    const putin = body.entities.find((e) => e.id === 'RUS.PRES');
    expect(putin).toMatchObject({ mentions: 2, documents: 1, type: 'PERSON' });
    const page = await json<EntityDetail>('/api/entities/RUS.PRES');
    expect(page.body.mentions.map((m) => m.text)).toEqual(['Vladimir Putin', 'Putin']);
    expect(page.body.claimsBy.map((c) => c.status)).toEqual(['condemned']);
    const ukr = await json<EntityDetail>('/api/entities/UKR.MIL');
    expect(ukr.body.events.map((e) => e.trigger.text)).toEqual(['incursion']);
    const name = await json<EntityDetail>(`/api/entities/${encodeURIComponent('name:sudzha')}`);
    expect(name.body.entity).toMatchObject({ name: 'Sudzha', type: 'LOCATION', mentions: 1 });
    expect((await app.request('/api/entities/NOPE')).status).toBe(404);
  });

  it('searches sentences', async () => {
    const { body } = await json<{ hits: Array<{ documentId: string; snippet: string }> }>('/api/search?q=Sudzha');
    expect(body.hits).toHaveLength(1);
    expect(body.hits[0]?.documentId).toBe('kursk');
    expect(body.hits[0]?.snippet).toContain('«Sudzha»');
  });

  it('exports events as ACLED-style CSV and as GeoJSON', async () => {
    const csv = await app.request('/api/export?format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]?.split(',')).toEqual(
      expect.arrayContaining(['event_date', 'event_type', 'sub_event_type', 'latitude', 'longitude', 'geo_precision']),
    );
    expect(lines).toHaveLength(4);
    const geo = await app.request('/api/export?format=geojson');
    const fc = (await geo.json()) as { type: string; features: Array<{ geometry: { coordinates: [number, number] } }> };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.geometry.coordinates).sort()).toEqual([
      [35.2726, 51.1976],
      [36.19, 51.73],
    ]);
    const jsonl = await app.request('/api/export?format=jsonl');
    expect((await jsonl.text()).trim().split('\n')).toHaveLength(1);
    const bad = await json<ErrorBody>('/api/export?format=xlsx');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('query: expected json, jsonl, csv or geojson');
  });

  it('describes itself in OpenAPI', async () => {
    const { body } = await json<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toContain('/api/extract');
    expect(Object.keys(body.paths)).toContain('/api/events');
  });
});

describe('bad input gets a clear 4xx', () => {
  it.each([
    ['/api/events?from=9th%20August', 'query.from: expected YYYY-MM-DD'],
    ['/api/events?limit=ten', 'query.limit: Invalid input: expected number, received NaN'],
    ['/api/claims?status=shouted', 'query.status: Invalid option: expected one of'],
    ['/api/events?colour=red', 'query: Unrecognized key: "colour"'],
    ['/api/search', 'query.q: search words required'],
  ])('%s', async (path, message) => {
    const { status, body } = await json<ErrorBody>(path);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.message.startsWith(message)).toBe(true);
  });

  it('rejects bodies that are not an article', async () => {
    const notJson = await json<ErrorBody>('/api/extract', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toBe('body: not valid JSON');
    const noText = await json<ErrorBody>('/api/extract', post({ title: 'x' }));
    expect(noText.body.error.message).toBe('body.text: Invalid input: expected string, received undefined');
    const form = await json<ErrorBody>('/api/extract', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(form.status).toBe(415);
  });

  it('limits the body size', async () => {
    const small = createApp({ store, maxBodyBytes: 1000, log: () => {} });
    const res = await small.request('/api/extract', post({ text: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
  });

  it('404s unknown API routes as JSON', async () => {
    const { status, body } = await json<ErrorBody>('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.message).toBe('no API route GET /api/nothing-here');
  });
});

describe('writes', () => {
  it('analyses pasted text without storing it', async () => {
    const text = 'Russian President Vladimir Putin condemned the attack on Thursday.';
    const { status, body } = await json<Extraction>('/api/extract', post({ text, published: '2024-08-09', title: 'Pasted' }));
    expect(status).toBe(200);
    expect(body.document.text).toBe(text);
    expect(body.document.title).toBe('Pasted');
    expect(body.sentences).toHaveLength(1);
    expect(store.stats().documents).toBe(1);
  });

  it('analyses an uploaded HTML file through Readability', async () => {
    const form = new FormData();
    const html =
      '<html><head><title>Strike</title></head><body><article><h1>Strike</h1><p>Ukrainian forces crossed the border near the town of Sudzha on Tuesday, officials said.</p><p>Russia said it had halted the advance.</p></article></body></html>';
    form.set('file', new File([html], 'strike.html', { type: 'text/html' }));
    form.set('published', '2024-08-07');
    const { status, body } = await json<Extraction>('/api/extract', { method: 'POST', body: form });
    expect(status).toBe(200);
    expect(body.document.text).toContain('crossed the border near the town of Sudzha');
    expect(body.document.text).not.toContain('<p>');
    expect(body.document.published).toBe('2024-08-07');
  });

  it('requires the token when one is set, for writes only', async () => {
    const guarded = createApp({ store, token: 's3cret', log: () => {} });
    const denied = await guarded.request('/api/extract', post({ text: 'Putin spoke.' }));
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as ErrorBody).error.code).toBe('unauthorized');
    const wrong = await guarded.request('/api/extract', post({ text: 'Putin spoke.' }, { authorization: 'Bearer guess' }));
    expect(wrong.status).toBe(401);
    const allowed = await guarded.request('/api/extract', post({ text: 'Putin spoke.' }, { authorization: 'Bearer s3cret' }));
    expect(allowed.status).toBe(200);
    expect((await guarded.request('/api/events')).status).toBe(200);
  });

  it('stores a posted article once', async () => {
    const text = 'Officials in Belgorod said on Friday that shelling damaged two houses near the border.';
    const first = await json<{ kind: string; documentId: string }>('/api/documents', post({ text, published: '2024-08-10' }));
    expect(first.status).toBe(201);
    expect(first.body.kind).toBe('inserted');
    const again = await json<{ kind: string }>('/api/documents', post({ text, published: '2024-08-10' }));
    expect(again.status).toBe(200);
    expect(again.body.kind).toBe('exists');
    const docs = await json<{ documents: Array<{ id: string }> }>('/api/documents');
    expect(docs.body.documents.map((d) => d.id)).toContain(first.body.documentId);
  });
});

describe('static files and failures', () => {
  it('serves the UI with a CSP and refuses paths outside the web root', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const mjs = await app.request('/assets/app.mjs');
    expect(mjs.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await app.request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await app.request('/..%2fsecret.txt')).status).toBe(404);
  });

  it('answers a broken database with a 500 and no stack trace', async () => {
    const path = join(dir, 'closed.db');
    const closed = openStore(path);
    closed.close();
    const lines: string[] = [];
    const broken = createApp({ store: closed, log: (line) => lines.push(line) });
    const res = await broken.request('/api/events');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { status: 500, code: 'internal', message: 'internal server error' } });
    expect(text).not.toMatch(/at .*\.ts/);
    expect(lines.join('\n')).toMatch(/GET \/api\/events/);
  });
});
