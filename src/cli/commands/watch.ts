import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ReadResult, readText } from '../../ingest/index.ts';
import { defaultDbPath, type Store, StoreError } from '../../store/index.ts';
import { type Cli, UsageError } from '../cli.ts';
import { ingestOne, networkReason, newTally, openCliStore } from './ingest.ts';

const URL_INPUT = /^https?:\/\//i;

/** Feed URLs from arguments: a URL itself, or a file listing one URL a line ('#' starts a comment). */
export function feedUrls(args: readonly string[]): string[] {
  const urls: string[] = [];
  for (const arg of args) {
    if (URL_INPUT.test(arg)) {
      urls.push(arg);
      continue;
    }
    let text: string;
    try {
      text = readFileSync(arg, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${arg}: ${code === 'ENOENT' ? 'no such feed list' : `cannot read feed list (${code ?? 'error'})`}`);
    }
    for (const [n, raw] of text.split(/\r?\n/).entries()) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      if (!URL_INPUT.test(line)) throw new UsageError(`${arg}:${n + 1}: not an http(s) URL: '${line}'`);
      urls.push(line);
    }
  }
  if (urls.length === 0) throw new UsageError('no feed URLs given');
  return urls;
}

/** Validators from the last response, for a conditional GET (RFC 9110 §13.1): an unchanged feed costs a 304. */
interface FeedState {
  etag?: string;
  lastModified?: string;
}

type PollOutcome =
  | { readonly kind: 'fetched'; readonly items: number; readonly stored: number; readonly existing: number; readonly errors: number }
  | { readonly kind: 'not_modified' }
  | { readonly kind: 'failed'; readonly reason: string };

async function pollFeed(
  store: Store,
  url: string,
  state: FeedState,
  timeoutMs: number,
  report: (line: string) => void,
): Promise<PollOutcome> {
  let body: string;
  try {
    const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' };
    if (state.etag) headers['if-none-match'] = state.etag;
    if (state.lastModified) headers['if-modified-since'] = state.lastModified;
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (response.status === 304) return { kind: 'not_modified' };
    if (!response.ok) return { kind: 'failed', reason: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    body = await response.text();
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) state.etag = etag;
    if (lastModified) state.lastModified = lastModified;
  } catch (error) {
    return { kind: 'failed', reason: `fetch failed: ${networkReason(error)}` };
  }
  let results: ReadResult[];
  try {
    results = readText(url, body, {}, '.xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', reason: message.startsWith(`${url}: `) ? message.slice(url.length + 2) : message };
  }
  const tally = newTally();
  for (const result of results) ingestOne(store, result, tally, report);
  return {
    kind: 'fetched',
    items: results.length,
    stored: tally.inserted + tally.nearDuplicates,
    existing: tally.existing,
    errors: tally.errors,
  };
}

function outcomeLine(url: string, o: PollOutcome): string {
  switch (o.kind) {
    case 'fetched':
      return `${url}: ${o.items} items, ${o.stored} new, ${o.existing} already stored${o.errors ? `, ${o.errors} errors` : ''}`;
    case 'not_modified':
      return `${url}: not modified`;
    case 'failed':
      return `${url}: ${o.reason}`;
  }
}

interface WatchFlags {
  db: string;
  interval: string;
  timeout: string;
  polls?: string;
  once?: boolean;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} expects a positive number, got '${value}'`);
  return n;
}

export function registerWatch(cli: Cli): void {
  cli.program
    .command('watch')
    .description('poll RSS/Atom feeds on an interval and store new articles in the archive')
    .argument('<feeds...>', "a file listing feed URLs (one a line, '#' comments) or the URLs themselves")
    .option('--db <path>', 'archive database file (env SITREP_DB)', defaultDbPath())
    .option('--interval <seconds>', 'time between polls', '900')
    .option('--timeout <seconds>', 'per-feed request timeout', '30')
    .option('--polls <n>', 'stop after this many polls (default: until Ctrl-C)')
    .option('--once', 'poll once and exit (same as --polls 1)')
    .addHelpText(
      'after',
      '\nEach poll prints one line per feed (items, new, already stored) or its error, and goes on with the other feeds.\nFeed items carry only what the feed publishes (often a summary): sitrep does not fetch the linked pages.',
    )
    .action(async (feeds: string[], flags: WatchFlags) => {
      const urls = feedUrls(feeds);
      const intervalMs = positive(flags.interval, '--interval') * 1000;
      const timeoutMs = positive(flags.timeout, '--timeout') * 1000;
      const polls = flags.once ? 1 : flags.polls === undefined ? Number.POSITIVE_INFINITY : Math.floor(positive(flags.polls, '--polls'));
      const store = openCliStore(cli, flags.db);
      if (!store) return;
      const states = new Map<string, FeedState>(urls.map((u) => [u, {}]));
      const report = (line: string): void => {
        cli.stderr.write(`sitrep: ${line}\n`);
        cli.exit(1);
      };
      const stop = new AbortController();
      const onSigint = (): void => stop.abort();
      process.on('SIGINT', onSigint);
      try {
        for (let poll = 1; poll <= polls && !stop.signal.aborted; poll++) {
          let fresh = 0;
          for (const url of urls) {
            const outcome = await pollFeed(store, url, states.get(url) ?? {}, timeoutMs, report);
            if (outcome.kind === 'failed') report(outcomeLine(url, outcome));
            else cli.stdout.write(`${outcomeLine(url, outcome)}\n`);
            if (outcome.kind === 'fetched') fresh += outcome.stored;
            if (stop.signal.aborted) break;
          }
          cli.stderr.write(`poll ${poll}: ${fresh} new articles; archive holds ${store.stats().documents} documents\n`);
          if (poll < polls && !stop.signal.aborted) await sleep(intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
        }
      } catch (error) {
        if (error instanceof StoreError) {
          report(error.message);
          return;
        }
        throw error;
      } finally {
        process.off('SIGINT', onSigint);
        store.close();
      }
    });
}
