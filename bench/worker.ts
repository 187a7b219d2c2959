// One measurement in its own process, so peak RSS belongs to it alone.
// Usage: node bin/run.js bench/worker.ts <pipeline|long|ner|compromise|ingest> <scale>
// Prints one JSON line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeDocument } from '../src/ingest/index.ts';
import { createNerStage } from '../src/ner/index.ts';
import { type AnyStage, createDefaultPipeline, createPipeline } from '../src/pipeline/index.ts';
import { openStore } from '../src/store/index.ts';
import { segment } from '../src/text/index.ts';
import { loadCorpus, scaled } from './corpus.ts';

const [task, scaleArg] = process.argv.slice(2);
const scale = Number(scaleArg ?? '1');
const corpus = loadCorpus();

function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function timedPipeline(seconds: Map<string, number>) {
  const base = createDefaultPipeline();
  const wrapped: AnyStage[] = base.stages.map((stage) => ({
    ...stage,
    run(input, ctx) {
      const t0 = performance.now();
      const out = stage.run(input, ctx);
      seconds.set(stage.name, (seconds.get(stage.name) ?? 0) + (performance.now() - t0) / 1000);
      return out;
    },
  }));
  return createPipeline(wrapped);
}

function warmUp(run: (text: string) => void): void {
  // Models load lazily on first use: load them outside the timed region.
  for (const a of corpus.slice(0, 3)) run(a.text);
}

const result: Record<string, unknown> = { task, scale };
if (task === 'pipeline') {
  const seconds = new Map<string, number>();
  const pipeline = timedPipeline(seconds);
  warmUp((text) => pipeline.run(makeDocument({ origin: 'warm', text }).document, { published: '2016-10-01' }));
  seconds.clear();
  let tokens = 0;
  let articles = 0;
  const t0 = performance.now();
  for (const a of scaled(corpus, scale)) {
    const { document } = makeDocument({ origin: a.id, text: a.text, id: a.id });
    const x = pipeline.run(document, { published: '2016-10-01' });
    for (const s of x.sentences) tokens += s.tokens.length;
    articles++;
  }
  result.seconds = (performance.now() - t0) / 1000;
  result.stages = Object.fromEntries(seconds);
  result.stageOrder = pipeline.stages.map((s) => s.name);
  result.tokens = tokens;
  result.articles = articles;
} else if (task === 'long') {
  // The corpus ×scale as ONE document (articles as paragraphs): a stage whose
  // work grows faster than the document shows here as a rate far below the
  // many-article pipeline's, and a peak RSS that one long input costs.
  const seconds = new Map<string, number>();
  const pipeline = timedPipeline(seconds);
  warmUp((text) => pipeline.run(makeDocument({ origin: 'warm', text }).document, { published: '2016-10-01' }));
  seconds.clear();
  const text = [...scaled(corpus, scale)].map((a) => a.text).join('\n\n');
  const t0 = performance.now();
  const x = pipeline.run(makeDocument({ origin: 'long', text, id: 'long' }).document, { published: '2016-10-01' });
  result.seconds = (performance.now() - t0) / 1000;
  result.stages = Object.fromEntries(seconds);
  result.stageOrder = pipeline.stages.map((s) => s.name);
  result.tokens = x.sentences.reduce((n, s) => n + s.tokens.length, 0);
  result.articles = 1;
  result.bytes = Buffer.byteLength(text);
} else if (task === 'ner') {
  // The NER stage alone on text segmented beforehand: the footing OpenNLP's
  // name finder gets (tokenised input, its own process).
  const ner = createNerStage();
  const segmented = corpus.map((a) => ({
    document: makeDocument({ origin: a.id, text: a.text, id: a.id }).document,
    sentences: segment(a.text),
  }));
  const runNer = (d: (typeof segmented)[number]) =>
    ner.run({ document: d.document, layers: { sentences: d.sentences } }, { published: '2016-10-01' });
  for (const d of segmented.slice(0, 3)) runNer(d);
  let tokens = 0;
  let articles = 0;
  const t0 = performance.now();
  for (let k = 0; k < scale; k++) {
    for (const d of segmented) {
      runNer(d);
      for (const s of d.sentences) tokens += s.tokens.length;
      articles++;
    }
  }
  result.seconds = (performance.now() - t0) / 1000;
  result.tokens = tokens;
  result.articles = articles;
} else if (task === 'compromise') {
  const { default: nlp } = await import('compromise');
  warmUp((text) => nlp(text).people().out('array'));
  let tokens = 0;
  let articles = 0;
  const t0 = performance.now();
  for (const a of scaled(corpus, scale)) {
    const doc = nlp(a.text);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
    articles++;
  }
  result.seconds = (performance.now() - t0) / 1000;
  // Count tokens with our own tokeniser so both sides are measured in the same unit.
  for (const a of corpus) for (const s of segment(a.text)) tokens += s.tokens.length;
  result.tokens = tokens * scale;
  result.articles = articles;
} else if (task === 'ingest') {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
  const path = join(dir, 'bench.db');
  const pipeline = createDefaultPipeline();
  const store = openStore(path);
  let articles = 0;
  let tokens = 0;
  const t0 = performance.now();
  for (const a of scaled(corpus, scale)) {
    // Each copy differs by a marker line so it is a new document, as a real corpus would be.
    const { document } = makeDocument({ origin: a.id, text: `${a.text}\n[copy ${a.id}]`, id: a.id });
    const x = pipeline.run(document, { published: '2016-10-01' });
    for (const s of x.sentences) tokens += s.tokens.length;
    store.ingest(x);
    articles++;
  }
  store.close();
  result.seconds = (performance.now() - t0) / 1000;
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {
      // WAL files are gone after a clean close.
    }
  }
  result.dbBytes = bytes;
  result.articles = articles;
  result.tokens = tokens;
  rmSync(dir, { recursive: true, force: true });
} else {
  process.stderr.write(`unknown bench task '${task}'\n`);
  process.exit(2);
}
result.peakRssMb = peakRssMb();
process.stdout.write(`${JSON.stringify(result)}\n`);
