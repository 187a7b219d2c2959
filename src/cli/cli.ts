import type { Command } from 'commander';

/** A user's mistake on the command line: one line, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command module gets: the program to add itself to, and the streams. */
export interface Cli {
  readonly program: Command;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Raises the process exit status (0 ok, 1 some inputs failed, 2 usage). */
  exit(code: 0 | 1 | 2): void;
}

export type CommandModule = (cli: Cli) => void;
