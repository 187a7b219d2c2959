// Loading the NER model bundle: the three sequence labellers plus the
// resources their features read (gazetteer, word clusters). One `load()`;
// tests and tools can pass another directory or an in-memory bundle.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSequenceLabeller } from '../learn/index.ts';
import { FeatureExtractor, type FeatureResources } from './features.ts';
import { Gazetteer } from './gazetteer.ts';
import type { TaggerModels } from './tagger.ts';

export const DEFAULT_MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models/ner');

export interface NerModel {
  readonly name: string;
  readonly models: TaggerModels;
  readonly resources: FeatureResources;
  readonly features: FeatureExtractor;
}

/** Reads `word<TAB>bitpath` lines (see scripts/build-ner-clusters.ts). */
export function parseClusters(text: string): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab > 0) clusters.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return clusters;
}

export function loadResources(dir: string): FeatureResources {
  const gazetteer = Gazetteer.fromTsv(readFileSync(join(dir, 'gazetteer.tsv'), 'utf8'));
  const clusterPath = join(dir, 'clusters.tsv');
  if (!existsSync(clusterPath)) return { gazetteer };
  return { gazetteer, clusters: parseClusters(readFileSync(clusterPath, 'utf8')) };
}

export function createNerModel(name: string, models: TaggerModels, resources: FeatureResources): NerModel {
  return { name, models, resources, features: new FeatureExtractor(resources) };
}

export function loadNerModel(dir: string = DEFAULT_MODEL_DIR): NerModel {
  const file = (f: string): string => join(dir, f);
  if (!existsSync(file('conll1.slb'))) {
    throw new Error(`${dir}: no NER model (conll1.slb missing); run \`npm run train:ner\``);
  }
  const read = (f: string) => loadSequenceLabeller(readFileSync(file(f)));
  const models: TaggerModels = {
    conll1: read('conll1.slb'),
    ...(existsSync(file('conll2.slb')) ? { conll2: read('conll2.slb') } : {}),
    ...(existsSync(file('re3d.slb')) ? { re3d: read('re3d.slb') } : {}),
  };
  return createNerModel('ner-perceptron-v1', models, loadResources(dir));
}
