import { DEFAULT_MAX_BYTES, IngestError, type ReadOptions, type ReadResult, readInputs, readText } from '../../ingest/index.ts';
import type { Extraction } from '../../model/index.ts';
import { extractDocument } from '../../service/index.ts';
import { defaultDbPath, fuseArchive, openStore, type Store, StoreError } from '../../store/index.ts';
import type { Cli } from '../cli.ts';
import { fusionLine } from './fuse.ts';
import { parseByteSize, parseIsoDate } from './options.ts';

/** What one ingest run did, for the progress line and the summary. */
export interface IngestTally {
  /** Documents read (stored, skipped or failed). */
  read: number;
  inserted: number;
  replaced: number;
  nearDuplicates: number;
  /** Already in the archive: not extracted again (this is what makes a rerun resume). */
  existing: number;
  errors: number;
}

export function newTally(): IngestTally {
  return { read: 0, inserted: 0, replaced: 0, nearDuplicates: 0, existing: 0, errors: 0 };
}

/** A progress line on stderr, redrawn in place on a terminal, every few seconds otherwise. */
export class Progress {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly enabled: boolean,
  ) {}

  elapsedSeconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(tally: IngestTally): number {
    const s = this.elapsedSeconds();
    return s > 0 ? (tally.inserted + tally.replaced + tally.nearDuplicates) / s : 0;
  }

  update(tally: IngestTally, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    const tty = this.stream.isTTY === true;
    if (!force && now - this.lastDraw < (tty ? 100 : 5000)) return;
    this.lastDraw = now;
    const stored = tally.inserted + tally.replaced + tally.nearDuplicates;
    const line = `ingest ${spinner(tally.read)} ${tally.read} read · ${stored} stored (${tally.nearDuplicates} near-dup) · ${tally.existing} already stored · ${tally.errors} errors · ${this.rate(tally).toFixed(1)} articles/s`;
    if (tty) {
      this.stream.write(`\r\x1b[2K${line}`);
      this.drawn = true;
    } else {
      this.stream.write(`${line}\n`);
    }
  }

  /** Clears the in-place line so a message can be printed on its own line. */
  clear(): void {
    if (this.drawn) {
      this.stream.write('\r\x1b[2K');
      this.drawn = false;
    }
  }
}

function spinner(n: number): string {
  return '|/-\\'[n % 4] ?? '|';
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}

/**
 * Extracts and stores one read result. A document whose id is already stored
 * is skipped before extraction, so a rerun after an interruption only does
 * the rest. A StoreError that concerns the whole file (locked, corrupt) is
 * rethrown: going on would fail the same way for every document.
 */
export function ingestOne(
  store: Store,
  result: ReadResult,
  tally: IngestTally,
  report: (line: string) => void,
  options: { replace?: boolean } = {},
): void {
  if (!result.ok) {
    tally.errors++;
    report(`${result.error.input}: ${result.error.reason}`);
    return;
  }
  tally.read++;
  const doc = result.document;
  if (!options.replace && store.has(doc.id)) {
    tally.existing++;
    return;
  }
  let extraction: Extraction;
  try {
    extraction = extractDocument(doc, { warnings: result.warnings });
  } catch (error) {
    tally.errors++;
    report(`${doc.origin}: internal error during extraction: ${reasonOf(error)}`);
    return;
  }
  try {
    const outcome = store.ingest(extraction, options.replace ? { replace: true } : {});
    switch (outcome.kind) {
      case 'inserted':
        tally.inserted++;
        break;
      case 'replaced':
        tally.replaced++;
        break;
      case 'near_duplicate':
        tally.nearDuplicates++;
        break;
      case 'exists':
        tally.existing++;
        break;
    }
  } catch (error) {
    if (error instanceof StoreError && error.code === 'invalid_input') {
      tally.errors++;
      report(`${doc.origin}: not stored: ${error.message.slice(store.path.length + 2)}`);
      return;
    }
    throw error;
  }
}

const URL_INPUT = /^https?:\/\//i;

/** Fetches a feed or article URL; a network failure is that input's one-line error. */
export async function* readUrl(url: string, options: ReadOptions, timeoutMs = 30_000): AsyncGenerator<ReadResult> {
  const fail = (reason: string): ReadResult => ({ ok: false, error: new IngestError(url, reason) });
  let body: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!response.ok) {
      yield fail(`HTTP ${response.status} ${response.statusText}`.trim());
      return;
    }
    const length = Number(response.headers.get('content-length') ?? '0');
    const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (length > max) {
      yield fail(`response of ${length} bytes exceeds the size limit of ${max} bytes (--max-bytes)`);
      return;
    }
    body = await response.text();
  } catch (error) {
    yield fail(`fetch failed: ${networkReason(error)}`);
    return;
  }
  try {
    yield* readText(url, body, options);
  } catch (error) {
    yield fail(reasonOf(error).replace(`${url}: `, ''));
  }
}

/** undici hides the useful part ("ECONNREFUSED", "ENOTFOUND") in `cause`. */
export function networkReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.code) return `${cause.code}${cause.message && !cause.message.includes(cause.code) ? ` (${cause.message})` : ''}`;
  return reasonOf(cause ?? error);
}

/** Files, directories and '-' go through readInputs; http(s) URLs are fetched. */
export async function* readAll(inputs: readonly string[], options: ReadOptions): AsyncGenerator<ReadResult> {
  let local: string[] = [];
  for (const input of inputs) {
    if (!URL_INPUT.test(input)) {
      local.push(input);
      continue;
    }
    if (local.length) yield* readInputs(local, options);
    local = [];
    yield* readUrl(input, options);
  }
  if (local.length) yield* readInputs(local, options);
}

/** Opens the archive for the CLI: a StoreError becomes one line on stderr and exit status 1. */
export function openCliStore(cli: Cli, path: string, options: { readonly?: boolean } = {}): Store | undefined {
  try {
    return openStore(path, { ...options, ...(options.readonly ? {} : { verify: true }) });
  } catch (error) {
    if (error instanceof StoreError) {
      cli.stderr.write(`sitrep: ${error.message}\n`);
      cli.exit(1);
      return undefined;
    }
    throw error;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

/** Peak resident set size of this process so far, in bytes (getrusage's ru_maxrss). */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

interface IngestFlags {
  db: string;
  published?: string;
  source?: string;
  maxBytes: string;
  replace?: boolean;
  progress: boolean;
  json?: boolean;
  fuse?: boolean;
}

export function registerIngest(cli: Cli): void {
  cli.program
    .command('ingest')
    .description('analyse articles and store them in the archive (resumable: documents already stored are skipped)')
    .argument('<inputs...>', "files, directories (recursive), '-' for stdin, or RSS/Atom feed URLs")
    .option('--db <path>', 'archive database file (env SITREP_DB)', defaultDbPath())
    .option('--published <date>', 'publication date (YYYY-MM-DD) when an input carries none')
    .option('--source <outlet>', 'outlet to record when an input names none')
    .option('--max-bytes <size>', 'largest input accepted (per file; per line for JSONL), e.g. 10MB', `${DEFAULT_MAX_BYTES}`)
    .option('--replace', 're-extract and overwrite documents already stored (after new stages landed)')
    .option('--no-progress', 'no progress line on stderr')
    .option('--json', 'print the summary as one JSON object on the last stdout line')
    .option('--fuse', 'then fuse the whole archive (as `sitrep fuse`): event clusters, claim groups, contradictions')
    .addHelpText(
      'after',
      '\nOne transaction per document: an interrupted run (Ctrl-C, kill -9) leaves every stored document whole;\nrun the same command again to finish. Exit status: 0 ok, 1 some inputs failed or the archive is unusable, 2 usage error.',
    )
    .action(async (inputs: string[], flags: IngestFlags) => {
      const published = flags.published === undefined ? undefined : parseIsoDate(flags.published, '--published');
      const maxBytes = parseByteSize(flags.maxBytes, '--max-bytes');
      const store = openCliStore(cli, flags.db);
      if (!store) return;
      const tally = newTally();
      const progress = new Progress(cli.stderr, flags.progress);
      const report = (line: string): void => {
        progress.clear();
        cli.stderr.write(`sitrep: ${line}\n`);
        cli.exit(1);
      };
      // Ctrl-C ends after the current document; a second one (or kill) ends at once, and the
      // archive is consistent either way because each document is one transaction.
      let stopping = false;
      const onSigint = (): void => {
        if (stopping) process.exit(130);
        stopping = true;
      };
      process.on('SIGINT', onSigint);
      try {
        const options: ReadOptions = { maxBytes, ...(published ? { published } : {}), ...(flags.source ? { source: flags.source } : {}) };
        for await (const result of readAll(inputs, options)) {
          ingestOne(store, result, tally, report, { replace: flags.replace === true });
          progress.update(tally);
          if (stopping) break;
        }
        if (flags.fuse && !stopping) {
          progress.clear();
          const started = performance.now();
          const summary = fuseArchive(store);
          cli.stderr.write(`${fusionLine(summary, (performance.now() - started) / 1000)}\n`);
        }
      } catch (error) {
        if (error instanceof StoreError) {
          report(error.message);
          return;
        }
        throw error;
      } finally {
        process.off('SIGINT', onSigint);
        progress.clear();
        const seconds = progress.elapsedSeconds();
        const rate = progress.rate(tally);
        let bytes = 0;
        try {
          bytes = store.stats().bytes;
          store.close();
        } catch {
          // The summary still prints when the file went bad mid-run; the error was reported.
        }
        const stored = tally.inserted + tally.replaced + tally.nearDuplicates;
        const rss = peakRssBytes();
        cli.stderr.write(
          `${stopping ? 'interrupted; run again to resume. ' : ''}ingested ${stored} of ${tally.read} documents read (${tally.nearDuplicates} near-duplicates linked, ${tally.existing} already stored; ${tally.errors} failed) in ${seconds.toFixed(1)} s: ${rate.toFixed(1)} articles/s; db ${formatBytes(bytes)}${stored > 0 ? ` (${formatBytes(Math.round(bytes / Math.max(1, stored + tally.existing)))}/article)` : ''}; peak RSS ${formatBytes(rss)}\n`,
        );
        if (flags.json) {
          cli.stdout.write(
            `${JSON.stringify({
              task: 'ingest',
              db: flags.db,
              read: tally.read,
              stored,
              inserted: tally.inserted,
              replaced: tally.replaced,
              nearDuplicates: tally.nearDuplicates,
              existing: tally.existing,
              errors: tally.errors,
              seconds: Number(seconds.toFixed(2)),
              articlesPerSecond: Number(rate.toFixed(2)),
              dbBytes: bytes,
              peakRssBytes: rss,
              interrupted: stopping,
            })}\n`,
          );
        }
      }
    });
}
