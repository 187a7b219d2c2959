import type { Command } from 'commander';
import type { Cli } from '../cli.ts';
import { registerAttributionEval } from './attribution.ts';
import { registerCorefEval } from './coref.ts';
import { registerEventsEval } from './events.ts';
import { registerGeoEval } from './geo.ts';
import { registerNerEval } from './ner.ts';
import { registerPosEval } from './pos.ts';
import { registerRe3dEval } from './re3d.ts';
import { registerTimeEval } from './time.ts';

/**
 * Evaluation tasks on gold data. Each adds a subcommand to `sitrep eval` and
 * prints its scores as ONE JSON object on its last stdout line (a public
 * contract). Register a task here, one line each.
 */
export type EvalTask = (evalCommand: Command, cli: Cli) => void;

export const evalTasks: readonly EvalTask[] = [
  registerGeoEval,
  registerTimeEval,
  registerCorefEval,
  registerNerEval,
  registerPosEval,
  registerRe3dEval,
  registerAttributionEval,
  registerEventsEval,
];
