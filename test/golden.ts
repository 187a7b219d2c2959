import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(TEST_DIR, 'fixtures');
export const KURSK_PATH = join(FIXTURES, 'kursk-incursion.txt');
export const KURSK_PUBLISHED = '2024-08-09';
/** ../shared beside the checkout: present in CI, absent on a fresh machine. */
export const SHARED = join(TEST_DIR, '..', '..', 'shared');
export const SHARED_DATA = join(SHARED, 'data');
export const HAS_SHARED = existsSync(SHARED_DATA);

/** Stable JSON: sorted keys, two-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, x]) => [k, sort(x)]),
      );
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/**
 * Compares `value` with the committed golden file; `UPDATE=1 npm test`
 * rewrites it (read the diff before committing).
 */
export function golden(name: string, value: unknown): { actual: string; expected: string } {
  const path = join(TEST_DIR, 'golden', name);
  const actual = stableJson(value);
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return { actual, expected: readFileSync(path, 'utf8') };
}
