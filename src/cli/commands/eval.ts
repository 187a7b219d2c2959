import type { Cli } from '../cli.ts';
import { evalTasks } from '../eval/index.ts';

export function registerEval(cli: Cli): void {
  const evalCommand = cli.program.command('eval').description('score sitrep on gold data; the last output line is one JSON object');
  for (const task of evalTasks) task(evalCommand, cli);
}
