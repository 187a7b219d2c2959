// Binds the app to a port with @hono/node-server. Refuses a non-loopback
// address without a token: anyone on the network could otherwise write.
import { serve } from '@hono/node-server';
import type { Store } from '../store/index.ts';
import { createApp } from './app.ts';

export class ServeError extends Error {
  override readonly name = 'ServeError';
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export interface StartOptions {
  readonly store: Store;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  readonly webRoot?: string;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export function startServer(options: StartOptions): Promise<RunningServer> {
  const { host, port, token } = options;
  if (!isLoopback(host) && !token) {
    throw new ServeError(`--host ${host} is not a loopback address: write endpoints need a token (--token or SITREP_TOKEN)`);
  }
  const app = createApp({
    store: options.store,
    ...(token ? { token } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown === '127.0.0.1' ? 'localhost' : shown}:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new ServeError(`port ${port} is already in use on ${host} (choose another with --port)`)
          : error.code === 'EACCES'
            ? new ServeError(`no permission to listen on ${host}:${port}`)
            : error,
      );
    });
  });
}
