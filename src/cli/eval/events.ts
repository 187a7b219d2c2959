import type { Command } from 'commander';
import {
  CONFLICT_RELATIONS,
  type ConflictRelation,
  EventEvalError,
  readEventAnnotations,
  readRe3dForEvents,
  relationRecovery,
  scoreAgainstAnnotation,
} from '../../events/index.ts';
import { assetPath } from '../../model/assets.ts';
import type { Event } from '../../model/index.ts';
import { createDefaultPipeline } from '../../pipeline/index.ts';
import { type Cli, UsageError } from '../cli.ts';

const DEFAULT_GOLD = assetPath('data/events-re3d-dev/');
const round = (v: number): number => Math.round(v * 10_000) / 10_000;

/**
 * `sitrep eval events --re3d DIR [--gold DIR]`: runs the default pipeline on
 * re3d documents; reports how many conflict relations ('Fighting against',
 * 'Military allies of') an event recovers, and precision/recall against
 * sitrep's own event annotation of ten re3d dev documents.
 */
export function registerEventsEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('events')
    .description('events on re3d dev: conflict relations recovered, P/R/F1 against our annotated dev documents')
    .requiredOption('--re3d <dir>', 're3d split directory with documents.jsonl and relations.jsonl (../shared/data/re3d/dev)')
    .option('--gold <dir>', 'event annotation (annotations.tsv + documents.txt)', DEFAULT_GOLD)
    .action((opts: { re3d: string; gold: string }) => {
      let data: ReturnType<typeof readRe3dForEvents>;
      let annotation: ReturnType<typeof readEventAnnotations>;
      try {
        data = readRe3dForEvents(opts.re3d);
        annotation = readEventAnnotations(opts.gold, data.documents);
      } catch (error) {
        if (error instanceof EventEvalError) throw new UsageError(error.message);
        throw error;
      }
      const pipeline = createDefaultPipeline();
      if (!pipeline.provides.includes('events')) throw new UsageError('the default pipeline has no events stage');
      const eventsByDoc = new Map<string, Event[]>();
      for (const d of data.documents) {
        const out = pipeline.run({ id: d.id, text: d.text, language: 'eng', origin: `re3d:${d.id}` });
        eventsByDoc.set(d.id, out.events);
      }
      const recovery = relationRecovery(data.relations, eventsByDoc);
      for (const [type, r] of Object.entries(recovery)) {
        const name = CONFLICT_RELATIONS[type as ConflictRelation['type']];
        cli.stdout.write(
          `${name} (${type}): ${r.recovered}/${r.total} recovered by an event's actor1/actor2 (${r.recoveredTyped} with a fitting event type), ${r.partial} with one argument\n`,
        );
      }
      const scores = scoreAgainstAnnotation(annotation.docs, annotation.gold, eventsByDoc);
      cli.stdout.write(
        `annotated: ${scores.docs} documents, ${scores.gold} gold event mentions, ${scores.predicted} predicted; trigger P ${scores.trigger.precision.toFixed(3)} R ${scores.trigger.recall.toFixed(3)} F1 ${scores.trigger.f1.toFixed(3)}; typed P ${scores.typed.precision.toFixed(3)} R ${scores.typed.recall.toFixed(3)} F1 ${scores.typed.f1.toFixed(3)}; actor1 ${scores.actor1.correct}/${scores.actor1.total}, actor2 ${scores.actor2.correct}/${scores.actor2.total}\n`,
      );
      const total = Object.values(recovery).reduce((n, r) => n + r.total, 0);
      const recovered = Object.values(recovery).reduce((n, r) => n + r.recovered, 0);
      const prf = (p: { precision: number; recall: number; f1: number }) => ({
        precision: round(p.precision),
        recall: round(p.recall),
        f1: round(p.f1),
      });
      cli.stdout.write(
        `${JSON.stringify({
          task: 'events',
          relations: { ...recovery, total, recovered, recall: round(total === 0 ? 0 : recovered / total) },
          annotated: {
            docs: scores.docs,
            gold: scores.gold,
            predicted: scores.predicted,
            trigger: prf(scores.trigger),
            typed: prf(scores.typed),
            actor1: round(scores.actor1.total === 0 ? 0 : scores.actor1.correct / scores.actor1.total),
            actor2: round(scores.actor2.total === 0 ? 0 : scores.actor2.correct / scores.actor2.total),
          },
        })}\n`,
      );
    });
}
