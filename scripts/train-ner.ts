// Trains the NER models into models/ner/ (see src/ner/tagger.ts for the design):
//   conll1.slb  CoNLL-2003 eng.train, local + document-case features
//   conll2.slb  + non-local features from conll1's labels, produced on the
//               training documents by 5-fold jackknifing (no model sees its own data)
//   re3d.slb    re3d train, all sitrep types, stacked on conll2's tags
// Reproducible: fixed seeds, fixed document order. Reads ../shared/data.
// Usage: tsx scripts/train-ner.ts [--data ../shared/data] [--out models/ner] [--epochs N]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type HashedExample,
  PerceptronModel,
  type SequenceLabeller,
  spansFromTags,
  tagsFromSpans,
  trainPerceptron,
} from '../src/learn/index.ts';
import { type ConllDocument, parseConll } from '../src/ner/conll.ts';
import { re3dTrainingDocs } from '../src/ner/corpus.ts';
import { FeatureExtractor } from '../src/ner/features.ts';
import { loadLexicons, loadResources } from '../src/ner/model.ts';
import { RE3D_TYPES, readRe3d } from '../src/ner/re3d.ts';

const SITREP_RE3D_TYPES: ReadonlySet<string> = new Set(Object.values(RE3D_TYPES));

import { scoreSpans } from '../src/ner/score.ts';
import { nonLocalFeatures, stackFeatures, tagTokens } from '../src/ner/tagger.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data' },
    out: { type: 'string', default: 'models/ner' },
    epochs: { type: 'string', default: '12' },
    folds: { type: 'string', default: '5' },
    /** Retrain only the re3d model on the CoNLL models already in --out. */
    'only-re3d': { type: 'boolean', default: false },
    're3d-scheme': { type: 'string', default: 'BIO' },
  },
});
const dataDir = values.data;
const outDir = values.out;
const epochs = Number(values.epochs);
const folds = Number(values.folds);
const re3dScheme = values['re3d-scheme'] === 'BILOU' ? 'BILOU' : 'BIO';
const started = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

mkdirSync(outDir, { recursive: true });
const resources = loadResources(outDir);
const lexicons = loadLexicons();
const fx = new FeatureExtractor(resources);
const asLabeller = (m: PerceptronModel): SequenceLabeller => ({
  labels: m.labels,
  decode: () => {
    throw new Error('hashed use only');
  },
  decodeHashed: (s, prior, withConfidence) => m.decodeHashed(s, prior, withConfidence),
  scoreHashed: (f) => m.scoreHashed(f),
  decoder: m,
  serialize: () => m.serialize(),
});
const train = (data: HashedExample[], name: string, scheme: 'BIO' | 'BILOU' = 'BILOU'): PerceptronModel =>
  trainPerceptron(data, {
    epochs,
    seed: 20240809,
    scheme,
    onEpoch: (e, s) => {
      if (e === epochs) log(`${name}: epoch ${e}, ${s.errors} token errors of ${s.tokens}`);
    },
  });

const conllTrain = parseConll(readFileSync(join(dataDir, 'conll2003/eng.train'), 'utf8'));
const words = (d: ConllDocument): string[][] => d.sentences.map((s) => s.words);
const goldTags = (d: ConllDocument): string[][] => d.sentences.map((s) => tagsFromSpans(s.words.length, s.spans, 'BILOU'));

function pass1Examples(docs: readonly ConllDocument[]): HashedExample[] {
  return docs.flatMap((d) => {
    const dc = fx.documentCase(words(d));
    const tags = goldTags(d);
    return d.sentences.map((s, i) => ({ ...fx.sentence(s.words, dc), labels: tags[i] as string[] }));
  });
}

function pass2Examples(docs: readonly ConllDocument[], pass1Tags: readonly string[][][]): HashedExample[] {
  return docs.flatMap((d, di) => {
    const w = words(d);
    const dc = fx.documentCase(w);
    const nl = nonLocalFeatures(fx, w, pass1Tags[di] ?? []);
    const tags = goldTags(d);
    return d.sentences.map((s, i) => ({ ...fx.sentence(s.words, dc, nl[i]), labels: tags[i] as string[] }));
  });
}

// Confidence temperatures are fitted on the dev splits (src/learn calibrate()).
const dev = parseConll(readFileSync(join(dataDir, 'conll2003/eng.testa'), 'utf8'));

function trainConll(): { conll1: PerceptronModel; conll2: PerceptronModel } {
  log(`CoNLL train: ${conllTrain.length} documents`);
  const conll1 = train(pass1Examples(conllTrain), 'conll1');
  log(`conll1 temperature ${conll1.calibrate(pass1Examples(dev))}`);
  writeFileSync(join(outDir, 'conll1.slb'), conll1.serialize());

  // Jackknifed pass-1 tags for the training documents.
  const pass1Tags: string[][][] = new Array(conllTrain.length);
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number): boolean => i % folds === f;
    const model = asLabeller(train(pass1Examples(conllTrain.filter((_, i) => !inFold(i))), `conll1 fold ${f + 1}/${folds}`));
    conllTrain.forEach((d, i) => {
      if (inFold(i)) pass1Tags[i] = tagTokens({ conll1: model }, fx, words(d)).conll;
    });
  }
  const conll2 = train(pass2Examples(conllTrain, pass1Tags), 'conll2');
  const devPass1 = dev.map((d) => tagTokens({ conll1: asLabeller(conll1) }, fx, words(d)).conll);
  log(`conll2 temperature ${conll2.calibrate(pass2Examples(dev, devPass1))}`);
  writeFileSync(join(outDir, 'conll2.slb'), conll2.serialize());
  return { conll1, conll2 };
}

const { conll1, conll2 } = values['only-re3d']
  ? {
      conll1: PerceptronModel.load(readFileSync(join(outDir, 'conll1.slb'))),
      conll2: PerceptronModel.load(readFileSync(join(outDir, 'conll2.slb'))),
    }
  : trainConll();

// re3d, stacked on the full CoNLL models' tags: every re3d type sitrep has
// (re3d conventions: "the heart of East Mosul", "Iraqi forces"); the stage
// takes only the defence types from it (src/ner/stage.ts). BIO keeps Viterbi small.
const conllModels = { conll1: asLabeller(conll1), conll2: asLabeller(conll2) };
const re3dExamples = (split: string): HashedExample[] =>
  re3dTrainingDocs(readRe3d(join(dataDir, 're3d', split))).flatMap(({ tok, spans }) => {
    const dc = fx.documentCase(tok.sentences);
    const conllTags = tagTokens(conllModels, fx, tok.sentences).conll;
    return tok.sentences.map((w, s) => ({
      ...fx.sentence(w, dc, stackFeatures(conllTags[s] ?? [], w, lexicons.defence)),
      labels: tagsFromSpans(
        w.length,
        (spans[s] ?? []).filter((sp) => SITREP_RE3D_TYPES.has(sp.type)),
        re3dScheme,
      ),
    }));
  });
const re3d = train(re3dExamples('train'), 're3d', re3dScheme);
log(`re3d temperature ${re3d.calibrate(re3dExamples('dev'))}`);
writeFileSync(join(outDir, 're3d.slb'), re3d.serialize());

// Dev figures for the log (the eval commands are the reference).
for (const [name, models] of [
  ['conll1', { conll1: asLabeller(conll1) }],
  ['conll2', conllModels],
] as const) {
  const gold: { type: string; unit: number; start: number; end: number }[] = [];
  const pred: typeof gold = [];
  let unit = 0;
  for (const d of dev) {
    const tags = tagTokens(models, fx, words(d)).conll;
    d.sentences.forEach((s, i) => {
      for (const sp of s.spans) gold.push({ ...sp, unit });
      for (const sp of spansFromTags(tags[i] ?? [], 'BILOU')) pred.push({ ...sp, unit });
      unit++;
    });
  }
  const sc = scoreSpans(gold, pred);
  log(
    `${name} dev F1 ${sc.f1} (${Object.entries(sc.byType)
      .map(([t, v]) => `${t} ${v.f1}`)
      .join(', ')})`,
  );
}
log(`done: ${outDir}`);
