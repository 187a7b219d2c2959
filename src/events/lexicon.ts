// Loads the event taxonomy and trigger lexicon (data files next to this one),
// validates them with zod and compiles the trigger patterns. `loadLexicon()`
// is the one place the stage gets its data; tests may pass other data.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { assetUrl } from '../model/assets.ts';
import { type Classes, type CompiledPattern, compilePattern } from './patterns.ts';

const SubTypeSchema = z.object({
  id: z.string(),
  name: z.string(),
  cameo: z.string().regex(/^(0[1-9]|1\d|20)$/, 'CAMEO root code, 01-20'),
  why: z.string(),
  definition: z.string(),
});
const TaxonomySchema = z.object({
  about: z.string(),
  sources: z.record(z.string(), z.string()),
  cameoRoots: z.record(z.string(), z.string()),
  types: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      source: z.string(),
      definition: z.string(),
      subTypes: z.array(SubTypeSchema),
    }),
  ),
});
export type TaxonomyData = z.infer<typeof TaxonomySchema>;

const TriggerSchema = z.object({
  pattern: z.string(),
  subType: z.string(),
  rule: z.string(),
  weak: z.boolean().optional(),
  victim: z.boolean().optional(),
});
const TriggersSchema = z.object({
  about: z.string(),
  classes: z.record(z.string(), z.array(z.string())),
  triggers: z.array(TriggerSchema),
});
export type TriggersData = z.infer<typeof TriggersSchema>;

export interface SubTypeEntry {
  readonly type: string;
  readonly subType: string;
  readonly name: string;
  readonly cameo: string;
}

export interface Trigger {
  readonly pattern: CompiledPattern;
  readonly subType: string;
  readonly rule: string;
  /** Generic word, dropped when it overlaps a more specific trigger. */
  readonly weak: boolean;
  /** Switches to violence against civilians when its object is a civilian. */
  readonly victim: boolean;
}

export interface Lexicon {
  readonly subTypes: ReadonlyMap<string, SubTypeEntry>;
  readonly classes: Classes;
  readonly triggers: readonly Trigger[];
}

export class LexiconError extends Error {
  override readonly name = 'LexiconError';
}

export function buildLexicon(taxonomyJson: unknown, triggersJson: unknown): Lexicon {
  const taxonomy = TaxonomySchema.parse(taxonomyJson);
  const data = TriggersSchema.parse(triggersJson);
  const subTypes = new Map<string, SubTypeEntry>();
  for (const type of taxonomy.types) {
    for (const sub of type.subTypes) {
      if (subTypes.has(sub.id)) throw new LexiconError(`taxonomy: sub-event type '${sub.id}' listed twice`);
      if (!(sub.cameo in taxonomy.cameoRoots)) throw new LexiconError(`taxonomy: '${sub.id}' has unknown CAMEO root ${sub.cameo}`);
      subTypes.set(sub.id, { type: type.id, subType: sub.id, name: sub.name, cameo: sub.cameo });
    }
  }
  const classes: Classes = new Map(Object.entries(data.classes).map(([name, words]) => [name, new Set(words)]));
  const triggers = data.triggers.map((t): Trigger => {
    if (!subTypes.has(t.subType)) throw new LexiconError(`triggers: rule '${t.rule}' names unknown sub-event type '${t.subType}'`);
    return {
      pattern: compilePattern(t.pattern, classes),
      subType: t.subType,
      rule: t.rule,
      weak: t.weak ?? false,
      victim: t.victim ?? false,
    };
  });
  return { subTypes, classes, triggers };
}

let cached: Lexicon | undefined;

/** The committed taxonomy and trigger lexicon, read once. */
export function loadLexicon(): Lexicon {
  if (!cached) {
    const read = (name: string): unknown => JSON.parse(readFileSync(assetUrl(`src/events/${name}`), 'utf8'));
    cached = buildLexicon(read('taxonomy.json'), read('triggers.json'));
  }
  return cached;
}

/** The taxonomy as data, for documentation and the UI's legend. */
export function loadTaxonomy(): TaxonomyData {
  return TaxonomySchema.parse(JSON.parse(readFileSync(assetUrl('src/events/taxonomy.json'), 'utf8')));
}
