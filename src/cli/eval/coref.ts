import type { Command } from 'commander';
import {
  buildEcbTopic,
  type CorefScores,
  clusterByLemma,
  clusterEventMentions,
  ECB_DEV_TOPICS,
  ECB_SEALED_TOPICS,
  EcbFormatError,
  loadEventModel,
  readEcbPlus,
  scoreCoref,
} from '../../fuse/index.ts';
import { type Cli, UsageError } from '../cli.ts';

function parseTopics(value: string): number[] {
  const topics = value.split(',').map((t) => Number(t.trim()));
  if (topics.some((t) => !Number.isInteger(t) || t < 1))
    throw new UsageError(`--topics: expected comma-separated topic numbers, got '${value}'`);
  const sealed = topics.filter((t) => ECB_SEALED_TOPICS.includes(t));
  if (sealed.length > 0) throw new UsageError(`--topics: topics ${sealed.join(',')} are the sealed ECB+ test set and are never used`);
  return topics;
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;
const figures = (s: CorefScores) => ({ muc: round(s.muc.f1), b3: round(s.b3.f1), ceafe: round(s.ceafe.f1), conllF1: round(s.conllF1) });

/**
 * `sitrep eval coref --ecbplus FILE [--topics 2,5,…]`: cross-document event
 * coreference on ECB+ gold event mentions, clustered within each topic by
 * fusion's event-pair model, against the same-head-lemma baseline.
 */
export function registerCorefEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('coref')
    .description('cross-document event coreference on ECB+ (gold mentions): MUC, B³, CEAF-e, CoNLL F1 vs the same-lemma baseline')
    .requiredOption('--ecbplus <file>', 'ECB+ JSONL (../shared/data/ecbplus/train-dev.jsonl)')
    .option('--topics <list>', 'comma-separated topics (default: the dev topics)', ECB_DEV_TOPICS.join(','))
    .action((opts: { ecbplus: string; topics: string }) => {
      const topics = parseTopics(opts.topics);
      let articles: ReturnType<typeof readEcbPlus>;
      try {
        articles = readEcbPlus(opts.ecbplus);
      } catch (error) {
        if (error instanceof EcbFormatError) throw new UsageError(error.message);
        throw error;
      }
      const present = new Set(articles.map((a) => a.topic));
      const missing = topics.filter((t) => !present.has(t));
      if (missing.length > 0) throw new UsageError(`${opts.ecbplus}: no articles for topics ${missing.join(',')}`);
      const { model, related } = loadEventModel();
      const key: string[][] = [];
      const response: string[][] = [];
      const baseline: string[][] = [];
      let mentions = 0;
      for (const t of topics) {
        const topic = buildEcbTopic(t, articles);
        const ctx = { ...topic.ctx, related, dateWindowDays: model.dateWindowDays };
        const k = topic.key.map((c) => [...c]);
        const r = clusterEventMentions(topic.mentions, model, ctx);
        const b = clusterByLemma(topic.mentions);
        key.push(...k);
        response.push(...r);
        baseline.push(...b);
        mentions += topic.mentions.length;
        const s = scoreCoref(k, r);
        const l = scoreCoref(k, b);
        cli.stdout.write(
          `topic ${t}: ${topic.mentions.length} mentions, ${k.length} gold chains; sitrep CoNLL F1 ${s.conllF1.toFixed(3)}, lemma ${l.conllF1.toFixed(3)}\n`,
        );
      }
      const sitrep = scoreCoref(key, response);
      const lemma = scoreCoref(key, baseline);
      cli.stdout.write(
        `${topics.length} topics, ${mentions} gold event mentions (those linked cross-document), ${key.length} gold chains, ${response.length} sitrep clusters, ${baseline.length} lemma clusters\n`,
      );
      cli.stdout.write(
        `${JSON.stringify({ task: 'coref-ecbplus', ...figures(sitrep), baseline: { name: 'same-head-lemma', ...figures(lemma) }, topics, mentions })}\n`,
      );
    });
}
