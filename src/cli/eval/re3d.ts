// `sitrep eval re3d --dir DIR`: exact-match entity F1 of the NER stage's
// output on re3d (gold: highest-confidence type per span, confidence >= 0.5).
// Scored on the re3d types sitrep produces; re3d types without a sitrep
// counterpart (DocumentReference, CommsIdentifier, Frequency) are left out of
// the gold, and sitrep's MISC (no re3d counterpart) out of the predictions.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { EntityType } from '../../model/index.ts';
import {
  loadNerModel,
  RE3D_TYPES,
  type Re3dDocument,
  readRe3d,
  recogniseEntities,
  type ScoredSpan,
  scoreSpans,
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
      const gold: ScoredSpan[] = [];
      const predicted: ScoredSpan[] = [];
      for (const doc of docs) {
        for (const g of doc.gold) if (SCORED.has(g.type)) gold.push({ ...g, unit: doc.id });
        const tok = tokenise(doc.text);
        for (const sp of recogniseEntities(model, tok.sentences)) {
          if (!SCORED.has(sp.type satisfies EntityType)) continue;
          const offs = tok.offsets[sp.sentence] ?? [];
          const start = offs[sp.start]?.[0] ?? 0;
          const end = offs[sp.end - 1]?.[1] ?? 0;
          predicted.push({ type: sp.type, unit: doc.id, start, end });
        }
      }
      const scores = scoreSpans(gold, predicted);
      cli.stdout.write(`${opts.dir}: ${docs.length} documents, ${gold.length} gold entities\n`);
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
