// `sitrep eval ner --conll FILE`: conlleval-style exact-match entity scores of
// the CoNLL models on a CoNLL-2003 file (PER, LOC, ORG, MISC; the stage's
// NATIONALITY is MISC here, and the stage's span rules are not applied).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { spansFromTags } from '../../learn/index.ts';
import { type ConllDocument, loadNerModel, parseConll, type ScoredSpan, scoreSpans, tagTokens } from '../../ner/index.ts';
import { type Cli, UsageError } from '../cli.ts';

export function readConll(file: string): ConllDocument[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read CoNLL file`);
  }
  try {
    return parseConll(text);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

export function registerNerEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('ner')
    .description('exact-match entity F1 (conlleval) on a CoNLL-2003 file')
    .requiredOption('--conll <file>', 'CoNLL-2003 file, e.g. ../shared/data/conll2003/eng.testa')
    .option('--model <dir>', 'NER model directory (default models/ner)')
    .action((opts: { conll: string; model?: string }) => {
      const docs = readConll(opts.conll);
      const model = loadNerModel(opts.model);
      const gold: ScoredSpan[] = [];
      const predicted: ScoredSpan[] = [];
      let unit = 0;
      let tokens = 0;
      for (const doc of docs) {
        const tags = tagTokens(
          model.models,
          model.features,
          doc.sentences.map((s) => s.words),
        ).conll;
        doc.sentences.forEach((s, i) => {
          tokens += s.words.length;
          for (const sp of s.spans) gold.push({ ...sp, unit });
          for (const sp of spansFromTags(tags[i] ?? [], 'BILOU')) predicted.push({ ...sp, unit });
          unit++;
        });
      }
      const scores = scoreSpans(gold, predicted);
      cli.stdout.write(`${opts.conll}: ${docs.length} documents, ${unit} sentences, ${tokens} tokens\n`);
      for (const [type, s] of Object.entries(scores.byType)) {
        cli.stdout.write(`${type.padEnd(5)} P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} (${s.gold} gold)\n`);
      }
      const byType = Object.fromEntries(
        Object.entries(scores.byType).map(([t, s]) => [t, { precision: s.precision, recall: s.recall, f1: s.f1 }]),
      );
      cli.stdout.write(
        `${JSON.stringify({ task: 'ner-conll', precision: scores.precision, recall: scores.recall, f1: scores.f1, byType })}\n`,
      );
    });
}
