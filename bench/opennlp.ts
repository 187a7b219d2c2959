// Apache OpenNLP (Debian package `opennlp`) as the NER peer: its name finder
// trained once on CoNLL-2003 train with the conll03 format reader, the model
// cached outside the repository, then timed on the same text as sitrep.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { segment } from '../src/text/index.ts';
import { type BenchArticle, SHARED_DATA, scaled } from './corpus.ts';

export const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sitrep-bench');
const MODEL = join(CACHE, 'opennlp-en-ner-conll03.bin');

export function opennlpAvailable(): boolean {
  return spawnSync('sh', ['-c', 'command -v opennlp'], { encoding: 'utf8' }).status === 0;
}

/** Trains the name finder on CoNLL train once (a few minutes); later runs reuse it. */
export function ensureModel(log: (line: string) => void): { path: string; trainedSeconds?: number } {
  if (existsSync(MODEL)) return { path: MODEL };
  mkdirSync(CACHE, { recursive: true });
  log(`training OpenNLP name finder on CoNLL-2003 train → ${MODEL} (once)`);
  const t0 = performance.now();
  execFileSync(
    'opennlp',
    [
      'TokenNameFinderTrainer.conll03',
      '-model',
      MODEL,
      '-lang',
      'eng',
      '-types',
      'per,loc,org,misc',
      '-data',
      join(SHARED_DATA, 'conll2003', 'eng.train'),
      '-encoding',
      'UTF-8',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return { path: MODEL, trainedSeconds: (performance.now() - t0) / 1000 };
}

/** Writes the corpus as OpenNLP's input: one tokenised sentence a line, a blank line between articles. */
export function writeTokenised(corpus: readonly BenchArticle[], scale: number, path: string): number {
  const lines: string[] = [];
  let tokens = 0;
  for (const a of scaled(corpus, scale)) {
    for (const s of segment(a.text)) {
      lines.push(s.tokens.map((t) => t.text.replace(/\s+/g, '_')).join(' '));
      tokens += s.tokens.length;
    }
    lines.push('');
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return tokens;
}

/** Wall time of `opennlp TokenNameFinder` over a file, pinned to one core. */
export function timeTagging(model: string, input: string): { seconds: number; peakRssMb: number } {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', `/usr/bin/time -f '%M' taskset -c 0 opennlp TokenNameFinder '${model}' < '${input}' > /dev/null`], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`opennlp failed: ${r.stderr.split('\n').slice(-3).join(' ')}`);
  const rssKb = Number(r.stderr.trim().split('\n').pop());
  return { seconds, peakRssMb: Math.round(rssKb / 1024) };
}
