// Event-mention clustering: a pairwise logistic score over a few interpretable
// features (types.ts PairFeatures), then average-linkage agglomerative
// clustering that merges while the mean pair probability stays above a
// threshold. The same code clusters ECB+ gold mentions (eval coref) and
// sitrep's extracted events across outlets (fuse()).

import { cosine, jaccard, type SparseVector } from './text.ts';
import { type EventPairModel, PAIR_FEATURES, type PairFeatures } from './types.ts';
import { wordnetRelatedness } from './wordnet.ts';

/** What clustering needs to know about one event mention. */
export interface EventMention {
  /** Unique across the set being clustered. */
  readonly key: string;
  readonly doc: string;
  /** Sentence index in its document, when known. */
  readonly sentence?: number;
  /** Trigger head lemma key (lemma.ts). */
  readonly lemma: string;
  /** Trigger head word as written, for WordNet lookups. */
  readonly head: string;
  /** Taxonomy type; mentions of different known types never merge. */
  readonly type?: string;
  /** Who takes part: canonical actor ids, or participant head words. */
  readonly participants: ReadonlySet<string>;
  /** Other argument words: places, times, objects. */
  readonly args: ReadonlySet<string>;
  /** The mention's sentence as a content-word vector. */
  readonly context: SparseVector;
  /** Resolved event date (YYYY-MM-DD), when known. */
  readonly date?: string;
  /** ISO country of the resolved place, when known. */
  readonly country?: string;
  /** Coordinates of a town-level place, when resolved. */
  readonly point?: { readonly lat: number; readonly lon: number };
}

/** Towns further apart than this are different incidents (a day's artillery range is far less). */
const PLACE_CLASH_KM = 100;

/** Great-circle distance (haversine, mean Earth radius 6371 km). */
export function kilometres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Lemma pairs that corefer across documents, with the share of their
 * co-occurrences in one topic that were coreferent (learnt on ECB+ train).
 */
export type RelatedLemmas = ReadonlyMap<string, number>;

export function lemmaPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

const relatednessCache = new Map<string, number>();

function headRelatedness(a: string, b: string): number {
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  const cached = relatednessCache.get(key);
  if (cached !== undefined) return cached;
  const r = wordnetRelatedness(a, b);
  relatednessCache.set(key, r);
  return r;
}

export interface PairContext {
  readonly docVectors: ReadonlyMap<string, SparseVector>;
  readonly related: RelatedLemmas;
  readonly dateWindowDays: number;
}

export function pairFeatures(a: EventMention, b: EventMention, ctx: PairContext): PairFeatures {
  const lemma = a.lemma === b.lemma ? 1 : 0;
  let related = 0;
  if (!lemma) {
    related = ctx.related.get(lemmaPairKey(a.lemma, b.lemma)) ?? 0;
    // Derivations share a long stem: "explosion"/"explode" (explo-), "attack"/"attacker".
    if (related === 0 && sharedPrefix(a.lemma, b.lemma) >= 5) related = 0.5;
  }
  const participantsShared = jaccard(a.participants, b.participants);
  const da = ctx.docVectors.get(a.doc);
  const db = ctx.docVectors.get(b.doc);
  const docSim = a.doc === b.doc ? 1 : da && db ? cosine(da, db) : 0;
  const dateClash = a.date !== undefined && b.date !== undefined && daysApart(a.date, b.date) > ctx.dateWindowDays;
  const placeClash =
    (a.country !== undefined && b.country !== undefined && a.country !== b.country) ||
    (a.point !== undefined && b.point !== undefined && kilometres(a.point, b.point) > PLACE_CLASH_KM);
  return {
    lemma,
    related,
    wordnet: lemma ? 1 : headRelatedness(a.head, b.head),
    args: jaccard(a.args, b.args),
    actors: participantsShared,
    docSim,
    context: cosine(a.context, b.context),
    sameSentence: a.doc === b.doc && a.sentence !== undefined && a.sentence === b.sentence ? 1 : 0,
    clash: dateClash || placeClash ? 1 : 0,
  };
}

export function featureVector(f: PairFeatures): number[] {
  return PAIR_FEATURES.map((name) => f[name]);
}

export function pairProbability(model: EventPairModel, f: PairFeatures): number {
  let z = model.bias;
  for (const name of PAIR_FEATURES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

/** Probability that two mentions corefer; 0 across known, different types. */
export function mentionPairProbability(model: EventPairModel, ctx: PairContext, a: EventMention, b: EventMention): number {
  if (a.type !== undefined && b.type !== undefined && a.type !== b.type) return 0;
  const f = pairFeatures(a, b, ctx);
  // ECB+ gives no resolved dates or places, so the clash weight cannot be
  // learnt there; a known clash of date or place vetoes the pair outright.
  if (f.clash > 0) return 0;
  return pairProbability(model, f);
}

/**
 * Average-linkage agglomerative clustering over a symmetric similarity
 * matrix: repeatedly merges the two clusters with the highest mean pairwise
 * similarity while it is ≥ threshold. Returns clusters of indices, each
 * sorted, in order of their first index. O(n³) worst case; n is one topic.
 */
export function averageLinkage(n: number, similarity: (i: number, j: number) => number, threshold: number): number[][] {
  // sum[i*n+j] is the sum of pair similarities between clusters i and j.
  const sum = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const s = similarity(i, j);
      sum[i * n + j] = s;
      sum[j * n + i] = s;
    }
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  const alive: number[] = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let x = 0; x < alive.length; x++) {
      const i = alive[x] as number;
      const si = (members[i] as number[]).length;
      for (let y = x + 1; y < alive.length; y++) {
        const j = alive[y] as number;
        const mean = (sum[i * n + j] as number) / (si * (members[j] as number[]).length);
        if (mean > best) {
          best = mean;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0 || best < threshold) break;
    const mi = members[bi] as number[];
    const mj = members[bj] as number[];
    for (const k of alive) {
      if (k === bi || k === bj) continue;
      const s = (sum[bi * n + k] as number) + (sum[bj * n + k] as number);
      sum[bi * n + k] = s;
      sum[k * n + bi] = s;
    }
    members[bi] = [...mi, ...mj].sort((p, q) => p - q);
    members[bj] = null;
    alive.splice(alive.indexOf(bj), 1);
  }
  return alive.map((i) => members[i] as number[]).sort((p, q) => (p[0] as number) - (q[0] as number));
}

/** Clusters event mentions with the pair model; returns clusters of mention keys. */
export function clusterEventMentions(mentions: readonly EventMention[], model: EventPairModel, ctx: PairContext): string[][] {
  const group = documentGroups([...new Set(mentions.map((m) => m.doc))], ctx.docVectors, model.documentThreshold);
  const clusters = averageLinkage(
    mentions.length,
    (i, j) => {
      const a = mentions[i] as EventMention;
      const b = mentions[j] as EventMention;
      return group.get(a.doc) === group.get(b.doc) ? mentionPairProbability(model, ctx, a, b) : 0;
    },
    model.threshold,
  );
  return clusters.map((c) => c.map((i) => (mentions[i] as EventMention).key));
}

/**
 * Groups documents by average-linkage over their tf-idf cosine (documents
 * about one seminal event share its names, places and numbers). Returns
 * document → group index; threshold 0 puts every document in one group.
 */
export function documentGroups(
  docs: readonly string[],
  vectors: ReadonlyMap<string, SparseVector>,
  threshold: number,
): Map<string, number> {
  const sorted = [...docs].sort();
  const groups = new Map<string, number>();
  if (threshold <= 0) {
    for (const d of sorted) groups.set(d, 0);
    return groups;
  }
  const clusters = averageLinkage(
    sorted.length,
    (i, j) => {
      const a = vectors.get(sorted[i] as string);
      const b = vectors.get(sorted[j] as string);
      return a && b ? cosine(a, b) : 0;
    },
    threshold,
  );
  clusters.forEach((c, g) => {
    for (const i of c) groups.set(sorted[i] as string, g);
  });
  return groups;
}

/** The same-head-lemma baseline: one cluster per lemma key (within the given set). */
export function clusterByLemma(mentions: readonly EventMention[]): string[][] {
  const byLemma = new Map<string, string[]>();
  for (const m of mentions) {
    const c = byLemma.get(m.lemma);
    if (c) c.push(m.key);
    else byLemma.set(m.lemma, [m.key]);
  }
  return [...byLemma.values()];
}
