import type { Command } from 'commander';
import type { Cli } from '../cli.ts';
import { registerCorefEval } from './coref.ts';

/**
 * Evaluation tasks on gold data. Each adds a subcommand to `sitrep eval` and
 * prints its scores as ONE JSON object on its last stdout line (a public
 * contract). Register a task here, one line each.
 */
export type EvalTask = (evalCommand: Command, cli: Cli) => void;

export const evalTasks: readonly EvalTask[] = [registerCorefEval];
