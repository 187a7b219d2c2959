import { z } from 'zod';
import { makeDocument } from './document.ts';
import { IngestError, reasonOf } from './errors.ts';
import { readHtml } from './html.ts';
import { type ReadOptions, type ReadResult, readFailure } from './types.ts';

/** One article a line. `text` or `html` carries the body. */
export const JsonlArticleSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String).optional(),
    url: z.string().optional(),
    title: z.string().optional(),
    source: z.string().optional(),
    published: z.string().optional(),
    byline: z.string().optional(),
    text: z.string().optional(),
    html: z.string().optional(),
  })
  .refine((a) => (a.text?.trim().length ?? 0) > 0 || (a.html?.trim().length ?? 0) > 0, {
    message: "needs a non-empty 'text' or 'html' field",
  });

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Splits a byte stream into lines without decoding, so one bad line fails alone. */
export async function* byteLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    let from = 0;
    for (let nl = pending.indexOf(10, from); nl !== -1; nl = pending.indexOf(10, from)) {
      yield pending.subarray(from, nl);
      from = nl + 1;
    }
    pending = pending.subarray(from);
  }
  if (pending.length > 0) yield pending;
}

export function readJsonlLine(origin: string, bytes: Uint8Array, options: ReadOptions): ReadResult | undefined {
  const max = options.maxBytes;
  if (max !== undefined && bytes.length > max) {
    return { ok: false, error: new IngestError(origin, `line of ${bytes.length} bytes exceeds the limit of ${max} (--max-bytes)`) };
  }
  let line: string;
  try {
    line = utf8.decode(bytes);
  } catch {
    return { ok: false, error: new IngestError(origin, 'invalid UTF-8') };
  }
  if (line.trim().length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: new IngestError(origin, `malformed JSON: ${reasonOf(error)}`) };
  }
  const parsed = JsonlArticleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `field '${issue.path.join('.')}': ` : '';
    return { ok: false, error: new IngestError(origin, `invalid article: ${where}${issue?.message ?? 'bad shape'}`) };
  }
  const a = parsed.data;
  const fields = {
    origin,
    id: a.id,
    url: a.url,
    title: a.title,
    byline: a.byline,
    source: a.source ?? options.source,
    published: a.published ?? options.published,
  };
  try {
    if (a.text?.trim()) return { ok: true, ...makeDocument({ ...fields, text: a.text }) };
    return { ok: true, ...readHtml(origin, a.html ?? '', fields) };
  } catch (error) {
    return readFailure(origin, error);
  }
}
