// Builds models/ner/clusters.tsv: word → bit-string path of a binary
// hierarchy of distributional word classes, used like Brown clusters
// (Brown et al. 1992; Ratinov & Roth 2009 use path prefixes as features).
// Instead of Brown's exchange algorithm (too slow to run here in minutes)
// we bisect recursively with spherical 2-means over each word's
// left/right-neighbour profile (log counts over the most frequent words,
// randomly projected to a dense vector). Deterministic (seeded projection).
// Unlabelled text read from ../shared/data (never copied; only the derived
// word → path table is stored): CoNLL-2003 train words, PolNeAR .txt,
// Reuters-21578 bodies, ukraine-media-2022 texts.
// Usage: tsx scripts/build-ner-clusters.ts [--data ../shared/data] [--out models/ner/clusters.tsv]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'models/ner/clusters.tsv' },
    vocab: { type: 'string', default: '50000' },
    depth: { type: 'string', default: '14' },
  },
});
const VOCAB = Number(values.vocab);
const DEPTH = Number(values.depth);
const CONTEXTS = 800; // most frequent words used as left/right context features
const DIM = 96;
const MIN_COUNT = 4;
const started = Date.now();
const log = (m: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${m}`);

const TOKEN = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*\.?|[^\s\p{L}\p{N}]/gu;
function* texts(dir: string): Generator<string> {
  const conll = readFileSync(join(dir, 'conll2003/eng.train'), 'utf8');
  let sentence: string[] = [];
  for (const line of conll.split('\n')) {
    const w = line.split(' ')[0];
    if (!w || w === '-DOCSTART-') {
      if (sentence.length) yield sentence.join(' ');
      sentence = [];
    } else sentence.push(w);
  }
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.txt') ? [p] : [];
    });
  for (const f of walk(join(dir, 'polnear')).sort()) yield readFileSync(f, 'utf8');
  for (const [file, field] of [
    ['reuters21578/reuters21578.jsonl', 'body'],
    ['ukraine-media-2022/ukraine_media_2022.jsonl', 'text'],
  ] as const) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const row = JSON.parse(line) as Record<string, unknown>;
      const t = row[field];
      if (typeof t === 'string') yield t;
      if (typeof row.title === 'string') yield row.title;
    }
  }
}

// Pass 1: word counts; pass 2: neighbour counts. Token streams are kept as ids.
const ids = new Map<string, number>();
const words: string[] = [];
const freq: number[] = [];
const stream: number[] = [];
for (const text of texts(values.data)) {
  for (const m of text.matchAll(TOKEN)) {
    const w = m[0];
    let id = ids.get(w);
    if (id === undefined) {
      id = words.length;
      ids.set(w, id);
      words.push(w);
      freq.push(0);
    }
    freq[id] = (freq[id] as number) + 1;
    stream.push(id);
  }
  stream.push(-1); // document boundary
}
log(`${stream.length} tokens, ${words.length} types`);
const byFreq = words
  .map((_, i) => i)
  .sort((a, b) => (freq[b] as number) - (freq[a] as number) || (words[a] as string).localeCompare(words[b] as string));
const vocab = byFreq.filter((i) => (freq[i] as number) >= MIN_COUNT).slice(0, VOCAB);
const row = new Int32Array(words.length).fill(-1);
vocab.forEach((id, r) => {
  row[id] = r;
});
const ctx = new Int32Array(words.length).fill(-1);
byFreq.slice(0, CONTEXTS).forEach((id, c) => {
  ctx[id] = c;
});
const V = vocab.length;
const W = 2 * (CONTEXTS + 1); // +1: "rare word" context
const counts = new Float32Array(V * W);
for (let t = 0; t < stream.length; t++) {
  const id = stream[t] as number;
  if (id < 0) continue;
  const r = row[id] as number;
  if (r < 0) continue;
  const left = stream[t - 1] ?? -1;
  const right = stream[t + 1] ?? -1;
  const bump = (c: number): void => {
    counts[c] = (counts[c] as number) + 1;
  };
  if (left >= 0) bump(r * W + ((ctx[left] as number) < 0 ? CONTEXTS : (ctx[left] as number)));
  if (right >= 0) bump(r * W + CONTEXTS + 1 + ((ctx[right] as number) < 0 ? CONTEXTS : (ctx[right] as number)));
}
log(`counted contexts for ${V} words`);

// Seeded Gaussian-ish random projection of log(1 + count) profiles.
let seed = 12345;
const rand = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296 - 0.5;
};
const proj = new Float32Array(W * DIM);
for (let i = 0; i < proj.length; i++) proj[i] = rand() + rand() + rand();
const vec = new Float32Array(V * DIM);
for (let r = 0; r < V; r++) {
  const out = r * DIM;
  for (let c = 0; c < W; c++) {
    const x = counts[r * W + c] as number;
    if (x === 0) continue;
    const v = Math.log1p(x);
    const pb = c * DIM;
    for (let d = 0; d < DIM; d++) vec[out + d] = (vec[out + d] as number) + v * (proj[pb + d] as number);
  }
  let n = 0;
  for (let d = 0; d < DIM; d++) n += (vec[out + d] as number) ** 2;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < DIM; d++) vec[out + d] = (vec[out + d] as number) / n;
}
log('projected');

const dot = (r: number, c: Float64Array): number => {
  let s = 0;
  for (let d = 0; d < DIM; d++) s += (vec[r * DIM + d] as number) * (c[d] as number);
  return s;
};
const centroid = (members: readonly number[]): Float64Array => {
  const c = new Float64Array(DIM);
  for (const r of members) for (let d = 0; d < DIM; d++) c[d] = (c[d] as number) + (vec[r * DIM + d] as number);
  let n = 0;
  for (let d = 0; d < DIM; d++) n += (c[d] as number) ** 2;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < DIM; d++) c[d] = (c[d] as number) / n;
  return c;
};

const paths = new Array<string>(V).fill('');
// Spherical 2-means, seeded with the most frequent member and the member least like it.
const split = (members: number[], path: string): void => {
  for (const r of members) paths[r] = path;
  if (path.length >= DEPTH || members.length < 8) return;
  const first = members[0] as number;
  const c0 = centroid([first]);
  let far = first;
  let farSim = 2;
  for (const r of members) {
    const s = dot(r, c0);
    if (s < farSim) {
      farSim = s;
      far = r;
    }
  }
  let a = c0;
  let b = centroid([far]);
  let left: number[] = [];
  let right: number[] = [];
  for (let it = 0; it < 8; it++) {
    left = [];
    right = [];
    for (const r of members) (dot(r, a) >= dot(r, b) ? left : right).push(r);
    if (left.length === 0 || right.length === 0) return;
    a = centroid(left);
    b = centroid(right);
  }
  split(left, `${path}0`);
  split(right, `${path}1`);
};
split(
  vocab.map((_, r) => r),
  '',
);
log('clustered');
const lines = vocab.map((id, r) => `${words[id]}\t${paths[r] || '0'}`);
writeFileSync(
  values.out,
  `# word<TAB>cluster path; built by scripts/build-ner-clusters.ts from unlabelled news text in ../shared/data\n${lines.join('\n')}\n`,
);
log(`${values.out}: ${lines.length} words`);
