// Actors: the canonical actor table (countries, their governments, militaries
// and ministries, international organisations, armed groups) and linking of
// the NER stage's mentions to it — titles, within-document chains, actor ids,
// and a small rule-based pronoun resolver. It does not tag entities (src/ner
// does, and calls linkMentions at the end of its run) nor link across documents.
import { type Actor, type ActorTable, loadActorTable } from './table.ts';

export { type LinkOptions, linkMentions } from './link.ts';
export { normalizeName } from './normalize.ts';
export { type ReferenceOptions, resolveReference } from './reference.ts';
export { type ActorStageOptions, createActorStage } from './stage.ts';
export { ACTOR_KINDS, type Actor, type ActorKind, type ActorSource, type ActorTable, loadActorTable } from './table.ts';

/** Every actor, sorted by id. */
export function actorTable(): readonly Actor[] {
  return loadActorTable().actors;
}

/** The actor a name stands for: "the Kremlin" → RUS.GOV, "Russia's Ministry of Defence" → RUS.MOD. */
export function lookupActor(text: string, table: ActorTable = loadActorTable()): Actor | undefined {
  return table.lookup(text);
}

export function actorById(id: string, table: ActorTable = loadActorTable()): Actor | undefined {
  return table.byId(id);
}
