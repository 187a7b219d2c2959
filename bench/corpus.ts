// The benchmark corpus: real news text from ../shared/data — PolNeAR dev
// articles and CoNLL-2003 dev (testa) articles rebuilt as running text.
// Nothing from ../shared is copied; it is read at bench time only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/model/assets.ts';

export const SHARED_DATA = join(PACKAGE_ROOT, '..', 'shared', 'data');

export interface BenchArticle {
  id: string;
  text: string;
}

export function corpusAvailable(): boolean {
  return existsSync(join(SHARED_DATA, 'polnear', 'dev', 'text')) && existsSync(join(SHARED_DATA, 'conll2003', 'eng.testa'));
}

/** CoNLL's pre-tokenised lines joined back into one text per -DOCSTART- article. */
function conllArticles(path: string): BenchArticle[] {
  const out: BenchArticle[] = [];
  let sentences: string[] = [];
  let words: string[] = [];
  const flush = () => {
    if (words.length) sentences.push(words.join(' '));
    words = [];
  };
  const finish = () => {
    flush();
    if (sentences.length) out.push({ id: `conll-${out.length}`, text: sentences.join('\n') });
    sentences = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) finish();
    else if (line.trim() === '') flush();
    else words.push(line.split(' ')[0] as string);
  }
  finish();
  return out;
}

export function loadCorpus(): BenchArticle[] {
  const dir = join(SHARED_DATA, 'polnear', 'dev', 'text');
  const polnear = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ id: `polnear-${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  return [...polnear, ...conllArticles(join(SHARED_DATA, 'conll2003', 'eng.testa'))];
}

/** The corpus repeated `scale` times, each copy with distinct ids. */
export function* scaled(corpus: readonly BenchArticle[], scale: number): Generator<BenchArticle> {
  for (let k = 0; k < scale; k++) for (const a of corpus) yield { id: `${a.id}#${k}`, text: a.text };
}
