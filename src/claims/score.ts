// PolNeAR scoring: per role (source, cue, content) exact-span F1 and
// token-overlap F1, and whole-attribution exact F1.
// - A role's span is its list of fragments, after merging fragments that
//   only whitespace separates; spans are compared as sets per document
//   (a source shared by two attributions counts once).
// - Token F1 counts, per role, the tokens (of segment()) covered in gold and
//   in the prediction.
// - An attribution matches when its cue, source (or both absent) and
//   content all match exactly.
// Multi-annotator articles (file names ending in the annotator id): the
// prediction is scored against each annotator's annotation and the counts
// are averaged, so every article weighs the same and no annotator is
// preferred over another.
import type { Span } from '../model/index.ts';
import type { TokenView } from './features.ts';

/** What token F1 reads of a token: where it stands. */
type TokenSpan = Pick<TokenView, 'start' | 'end'>;

import { ROLES, type Role } from './polnear.ts';

export interface RoleSpans {
  readonly source: readonly Span[];
  readonly cue: readonly Span[];
  readonly content: readonly Span[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface ScoreCounts {
  exact: Record<Role, Counts>;
  token: Record<Role, Counts>;
  attribution: Counts;
}

export function emptyCounts(): ScoreCounts {
  const c = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  return {
    exact: { source: c(), cue: c(), content: c() },
    token: { source: c(), cue: c(), content: c() },
    attribution: c(),
  };
}

function key(text: string, frags: readonly Span[]): string {
  const merged: Span[] = [];
  for (const f of [...frags].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && (f.start <= last.end || text.slice(last.end, f.start).trim() === '')) {
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, f.end) };
    } else merged.push(f);
  }
  return merged.map((f) => `${f.start}-${f.end}`).join(';');
}

function add(c: Counts, gold: ReadonlySet<string | number>, pred: ReadonlySet<string | number>, w: number): void {
  let tp = 0;
  for (const p of pred) if (gold.has(p)) tp++;
  c.tp += tp * w;
  c.fp += (pred.size - tp) * w;
  c.fn += (gold.size - tp) * w;
}

function tokenSet(tokens: readonly TokenSpan[], frags: readonly Span[], into: Set<number>): void {
  for (const f of frags) {
    for (const [i, t] of tokens.entries()) if (t.start < f.end && f.start < t.end) into.add(i);
  }
}

/** Adds one article's counts; `golds` holds one annotation per annotator. */
export function scoreArticle(
  into: ScoreCounts,
  text: string,
  tokens: readonly TokenSpan[],
  golds: readonly (readonly RoleSpans[])[],
  pred: readonly RoleSpans[],
): void {
  const w = 1 / golds.length;
  const attrKey = (a: RoleSpans): string => ROLES.map((r) => key(text, a[r])).join('|');
  const predTokens = Object.fromEntries(ROLES.map((r) => [r, new Set<number>()])) as Record<Role, Set<number>>;
  for (const a of pred) for (const r of ROLES) tokenSet(tokens, a[r], predTokens[r]);
  for (const gold of golds) {
    for (const r of ROLES) {
      const g = new Set(gold.filter((a) => a[r].length > 0).map((a) => key(text, a[r])));
      const p = new Set(pred.filter((a) => a[r].length > 0).map((a) => key(text, a[r])));
      add(into.exact[r], g, p, w);
      const gt = new Set<number>();
      for (const a of gold) tokenSet(tokens, a[r], gt);
      add(into.token[r], gt, predTokens[r], w);
    }
    add(into.attribution, new Set(gold.map(attrKey)), new Set(pred.map(attrKey)), w);
  }
}

export interface PRF {
  readonly p: number;
  readonly r: number;
  readonly f1: number;
}
export function prf(c: Counts): PRF {
  const p = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const r = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** The eval's JSON line. */
export function summary(c: ScoreCounts): Record<string, unknown> {
  const role = (r: Role): Record<string, number> => {
    const e = prf(c.exact[r]);
    const t = prf(c.token[r]);
    return {
      exactF1: round(e.f1),
      tokenF1: round(t.f1),
      exactP: round(e.p),
      exactR: round(e.r),
      tokenP: round(t.p),
      tokenR: round(t.r),
    };
  };
  const a = prf(c.attribution);
  return {
    task: 'attribution',
    cue: role('cue'),
    source: role('source'),
    content: role('content'),
    attribution: { exactF1: round(a.f1), exactP: round(a.p), exactR: round(a.r) },
  };
}
