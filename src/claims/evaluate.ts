// Scores a claims model on a PolNeAR folder (used by `sitrep eval attribution`
// and by the training script on dev).

import { loadPosTagger, type PosTagger } from '../pos/index.ts';
import { segment } from '../text/index.ts';
import type { DocView } from './features.ts';
import { type ClaimModel, lexicon, predictAttributions, type TokenAttribution, viewOf } from './model.ts';
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
  options: { readonly rules?: boolean; readonly tagger?: PosTagger } = {},
): ScoreCounts {
  const lex = lexicon(map);
  const tagger = options.tagger ?? loadPosTagger();
  const counts = emptyCounts();
  for (const article of articles) {
    const doc = viewOf(segment(article.text), lex, tagger);
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

/**
 * How far PolNeAR's annotators agree with each other, scored exactly as the
 * model is: on articles with several annotators, each annotator's reading
 * is the prediction against every other one (ordered pairs; exact and token
 * F1 come out symmetric). A ceiling for the model's figures.
 */
export function annotatorAgreement(articles: readonly PolnearArticle[]): { counts: ScoreCounts; articles: number; pairs: number } {
  const counts = emptyCounts();
  let used = 0;
  let pairs = 0;
  for (const article of articles) {
    if (article.annotations.length < 2) continue;
    used++;
    const tokens = segment(article.text).flatMap((s) => s.tokens.map((t) => ({ start: t.span.start, end: t.span.end })));
    for (const self of article.annotations) {
      for (const other of article.annotations) {
        if (other === self) continue;
        pairs++;
        scoreArticle(counts, article.text, tokens, [other.attributions], self.attributions);
      }
    }
  }
  return { counts, articles: used, pairs };
}
