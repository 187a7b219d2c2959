// Actors: the canonical actor table (countries, their governments, militaries
// and ministries, international organisations, armed groups) and linking of
// the NER stage's mentions to it — titles, within-document chains, actor ids,
// and a small rule-based pronoun resolver. It does not tag entities (src/ner
// does, and calls linkMentions at the end of its run) nor link across documents.
import type { Document, EntityMention, Span } from '../model/index.ts';
import { mentionsWithin } from './mentions.ts';
import { type Actor, type ActorTable, loadActorTable } from './table.ts';

export { type LinkOptions, linkMentions } from './link.ts';
export { mentionsOverlapping, mentionsStartingIn, mentionsWithin } from './mentions.ts';
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

/**
 * The actor a phrase in the document stands for (a claim's source, an event's
 * argument): the whole phrase first ("the Ukrainian government" → UKR.GOV, not
 * the UKR of its "Ukrainian"), else the last linked mention inside it, English
 * noun phrases being head-final ("Russian | Defense Ministry" → RUS.MOD).
 */
export function actorForSpan(
  document: Document,
  mentions: readonly EntityMention[],
  span: Span,
  table: ActorTable = loadActorTable(),
): string | undefined {
  const whole = table.lookup(document.text.slice(span.start, span.end));
  if (whole) return whole.id;
  const inside = mentionsWithin(mentions, span.start, span.end).filter((m) => m.actor);
  inside.sort((a, b) => a.span.end - b.span.end || b.span.start - a.span.start);
  return inside[inside.length - 1]?.actor;
}
