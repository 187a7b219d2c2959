// Loading the NER model bundle: the three sequence labellers plus the
// resources their features read (gazetteer, word clusters). One `load()`;
// tests and tools can pass another directory or an in-memory bundle.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSequenceLabeller } from '../learn/index.ts';
import { assetPath } from '../model/assets.ts';
import { WordClusters } from './clusters.ts';
import { FeatureExtractor, type FeatureResources } from './features.ts';
import { Gazetteer } from './gazetteer.ts';
import type { TaggerModels } from './tagger.ts';

export const DEFAULT_MODEL_DIR = assetPath('models/ner');
/** Hand-made lexicons (data/ner/*.tsv, each with its source in its header). */
export const DEFAULT_DATA_DIR = assetPath('data/ner');

/** Lexicons the stage's rules and the re3d model's features read. */
export interface NerLexicons {
  /** WEAPON / MILITARY_PLATFORM / VEHICLE terms (data/ner/defence-lexicon.tsv). */
  readonly defence: Gazetteer;
  /** Building names used for institutions (data/ner/metonyms.tsv). */
  readonly metonyms: ReadonlySet<string>;
}

export function loadLexicons(dir: string = DEFAULT_DATA_DIR): NerLexicons {
  const defence = Gazetteer.fromTsv(readFileSync(join(dir, 'defence-lexicon.tsv'), 'utf8'));
  const metonyms = new Set(
    readFileSync(join(dir, 'metonyms.tsv'), 'utf8')
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return { defence, metonyms };
}

export interface NerModel {
  readonly name: string;
  readonly models: TaggerModels;
  readonly resources: FeatureResources;
  readonly lexicons: NerLexicons;
  readonly features: FeatureExtractor;
}

/** Reads `word<TAB>bitpath` lines (see scripts/build-ner-clusters.ts). */
export function parseClusters(text: string): WordClusters {
  return new WordClusters(text);
}

export function loadResources(dir: string): FeatureResources {
  const gazetteer = Gazetteer.fromTsv(readFileSync(join(dir, 'gazetteer.tsv'), 'utf8'));
  const clusterPath = join(dir, 'clusters.tsv');
  if (!existsSync(clusterPath)) return { gazetteer };
  return { gazetteer, clusters: parseClusters(readFileSync(clusterPath, 'utf8')) };
}

export function createNerModel(
  name: string,
  models: TaggerModels,
  resources: FeatureResources,
  lexicons: NerLexicons = loadLexicons(),
): NerModel {
  return { name, models, resources, lexicons, features: new FeatureExtractor(resources) };
}

export function loadNerModel(dir: string = DEFAULT_MODEL_DIR): NerModel {
  const file = (f: string): string => join(dir, f);
  if (!existsSync(file('conll1.slb'))) {
    throw new Error(`${dir}: no NER model (conll1.slb missing); run \`npm run train:ner\``);
  }
  const read = (f: string) => loadSequenceLabeller(readFileSync(file(f)));
  const lexicons = loadLexicons();
  const models: TaggerModels = {
    defence: lexicons.defence,
    conll1: read('conll1.slb'),
    ...(existsSync(file('conll2.slb')) ? { conll2: read('conll2.slb') } : {}),
    ...(existsSync(file('re3d.slb')) ? { re3d: read('re3d.slb') } : {}),
  };
  return createNerModel('ner-perceptron-v1', models, loadResources(dir), lexicons);
}
