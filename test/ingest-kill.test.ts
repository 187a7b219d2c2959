// kill -9 during `sitrep ingest` (a real child process) leaves a consistent
// archive that a reader can use meanwhile, and the same command run again
// completes it without storing anything twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../src/store/index.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/sitrep.js');
const N = 40;

let dir: string;
let inputs: string;
let db: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sitrep-kill-'));
  inputs = join(dir, 'articles');
  db = join(dir, 'archive.db');
  mkdirSync(inputs);
  // N distinct texts from the real sample: each rotates its paragraphs and carries a dispatch number.
  const paragraphs = readFileSync(join(ROOT, 'test/fixtures/kursk-incursion.txt'), 'utf8').split('\n').filter(Boolean);
  for (let k = 0; k < N; k++) {
    const r = k % paragraphs.length;
    const text = [`Dispatch ${k} from the Kursk region.`, ...paragraphs.slice(r), ...paragraphs.slice(0, r)].join('\n');
    writeFileSync(join(inputs, `article-${String(k).padStart(4, '0')}.txt`), text);
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function ingest(): ChildProcess & { done: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'ingest', inputs, '--db', db, '--json', '--no-progress', '--published', '2024-08-09'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const done = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(child, { done });
}

/** Documents committed so far, read through a second connection while the child writes. */
function committed(): number | undefined {
  try {
    const reader = openStore(db, { readonly: true });
    try {
      return reader.stats().documents;
    } finally {
      reader.close();
    }
  } catch (error) {
    // The child has not created the file or its schema yet.
    if (error instanceof StoreError && (error.code === 'not_found' || error.code === 'not_sitrep')) return undefined;
    throw error;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sitrep ingest under kill -9', () => {
  it('leaves a consistent archive, readable meanwhile, that the next run completes', { timeout: 600_000 }, async () => {
    const first = ingest();
    let seen: number | undefined;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      seen = committed();
      if (seen !== undefined && seen >= 3) break;
      await sleep(5);
    }
    first.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(seen).toBeGreaterThanOrEqual(3);

    // Consistent: the file checks out, FTS agrees with its table, and every stored document is whole.
    const raw = new Database(db);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => raw.exec("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")).not.toThrow();
    const stored = raw.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    const partial = raw
      .prepare(
        'SELECT count(*) FROM documents d WHERE n_sentences != (SELECT count(*) FROM sentences s WHERE s.doc = d.doc) OR n_sentences = 0',
      )
      .pluck()
      .get();
    raw.close();
    expect(partial).toBe(0);
    expect(stored).toBeGreaterThanOrEqual(seen ?? 0);
    expect(stored).toBeLessThan(N);

    const second = await ingest().done;
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect(summary.read).toBe(N);
    expect(summary.existing).toBe(stored);
    expect(summary.stored).toBe(N - stored);
    expect(summary.errors).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`ingested ${N - stored} of ${N} documents .* articles/s; db .*; peak RSS`));

    const store = openStore(db, { readonly: true });
    expect(store.stats().documents).toBe(N);
    expect(new Set(store.documents({ includeDuplicates: true }).map((d) => d.origin)).size).toBe(N);
    store.close();
  });
});
