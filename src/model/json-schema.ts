import { z } from 'zod';
import { ExtractionSchema } from './schema.ts';

/** JSON Schema (draft 2020-12) of one `sitrep extract` result. */
export function extractionJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExtractionSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}
