// `sitrep eval attribution --polnear DIR`: PolNeAR attribution scores of the
// claims model (taggers + rules) — exact-span and token-overlap F1 per role,
// and whole-attribution exact F1. Multi-annotator articles are scored against
// each annotator and the counts averaged (see src/claims/score.ts).
import type { Command } from 'commander';
import {
  annotatorAgreement,
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
    .option('--agreement', 'score the annotators against each other on multi-annotator articles, and the model on the same articles')
    .action((opts: { polnear: string; model?: string; rules: boolean; agreement?: boolean }) => {
      const all = read(opts.polnear);
      const articles = opts.agreement ? all.filter((a) => a.annotations.length > 1) : all;
      if (articles.length === 0) throw new UsageError(`${opts.polnear}: no article has more than one annotator`);
      let model: ReturnType<typeof loadClaimModel>;
      try {
        model = opts.model ? loadClaimModel(opts.model) : loadClaimModel();
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const annotations = articles.reduce((n, a) => n + a.annotations.length, 0);
      const counts = evaluateClaimModel(model, loadStatusMap(), articles, undefined, { rules: opts.rules });
      const result = summary(counts);
      if (opts.agreement) {
        const agreement = annotatorAgreement(articles);
        const annotators = summary(agreement.counts);
        for (const [who, r] of [
          ['annotators', annotators],
          ['model', result],
        ] as const) {
          const line = (['cue', 'source', 'content'] as const).map(
            (role) => `${role} ${(r[role] as Record<string, number>).exactF1?.toFixed(4)}`,
          );
          cli.stdout.write(`${who.padEnd(10)} exact F1: ${line.join(', ')}\n`);
        }
        cli.stdout.write(
          `${JSON.stringify({ task: 'attribution-agreement', articles: articles.length, pairs: agreement.pairs, annotators, model: result })}\n`,
        );
        return;
      }
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
