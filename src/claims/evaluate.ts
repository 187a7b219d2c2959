// Scores a claims model on a PolNeAR folder (used by `sitrep eval attribution`
// and by the training script on dev).
import { segment } from '../text/index.ts';
import type { DocView } from './features.ts';
import { type ClaimModel, lexicon, loadClusters, predictAttributions, type TokenAttribution, viewOf } from './model.ts';
import type { PolnearArticle } from './polnear.ts';
import { applyRules } from './rules.ts';
import { emptyCounts, type RoleSpans, type ScoreCounts, scoreArticle } from './score.ts';
import type { StatusMap } from './status.ts';

export function charSpans(doc: DocView, a: TokenAttribution): RoleSpans {
  const sp = (r: { start: number; end: number }) => ({
    start: (doc.tokens[r.start] as { start: number }).start,
    end: (doc.tokens[r.end - 1] as { end: number }).end,
  });
  return { cue: [sp(a.cue)], source: a.source ? [sp(a.source)] : [], content: a.content.map(sp) };
}

export function evaluateClaimModel(
  model: ClaimModel,
  map: StatusMap,
  articles: readonly PolnearArticle[],
  onArticle?: (article: PolnearArticle, doc: DocView, predicted: readonly RoleSpans[]) => void,
  options: { readonly rules?: boolean } = {},
): ScoreCounts {
  const lex = lexicon(map, model.clusters ? loadClusters() : undefined);
  const counts = emptyCounts();
  for (const article of articles) {
    const doc = viewOf(segment(article.text), lex);
    const decoded = predictAttributions(model, doc, lex);
    const pred = (options.rules === false ? decoded : applyRules(doc, decoded)).map((a) => charSpans(doc, a));
    scoreArticle(
      counts,
      article.text,
      doc.tokens,
      article.annotations.map((a) => a.attributions),
      pred,
    );
    onArticle?.(article, doc, pred);
  }
  return counts;
}
