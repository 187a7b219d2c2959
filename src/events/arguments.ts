// Event arguments from the layers earlier stages built: who acted (actor1),
// on whom (actor2), where (a Place in the sentence) and when (a TimeRef in
// the sentence, else the publication date at week precision). Rules are
// positional and small; each is named in provenance and tested in
// arguments.test.ts. They do not parse: a long subject with embedded clauses
// can pick the wrong noun phrase.
import type { Claim, EntityMention, Place, Sentence, Span, TimeRef, Token } from '../model/index.ts';
import { lemmaForms, normalizeWord } from './lemma.ts';
import type { Lexicon } from './lexicon.ts';

export interface ActorArgument {
  readonly span: Span;
  readonly text: string;
  readonly entity?: string;
  readonly actor?: string;
}

/** A possible actor in a sentence, on token indices [start, end). */
export interface ActorCandidate extends ActorArgument {
  readonly start: number;
  readonly end: number;
  /** May stand as a subject (named group, person, "Ukrainian forces"); a bare "Ukrainian" may not. */
  readonly canBeSubject: boolean;
  /** A pronoun ("they", "its forces") to resolve from the enclosing claim's source. */
  readonly pronoun: boolean;
}

const PRONOUNS = new Set(['it', 'its', 'they', 'their', 'them', 'we', 'our', 'he', 'his', 'she', 'her']);
/** Heads that turn a nationality into a group: "Ukrainian forces", "the Russian government". */
const GROUP_HEADS = new Set([
  'government',
  'authorities',
  'officials',
  'leadership',
  'regime',
  'administration',
  'side',
  'partner',
  'ally',
  'coalition',
]);
const MODIFIERS = new Set(['military', 'armed', 'special', 'security', 'regular', 'elite', 'government', 'border', 'defence', 'defense']);
const POSSESSIVE = new Set(["'s", "'"]);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'get', 'got']);
const LOCATIVE = new Set([
  'in',
  'near',
  'into',
  'at',
  'from',
  'across',
  'outside',
  'around',
  'inside',
  'toward',
  'towards',
  'on',
  'within',
  'throughout',
  'along',
]);
const AREA_ANAPHORS = new Set(['area', 'region', 'there', 'town', 'city', 'village', 'province', 'district', 'locality']);
const CLAUSE_MARKS = new Set([',', ';', ':', '.', '“', '”', '"']);
/** Prepositions after which a name is a place, not an actor ('from', 'by', 'on' can introduce actors). */
const PLACE_PREPOSITIONS = new Set([
  'in',
  'near',
  'at',
  'into',
  'inside',
  'outside',
  'across',
  'toward',
  'towards',
  'throughout',
  'within',
]);
const PLACE_NOUNS = new Set(['town', 'city', 'village', 'province', 'region', 'capital', 'border', 'territory', 'coast', 'side']);
const CONJUNCTIONS = new Set(['and', 'or', 'but', 'nor']);
const TIME_BARRIERS = new Set(['after', 'before', 'since', 'following', 'until', 'prior']);

const word = (t: Token | undefined): string => (t ? normalizeWord(t.text) : '');

// Module constants, not literals in the functions: tsx (esbuild) compiles a
// \p{…} literal to `new RegExp(…)`, built again on every call.
const LOWER_WORD = /^\p{Ll}+$/u;
const LOWER_INITIAL = /^\p{Ll}/u;
const LETTERS = /^\p{L}+$/u;
const LETTERS_HYPHENS = /^[\p{L}-]+$/u;
const LETTERS_APOSTROPHES = /^[\p{L}'’-]+$/u;

/** Token index range of a character span in a sentence; undefined when outside. */
export function tokenRange(sentence: Sentence, span: Span): { start: number; end: number } | undefined {
  let start = -1;
  let end = -1;
  sentence.tokens.forEach((t, k) => {
    if (t.span.start < span.end && span.start < t.span.end) {
      if (start < 0) start = k;
      end = k + 1;
    }
  });
  return start < 0 ? undefined : { start, end };
}

function isForceNoun(t: Token | undefined, lexicon: Lexicon): boolean {
  if (!t) return false;
  const force = lexicon.classes.get('force');
  const combatant = lexicon.classes.get('combatant');
  return [...lemmaForms(t.text)].some((f) => force?.has(f) || combatant?.has(f) || GROUP_HEADS.has(f));
}

const NOT_PLURAL_NOUNS = new Set(['has', 'was', 'is', 'does', 'its', 'as', 'this', 'thus', 'his', 'us', 'across', 'unless', 'alongside']);

/** Whether "military" in "military vehicles" is an adjective: a noun follows. */
function modifiesNext(next: Token | undefined, lexicon: Lexicon): boolean {
  if (!next || !LOWER_WORD.test(next.text)) return false;
  if (isForceNoun(next, lexicon)) return true;
  const forms = [...lemmaForms(next.text)];
  if (['equipment', 'target', 'civilian', 'person'].some((c) => forms.some((f) => lexicon.classes.get(c)?.has(f)))) return true;
  const w = word(next);
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !NOT_PLURAL_NOUNS.has(w);
}

/** Extends a mention over "military forces" after it: "Ukrainian" → "Ukrainian forces". */
function groupEnd(tokens: readonly Token[], end: number, lexicon: Lexicon): number | undefined {
  for (let k = end; k < tokens.length && k <= end + 2; k++) {
    const t = tokens[k];
    if (isForceNoun(t, lexicon) && !(MODIFIERS.has(word(t)) && modifiesNext(tokens[k + 1], lexicon))) return k + 1;
    if (!MODIFIERS.has(word(t))) return undefined;
  }
  return undefined;
}

export function actorCandidates(
  sentence: Sentence,
  text: string,
  entities: readonly EntityMention[],
  lexicon: Lexicon,
  actorOf: (m: EntityMention) => string | undefined,
): ActorCandidate[] {
  const tokens = sentence.tokens;
  const out: ActorCandidate[] = [];
  const covered = new Set<number>();
  for (const m of entities) {
    if (m.span.start < sentence.span.start || m.span.end > sentence.span.end) continue;
    const range = tokenRange(sentence, m.span);
    if (!range) continue;
    // "near Tal Afar", "in Hasaka Province": a name after a locative preposition is a place, whatever its tag.
    if (PLACE_PREPOSITIONS.has(word(tokens[range.start])) || PLACE_PREPOSITIONS.has(word(tokens[range.start - 1]))) continue;
    const actor = actorOf(m);
    const base = { entity: m.id, ...(actor ? { actor } : {}) };
    const possessive = POSSESSIVE.has(word(tokens[range.end]));
    let end = range.end;
    let canBeSubject = false;
    switch (m.type) {
      case 'PERSON':
      case 'ORGANIZATION':
        canBeSubject = true;
        end = groupEnd(tokens, range.end, lexicon) ?? range.end;
        break;
      case 'NATIONALITY':
      case 'MISC': {
        const group = groupEnd(tokens, range.end, lexicon);
        if (group !== undefined) {
          end = group;
          canBeSubject = true;
        }
        // "the Syrians" is a group; "the Syrian town of Dabiq" is no actor.
        if (group === undefined && /s$/.test(m.text) && m.type === 'NATIONALITY') canBeSubject = true;
        if (group === undefined && PLACE_NOUNS.has(word(tokens[range.end]))) continue;
        if (m.type === 'MISC' && group === undefined) continue;
        break;
      }
      case 'LOCATION':
        // A country acts when it owns something ("Russia's military response") or is linked to an
        // actor, never after a preposition ("in the Kursk region of southwest Russia").
        if (!possessive && !actor) continue;
        if (!possessive && tokens.slice(Math.max(0, range.start - 2), range.start).some((t) => LOCATIVE.has(word(t)) || word(t) === 'of'))
          continue;
        canBeSubject = true;
        break;
      default:
        continue;
    }
    const first = tokens[range.start];
    const last = tokens[end - 1];
    if (!first || !last) continue;
    for (let k = range.start; k < end; k++) covered.add(k);
    out.push({
      start: range.start,
      end,
      span: { start: first.span.start, end: last.span.end },
      text: text.slice(first.span.start, last.span.end),
      canBeSubject,
      pronoun: false,
      ...base,
    });
  }
  for (const common of commonNounActors(sentence, text, entities, lexicon, covered)) {
    // "Syrian" + "opposition forces" → one group, "Syrian opposition forces".
    const k = out.findIndex((c) => !c.canBeSubject && c.end === common.start);
    const nationality = out[k];
    if (nationality) {
      out[k] = {
        ...nationality,
        end: common.end,
        span: { start: nationality.span.start, end: common.span.end },
        text: text.slice(nationality.span.start, common.span.end),
        canBeSubject: true,
      };
    } else out.push(common);
  }
  tokens.forEach((t, k) => {
    if (covered.has(k) || !PRONOUNS.has(word(t))) return;
    // "labelling it a …": only subject-like pronouns, or possessives heading a group ("its forces").
    const group = groupEnd(tokens, k + 1, lexicon);
    const isPossessive = ['its', 'their', 'our', 'his', 'her'].includes(word(t));
    if (isPossessive && group === undefined) return;
    if (word(t) === 'them') return;
    const end = isPossessive && group !== undefined ? group : k + 1;
    const last = tokens[end - 1] ?? t;
    // "our ally Turkey": the name in apposition says who the group is.
    const named = isPossessive ? out.findIndex((c) => c.start === end && !c.pronoun) : -1;
    const name = out[named];
    if (name) {
      out[named] = { ...name, start: k, span: { start: t.span.start, end: name.span.end }, text: text.slice(t.span.start, name.span.end) };
      return;
    }
    out.push({
      start: k,
      end,
      span: { start: t.span.start, end: last.span.end },
      text: text.slice(t.span.start, last.span.end),
      canBeSubject: true,
      pronoun: true,
    });
  });
  return out.sort((a, b) => a.start - b.start);
}

/** How many adjectives may stand between a determiner and a nominal trigger. */
const NOMINAL_LOOKBACK = 5;
const DETERMINERS_OF_NOUNS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'any', 'another']);
/** An object never lies past a clause mark or a new verb group ("the incursion could be a move to force Russia"). */
const OBJECT_STOP = new Set([
  ',',
  ';',
  ':',
  '.',
  'could',
  'would',
  'may',
  'might',
  'will',
  'is',
  'was',
  'are',
  'were',
  'has',
  'have',
  'had',
  'be',
  'that',
  'which',
  'who',
]);

/**
 * A trigger used as a noun ("the attack", "a rare incursion", "the Ukrainian
 * advance"): its agent is a premodifier or a by-phrase, never the nearest
 * name to the left ("The Kremlin's response to the incursion").
 */
export function isNominal(tokens: readonly Token[], start: number): boolean {
  // Look back over adjectives ("the barbaric terrorist attacks", "today's brutal, senseless attack").
  for (let k = start - 1; k >= 0 && k >= start - NOMINAL_LOOKBACK; k--) {
    const t = tokens[k];
    const w = word(t);
    if (DETERMINERS_OF_NOUNS.has(w) || POSSESSIVE.has(w)) return true;
    if (w === ',' && k < start - 1) continue;
    if (!t || !LETTERS_HYPHENS.test(t.text) || /(ed|ing)$/.test(w) || BE.has(w) || CONJUNCTIONS.has(w)) return false;
  }
  return false;
}

/** Verbs that take these nouns as objects ("kill and injure innocent civilians"). */
const VERBS_BEFORE_OBJECTS = new Set([
  'kill',
  'injure',
  'wound',
  'attack',
  'target',
  'strike',
  'hit',
  'fight',
  'support',
  'defeat',
  'destroy',
  'use',
  'evacuate',
  'protect',
  'help',
  'against',
  'crush',
  'counter',
  'engage',
]);
const ACTOR_NOUNS = new Set([
  'group',
  'organization',
  'organisation',
  'regime',
  'government',
  'coalition',
  'partner',
  'ally',
  'enemy',
  'opposition',
  'gunman',
  'gunmen',
  'attacker',
  'bomber',
  'assailant',
  'official',
]);
const NOT_MODIFIERS = new Set([
  ...DETERMINERS_OF_NOUNS,
  'of',
  'to',
  'in',
  'on',
  'at',
  'by',
  'for',
  'with',
  'from',
  'and',
  'or',
  'but',
  'that',
  'which',
  'who',
  'as',
  'than',
  'some',
  'many',
  'scores',
  'hundreds',
  'thousands',
  'dozens',
]);

/** A head of a common-noun actor: lower-case, an actor noun or in one of the classes. */
function isHead(t: Token, classes: readonly (ReadonlySet<string> | undefined)[]): boolean {
  return LOWER_INITIAL.test(t.text) && [...lemmaForms(t.text)].some((f) => ACTOR_NOUNS.has(f) || classes.some((c) => c?.has(f)));
}

/**
 * Actors named by a common noun ("enemy fighters", "innocent civilians",
 * "this terrorist group", "the government of Iraq"): a head from the force,
 * combatant, civilian or person classes, extended left over its modifiers and
 * right over "of" + a named place. Tokens already in a named candidate are skipped.
 */
function commonNounActors(
  sentence: Sentence,
  text: string,
  entities: readonly EntityMention[],
  lexicon: Lexicon,
  covered: Set<number>,
): ActorCandidate[] {
  const tokens = sentence.tokens;
  const classes = ['force', 'combatant', 'civilian', 'person'].map((c) => lexicon.classes.get(c));
  const out: ActorCandidate[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || covered.has(k) || !isHead(t, classes)) continue;
    // "its forces", "our partners": the pronoun candidate covers these.
    if (['its', 'their', 'our', 'his', 'her'].includes(word(tokens[k - 1]))) continue;
    // "military" before a noun is an adjective: take the last head of a run ("security forces").
    const next = tokens[k + 1];
    if (next && !covered.has(k + 1) && isHead(next, classes)) continue;
    // "military response", "security situation": a modifier word heads only before a function word, verb or mark.
    if (
      MODIFIERS.has(word(t)) &&
      next &&
      LETTERS.test(next.text) &&
      !NOT_MODIFIERS.has(word(next)) &&
      !BE.has(word(next)) &&
      !/ed$/.test(word(next))
    )
      continue;
    let start = k;
    while (start > 0 && k - start < 3) {
      const prev = tokens[start - 1];
      const w = word(prev);
      if (!prev || covered.has(start - 1) || NOT_MODIFIERS.has(w) || BE.has(w) || !LETTERS_HYPHENS.test(prev.text) || /(ing|ed)$/.test(w))
        break;
      if ([...lemmaForms(w)].some((f) => VERBS_BEFORE_OBJECTS.has(f))) break;
      start--;
    }
    let end = k + 1;
    const of = tokens[k + 1];
    const place =
      of && word(of) === 'of' ? entities.find((m) => m.type === 'LOCATION' && tokenRange(sentence, m.span)?.start === k + 2) : undefined;
    if (place) end = tokenRange(sentence, place.span)?.end ?? k + 1;
    const first = tokens[start];
    const last = tokens[end - 1];
    if (!first || !last) continue;
    for (let i = start; i < end; i++) covered.add(i);
    out.push({
      start,
      end,
      span: { start: first.span.start, end: last.span.end },
      text: text.slice(first.span.start, last.span.end),
      canBeSubject: true,
      pronoun: false,
      ...(place ? { entity: place.id } : {}),
    });
  }
  return out;
}

const ASIDE_CUES = new Set(['alongside', 'including', 'like', 'besides', 'with', 'among']);

/** ", alongside border guards and reinforcement units,": a name in an aside is not the subject. */
function inAside(tokens: readonly Token[], c: { start: number }): boolean {
  for (let k = c.start - 1; k >= 0; k--) {
    const w = word(tokens[k]);
    if (w === ',') return false;
    if (ASIDE_CUES.has(w)) return true;
  }
  return false;
}

/** A passive trigger: "was declared", "have been evacuated". */
export function isPassive(tokens: readonly Token[], start: number): boolean {
  const t = tokens[start];
  if (!t || !/(ed|en|wn)$/i.test(t.text)) return false;
  for (let k = start - 1; k >= 0 && k >= start - 3; k--) {
    const w = word(tokens[k]);
    if (w === 'been' || w === 'was' || w === 'were' || w === 'be' || w === 'being' || w === 'is' || w === 'are') return true;
    if (!/ly$/.test(w) && w !== 'not' && w !== "n't" && w !== 'reportedly') return false;
  }
  return false;
}

export interface ActorPick {
  readonly actor1?: { candidate: ActorCandidate; rule: string };
  readonly actor2?: { candidate: ActorCandidate; rule: string };
}

/**
 * actor1 by, in order: a "by X" agent after the trigger; a premodifier
 * ("Ukrainian incursion", "Russia's … strikes"); the nearest subject-capable
 * candidate to the left (not for a passive trigger, whose left neighbour is
 * its object). actor2: the first candidate after the trigger's head word.
 * `from` bounds the leftward search (a claim's content start).
 */
export function pickActors(
  tokens: readonly Token[],
  trigger: { start: number; end: number },
  candidates: readonly ActorCandidate[],
  from = 0,
  /** Token indices of statement triggers: a subject left of one is the speaker, not the agent. */
  blockers: readonly number[] = [],
): ActorPick {
  let actor1: ActorPick['actor1'];
  let actor2: ActorPick['actor2'];
  const passive = isPassive(tokens, trigger.start);
  // "aided by strong support from our ally Turkey": the agent follows, the subject is supported.
  if (word(tokens[trigger.end - 1]) === 'by') {
    const agent = candidates.find((c) => c.start >= trigger.end && c.start <= trigger.end + 8);
    const supported = candidates.filter((c) => c.end <= trigger.start && c.start >= from && c.canBeSubject).at(0);
    return {
      ...(agent ? { actor1: { candidate: agent, rule: 'agent-after-by' } } : {}),
      ...(supported ? { actor2: { candidate: supported, rule: 'clause-subject' } } : {}),
    };
  }
  for (let k = trigger.end; k < tokens.length && k <= trigger.end + 2; k++) {
    if (word(tokens[k]) !== 'by') continue;
    const agent = candidates.find((c) => c.start > k && c.start <= k + 3);
    if (agent) actor1 = { candidate: agent, rule: 'by-agent' };
    break;
  }
  if (!actor1) {
    const pre = candidates.find(
      (c) =>
        c.end <= trigger.start &&
        c.end >= from &&
        trigger.start - c.end <= (POSSESSIVE.has(word(tokens[c.end])) ? 2 : 1) &&
        tokens
          .slice(c.end, trigger.start)
          .every(
            (t) =>
              POSSESSIVE.has(word(t)) ||
              (!BE.has(word(t)) && !CONJUNCTIONS.has(word(t)) && LETTERS_APOSTROPHES.test(t.text) && !/(ed|ing)$/.test(word(t))),
          ),
    );
    if (pre) actor1 = { candidate: pre, rule: 'premodifier' };
  }
  const left = candidates
    .filter((c) => c.end <= trigger.start && c.start >= from && c.canBeSubject && c !== actor1?.candidate && !inAside(tokens, c))
    .at(-1);
  const blocked = !!left && blockers.some((b) => b >= left.end && b < trigger.start);
  if (!actor1 && left && !passive && !blocked && !isNominal(tokens, trigger.start)) actor1 = { candidate: left, rule: 'subject' };
  if (passive && left && left !== actor1?.candidate) actor2 = { candidate: left, rule: 'passive-subject' };
  if (!actor2) {
    const after = candidates.find((c) => c.start > trigger.start && c.start <= trigger.end + 8 && c !== actor1?.candidate && !c.pronoun);
    if (after && !tokens.slice(trigger.end, after.start).some((t) => OBJECT_STOP.has(word(t)))) {
      actor2 = { candidate: after, rule: 'object' };
    }
  }
  return { ...(actor1 ? { actor1 } : {}), ...(actor2 ? { actor2 } : {}) };
}

/** Resolves a pronoun argument to the enclosing claim's source; unresolved, it keeps only its words. */
export function resolvePronoun(arg: ActorCandidate, claim: Claim | undefined): ActorArgument {
  if (!arg.pronoun || !claim || (!claim.source.entity && !claim.source.actor))
    return { span: arg.span, text: arg.text, ...(arg.entity ? { entity: arg.entity } : {}), ...(arg.actor ? { actor: arg.actor } : {}) };
  return {
    span: arg.span,
    text: arg.text,
    ...(claim.source.entity ? { entity: claim.source.entity } : {}),
    ...(claim.source.actor ? { actor: claim.source.actor } : {}),
  };
}

/** Unresolved places rank after every resolved one, but are still used when alone. */
const UNRESOLVED_RANK = 4;

export interface LocationPick {
  readonly place: Place;
  readonly rule: 'locative' | 'most-precise' | 'area-anaphor';
}

const placeRank = (p: Place): number => p.resolved?.precision ?? UNRESOLVED_RANK;

/** Tokens between a range and the trigger (0 when touching or overlapping). */
function tokenDistance(r: { start: number; end: number }, trigger: { start: number; end: number }): number {
  return r.start >= trigger.end ? r.start - trigger.end : Math.max(0, trigger.start - r.end);
}

/**
 * The place after a locative preposition following the trigger ("near the
 * town of Sudzha"); else the most precise place in the sentence (ACLED
 * geo-precision 1 < 2 < 3, then unresolved places), nearest on ties.
 * Places used as actors are skipped.
 */
export function pickLocation(
  sentence: Sentence,
  trigger: { start: number; end: number },
  places: readonly Place[],
  taken: readonly Span[],
): LocationPick | undefined {
  const tokens = sentence.tokens;
  const inSentence = places
    .filter((p) => p.span.start >= sentence.span.start && p.span.end <= sentence.span.end)
    .filter((p) => !taken.some((s) => s.start < p.span.end && p.span.start < s.end))
    .map((p) => ({ p, r: tokenRange(sentence, p.span) }))
    .filter((x): x is { p: Place; r: { start: number; end: number } } => !!x.r);
  if (inSentence.length === 0) return undefined;
  for (let k = trigger.end; k < tokens.length && k <= trigger.end + 8; k++) {
    if (!LOCATIVE.has(word(tokens[k]))) continue;
    const next = inSentence.filter((x) => x.r.start > k && x.r.start <= k + 5).sort((a, b) => a.r.start - b.r.start)[0];
    if (next) return { place: next.p, rule: 'locative' };
  }
  const best = [...inSentence].sort(
    (a, b) => placeRank(a.p) - placeRank(b.p) || tokenDistance(a.r, trigger) - tokenDistance(b.r, trigger),
  )[0];
  return best ? { place: best.p, rule: 'most-precise' } : undefined;
}

/** "from the area", "in the region": the sentence points back to a place named before. */
export function hasAreaAnaphor(sentence: Sentence): boolean {
  return sentence.tokens.some((t, k) => AREA_ANAPHORS.has(word(t)) && (word(t) === 'there' || word(sentence.tokens[k - 1]) === 'the'));
}

/**
 * The TimeRef nearest the trigger in its sentence, unless a temporal
 * connective ("after", "before") stands between them: in "declared on
 * Thursday after a rare incursion" Thursday dates the declaration only.
 */
export function pickTime(sentence: Sentence, trigger: { start: number; end: number }, times: readonly TimeRef[]): TimeRef | undefined {
  const tokens = sentence.tokens;
  let best: { t: TimeRef; d: number } | undefined;
  for (const t of times) {
    if (t.span.start < sentence.span.start || t.span.end > sentence.span.end) continue;
    const r = tokenRange(sentence, t.span);
    if (!r) continue;
    const [lo, hi] = r.start >= trigger.end ? [trigger.end, r.start] : [r.end, trigger.start];
    if (tokens.slice(lo, hi).some((tok) => TIME_BARRIERS.has(word(tok)))) continue;
    const d = hi - lo;
    if (!best || d < best.d) best = { t, d };
  }
  return best?.t;
}

/** A real calendar date (rejects 2024-02-30). */
export function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/**
 * Fallback time: the seven days ending on the publication date (value = its
 * start, precision 'week'). News reports events of the past days; the exact
 * day is unknown, so we give the period rather than a false day.
 */
export function publicationWeek(published: string): string {
  const d = new Date(`${published}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 6);
  return d.toISOString().slice(0, 10);
}

const INSTRUMENT_CUES = new Set(['with', 'using', 'deploying']);
const PHRASE_END = new Set([
  ',',
  ';',
  ':',
  '.',
  'into',
  'near',
  'in',
  'from',
  'on',
  'at',
  'after',
  'before',
  'while',
  'to',
  'against',
  'as',
  'that',
  'which',
]);
const DETERMINERS = new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her', 'our', 'some']);
const INSTRUMENT_TYPES = new Set(['WEAPON', 'MILITARY_PLATFORM', 'VEHICLE']);

/**
 * Weapons and platforms after "with"/"using" in the trigger's clause:
 * "crossed the border … with tanks and armoured vehicles" → [tanks,
 * armoured vehicles]. A conjunct counts when it names equipment (lexicon
 * class) or holds a WEAPON/MILITARY_PLATFORM/VEHICLE mention.
 */
export function pickInstruments(
  sentence: Sentence,
  trigger: { start: number; end: number },
  entities: readonly EntityMention[],
  lexicon: Lexicon,
  text: string,
): ActorArgument[] {
  const tokens = sentence.tokens;
  const equipment = lexicon.classes.get('equipment');
  let cue = -1;
  for (let k = trigger.end; k < tokens.length && k <= trigger.end + 10; k++) {
    const w = word(tokens[k]);
    if (CLAUSE_MARKS.has(w)) break;
    if (INSTRUMENT_CUES.has(w)) {
      cue = k;
      break;
    }
  }
  if (cue < 0) return [];
  const out: ActorArgument[] = [];
  let start = cue + 1;
  for (let k = cue + 1; k <= tokens.length; k++) {
    const w = word(tokens[k]);
    const boundary = k === tokens.length || PHRASE_END.has(w) || w === 'and' || w === 'or';
    if (!boundary) continue;
    let s = start;
    while (s < k && DETERMINERS.has(word(tokens[s]))) s++;
    const conjunct = tokens.slice(s, k);
    const first = conjunct[0];
    const last = conjunct.at(-1);
    if (first && last) {
      const span = { start: first.span.start, end: last.span.end };
      const entity = entities.find((m) => INSTRUMENT_TYPES.has(m.type) && m.span.start < span.end && span.start < m.span.end);
      const named = conjunct.some((t) => [...lemmaForms(t.text)].some((f) => equipment?.has(f)));
      if (entity || named) out.push({ span, text: text.slice(span.start, span.end), ...(entity ? { entity: entity.id } : {}) });
    }
    if (k === tokens.length || PHRASE_END.has(w)) break;
    start = k + 1;
  }
  return out;
}
