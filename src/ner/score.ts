// Exact-match span scoring as conlleval computes it: an entity counts only if
// both its boundaries and its type match a gold entity.

export interface ScoredSpan {
  readonly type: string;
  /** Any key that identifies the unit the span lives in (sentence, document). */
  readonly unit: string | number;
  readonly start: number;
  readonly end: number;
}
export interface TypeScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
}
export interface SpanScores extends TypeScore {
  readonly byType: Record<string, TypeScore>;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

function score(tp: number, predicted: number, gold: number): TypeScore {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), gold, predicted };
}

export function scoreSpans(gold: readonly ScoredSpan[], predicted: readonly ScoredSpan[]): SpanScores {
  const key = (s: ScoredSpan): string => `${s.unit}|${s.start}|${s.end}|${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const types = [...new Set([...gold, ...predicted].map((s) => s.type))].sort();
  const count = (list: readonly ScoredSpan[], type?: string): number => list.filter((s) => type === undefined || s.type === type).length;
  const tpOf = (type?: string): number => predicted.filter((s) => (type === undefined || s.type === type) && goldKeys.has(key(s))).length;
  const byType: Record<string, TypeScore> = {};
  for (const t of types) byType[t] = score(tpOf(t), count(predicted, t), count(gold, t));
  return { ...score(tpOf(), predicted.length, gold.length), byType };
}
