// Trains the fusion event-pair model on ECB+ TRAIN topics only (never dev
// 2,5,12,18,21,23,34,35; never the sealed 36–45): the related-lemma table,
// logistic weights (Newton/IRLS) and the average-linkage threshold (grid search
// for CoNLL F1). Writes models/fuse-events.json.
//   nice -n 10 npx tsx scripts/train-fuse.ts [../shared/data/ecbplus/train-dev.jsonl]
import { writeFileSync } from 'node:fs';
import {
  averageLinkage,
  buildEcbTopic,
  documentGroups,
  ECB_DEV_TOPICS,
  ECB_SEALED_TOPICS,
  type EcbTopic,
  type EventMention,
  type EventModelFile,
  featureVector,
  fromModelFile,
  lemmaPairKey,
  mentionPairProbability,
  PAIR_FEATURES,
  pairFeatures,
  readEcbPlus,
  scoreCoref,
} from '../src/fuse/index.ts';

const path = process.argv[2] ?? '../shared/data/ecbplus/train-dev.jsonl';
const articles = readEcbPlus(path);
const trainTopics = [...new Set(articles.map((a) => a.topic))]
  .filter((t) => !ECB_DEV_TOPICS.includes(t) && !ECB_SEALED_TOPICS.includes(t))
  .sort((a, b) => a - b);
const topics = trainTopics.map((t) => buildEcbTopic(t, articles));
const DATE_WINDOW = 3;
const TRAIN_DOCUMENT_THRESHOLD = 0.1;

/** Lemma pairs' coreference rate over cross-document mention pairs with different lemmas. */
function relatedTable(from: readonly EcbTopic[]): Map<string, number> {
  const seen = new Map<string, number>();
  const coref = new Map<string, number>();
  for (const t of from) {
    const chainOf = new Map<string, number>();
    t.key.forEach((c, i) => {
      for (const k of c) chainOf.set(k, i);
    });
    const ms = t.mentions;
    for (let i = 0; i < ms.length; i++)
      for (let j = i + 1; j < ms.length; j++) {
        const a = ms[i];
        const b = ms[j];
        if (!a || !b || a.lemma === b.lemma) continue;
        const k = lemmaPairKey(a.lemma, b.lemma);
        seen.set(k, (seen.get(k) ?? 0) + 1);
        if (chainOf.get(a.key) === chainOf.get(b.key)) coref.set(k, (coref.get(k) ?? 0) + 1);
      }
  }
  const table = new Map<string, number>();
  for (const [k, n] of coref) {
    // Laplace-smoothed rate; only pairs seen coreferent at least twice.
    if (n >= 2) table.set(k, Math.round((n / ((seen.get(k) ?? n) + 1)) * 1000) / 1000);
  }
  return table;
}

// Cross-fitted related tables: features for one half use the table from the other.
const halves = [topics.filter((_, i) => i % 2 === 0), topics.filter((_, i) => i % 2 === 1)];
const crossTables = [relatedTable(halves[1] ?? []), relatedTable(halves[0] ?? [])];

const X: number[][] = [];
const y: number[] = [];
halves.forEach((half, h) => {
  const related = crossTables[h] as Map<string, number>;
  for (const t of half) {
    const chainOf = new Map<string, number>();
    t.key.forEach((c, i) => {
      for (const k of c) chainOf.set(k, i);
    });
    const ctx = { ...t.ctx, related, dateWindowDays: DATE_WINDOW };
    const ms = t.mentions;
    // Learn from the pairs clustering will score: those inside one document group.
    const group = documentGroups([...new Set(ms.map((m) => m.doc))], t.ctx.docVectors, TRAIN_DOCUMENT_THRESHOLD);
    for (let i = 0; i < ms.length; i++)
      for (let j = i + 1; j < ms.length; j++) {
        const a = ms[i];
        const b = ms[j];
        if (!a || !b || group.get(a.doc) !== group.get(b.doc)) continue;
        X.push([1, ...featureVector(pairFeatures(a, b, ctx))]);
        y.push(chainOf.get(a.key) === chainOf.get(b.key) ? 1 : 0);
      }
  }
});
console.error(
  `train topics ${trainTopics.join(',')}: ${topics.reduce((n, t) => n + t.mentions.length, 0)} mentions, ${y.length} pairs, ${y.filter((v) => v === 1).length} positive`,
);

// Logistic regression by Newton's method with a small L2 penalty.
const d = PAIR_FEATURES.length + 1;
let w = new Array<number>(d).fill(0);
const L2 = 1;
for (let iter = 0; iter < 25; iter++) {
  const g = new Array<number>(d).fill(0);
  const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let n = 0; n < X.length; n++) {
    const x = X[n] as number[];
    let z = 0;
    for (let k = 0; k < d; k++) z += (w[k] as number) * (x[k] as number);
    const p = 1 / (1 + Math.exp(-z));
    const r = p - (y[n] as number);
    const s = p * (1 - p);
    for (let k = 0; k < d; k++) {
      g[k] = (g[k] as number) + r * (x[k] as number);
      const Hk = H[k] as number[];
      for (let l = 0; l <= k; l++) Hk[l] = (Hk[l] as number) + s * (x[k] as number) * (x[l] as number);
    }
  }
  for (let k = 1; k < d; k++) {
    g[k] = (g[k] as number) + L2 * (w[k] as number);
    (H[k] as number[])[k] = ((H[k] as number[])[k] as number) + L2;
  }
  for (let k = 0; k < d; k++) for (let l = k + 1; l < d; l++) (H[k] as number[])[l] = (H[l] as number[])[k] as number;
  const step = solve(H, g);
  w = w.map((v, k) => v - (step[k] as number));
  const norm = Math.sqrt(step.reduce((s, v) => s + v * v, 0));
  if (norm < 1e-6) break;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((M[r] as number[])[c] as number) > Math.abs((M[p] as number[])[c] as number)) p = r;
    [M[c], M[p]] = [M[p] as number[], M[c] as number[]];
    const pivot = (M[c] as number[])[c] as number;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((M[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (M[r] as number[])[k] = ((M[r] as number[])[k] as number) - f * ((M[c] as number[])[k] as number);
    }
  }
  return M.map((row, i) => (row[n] as number) / ((row[i] as number) || 1));
}

const round = (v: number): number => Math.round(v * 10_000) / 10_000;
const weights = Object.fromEntries(PAIR_FEATURES.map((name, k) => [name, round(w[k + 1] as number)])) as EventModelFile['weights'];
const fullTable = relatedTable(topics);

// Threshold: grid search for CoNLL F1 over the train topics (cross-fitted tables).
const bias = round(w[0] as number);
const { model: scoring } = fromModelFile({
  weights,
  bias,
  threshold: 0.5,
  documentThreshold: 0,
  dateWindowDays: DATE_WINDOW,
  trainedOn: '',
  related: [],
});
// Pair probabilities do not depend on the thresholds: compute each topic's matrix once.
const matrices = halves.flatMap((half, h) =>
  half.map((t) => {
    const ctx = { ...t.ctx, related: crossTables[h] as Map<string, number>, dateWindowDays: DATE_WINDOW };
    const n = t.mentions.length;
    const p = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        p[i * n + j] = mentionPairProbability(scoring, ctx, t.mentions[i] as EventMention, t.mentions[j] as EventMention);
    return { t, p, n };
  }),
);
let best = { threshold: 0.5, documentThreshold: 0, f1: -1 };
for (const documentThreshold of [0, 0.06, 0.08, 0.1, 0.12, 0.15]) {
  for (let th = 0.15; th <= 0.56; th += 0.05) {
    const key: string[][] = [];
    const response: string[][] = [];
    for (const { t, p, n } of matrices) {
      const group = documentGroups([...new Set(t.mentions.map((m) => m.doc))], t.ctx.docVectors, documentThreshold);
      const doc = t.mentions.map((m) => group.get(m.doc));
      key.push(...t.key.map((c) => [...c]));
      const clusters = averageLinkage(n, (i, j) => (doc[i] === doc[j] ? (p[Math.min(i, j) * n + Math.max(i, j)] as number) : 0), th);
      response.push(...clusters.map((c) => c.map((i) => (t.mentions[i] as EventMention).key)));
    }
    const f1 = scoreCoref(key, response).conllF1;
    console.error(`documents ${documentThreshold}, threshold ${th.toFixed(2)}: train CoNLL F1 ${f1.toFixed(4)}`);
    if (f1 > best.f1) best = { threshold: round(th), documentThreshold, f1 };
  }
}

const out: EventModelFile = {
  weights,
  bias: round(w[0] as number),
  threshold: best.threshold,
  documentThreshold: best.documentThreshold,
  dateWindowDays: DATE_WINDOW,
  trainedOn: `ECB+ train topics ${trainTopics.join(',')} (${path.split('/').pop()}); train CoNLL F1 ${best.f1.toFixed(4)} at threshold ${best.threshold}, document threshold ${best.documentThreshold}`,
  related: [...fullTable].sort((a, b) => a[0].localeCompare(b[0])),
};
writeFileSync(new URL('../models/fuse-events.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(
  JSON.stringify({
    weights: out.weights,
    bias: out.bias,
    threshold: out.threshold,
    related: out.related.length,
    trainConllF1: round(best.f1),
  }),
);
