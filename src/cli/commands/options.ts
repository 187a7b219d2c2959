import { normalisePublished } from '../../ingest/index.ts';
import { UsageError } from '../cli.ts';

/** A strict YYYY-MM-DD option value. */
export function parseIsoDate(value: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${flag} expects YYYY-MM-DD, got '${value}'`);
  const result = normalisePublished(value);
  if ('problem' in result) throw new UsageError(`${flag}: ${result.problem}`);
  return result.date;
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** "10MB", "512k", "1048576" → bytes. */
export function parseByteSize(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = m ? UNITS[(m[2] ?? '').toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${flag} expects a size such as 10MB or 500000, got '${value}'`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes <= 0) throw new UsageError(`${flag} must be positive`);
  return bytes;
}
