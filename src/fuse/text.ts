// Bag-of-words vectors for document and sentence similarity: lemma keys of
// content words, tf-idf weighted and L2-normalised, compared by cosine.
import { readFileSync } from 'node:fs';
import { assetUrl } from '../model/assets.ts';
import { lemmaKey } from './lemma.ts';

const STOPWORDS: ReadonlySet<string> = new Set(
  readFileSync(assetUrl('src/fuse/stopwords.txt'), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .flatMap((line) => line.split(/\s+/))
    .filter((w) => w !== ''),
);

export type SparseVector = ReadonlyMap<string, number>;

/** Content-word lemma keys of a text, in order (numbers kept: figures matter). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    const w = m[0].toLowerCase().replace(/[.'’-]+$/, '');
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(/^\p{N}/u.test(w) ? w : lemmaKey(w));
  }
  return out;
}

export function termCounts(words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Smoothed idf over a set of documents' word sets: ln((1+N)/(1+df)) + 1. */
export function inverseDocumentFrequency(docs: readonly ReadonlySet<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const w of d) df.set(w, (df.get(w) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [w, n] of df) idf.set(w, Math.log((1 + docs.length) / (1 + n)) + 1);
  return idf;
}

export function tfidfVector(counts: ReadonlyMap<string, number>, idf?: ReadonlyMap<string, number>): SparseVector {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [w, n] of counts) {
    const x = (1 + Math.log(n)) * (idf?.get(w) ?? 1);
    v.set(w, x);
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [w, x] of v) v.set(w, x / norm);
  return v;
}

export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [w, x] of small) {
    const y = large.get(w);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}
