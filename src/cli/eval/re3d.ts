// `sitrep eval re3d --dir DIR`: exact-match entity F1 on re3d (gold:
// highest-confidence type per span, confidence >= 0.5) of the re3d-trained
// model, on the re3d types sitrep has; re3d types without a sitrep
// counterpart (DocumentReference, CommsIdentifier, Frequency) are left out
// of the gold. The stage keeps CoNLL conventions (bare names) for PERSON,
// ORGANIZATION, LOCATION and NATIONALITY and takes only the defence types
// from this model; its merged figure is printed on an earlier line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  loadNerModel,
  RE3D_TYPES,
  type Re3dDocument,
  readRe3d,
  recogniseEntities,
  type ScoredSpan,
  scoreSpans,
  spansOf,
  tagTokens,
  tokenise,
} from '../../ner/index.ts';
import { type Cli, UsageError } from '../cli.ts';

const SCORED = new Set<string>(Object.values(RE3D_TYPES));

export function registerRe3dEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('re3d')
    .description('exact-match entity F1 on re3d (documents.jsonl + entities.jsonl)')
    .requiredOption('--dir <dir>', 're3d split directory, e.g. ../shared/data/re3d/dev')
    .option('--model <dir>', 'NER model directory (default models/ner)')
    .action((opts: { dir: string; model?: string }) => {
      for (const f of ['documents.jsonl', 'entities.jsonl']) {
        if (!existsSync(join(opts.dir, f))) throw new UsageError(`${opts.dir}: no ${f} (expected a re3d split directory)`);
      }
      let docs: Re3dDocument[];
      try {
        docs = readRe3d(opts.dir);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const model = loadNerModel(opts.model);
      if (!model.models.re3d) throw new UsageError(`${opts.model ?? 'models/ner'}: no re3d.slb model`);
      const gold: ScoredSpan[] = [];
      const predicted: ScoredSpan[] = [];
      const stage: ScoredSpan[] = [];
      for (const doc of docs) {
        for (const g of doc.gold) if (SCORED.has(g.type)) gold.push({ ...g, unit: doc.id });
        const tok = tokenise(doc.text);
        const chars = (sp: { sentence: number; start: number; end: number }): { start: number; end: number } => {
          const offs = tok.offsets[sp.sentence] ?? [];
          return { start: offs[sp.start]?.[0] ?? 0, end: offs[sp.end - 1]?.[1] ?? 0 };
        };
        const tags = tagTokens(model.models, model.features, tok.sentences);
        for (const sp of spansOf(tags.re3d ?? [], tags.re3dConfidence ?? [], 're3d')) {
          predicted.push({ type: sp.type, unit: doc.id, ...chars(sp) });
        }
        for (const sp of recogniseEntities(model, tok.sentences)) {
          if (SCORED.has(sp.type)) stage.push({ type: sp.type, unit: doc.id, ...chars(sp) });
        }
      }
      const scores = scoreSpans(gold, predicted);
      cli.stdout.write(`${opts.dir}: ${docs.length} documents, ${gold.length} gold entities\n`);
      cli.stdout.write(`ner stage output (CoNLL conventions + re3d defence types): F1 ${scoreSpans(gold, stage).f1}\n`);
      cli.stdout.write('re3d model:\n');
      for (const [type, s] of Object.entries(scores.byType)) {
        cli.stdout.write(
          `${type.padEnd(17)} P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} (${s.gold} gold, ${s.predicted} predicted)\n`,
        );
      }
      const byType = Object.fromEntries(
        Object.entries(scores.byType).map(([t, s]) => [t, { precision: s.precision, recall: s.recall, f1: s.f1 }]),
      );
      cli.stdout.write(
        `${JSON.stringify({ task: 'ner-re3d', precision: scores.precision, recall: scores.recall, f1: scores.f1, byType })}\n`,
      );
    });
}
