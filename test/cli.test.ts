import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../src/model/index.ts';
import { KURSK_PATH, TEST_DIR } from './golden.ts';

const run = promisify(execFile);
const BIN = join(TEST_DIR, '..', 'bin', 'sitrep.js');

async function sitrep(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('sitrep extract', () => {
  it('prints one schema-valid extraction for the Kursk article', async () => {
    const { code, stdout, stderr } = await sitrep('extract', KURSK_PATH, '--published', '2024-08-09');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = ExtractionSchema.parse(JSON.parse(stdout));
    expect(result.document.published).toBe('2024-08-09');
    expect(result.document.language).toBe('eng');
    expect(result.sentences).toHaveLength(15);
  });

  it('prints JSONL, one line per document, and exits 1 when some inputs fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-cli-'));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'ok.txt'), 'Ukraine said on Friday that its forces had repelled an attack near Kharkiv overnight.');
    const { code, stdout, stderr } = await sitrep('extract', dir, '--format', 'jsonl');
    expect(code).toBe(1);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stderr).toBe(`sitrep: ${join(dir, 'empty.txt')}: empty input\n`);
  });

  it('streams a JSON array for several documents', async () => {
    const { code, stdout } = await sitrep('extract', KURSK_PATH, KURSK_PATH, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(2);
  });

  it('exits 2 on usage errors, without a stack trace', async () => {
    const bad = await sitrep('extract', KURSK_PATH, '--published', '9 August');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("sitrep: --published expects YYYY-MM-DD, got '9 August'\n");
    const missing = await sitrep('extract');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("error: missing required argument 'inputs'\n");
  });

  it('says in --help which stages are present', async () => {
    const { code, stdout } = await sitrep('extract', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Stages present:\n {2}segment {4}→ sentences/);
  });
});

describe('sitrep schema', () => {
  it('prints the JSON Schema of an extraction', async () => {
    const { code, stdout } = await sitrep('schema');
    expect(code).toBe(0);
    const schema = JSON.parse(stdout) as { type: string; required: string[] };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['document', 'sentences', 'entities', 'claims', 'events', 'places', 'times', 'messages']);
  });
});
