// `npm run bench`: throughput and peak memory of each stage, the full
// pipeline and SQLite ingest on real news text at ×1, ×4, ×16, with peers
// (compromise, Apache OpenNLP) measured in the same run on the same text.
// Every measurement runs in its own process pinned to one core.
// Flags: --scales 1,4,16   --quick (scales 1 only, no OpenNLP training)
// Also the corpus as one long document (×4 at most), for work that grows
// faster than the input.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusAvailable, loadCorpus } from './corpus.ts';
import { ensureModel, opennlpAvailable, timeTagging, writeTokenised } from './opennlp.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const scalesArg = args[args.indexOf('--scales') + 1];
const scales = quick ? [1] : args.includes('--scales') && scalesArg ? scalesArg.split(',').map(Number) : [1, 4, 16];
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

if (!corpusAvailable()) {
  log('skipped: ../shared/data (PolNeAR dev text, CoNLL-2003 testa) is not beside the checkout, so there is no real corpus to measure on');
  process.exit(0);
}

interface WorkerResult {
  task: string;
  scale: number;
  seconds: number;
  tokens: number;
  articles: number;
  peakRssMb: number;
  stages?: Record<string, number>;
  stageOrder?: string[];
  dbBytes?: number;
  bytes?: number;
}

function worker(task: string, scale: number): WorkerResult {
  log(`${task} ×${scale} …`);
  const pin = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];
  const r = spawnSync(
    pin[0] ?? process.execPath,
    [
      ...pin.slice(1),
      ...(pin.length ? [process.execPath] : []),
      // The worker runs from its plain-JS bundle, as bin/sitrep.js runs the
      // CLI: no TypeScript loader's memory in the figures.
      join(import.meta.dirname, '..', 'bin', 'run.js'),
      'bench/worker.ts',
      task,
      String(scale),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (r.status !== 0) throw new Error(`bench worker ${task} ×${scale} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as WorkerResult;
}

const rate = (n: number, s: number) => (s > 0 ? Math.round(n / s) : 0);
const fmt = (n: number) => n.toLocaleString('en-US');

const corpus = loadCorpus();
const rows: string[][] = [];
const json: Record<string, unknown> = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  corpus: { articles: corpus.length, description: 'PolNeAR dev texts + CoNLL-2003 testa articles' },
  results: [] as unknown[],
};
const results = json.results as unknown[];

// Full pipeline, with per-stage time from the same run.
let nerTokensPerSec = 0;
for (const scale of scales) {
  const r = worker('pipeline', scale);
  results.push(r);
  for (const stage of r.stageOrder ?? []) {
    const s = r.stages?.[stage] ?? 0;
    rows.push([`stage: ${stage}`, `×${scale}`, fmt(rate(r.tokens, s)), fmt(rate(r.articles, s)), '—', '']);
    if (stage === 'ner' && scale === scales[scales.length - 1]) nerTokensPerSec = rate(r.tokens, s);
  }
  rows.push(['full pipeline', `×${scale}`, fmt(rate(r.tokens, r.seconds)), fmt(rate(r.articles, r.seconds)), String(r.peakRssMb), '']);
}

// The corpus as one document, at ×4 at most (×4 is 520k tokens, 3 MB): the
// slowest stage on it, against the many-article rate above, shows whether
// any stage's work grows faster than its input.
const longScale = Math.min(4, scales[scales.length - 1] ?? 1);
const long = worker('long', longScale);
results.push(long);
const slowest = (long.stageOrder ?? [])
  .map((stage) => ({ stage, rate: rate(long.tokens, long.stages?.[stage] ?? 0) }))
  .sort((a, b) => a.rate - b.rate)[0];
rows.push([
  'one long document (corpus as one article)',
  `×${longScale}`,
  fmt(rate(long.tokens, long.seconds)),
  '—',
  String(long.peakRssMb),
  `${((long.bytes ?? 0) / 1048576).toFixed(1)} MB in ${long.seconds.toFixed(1)} s; slowest stage ${slowest?.stage} ${fmt(slowest?.rate ?? 0)} tokens/s`,
]);

// The NER stage alone on pre-tokenised text, in its own process: the same
// footing as the OpenNLP peer (which gets tokenised lines).
const nerScale = scales[scales.length - 1] ?? 1;
const nerAlone = worker('ner', nerScale);
results.push(nerAlone);
const nerAloneTokensPerSec = rate(nerAlone.tokens, nerAlone.seconds);
rows.push([
  'NER stage alone (pre-tokenised)',
  `×${nerScale}`,
  fmt(nerAloneTokensPerSec),
  fmt(rate(nerAlone.articles, nerAlone.seconds)),
  String(nerAlone.peakRssMb),
  'as the OpenNLP peer is run',
]);
// The same stage measured as the OpenNLP row is (×1→×N difference of two
// runs): steady state, without the JIT warm-up and word-type cache filling
// that the ×1 share of the ×N run pays. Reported beside, not instead.
let nerMarginalTokensPerSec = 0;
if (scales.length > 1 && (scales[0] ?? 1) < nerScale) {
  const small = worker('ner', scales[0] ?? 1);
  results.push(small);
  nerMarginalTokensPerSec = rate(nerAlone.tokens - small.tokens, nerAlone.seconds - small.seconds);
  rows.push([
    'NER stage alone (pre-tokenised)',
    `×${small.scale}→×${nerScale} marginal`,
    fmt(nerMarginalTokensPerSec),
    '—',
    '—',
    'measured as the OpenNLP row is',
  ]);
}

for (const scale of scales) {
  const r = worker('ingest', scale);
  results.push(r);
  rows.push([
    'ingest → SQLite',
    `×${scale}`,
    fmt(rate(r.tokens, r.seconds)),
    fmt(rate(r.articles, r.seconds)),
    String(r.peakRssMb),
    `${fmt(Math.round((r.dbBytes ?? 0) / r.articles))} B/article`,
  ]);
}

const compromise = worker('compromise', scales[0] ?? 1);
results.push(compromise);
const compromiseRate = rate(compromise.tokens, compromise.seconds);
rows.push([
  'peer: compromise (people/places/orgs)',
  `×${compromise.scale}`,
  fmt(compromiseRate),
  fmt(rate(compromise.articles, compromise.seconds)),
  String(compromise.peakRssMb),
  '',
]);

let opennlpRate = 0;
if (!opennlpAvailable()) {
  log('peer OpenNLP not installed (apt-get install -y opennlp): skipped');
} else if (quick) {
  log('peer OpenNLP skipped in --quick mode');
} else {
  const model = ensureModel(log);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-opennlp-'));
  const small = join(dir, 'x1.txt');
  const big = join(dir, 'xN.txt');
  // At least ×4: the marginal rate needs two different sizes.
  const nBig = Math.max(4, ...scales);
  const t1 = writeTokenised(corpus, 1, small);
  const tN = writeTokenised(corpus, nBig, big);
  const a = timeTagging(model.path, small);
  const b = timeTagging(model.path, big);
  // The difference of two runs cancels JVM start-up and model loading.
  opennlpRate = rate(tN - t1, b.seconds - a.seconds);
  results.push({
    task: 'opennlp',
    tokensSmall: t1,
    tokensBig: tN,
    secondsSmall: a.seconds,
    secondsBig: b.seconds,
    peakRssMb: b.peakRssMb,
    marginalTokensPerSec: opennlpRate,
    trainedSeconds: model.trainedSeconds,
  });
  rows.push([
    'peer: OpenNLP TokenNameFinder',
    `×1→×${nBig} marginal`,
    fmt(opennlpRate),
    '—',
    String(b.peakRssMb),
    `wall ×${nBig}: ${b.seconds.toFixed(1)} s`,
  ]);
  rmSync(dir, { recursive: true, force: true });
}

const ratios: Record<string, number> = {};
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
// Like for like: both taggers alone on the same tokens; and sitrep's NER
// stage inside the full pipeline (sharing caches and GC with the others).
if (nerAloneTokensPerSec && opennlpRate) ratios.nerVsOpennlp = ratio(nerAloneTokensPerSec, opennlpRate);
if (nerMarginalTokensPerSec && opennlpRate) ratios.nerMarginalVsOpennlpMarginal = ratio(nerMarginalTokensPerSec, opennlpRate);
if (nerTokensPerSec && opennlpRate) ratios.nerInPipelineVsOpennlp = ratio(nerTokensPerSec, opennlpRate);
if (nerTokensPerSec && compromiseRate) ratios.nerVsCompromise = ratio(nerTokensPerSec, compromiseRate);
json.ratios = ratios;

const table = [
  '| measurement | corpus | tokens/s | articles/s | peak RSS MB | notes |',
  '|---|---|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const out = join(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
process.stdout.write(`\nCorpus ×1: ${corpus.length} articles (PolNeAR dev + CoNLL-2003 testa), one core each run.\n\n${table}\n\n`);
process.stdout.write(`Ratios (sitrep / peer): ${JSON.stringify(ratios)}\n`);
process.stdout.write(`JSON written to bench/results/latest.json\n`);
