import type { Document } from '../model/index.ts';
import { IngestError, reasonOf } from './errors.ts';

/** One input's outcome: a document (with warnings) or a named one-line error. */
export type ReadResult =
  | { readonly ok: true; readonly document: Document; readonly warnings: string[] }
  | { readonly ok: false; readonly error: IngestError };

export interface ReadOptions {
  /** Largest input accepted, in bytes (per file; per line for JSONL). Default 10 MB. */
  maxBytes?: number;
  /** Publication date to use when an input carries none (YYYY-MM-DD). */
  published?: string;
  /** Outlet to record when an input names none. */
  source?: string;
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** An input's failure as a ReadResult: an IngestError as it is, anything else named after the input. */
export function readFailure(input: string, error: unknown): ReadResult {
  if (error instanceof IngestError) return { ok: false, error };
  return { ok: false, error: new IngestError(input, reasonOf(error), { cause: error }) };
}
