// The server's one error type and the one place errors become responses:
// a JSON body { error: { status, code, message } }, never a stack trace.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ErrorBody {
  error: { status: number; code: string; message: string };
}

/** Validates `value` (a query, a body) against `schema`; a mismatch is a 400 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'query' | 'body' | 'form'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  throw new ApiError(400, 'invalid_input', `${path}: ${issue?.message ?? 'invalid'}`);
}

export function errorResponse(error: unknown, c: Context, log: (line: string) => void): Response {
  if (error instanceof ApiError) {
    return c.json<ErrorBody>({ error: { status: error.status, code: error.code, message: error.message } }, error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error';
    const message = status === 413 ? 'request body exceeds the size limit' : error.message || 'request failed';
    return c.json<ErrorBody>({ error: { status, code, message } }, status);
  }
  // A bug or a broken database: log it whole on the server, say little to the client.
  log(`sitrep serve: ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return c.json<ErrorBody>({ error: { status: 500, code: 'internal', message: 'internal server error' } }, 500);
}
