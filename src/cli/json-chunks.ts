// JSON.stringify's text, in pieces. An extraction of a long document is
// dozens of times its size as indented JSON (a 10 MB article: ~475 MB), near
// V8's ~512 MB limit on one string, past which JSON.stringify throws; built
// whole, it also held the text beside the extraction. The top levels (the
// extraction object and its layer arrays) are written a member at a time, and
// each member is stringified alone: the pieces join to JSON.stringify's text.

type Json = unknown;

const isPlainObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/** JSON.stringify drops these members of an object (and writes null for them in an array). */
const dropped = (v: Json): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** A member stringified alone, re-indented to its depth (JSON strings hold no raw newlines). */
function leaf(value: Json, indent: number, depth: number): string {
  const text = JSON.stringify(value, null, indent) ?? 'null';
  if (indent === 0 || depth === 0) return text;
  return text.replaceAll('\n', `\n${' '.repeat(indent * depth)}`);
}

/**
 * The pieces of JSON.stringify(value, null, indent), streaming objects and
 * arrays down to `streamDepth` levels; deeper values are stringified whole.
 */
export function* jsonChunks(value: Json, indent = 2, streamDepth = 2, depth = 0): Generator<string> {
  if (depth >= streamDepth || (!Array.isArray(value) && !isPlainObject(value))) {
    yield leaf(value, indent, depth);
    return;
  }
  const nl = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const close = indent ? `\n${' '.repeat(indent * depth)}` : '';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (const [k, item] of value.entries()) {
      yield `${k ? ',' : ''}${nl}`;
      yield* dropped(item) ? ['null'] : jsonChunks(item, indent, streamDepth, depth + 1);
    }
    yield `${close}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => !dropped(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [k, [key, member]] of entries.entries()) {
    yield `${k ? ',' : ''}${nl}${JSON.stringify(key)}:${indent ? ' ' : ''}`;
    yield* jsonChunks(member, indent, streamDepth, depth + 1);
  }
  yield `${close}}`;
}

/**
 * Writes `text`, then waits while the stream's buffer is full: a pipe to a
 * slower reader otherwise queues the whole output in memory (a 10 MB
 * article's extraction piped to a checksum peaked at 5.3 GB).
 */
export async function writeDrained(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: unknown) => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      if (error instanceof Error) reject(error);
      else resolve();
    };
    out.on('drain', done);
    out.on('close', done);
    out.on('error', done);
  });
}

/** Writes the pieces in blocks of about 64 KB (one write call per piece was slow), minding backpressure. */
export async function writeJson(out: NodeJS.WritableStream, value: Json, indent = 2, suffix = ''): Promise<void> {
  let block = '';
  for (const piece of jsonChunks(value, indent)) {
    block += piece;
    if (block.length >= 65_536) {
      await writeDrained(out, block);
      block = '';
    }
  }
  await writeDrained(out, block + suffix);
}
