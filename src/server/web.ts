// Finds the built UI (web/dist) and builds it with Vite when it is missing or
// older than its sources, so `sitrep serve` and `sitrep demo` work on a fresh clone.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assetPath } from '../model/assets.ts';

export class WebBuildError extends Error {
  override readonly name = 'WebBuildError';
}

export const WEB_DIR = assetPath('web/');
export const WEB_DIST = assetPath('web/dist/');

function newestSource(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestSource(join(path, name)));
  return newest;
}

/** True when web/dist exists and is newer than every source file (a checkout without web/src counts as built). */
export function webBuilt(): boolean {
  const index = `${WEB_DIST}index.html`;
  if (!existsSync(index)) return false;
  if (!existsSync(`${WEB_DIR}src`)) return true;
  const built = statSync(index).mtimeMs;
  return [`${WEB_DIR}src`, `${WEB_DIR}index.html`, `${WEB_DIR}vite.config.ts`].every((p) => !existsSync(p) || newestSource(p) <= built);
}

/** Builds web/ into web/dist (Vite's programmatic API; ~5 s). */
export async function buildWeb(log: (line: string) => void = () => {}): Promise<void> {
  log('building the web UI (vite)…');
  const vite = await import('vite').catch(() => undefined);
  if (!vite)
    throw new WebBuildError(
      'web/dist is missing and Vite is not installed: run `npm ci` (with dev dependencies) or `npx vite build --config web/vite.config.ts`',
    );
  const { build } = vite;
  await build({ configFile: `${WEB_DIR}vite.config.ts`, logLevel: 'warn' });
}

export async function ensureWeb(log?: (line: string) => void): Promise<string> {
  if (!webBuilt()) await buildWeb(log);
  return WEB_DIST;
}
