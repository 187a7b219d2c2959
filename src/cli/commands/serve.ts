import { existsSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { ensureWeb, type RunningServer, ServeError, startServer, WebBuildError } from '../../server/index.ts';
import { defaultDbPath, openStore, type Store, StoreError } from '../../store/index.ts';
import { type Cli, UsageError } from '../cli.ts';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) throw new InvalidArgumentError(`expected a port number 0–65535, got '${value}'`);
  return port;
}

/** Resolves on SIGINT/SIGTERM: a served command runs until the user stops it. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export interface ServeRun {
  store: Store;
  host: string;
  port: number;
  token?: string | undefined;
}

/** Builds the UI if needed, binds, prints the URL, and serves until stopped. */
export async function serveUntilStopped(cli: Cli, run: ServeRun): Promise<void> {
  let server: RunningServer;
  try {
    const webRoot = await ensureWeb((line) => cli.stderr.write(`sitrep: ${line}\n`));
    server = await startServer({
      store: run.store,
      host: run.host,
      port: run.port,
      webRoot,
      ...(run.token ? { token: run.token } : {}),
    });
  } catch (error) {
    run.store.close();
    if (error instanceof ServeError || error instanceof WebBuildError) throw new UsageError(error.message);
    throw error;
  }
  cli.stdout.write(`sitrep: serving ${server.url}/ (API: ${server.url}/api/openapi.json) — Ctrl+C to stop\n`);
  await untilStopped();
  await server.close();
  run.store.close();
}

export function openForServing(path: string, options: { create?: boolean } = {}): Store {
  if (!options.create && !existsSync(path)) {
    throw new UsageError(`${path}: no database file here (create one with: sitrep ingest <files> --db ${path})`);
  }
  try {
    return openStore(path, { verify: true });
  } catch (error) {
    if (error instanceof StoreError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerServe(cli: Cli): void {
  cli.program
    .command('serve')
    .description('serve the HTTP API and the web UI over an archive')
    .option('--db <path>', 'archive database file (default: $SITREP_DB or sitrep.db)')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .option('--host <address>', 'address to bind; a non-loopback address needs a token', '127.0.0.1')
    .option('--token <token>', 'bearer token for write endpoints (default: $SITREP_TOKEN)')
    .action(async (opts: { db?: string; port: number; host: string; token?: string }) => {
      const token = opts.token ?? process.env.SITREP_TOKEN;
      const store = openForServing(opts.db ?? defaultDbPath());
      await serveUntilStopped(cli, { store, host: opts.host, port: opts.port, token });
    });
}
