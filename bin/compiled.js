// Runs a TypeScript entry point as one plain ES module that esbuild bundles
// into node_modules/.cache/sitrep/ and rebuilds whenever a file under src/
// or bench/ changes (keyed on paths, sizes and mtimes, so an edit shows up on
// the next run). Plain node then runs the bundle: a TypeScript loader (tsx)
// keeps a second V8 isolate alive in every process, ~40 MB of RSS, and slows
// start-up. Where the bundle cannot be built or written (a read-only
// install), the entry runs from source under tsx as before; SITREP_TSX=1
// asks for that too (stack traces then point at the .ts files).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8 lets the old space grow to several times the live heap before it
// compacts when collection is cheap, as it is here (live ~50 MB: bounded
// caches, one document's layers at a time): a ×16 ingest peaked at 430-455
// MB of RSS for 51 MB live. Growing by at most 1.5× per collection keeps it
// near 300 MB, for a few more 20 ms mark-compacts (no measurable time).
setFlagsFromString('--heap-growing-percent=50');

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WATCHED = ['src', 'bench', 'package.json'];
/** What esbuild reads (code and imported JSON); bench/results/ is the bench's own output. */
const isInput = (rel) => /\.(ts|js|mjs|json)$/.test(rel) && !rel.startsWith(join('bench', 'results'));
const CACHE = join(ROOT, 'node_modules', '.cache', 'sitrep');

/** Hash of what the bundle is built from: checkout, entry, node and esbuild versions, and the path, size and mtime of the entry and every watched file. */
function sourceKey(entry, esbuildVersion) {
  const hash = createHash('sha256').update(`${ROOT}\0${entry}\0${process.version}\0${esbuildVersion}\0`);
  const visit = (rel) => {
    const st = statSync(join(ROOT, rel), { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(join(ROOT, rel)).sort()) visit(join(rel, name));
    } else if (isInput(rel)) {
      hash.update(`${rel}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  for (const rel of WATCHED) visit(rel);
  // An entry outside the watched folders (a script of one's own) counts too.
  visit(entry);
  return hash.digest('hex').slice(0, 16);
}

async function bundle(entry) {
  // esbuild itself is loaded only to build: a fresh bundle costs a few stats.
  const require = createRequire(import.meta.url);
  const esbuildVersion = JSON.parse(readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  const stem = basename(entry).replace(/\.ts$/, '');
  const out = join(CACHE, `${stem}-${sourceKey(entry, esbuildVersion)}.mjs`);
  if (statSync(out, { throwIfNoEntry: false })) return out;
  const esbuild = await import('esbuild');
  mkdirSync(CACHE, { recursive: true });
  // Written aside, then renamed: concurrent runs never import half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [join(ROOT, entry)],
    outfile: tmp,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
    // The checkout the bundle was built from: its models and data, even when
    // node_modules (and so this cache) is shared with another checkout.
    define: { __SITREP_ROOT__: JSON.stringify(ROOT) },
  });
  renameSync(tmp, out);
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    // Older bundles of this entry go; a .tmp goes once it is surely orphaned (its run was killed).
    const orphan = name.endsWith('.tmp') && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) > 600_000;
    if (name.startsWith(`${stem}-`) && path !== out && (orphan || !name.endsWith('.tmp'))) rmSync(path, { force: true });
  }
  return out;
}

/** Imports `entry` (a .ts path relative to the package root) from its bundle, or from source under tsx. */
export async function importCompiled(entry) {
  let file;
  if (!process.env.SITREP_TSX) {
    for (let attempt = 0; attempt < 2 && !file; attempt++) {
      try {
        const built = await bundle(entry);
        // Another run, started after an edit, may have pruned it meanwhile: build again.
        if (statSync(built, { throwIfNoEntry: false })) file = built;
      } catch {
        break;
      }
    }
  }
  if (!file) {
    const { register } = await import('tsx/esm/api');
    register();
    file = join(ROOT, entry);
  }
  return import(pathToFileURL(file).href);
}
