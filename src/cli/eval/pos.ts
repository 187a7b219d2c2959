// `sitrep eval pos --conll FILE`: token accuracy of the POS tagger against a
// CoNLL-2003 file's POS column, in sitrep's merged tagset (src/pos/tagset.ts).
import type { Command } from 'commander';
import { evaluatePos, loadPosTagger } from '../../pos/index.ts';
import type { Cli } from '../cli.ts';
import { readConll } from './ner.ts';

export function registerPosEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('pos')
    .description('part-of-speech token accuracy on a CoNLL-2003 file')
    .requiredOption('--conll <file>', 'CoNLL-2003 file, e.g. ../shared/data/conll2003/eng.testa')
    .option('--model <file>', 'POS model (default models/pos.slb)')
    .action((opts: { conll: string; model?: string }) => {
      const scores = evaluatePos(loadPosTagger(opts.model), readConll(opts.conll));
      cli.stdout.write(`${opts.conll}: ${scores.tokens} tokens, accuracy ${scores.accuracy.toFixed(4)}\n`);
      for (const [tag, s] of Object.entries(scores.byTag)) cli.stdout.write(`${tag.padEnd(5)} ${s.accuracy.toFixed(4)} (${s.count})\n`);
      cli.stdout.write(`${JSON.stringify({ task: 'pos-conll', ...scores })}\n`);
    });
}
