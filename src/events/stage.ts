// The events stage: triggers from the lexicon, then arguments, quantities,
// polarity and modality per trigger, and the epistemic status inherited from
// the innermost claim whose content holds the trigger.

import { actorById, lookupActor } from '../actors/index.ts';
import type { Claim, EntityMention, Event, Message, Place, Quantity, Sentence, Span, TimeRef, Token } from '../model/index.ts';
import { need, type Stage } from '../pipeline/index.ts';
import {
  type ActorArgument,
  actorCandidates,
  hasAreaAnaphor,
  isCalendarDate,
  isNominal,
  pickActors,
  pickInstruments,
  pickLocation,
  pickTime,
  publicationWeek,
  resolvePronoun,
  tokenRange,
} from './arguments.ts';
import { detectTriggers, type TriggerMatch } from './detect.ts';
import { lemmaForms } from './lemma.ts';
import { type Lexicon, loadLexicon } from './lexicon.ts';
import { isNegated, modalityOf } from './modality.ts';
import { findQuantities, type QuantityMention } from './quantities.ts';

export interface EventStageOptions {
  /** Taxonomy and trigger lexicon; defaults to the committed data files. */
  readonly lexicon?: Lexicon;
  /** Canonical actor for a mention without one; defaults to the actor table. */
  readonly actorOf?: (mention: EntityMention) => string | undefined;
}

const STAGE = 'events';
const MODEL = 'rules:events-lexicon-v1';
const STATEMENT_TYPE = 'statements';

const contains = (outer: { start: number; end: number }, inner: { start: number; end: number }): boolean =>
  outer.start <= inner.start && inner.end <= outer.end;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

/**
 * For each sentence, the items whose span overlaps it, in the items' order
 * (an item across a boundary is in both). Sentences are in text order.
 */
function overlappingEach<T>(sentences: readonly Sentence[], items: readonly T[], spanOf: (item: T) => Span): T[][] {
  const out: T[][] = sentences.map(() => []);
  for (const item of items) {
    const span = spanOf(item);
    // First sentence ending after the item starts.
    let lo = 0;
    let hi = sentences.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sentences[mid] as Sentence).span.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < sentences.length && (sentences[k] as Sentence).span.start < span.end; k++) {
      if (overlaps((sentences[k] as Sentence).span, span)) out[k]?.push(item);
    }
  }
  return out;
}

function defaultActorOf(m: EntityMention): string | undefined {
  return m.actor ?? lookupActor(m.text)?.id;
}

/** Innermost claim whose content holds the span. */
function enclosingClaim(claims: readonly Claim[], span: { start: number; end: number }): Claim | undefined {
  return claims
    .filter((c) => contains(c.content.span, span))
    .sort((a, b) => a.content.span.end - a.content.span.start - (b.content.span.end - b.content.span.start))[0];
}

const PRONOUN_SOURCES = /^(they|it|he|she|we|them)$/i;

/**
 * The claim's source as one argument: its words, or the mention it resolves
 * to when the words are a pronoun or a long phrase with an aside ("others,
 * like Dmitry Medvedev, a senior Russian official," → Dmitry Medvedev).
 */
function sourceArgument(claim: Claim, entities: ReadonlyMap<string, EntityMention>): ActorArgument | undefined {
  const s = claim.source;
  const m = s.entity ? entities.get(s.entity) : undefined;
  const useMention = m && (PRONOUN_SOURCES.test(s.text.trim()) || s.text.includes(','));
  const span = useMention ? m.span : s.span;
  if (!span) return undefined;
  return {
    span,
    text: useMention ? m.text : s.text,
    ...(s.entity ? { entity: s.entity } : {}),
    ...(s.actor ? { actor: s.actor } : {}),
  };
}

/** The source as a reader names it, without a leading article. */
function sourceName(claim: Claim, entities: ReadonlyMap<string, EntityMention>): string {
  return (sourceArgument(claim, entities)?.text ?? claim.source.text).replace(/^the\s+/i, '');
}

const has = (tokens: readonly Token[], lemmas: readonly string[]): boolean =>
  tokens.some((t) => lemmas.some((l) => lemmaForms(t.text).has(l)));

/** The kind of a counted figure, from its noun and the words around it and its event. */
export function quantityKind(q: QuantityMention, tokens: readonly Token[], trigger: TriggerMatch): Quantity['kind'] {
  if (q.counted === 'distance') return 'distance';
  const around = [
    ...tokens.slice(trigger.start, trigger.end),
    ...tokens.slice(Math.max(0, q.start - 3), Math.min(tokens.length, q.end + 3)),
  ];
  if (q.counted === 'equipment') return has(around, ['destroy', 'disable', 'knock']) ? 'equipment_destroyed' : 'other';
  if (has(around, ['kill', 'dead', 'die', 'death', 'fatality', 'killing'])) return 'fatalities';
  if (has(around, ['wound', 'injure', 'injury', 'hurt'])) return 'injured';
  if (has(around, ['evacuate', 'evacuation'])) return 'evacuated';
  if (has(around, ['flee', 'displace', 'displacement'])) return 'displaced';
  if (has(around, ['arrest', 'detain', 'detention'])) return 'detained';
  if (trigger.subType === 'evacuation_displacement') return 'evacuated';
  return 'personnel';
}

function figureDistance(q: QuantityMention, t: TriggerMatch): number {
  return q.start >= t.start && q.end <= t.end ? 0 : q.start >= t.end ? q.start - t.end + 1 : Math.max(1, t.start - q.end + 1);
}

/** Assigns each figure to the nearest trigger of its sentence (0 when inside it). */
function attachQuantities(triggers: readonly TriggerMatch[], quantities: readonly QuantityMention[]): Map<TriggerMatch, QuantityMention[]> {
  const out = new Map<TriggerMatch, QuantityMention[]>(triggers.map((t) => [t, []]));
  for (const q of quantities) {
    const best = [...triggers].sort((a, b) => figureDistance(q, a) - figureDistance(q, b) || a.start - b.start)[0];
    if (best) out.get(best)?.push(q);
  }
  return out;
}

function argument(arg: ActorArgument | undefined): Event['actor1'] {
  if (!arg) return undefined;
  return { span: arg.span, text: arg.text, ...(arg.entity ? { entity: arg.entity } : {}), ...(arg.actor ? { actor: arg.actor } : {}) };
}

const AIR_PLATFORMS = ['aircraft', 'jet', 'warplane', 'drone', 'helicopter', 'airstrike', 'uav', 'bomber'];
/** How far back (in sentences) "this attack" looks for its antecedent. */
const ANAPHOR_SENTENCES = 3;
const SPECIFIC_VIOLENCE = new Set(['explosions_remote_violence', 'violence_against_civilians']);

/**
 * Two re-typing rules that look beyond the trigger:
 * - air-platform: equipment destroyed or people killed by aircraft named
 *   earlier in the sentence is an air strike (ACLED 'Air/drone strike');
 * - attack-anaphor: "this attack", "the attacks" take the type of the last
 *   specific violent event of the document (a suicide bombing, an air strike).
 */
export function retype(
  trigger: TriggerMatch,
  tokens: readonly Token[],
  earlier: readonly Event[],
  sentence: number,
): { subType: string; rule: string } | undefined {
  if (trigger.subType !== 'armed_clash') return undefined;
  if (['destroy-equipment', 'kill-combatants', 'attack'].includes(trigger.rule) && has(tokens.slice(0, trigger.start), AIR_PLATFORMS)) {
    return { subType: 'air_drone_strike', rule: 'retype:air-platform' };
  }
  const head = tokens[trigger.start];
  if (trigger.rule === 'attack' && head && /^attacks?$/i.test(head.text) && isNominal(tokens, trigger.start)) {
    const antecedent = earlier.filter((e) => SPECIFIC_VIOLENCE.has(e.type) && sentence - e.sentence <= ANAPHOR_SENTENCES).at(-1);
    if (antecedent) return { subType: antecedent.subType, rule: 'retype:attack-anaphor' };
  }
  return undefined;
}

const STATE_KINDS = new Set(['country', 'government', 'military', 'ministry', 'police', 'intelligence']);
const STATE_WORDS = /\b(army|military|security forces|government|regime|police|troops|armed forces|ISF)\b/i;
const NON_STATE_WORDS = /\b(opposition|rebels?|militants?|insurgents?|militias?|ISIL|ISIS|Islamic State|Daesh|jihadists?|fighters)\b/;

/**
 * ACLED decides between 'Government regains territory' and 'Non-state actor
 * overtakes territory' by who takes it (ACLED Codebook, Battles), not by the
 * verb: the actor table's kind, else words in actor1's phrase.
 */
export function territorySubType(subType: string, actor1: ActorArgument | undefined): string | undefined {
  if (subType !== 'government_regains_territory' && subType !== 'non_state_actor_overtakes_territory') return undefined;
  if (!actor1) return undefined;
  const kind = actor1.actor ? actorById(actor1.actor)?.kind : undefined;
  const state = kind ? STATE_KINDS.has(kind) : STATE_WORDS.test(actor1.text) && !NON_STATE_WORDS.test(actor1.text);
  const nonState = kind ? kind === 'armed_group' : NON_STATE_WORDS.test(actor1.text);
  const decided = state ? 'government_regains_territory' : nonState ? 'non_state_actor_overtakes_territory' : undefined;
  return decided && decided !== subType ? decided : undefined;
}

export function createEventStage(options: EventStageOptions = {}): Stage<'events'> {
  const actorOf = options.actorOf ?? defaultActorOf;
  let lexicon = options.lexicon;
  return {
    name: STAGE,
    requires: ['sentences', 'entities', 'claims', 'times', 'places'],
    provides: ['events'],
    model: MODEL,
    run(input, ctx) {
      lexicon ??= loadLexicon();
      const lex = lexicon;
      const text = input.document.text;
      const sentences = need(input, 'sentences');
      const entities = need(input, 'entities');
      const claims = need(input, 'claims');
      const times = need(input, 'times');
      const places = need(input, 'places');
      const messages: Message[] = [];

      let published = ctx.published;
      if (published !== undefined && !isCalendarDate(published)) {
        messages.push({
          message: `publication date '${published}' is not a calendar date; events without a date expression have no time`,
          stage: STAGE,
          rule: 'bad-publication-date',
          severity: 'warning',
        });
        published = undefined;
      }

      const events: Event[] = [];
      const ids = new Set<string>();
      let lastLocation: Event['location'];
      // Built on the first sentence with a trigger: most sentences have none.
      let byId: ReadonlyMap<string, EntityMention> | undefined;
      let entitiesIn: readonly (readonly EntityMention[])[] | undefined;
      let placesIn: readonly (readonly Place[])[] | undefined;
      let timesIn: readonly (readonly TimeRef[])[] | undefined;
      let contentsIn: readonly (readonly Claim[])[] | undefined;
      let cuesIn: readonly (readonly Claim[])[] | undefined;
      let week: string | undefined;
      for (const [k, sentence] of sentences.entries()) {
        const sentenceEvents = eventsInSentence(sentence, k);
        events.push(...sentenceEvents);
        const located = sentenceEvents.filter((e) => e.location?.place).at(-1);
        if (located?.location) lastLocation = located.location;
      }
      if (published === undefined && events.some((e) => !e.time)) {
        messages.push({
          message: 'no usable publication date: events without a date expression in their sentence have no time',
          stage: STAGE,
          rule: 'no-publication-date',
          severity: 'info',
        });
      }
      return { events, messages };

      function eventsInSentence(sentence: Sentence, k: number): Event[] {
        const tokens = sentence.tokens;
        const triggers = detectTriggers(tokens, lex);
        if (triggers.length === 0) return [];
        byId ??= new Map(entities.map((e) => [e.id, e]));
        const entityById = byId;
        // The layers' items overlapping this sentence, in layer order: every
        // rule below reads only those, and scanning whole layers per trigger
        // grew with the square of the document's length.
        entitiesIn ??= overlappingEach(sentences, entities, (e) => e.span);
        placesIn ??= overlappingEach(sentences, places, (p) => p.span);
        timesIn ??= overlappingEach(sentences, times, (t) => t.span);
        contentsIn ??= overlappingEach(sentences, claims, (c) => c.content.span);
        cuesIn ??= overlappingEach(sentences, claims, (c) => c.cue.span);
        const sentenceContents = contentsIn[k] ?? [];
        const sentenceCues = cuesIn[k] ?? [];
        const sentenceEntities = entitiesIn[k] ?? [];
        const candidates = actorCandidates(sentence, text, sentenceEntities, lex, actorOf);
        const statementStarts = triggers.filter((t) => lex.subTypes.get(t.subType)?.type === STATEMENT_TYPE).map((t) => t.start);
        const quantities = attachQuantities(triggers, findQuantities(tokens, lex.classes));
        const out: Event[] = [];
        for (const trigger of triggers) {
          const initial = lex.subTypes.get(trigger.subType);
          const first = tokens[trigger.start];
          const last = tokens[trigger.end - 1];
          if (!initial || !first || !last) continue;
          const rules = [trigger.rule];
          const span = { start: first.span.start, end: last.span.end };
          // retype reads earlier events only for armed clashes: copy them only then.
          const retyped = retype(trigger, tokens, trigger.subType === 'armed_clash' ? [...events, ...out] : [], sentence.i);
          let entry = retyped ? (lex.subTypes.get(retyped.subType) ?? initial) : initial;
          if (retyped) rules.push(retyped.rule);
          const isStatement = entry.type === STATEMENT_TYPE;

          const claim = enclosingClaim(sentenceContents, span);
          const cueClaim = isStatement ? sentenceCues.find((c) => overlaps(c.cue.span, span)) : undefined;
          const contentStart = claim && claim.sentence === sentence.i ? tokenRange(sentence, claim.content.span)?.start : undefined;
          const picked = pickActors(tokens, trigger, candidates, contentStart ?? 0, statementStarts);
          let actor1: ActorArgument | undefined;
          const fromSource = cueClaim ? sourceArgument(cueClaim, entityById) : undefined;
          if (fromSource) {
            actor1 = fromSource;
            rules.push('actor1:claim-source');
          } else if (picked.actor1) {
            actor1 = resolvePronoun(picked.actor1.candidate, claim);
            const resolved = picked.actor1.candidate.pronoun && (actor1.entity || actor1.actor);
            rules.push(`actor1:${picked.actor1.rule}${resolved ? '+claim-source' : ''}`);
          }
          const actor2 = picked.actor2 ? resolvePronoun(picked.actor2.candidate, claim) : undefined;
          if (actor2 && picked.actor2) rules.push(`actor2:${picked.actor2.rule}`);

          const territory = territorySubType(entry.subType, actor1);
          if (territory) {
            const t = lex.subTypes.get(territory);
            if (t) {
              entry = t;
              rules.push('retype:territory-by-actor');
            }
          }

          const taken = [actor1?.span, actor2?.span].filter((s): s is { start: number; end: number } => !!s);
          const loc = pickLocation(sentence, trigger, placesIn[k] ?? [], taken);
          let location: Event['location'];
          if (loc) {
            location = { span: loc.place.span, text: loc.place.text, entity: loc.place.mention, place: loc.place.id };
            rules.push(`location:${loc.rule}`);
          } else if (lastLocation && hasAreaAnaphor(sentence)) {
            location = lastLocation;
            rules.push('location:area-anaphor');
          }

          const timeRef = pickTime(sentence, trigger, timesIn[k] ?? []);
          let time: Event['time'];
          if (timeRef) {
            time = { timeRef: timeRef.id, value: timeRef.value, precision: timeRef.precision };
            rules.push('time:in-sentence');
          } else if (published) {
            week ??= publicationWeek(published);
            time = { value: week, precision: 'week' };
            rules.push('time:publication-week');
          }

          const eventQuantities: Quantity[] = (quantities.get(trigger) ?? []).map((q) => {
            const qs = tokens[q.start];
            const qe = tokens[q.end - 1];
            const qspan = { start: qs?.span.start ?? span.start, end: qe?.span.end ?? span.end };
            const kind = quantityKind(q, tokens, trigger);
            return {
              kind,
              ...(q.value !== undefined ? { value: q.value } : {}),
              approximate: q.approximate,
              ...(q.unit ? { unit: q.unit } : {}),
              ...(kind === 'equipment_destroyed' || kind === 'other' ? { of: q.noun } : {}),
              span: qspan,
              text: text.slice(qspan.start, qspan.end),
            };
          });

          const instruments = pickInstruments(sentence, trigger, sentenceEntities, lex, text)
            .map((a) => argument(a))
            .filter((a) => !!a);

          let modality = modalityOf(tokens, trigger.start, isStatement);
          if (claim?.status === 'demanded' && !isStatement) modality = 'demanded';

          let id = `ev:${span.start}-${span.end}`;
          if (ids.has(id)) id = `${id}:${trigger.subType}`;
          ids.add(id);
          const a1 = argument(actor1);
          const a2 = argument(actor2);
          out.push({
            id,
            sentence: sentence.i,
            type: entry.type,
            subType: entry.subType,
            cameo: entry.cameo,
            trigger: { span, text: text.slice(span.start, span.end) },
            ...(a1 ? { actor1: a1 } : {}),
            ...(a2 ? { actor2: a2 } : {}),
            ...(location ? { location } : {}),
            ...(time ? { time } : {}),
            quantities: eventQuantities,
            ...(instruments.length > 0 ? { instruments } : {}),
            negated: isNegated(tokens, trigger.start),
            modality,
            ...(claim ? { claim: claim.id, source: sourceName(claim, entityById) } : {}),
            status: claim?.status ?? 'asserted',
            provenance: { stage: STAGE, model: MODEL, rule: rules.join(' '), confidence: trigger.weak ? 0.5 : 0.8 },
          });
        }
        return out;
      }
    },
  };
}
