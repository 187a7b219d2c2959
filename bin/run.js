#!/usr/bin/env node
// `node bin/run.js <entry.ts> [args…]`: runs a TypeScript script (e.g.
// bench/worker.ts) the way bin/sitrep.js runs the CLI, from its plain-JS
// bundle; the script sees its own arguments from process.argv[2] on.
import { importCompiled } from './compiled.js';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bin/run.js <entry.ts> [args…]');
  process.exit(2);
}
process.argv.splice(1, process.argv.length - 1, entry, ...rest);
await importCompiled(entry);
