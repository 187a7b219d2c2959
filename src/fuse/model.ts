// The event-pair model as data: logistic weights, merge threshold and the
// learnt related-lemma table, trained by scripts/train-fuse.ts on ECB+ train
// topics and committed as models/fuse-events.json. load() reads it once.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assetUrl } from '../model/assets.ts';
import type { RelatedLemmas } from './events.ts';
import type { EventPairModel } from './types.ts';

const WeightsSchema = z.object({
  lemma: z.number(),
  related: z.number(),
  wordnet: z.number(),
  args: z.number(),
  actors: z.number(),
  docSim: z.number(),
  context: z.number(),
  sameSentence: z.number().default(0),
  clash: z.number(),
});

export const EventModelFileSchema = z.object({
  weights: WeightsSchema,
  bias: z.number(),
  threshold: z.number().min(0).max(1),
  documentThreshold: z.number().min(0).max(1),
  dateWindowDays: z.number().nonnegative(),
  trainedOn: z.string(),
  /** [lemmaPairKey, coreference rate] */
  related: z.array(z.tuple([z.string(), z.number().min(0).max(1)])),
});
export type EventModelFile = z.infer<typeof EventModelFileSchema>;

export interface LoadedEventModel {
  readonly model: EventPairModel;
  readonly related: RelatedLemmas;
}

export const DEFAULT_EVENT_MODEL_URL = assetUrl('models/fuse-events.json');

let cached: LoadedEventModel | undefined;

/** Loads the committed model (once), or the file at `path` (tests, tuning). */
export function loadEventModel(path?: string | URL): LoadedEventModel {
  if (path === undefined && cached) return cached;
  const file = EventModelFileSchema.parse(JSON.parse(readFileSync(path ?? DEFAULT_EVENT_MODEL_URL, 'utf8')));
  const loaded = fromModelFile(file);
  if (path === undefined) cached = loaded;
  return loaded;
}

export function fromModelFile(file: EventModelFile): LoadedEventModel {
  const { related, ...model } = file;
  return { model, related: new Map(related) };
}
