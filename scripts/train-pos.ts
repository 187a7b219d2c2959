// Trains the POS tagger on CoNLL-2003 train's POS column, reports dev
// (testa) accuracy, and writes models/pos.slb.
//   npm run train:pos -- [--data ../shared/data/conll2003] [--epochs N] [--out models/pos.slb]
// Defaults reproduce models/pos.slb byte for byte.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type HashedExample, loadSequenceLabeller, trainPerceptron } from '../src/learn/index.ts';
import { parseConll } from '../src/ner/index.ts';
import { evaluatePos, fromPennTag, PosTagger, sentenceFeatures, wordFeatures } from '../src/pos/index.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/conll2003' },
    epochs: { type: 'string', default: '8' },
    out: { type: 'string', default: 'models/pos.slb' },
  },
});
const dir = resolve(values.data);
const trainFile = join(dir, 'eng.train');
if (!existsSync(trainFile)) {
  process.stderr.write(`train-pos: ${trainFile} not found (CoNLL-2003 is read from ../shared/data)\n`);
  process.exit(2);
}
const t0 = Date.now();
const log = (s: string): void => {
  process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}\n`);
};
const examples: HashedExample[] = [];
for (const doc of parseConll(readFileSync(trainFile, 'utf8'))) {
  for (const s of doc.sentences) {
    examples.push({ ...sentenceFeatures(s.words.map(wordFeatures)), labels: s.pos.map(fromPennTag) });
  }
}
log(`${examples.length} sentences`);
const model = trainPerceptron(examples, {
  epochs: Number(values.epochs),
  seed: 1,
  scheme: 'none',
  minFeatureCount: 2,
  onEpoch: (e, s) => log(`epoch ${e}: ${s.errors} errors / ${s.tokens}`),
});
const bytes = model.serialize();
writeFileSync(resolve(values.out), bytes);
log(`wrote ${values.out} (${(bytes.length / 1024).toFixed(0)} KiB, ${model.featureCount} features)`);
const devFile = join(dir, 'eng.testa');
if (existsSync(devFile)) {
  const scores = evaluatePos(new PosTagger(loadSequenceLabeller(bytes)), parseConll(readFileSync(devFile, 'utf8')));
  log(`dev (testa) accuracy ${scores.accuracy} over ${scores.tokens} tokens`);
}
