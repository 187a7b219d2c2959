// `sitrep watch` against a local HTTP server serving a real RSS 2.0 feed (the
// sample article's paragraphs as items), next to a feed that 404s and a port
// nobody listens on: each bad feed gets its one-line error, the rest is stored,
// and the second poll is a conditional GET answered 304.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.ts';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/sitrep.js');
const paragraphs = readFileSync(join(ROOT, 'test/fixtures/kursk-incursion.txt'), 'utf8').split('\n').filter(Boolean);

const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Wire Desk</title>
    <link>http://localhost/</link>
    <description>Test feed</description>
    <item>
      <title>State of emergency in Kursk region</title>
      <link>http://localhost/kursk-emergency</link>
      <pubDate>Fri, 09 Aug 2024 10:00:00 GMT</pubDate>
      <description>${xmlEscape(paragraphs.slice(0, 4).join(' '))}</description>
    </item>
    <item>
      <title>Putin condemns incursion</title>
      <link>http://localhost/putin-condemns</link>
      <pubDate>Fri, 09 Aug 2024 12:00:00 GMT</pubDate>
      <description>${xmlEscape(paragraphs.slice(5, 9).join(' '))}</description>
    </item>
  </channel>
</rss>
`;
const ETAG = '"feed-v1"';

let server: Server;
let base: string;
let dir: string;
const requests: { path: string; ifNoneMatch?: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-watch-'));
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', ...(req.headers['if-none-match'] ? { ifNoneMatch: req.headers['if-none-match'] } : {}) });
    if (req.url === '/feed.rss') {
      if (req.headers['if-none-match'] === ETAG) {
        res.writeHead(304).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG }).end(FEED);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const port = (probe.address() as AddressInfo).port;
  probe.close();
  await once(probe, 'close');
  return port;
}

describe('sitrep watch', () => {
  it('stores new feed items, reports each failing feed in one line and keeps polling', { timeout: 180_000 }, async () => {
    const list = join(dir, 'feeds.txt');
    const db = join(dir, 'archive.db');
    const dead = `http://127.0.0.1:${await closedPort()}/feed.rss`;
    writeFileSync(list, `# test feeds\n${base}/feed.rss\n${base}/missing.rss\n${dead}   # nobody listens here\n`);
    let result: { code: number; stdout: string; stderr: string };
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, 'watch', list, '--db', db, '--polls', '2', '--interval', '0.2'], {
        cwd: ROOT,
      });
      result = { code: 0, stdout, stderr };
    } catch (error) {
      result = error as { code: number; stdout: string; stderr: string };
    }
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(`${base}/feed.rss: 2 items, 2 new, 0 already stored\n${base}/feed.rss: not modified\n`);
    const errors = result.stderr.split('\n').filter((l) => l.startsWith('sitrep: '));
    expect(errors).toEqual([
      `sitrep: ${base}/missing.rss: HTTP 404 Not Found`,
      `sitrep: ${dead}: fetch failed: ECONNREFUSED`,
      `sitrep: ${base}/missing.rss: HTTP 404 Not Found`,
      `sitrep: ${dead}: fetch failed: ECONNREFUSED`,
    ]);
    expect(result.stderr).toContain('poll 1: 2 new articles; archive holds 2 documents\n');
    expect(result.stderr).toContain('poll 2: 0 new articles; archive holds 2 documents\n');
    expect(requests.filter((r) => r.path === '/feed.rss').map((r) => r.ifNoneMatch)).toEqual([undefined, ETAG]);

    const store = openStore(db, { readonly: true });
    const docs = store.documents();
    store.close();
    expect(docs.map((d) => [d.title, d.source, d.published, d.url])).toEqual([
      ['State of emergency in Kursk region', 'Wire Desk', '2024-08-09', 'http://localhost/kursk-emergency'],
      ['Putin condemns incursion', 'Wire Desk', '2024-08-09', 'http://localhost/putin-condemns'],
    ]);
  });

  it('names a missing feed list as a usage error', { timeout: 60_000 }, async () => {
    const error = (await run(process.execPath, [BIN, 'watch', join(dir, 'nope.txt'), '--once'], { cwd: ROOT }).catch(
      (e: unknown) => e,
    )) as {
      code: number;
      stderr: string;
    };
    expect([error.code, error.stderr]).toEqual([2, `sitrep: ${join(dir, 'nope.txt')}: no such feed list\n`]);
  });
});
