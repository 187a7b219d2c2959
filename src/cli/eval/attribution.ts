// `sitrep eval attribution --polnear DIR`: PolNeAR attribution scores of the
// claims model (taggers + rules) — exact-span and token-overlap F1 per role,
// and whole-attribution exact F1. Multi-annotator articles are scored against
// each annotator and the counts averaged (see src/claims/score.ts).
import type { Command } from 'commander';
import {
  evaluateClaimModel,
  loadClaimModel,
  loadStatusMap,
  type PolnearArticle,
  PolnearFormatError,
  readPolnear,
  summary,
} from '../../claims/index.ts';
import { type Cli, UsageError } from '../cli.ts';

function read(dir: string): PolnearArticle[] {
  try {
    return readPolnear(dir);
  } catch (error) {
    if (error instanceof PolnearFormatError) throw new UsageError(error.message);
    throw new UsageError(`${dir}: cannot read PolNeAR folder (${(error as Error).message})`);
  }
}

export function registerAttributionEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('attribution')
    .description('PolNeAR source/cue/content exact and token F1, attribution exact F1')
    .requiredOption('--polnear <dir>', 'folder with text/ and attributions/, e.g. ../shared/data/polnear/dev')
    .option('--model <file>', 'claims model (default models/claims.bin)')
    .option('--no-rules', 'score the taggers alone, without src/claims/rules.ts')
    .action((opts: { polnear: string; model?: string; rules: boolean }) => {
      const articles = read(opts.polnear);
      let model: ReturnType<typeof loadClaimModel>;
      try {
        model = opts.model ? loadClaimModel(opts.model) : loadClaimModel();
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const annotations = articles.reduce((n, a) => n + a.annotations.length, 0);
      const counts = evaluateClaimModel(model, loadStatusMap(), articles, undefined, { rules: opts.rules });
      const result = summary(counts);
      cli.stdout.write(`${opts.polnear}: ${articles.length} articles, ${annotations} annotations (multi-annotator counts averaged)\n`);
      for (const role of ['cue', 'source', 'content'] as const) {
        const r = result[role] as Record<string, number>;
        cli.stdout.write(
          `${role.padEnd(8)} exact P ${r.exactP?.toFixed(4)} R ${r.exactR?.toFixed(4)} F1 ${r.exactF1?.toFixed(4)} | token F1 ${r.tokenF1?.toFixed(4)}\n`,
        );
      }
      cli.stdout.write(`${JSON.stringify(result)}\n`);
    });
}
