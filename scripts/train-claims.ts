// Trains the claims model (cue tagger + role tagger) on PolNeAR train,
// reports dev figures, and writes models/claims.bin.
//   npm run train:claims -- [--data ../shared/data/polnear] [--epochs N] [--min-count N] [--out models/claims.bin]
//     [--fraction F]   train on an evenly spread fraction of the train articles (a learning curve)
// Defaults (10 epochs, min count 3) reproduce models/claims.bin; the features
// read the POS tagger's tags, so retrain after models/pos.slb changes.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateClaimModel } from '../src/claims/evaluate.ts';
import { type ClaimModel, lexicon, serializeClaimModel, trainingSequences, viewOf } from '../src/claims/model.ts';
import { readPolnear } from '../src/claims/polnear.ts';
import { summary } from '../src/claims/score.ts';
import { loadStatusMap } from '../src/claims/status.ts';
import { type HashedExample, loadSequenceLabeller, trainPerceptron } from '../src/learn/index.ts';
import { loadPosTagger } from '../src/pos/index.ts';
import { segment } from '../src/text/index.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/polnear' },
    epochs: { type: 'string', default: '10' },
    'role-epochs': { type: 'string' },
    out: { type: 'string', default: 'models/claims.bin' },
    'min-count': { type: 'string', default: '3' },
    // Shuffling seed (the role tagger uses seed + 1); the default reproduces models/claims.bin.
    seed: { type: 'string', default: '1' },
    fraction: { type: 'string', default: '1' },
  },
});
const dataDir = resolve(values.data);
if (!existsSync(join(dataDir, 'train'))) {
  process.stderr.write(`train-claims: ${dataDir}: no train/ folder (PolNeAR not found)\n`);
  process.exit(2);
}
const epochs = Number(values.epochs);
const roleEpochs = Number(values['role-epochs'] ?? values.epochs);
const minFeatureCount = Number(values['min-count']);
const t0 = Date.now();
const map = loadStatusMap();
const lex = lexicon(map);
const tagger = loadPosTagger();
const fraction = Number(values.fraction);
if (!(fraction > 0 && fraction <= 1)) {
  process.stderr.write(`train-claims: --fraction ${values.fraction}: expected a number in (0, 1]\n`);
  process.exit(2);
}
// Article k is kept when floor((k + 1) F) passes an integer: evenly spread over
// the sorted names, so every publisher and annotation batch stays represented.
const train = readPolnear(join(dataDir, 'train')).filter((_, k) => Math.floor((k + 1) * fraction) > Math.floor(k * fraction));
const cueData: HashedExample[] = [];
const roleData: HashedExample[] = [];
for (const article of train) {
  const doc = viewOf(segment(article.text), lex, tagger);
  // Multi-annotator articles: every annotator's reading is a training example.
  for (const ann of article.annotations) {
    const seqs = trainingSequences(doc, ann.attributions, lex);
    cueData.push(...seqs.cue);
    roleData.push(...seqs.role);
  }
}
const log = (s: string): void => {
  process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}\n`);
};
log(`features: ${cueData.length} sentences, ${roleData.length} cue windows`);
const cue = trainPerceptron(cueData, {
  epochs,
  seed: Number(values.seed),
  scheme: 'BIO',
  minFeatureCount,
  onEpoch: (e, s) => log(`cue epoch ${e}: ${s.errors} errors / ${s.tokens}`),
});
const role = trainPerceptron(roleData, {
  epochs: roleEpochs,
  seed: Number(values.seed) + 1,
  scheme: 'BIO',
  minFeatureCount,
  onEpoch: (e, s) => log(`role epoch ${e}: ${s.errors} errors / ${s.tokens}`),
});
const model: ClaimModel = {
  cue: loadSequenceLabeller(cue.serialize()),
  role: loadSequenceLabeller(role.serialize()),
};
const bytes = serializeClaimModel(model);
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KiB)`);
if (existsSync(join(dataDir, 'dev'))) {
  const dev = readPolnear(join(dataDir, 'dev'));
  log(`dev (taggers only): ${JSON.stringify(summary(evaluateClaimModel(model, map, dev, undefined, { rules: false, tagger })))}`);
  log(`dev (with rules): ${JSON.stringify(summary(evaluateClaimModel(model, map, dev, undefined, { tagger })))}`);
}
log('done');
