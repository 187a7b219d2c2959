// Finds the built UI (web/dist) and builds it with Vite when it is missing,
// so `sitrep serve` and `sitrep demo` work on a fresh clone.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export function webBuilt(): boolean {
  return existsSync(`${WEB_DIST}index.html`);
}

/** Builds web/ into web/dist (Vite's programmatic API; ~5 s). */
export async function buildWeb(log: (line: string) => void = () => {}): Promise<void> {
  log('building the web UI (vite)…');
  const { build } = await import('vite');
  await build({ configFile: `${WEB_DIR}vite.config.ts`, logLevel: 'warn' });
}

export async function ensureWeb(log?: (line: string) => void): Promise<string> {
  if (!webBuilt()) await buildWeb(log);
  return WEB_DIST;
}
