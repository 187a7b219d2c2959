import { Command, CommanderError } from 'commander';
import { type Cli, type CommandModule, UsageError } from './cli.ts';
import { registerDemo } from './commands/demo.ts';
import { registerEval } from './commands/eval.ts';
import { registerExport } from './commands/export.ts';
import { registerExtract } from './commands/extract.ts';
import { registerFuse } from './commands/fuse.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerQuery } from './commands/query.ts';
import { registerSchema } from './commands/schema.ts';
import { registerServe } from './commands/serve.ts';
import { registerWatch } from './commands/watch.ts';

/** Command modules, one per verb; add a line when a verb lands. */
const commands: readonly CommandModule[] = [
  registerExtract,
  registerSchema,
  registerEval,
  registerServe,
  registerDemo,
  registerIngest,
  registerQuery,
  registerExport,
  registerWatch,
  registerFuse,
];

/** Runs the CLI; resolves to the exit status instead of calling process.exit. */
export async function main(argv: readonly string[]): Promise<number> {
  let status = 0;
  const program = new Command('sitrep')
    .description('Structured, sourced situation pictures from conflict and crisis news.')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);
  const cli: Cli = {
    program,
    stdout: process.stdout,
    stderr: process.stderr,
    exit(code) {
      status = Math.max(status, code);
    },
  };
  for (const register of commands) register(cli);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? status : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`sitrep: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  return status;
}
