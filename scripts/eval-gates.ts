// `npm run eval`: runs every evaluation on the dev splits in ../shared/data,
// prints each one's JSON scores, and fails when a score falls under its
// floor in eval-floors.json (floors sit just under the measured figures).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Gate {
  name: string;
  /** Arguments after `sitrep eval`; `$DATA` is ../shared/data. */
  args?: string[];
  /** Or a whole command run from the repository root (a script whose last line is JSON). */
  command?: string[];
  /** Dotted path → highest acceptable value (errors, memory). */
  ceilings?: Record<string, number>;
  /** Dotted path into the JSON result → lowest acceptable value. */
  floors: Record<string, number>;
  /** Dotted path → another score in the same result it must exceed (e.g. a baseline). */
  beats?: Record<string, string>;
}

const root = join(import.meta.dirname, '..');
const data = join(root, '..', 'shared', 'data');
const only = process.argv.slice(2);
if (!existsSync(data)) {
  process.stdout.write('eval: skipped — ../shared/data is not beside the checkout (the gold sets live there)\n');
  process.exit(0);
}

const gates = JSON.parse(readFileSync(join(root, 'eval-floors.json'), 'utf8')) as Gate[];
const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);

let failed = 0;
const summary: string[] = [];
for (const gate of gates) {
  if (only.length && !only.includes(gate.name)) continue;
  const argv = (gate.command ?? [process.execPath, join(root, 'bin', 'sitrep.js'), 'eval', ...(gate.args ?? [])]).map((a) =>
    a.replaceAll('$DATA', data),
  );
  process.stdout.write(`\n== ${argv.join(' ')}\n`);
  const t0 = Date.now();
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 28,
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const lines = r.stdout.trim().split('\n');
  process.stdout.write(`${lines.slice(-1)[0] ?? ''}\n`);
  let result: unknown;
  try {
    result = JSON.parse(lines[lines.length - 1] ?? '');
  } catch {
    failed++;
    summary.push(`FAIL ${gate.name}: exit ${r.status}, last line is not JSON (${seconds}s)`);
    continue;
  }
  const checks = [
    ...Object.entries(gate.floors).map(([path, floor]) => ({ path, bound: floor, label: `floor ${floor}`, strict: false })),
    ...Object.entries(gate.beats ?? {}).map(([path, other]) => ({ path, bound: get(result, other), label: `> ${other}`, strict: true })),
    ...Object.entries(gate.ceilings ?? {}).map(([path, ceiling]) => ({
      path,
      bound: ceiling,
      label: `ceiling ${ceiling}`,
      strict: false,
      upper: true,
    })),
  ];
  for (const check of checks) {
    const { path, bound, label, strict } = check;
    const value = get(result, path);
    const upper = 'upper' in check;
    const ok = typeof value === 'number' && typeof bound === 'number' && (upper ? value <= bound : strict ? value > bound : value >= bound);
    if (!ok) failed++;
    summary.push(
      `${ok ? 'ok  ' : 'FAIL'} ${gate.name} ${path} = ${typeof value === 'number' ? value.toFixed(4) : String(value)} (${label}${strict ? ` = ${String(bound)}` : ''}) ${seconds}s`,
    );
  }
  if (r.status !== 0) {
    failed++;
    summary.push(`FAIL ${gate.name}: exit status ${r.status}`);
  }
}
process.stdout.write(`\n${summary.join('\n')}\n${failed ? `${failed} gate(s) failed` : 'all gates passed'}\n`);
process.exit(failed ? 1 : 0);
