import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeDocument } from '../../ingest/index.ts';
import { assetPath } from '../../model/assets.ts';
import type { Extraction } from '../../model/index.ts';
import { extractDocument } from '../../service/index.ts';
import { fuseArchive, type Store } from '../../store/index.ts';
import type { Cli } from '../cli.ts';
import { openForServing, parsePort, serveUntilStopped } from './serve.ts';

/** The bundled sample: a news report on the August 2024 Kursk incursion. */
export const SAMPLE_PATH = assetPath('test/fixtures/kursk-incursion.txt');
export const SAMPLE_PUBLISHED = '2024-08-09';

/** Analyses the bundled sample, stores and fuses it; returns what was stored. */
export function ingestSample(store: Store): Extraction {
  const { document, warnings } = makeDocument({
    origin: 'test/fixtures/kursk-incursion.txt',
    text: readFileSync(SAMPLE_PATH, 'utf8'),
    title: 'State of emergency in Kursk after Ukrainian incursion (sample)',
    published: SAMPLE_PUBLISHED,
  });
  const x = extractDocument(document, { warnings });
  store.ingest(x);
  // Claim groups and event clusters for the claims board, as `sitrep ingest` leaves them.
  fuseArchive(store);
  return x;
}

export function registerDemo(cli: Cli): void {
  cli.program
    .command('demo')
    .description('ingest the bundled Kursk sample into a fresh database and serve the UI (what `npm start` runs)')
    .option('--db <path>', 'database file, recreated on each run', '.cache/demo.db')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)', parsePort)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--token <token>', 'bearer token for write endpoints (default: $SITREP_TOKEN)')
    .action(async (opts: { db: string; port?: number; host: string; token?: string }) => {
      const port = opts.port ?? (process.env.PORT ? parsePort(process.env.PORT) : 8080);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${opts.db}${suffix}`, { force: true });
      mkdirSync(dirname(opts.db), { recursive: true });
      const store = openForServing(opts.db, { create: true });
      const x = ingestSample(store);
      cli.stdout.write(
        `sitrep: ingested the sample into ${opts.db}: ${x.sentences.length} sentences, ${x.entities.length} entities, ${x.claims.length} claims, ${x.events.length} events, ${x.places.length} places\n`,
      );
      await serveUntilStopped(cli, { store, host: opts.host, port, token: opts.token ?? process.env.SITREP_TOKEN });
    });
}
