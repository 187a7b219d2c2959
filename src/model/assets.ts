// Files sitrep ships beside its code (models/, data/, web/, src/**/*.tsv …),
// located from the package root rather than from each module's own URL, so
// the same code runs from src/ under tsx, from dist/ (`npm run build`) and
// from the single bundled file bin/sitrep.js runs (node_modules/.cache; it
// is told its checkout, since that cache may sit in another one's node_modules).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'sitrep') {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`sitrep: no sitrep package.json above ${from}`);
  }
}

/** Set by bin/compiled.js in its bundles: the checkout they were built from. */
declare const __SITREP_ROOT__: string | undefined;

/** The sitrep package's root folder (holds package.json, models/, data/). */
export const PACKAGE_ROOT: string =
  typeof __SITREP_ROOT__ === 'string' ? __SITREP_ROOT__ : findRoot(dirname(fileURLToPath(import.meta.url)));

/** Absolute path of a file under the package root, e.g. assetPath('models/pos.slb'). */
export function assetPath(relative: string): string {
  return join(PACKAGE_ROOT, relative);
}

/** assetPath() as a file: URL (for readFileSync(URL) call sites). */
export function assetUrl(relative: string): URL {
  return pathToFileURL(assetPath(relative));
}
