import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { decodeBytes } from './decode.ts';
import { makeDocument } from './document.ts';
import { IngestError, reasonOf } from './errors.ts';
import { looksLikeFeed, readFeed } from './feed.ts';
import { readHtml } from './html.ts';
import { byteLines, readJsonlLine } from './jsonl.ts';
import { DEFAULT_MAX_BYTES, type ReadOptions, type ReadResult, readFailure } from './types.ts';

const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const FEED_EXT = new Set(['.xml', '.rss', '.atom']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
const KNOWN_EXT = new Set([...TEXT_EXT, ...HTML_EXT, ...FEED_EXT, ...JSONL_EXT]);

/** Reads one text body by sniffing its kind: feed, HTML or plain text. */
export function readText(origin: string, text: string, options: ReadOptions = {}, hint = ''): ReadResult[] {
  const head = text.slice(0, 2048);
  const defaults = { published: options.published, source: options.source };
  if (FEED_EXT.has(hint) || looksLikeFeed(head)) return readFeed(origin, text);
  if (HTML_EXT.has(hint) || /^\s*(?:<!doctype html|<html|<head|<body|<article)/i.test(head)) {
    return [{ ok: true, ...readHtml(origin, text, defaults) }];
  }
  return [{ ok: true, ...makeDocument({ origin, text, ...defaults }) }];
}

async function* readStdin(options: ReadOptions): AsyncGenerator<ReadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      yield readFailure('<stdin>', new IngestError('<stdin>', `input exceeds the size limit of ${max} bytes (--max-bytes)`));
      return;
    }
    chunks.push(chunk);
  }
  try {
    yield* readText('<stdin>', decodeBytes('<stdin>', Buffer.concat(chunks)), options);
  } catch (error) {
    yield readFailure('<stdin>', error);
  }
}

async function* readFile1(path: string, options: ReadOptions): AsyncGenerator<ReadResult> {
  const ext = extname(path).toLowerCase();
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (JSONL_EXT.has(ext)) {
    // JSONL batches are streamed: the size limit applies to each article line.
    let n = 0;
    let any = false;
    for await (const line of byteLines(createReadStream(path))) {
      n++;
      const result = readJsonlLine(`${path}:${n}`, line, { ...options, maxBytes: max });
      if (result) {
        any = true;
        yield result;
      }
    }
    if (!any) yield readFailure(path, new IngestError(path, 'empty input (no JSONL lines)'));
    return;
  }
  const info = await stat(path);
  if (info.size > max) throw new IngestError(path, `file of ${info.size} bytes exceeds the size limit of ${max} bytes (--max-bytes)`);
  const text = decodeBytes(path, await readFile(path));
  yield* readText(path, text, options, ext);
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && KNOWN_EXT.has(extname(entry.name).toLowerCase())) yield path;
  }
}

/**
 * Streams documents from files, directories (recursive; known extensions
 * only) and '-' (stdin). A failing input yields a named one-line error and
 * the rest are still read; nothing is buffered beyond one input.
 */
export async function* readInputs(inputs: readonly string[], options: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for (const input of inputs) {
    if (input === '-') {
      yield* readStdin(options);
      continue;
    }
    let isDir = false;
    try {
      isDir = (await stat(input)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      yield readFailure(input, new IngestError(input, code === 'ENOENT' ? 'no such file or directory' : reasonOf(error)));
      continue;
    }
    const files = isDir ? walk(input) : single(input);
    let any = false;
    for await (const file of files) {
      any = true;
      try {
        yield* readFile1(file, options);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        yield readFailure(file, code === 'EACCES' ? new IngestError(file, 'permission denied') : error);
      }
    }
    // A folder that holds no article files is named, not passed over in silence.
    if (!any) yield readFailure(input, new IngestError(input, `no article files in the folder (looked for ${[...KNOWN_EXT].join(' ')})`));
  }
}

async function* single(path: string): AsyncGenerator<string> {
  yield path;
}
