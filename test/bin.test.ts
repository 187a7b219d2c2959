// bin/sitrep.js runs the CLI from its esbuild bundle (bin/compiled.js); the
// bundle must behave exactly as the TypeScript sources run under tsx.
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/sitrep.js');
const SAMPLE = join(ROOT, 'test/fixtures/kursk-incursion.txt');

async function extract(env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, 'extract', SAMPLE, '--published', '2024-08-09'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

describe('bin/sitrep.js', () => {
  it('runs a bundle from node_modules/.cache/sitrep that extracts what the sources under tsx extract', async () => {
    const bundled = await extract({ SITREP_TSX: '' });
    const bundles = readdirSync(join(ROOT, 'node_modules/.cache/sitrep')).filter((n) => /^main-[0-9a-f]{16}\.mjs$/.test(n));
    expect(bundles.length).toBeGreaterThanOrEqual(1);
    const fromSource = await extract({ SITREP_TSX: '1' });
    const parsed = JSON.parse(bundled) as { claims: unknown[]; entities: unknown[] };
    expect(parsed.claims.length).toBeGreaterThan(10);
    expect(parsed.entities.length).toBeGreaterThan(30);
    expect(bundled).toBe(fromSource);
  }, 60_000);

  it('ends quietly with status 141, as SIGPIPE would, when the reader closes the pipe early', async () => {
    // The reader closes the pipe before the extraction is written.
    const child = spawn(process.execPath, [BIN, 'extract', SAMPLE, '--published', '2024-08-09'], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(141);
  }, 60_000);

  it('runs a bench or script entry with its own arguments (bin/run.js)', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin/run.js'), 'src/cli/main.ts'], { cwd: ROOT });
    // main.ts only exports main(): importing it prints nothing and exits 0.
    expect(stdout).toBe('');
    await expect(run(process.execPath, [join(ROOT, 'bin/run.js')], { cwd: ROOT })).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
