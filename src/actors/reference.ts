// A small rule-based resolver for the references claims hang on: personal
// pronouns, "they"/"it" for organisations, and generic heads ("officials",
// "the ministry"). Rules (subject preference, sentence-window of one or two
// sentences back) follow the Hobbs-style recency + grammatical-role heuristics
// (Lappin & Leass 1994) in their simplest form; it does no number or gender
// agreement beyond the pronoun class.
import type { Document, EntityMention, Sentence, Span } from '../model/index.ts';
import { institutionAt } from './link.ts';
import { mentionsWithin } from './mentions.ts';
import { type ActorKind, type ActorTable, loadActorTable } from './table.ts';
import { isPossessive, mentionTokens, sentenceAt, word } from './tokens.ts';

const PLURAL = new Set(['they', 'them', 'their', 'theirs', 'themselves']);
const NEUTER = new Set(['it', 'its', 'itself']);
const PERSONAL = new Set(['he', 'him', 'his', 'himself', 'she', 'her', 'hers', 'herself']);

/** Generic heads and the kinds of actor they can stand for. */
const GENERIC_HEADS: ReadonlyMap<string, readonly ActorKind[]> = new Map<string, readonly ActorKind[]>([
  ['officials', ['government', 'ministry', 'military', 'country', 'igo']],
  ['official', ['government', 'ministry', 'military', 'country', 'igo']],
  ['authorities', ['government', 'ministry', 'police', 'country']],
  ['government', ['government', 'country']],
  ['ministry', ['ministry']],
  ['department', ['ministry']],
  ['military', ['military', 'ministry']],
  ['army', ['military']],
  ['spokesman', ['government', 'ministry', 'military', 'igo', 'armed_group']],
  ['spokesperson', ['government', 'ministry', 'military', 'igo', 'armed_group']],
]);

/** Words after "it" that make it a subject ("it was", "it said"), not an object ("labelling it a …"). */
const SUBJECT_FOLLOWERS = new Set(
  'is was has had will would could can may might must should does did says said also still had not'.split(' '),
);

export interface ReferenceOptions {
  readonly table?: ActorTable;
}

type Wanted = (m: EntityMention) => boolean;

/** A nationality or country's heading a group noun: "Russian officials", "Ukraine's military". */
function modifiesInstitution(sentences: readonly Sentence[], m: EntityMention, table: ActorTable): boolean {
  if (m.type !== 'NATIONALITY' && m.type !== 'LOCATION' && m.type !== 'MISC') return false;
  const at = mentionTokens(sentences, m);
  if (!at || !table.country(m.text)) return false;
  let next = at.last + 1;
  if (isPossessive(at.tokens[next])) next++;
  else if (m.type === 'LOCATION') return false;
  return institutionAt(at.tokens, next, table, false) !== undefined;
}

/**
 * A sentence's mentions in order, without modifiers: a mention directly
 * followed by another ("Russian" in "Russian | Defense Ministry", "U.S." in
 * "U.S. | State Department" tagged apart) yields to the head after it.
 */
function mentionsIn(document: Document, mentions: readonly EntityMention[], sentence: Sentence, before?: number): EntityMention[] {
  const inSentence = mentionsWithin(mentions, sentence.span.start, sentence.span.end)
    .filter((m) => before === undefined || m.span.end <= before)
    .filter((m) => m.type !== 'QUANTITY' && m.type !== 'TEMPORAL')
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  return inSentence.filter((m, k) => {
    const next = inSentence[k + 1];
    if (!next || next.span.start < m.span.end) return true;
    return !/^(\s|['\u2019]s)*$/.test(document.text.slice(m.span.end, next.span.start));
  });
}

/** The subject-position mention of a sentence: its first mention, if `wanted`. */
function subjectOf(document: Document, mentions: readonly EntityMention[], sentence: Sentence, wanted: Wanted): EntityMention | undefined {
  const subject = mentionsIn(document, mentions, sentence)[0];
  return subject && wanted(subject) ? subject : undefined;
}

/** Whether a sentence opens with a pronoun of the same class (a chain of "They … They …"). */
function leadingPronoun(sentence: Sentence, cls: ReadonlySet<string>): Span | undefined {
  for (const token of sentence.tokens.slice(0, 3)) {
    if (cls.has(word(token))) return token.span;
    if (/^[A-Z]/.test(token.text) && word(token) !== 'however') return undefined;
  }
  return undefined;
}

function resolvePronoun(
  document: Document,
  sentences: readonly Sentence[],
  mentions: readonly EntityMention[],
  span: Span,
  cls: ReadonlySet<string>,
  wanted: Wanted,
  depth: number,
): EntityMention | undefined {
  const sentence = sentenceAt(sentences, span.start);
  if (!sentence) return undefined;
  // Same sentence: the leftmost fitting mention before the pronoun ("X claimed … that they …").
  const same = mentionsIn(document, mentions, sentence, span.start).find(wanted);
  if (same) return same;
  for (let back = 1; back <= 2; back++) {
    const prev = sentences[sentence.i - back];
    if (!prev) break;
    const subject = subjectOf(document, mentions, prev, wanted);
    if (subject) return subject;
    const pronoun = leadingPronoun(prev, cls);
    if (pronoun && depth < 3) return resolvePronoun(document, sentences, mentions, pronoun, cls, wanted, depth + 1);
    if (mentionsIn(document, mentions, prev).length > 0) break;
  }
  return undefined;
}

/**
 * The antecedent mention of the reference at `span` — "they", "it", "he",
 * "she", "officials", "the ministry" — or undefined when the rules find none.
 * `mentions` should be linked (linkMentions) so actors can be matched.
 */
export function resolveReference(
  document: Document,
  sentences: readonly Sentence[],
  mentions: readonly EntityMention[],
  span: Span,
  options: ReferenceOptions = {},
): EntityMention | undefined {
  const table = options.table ?? loadActorTable();
  const phrase = document.text
    .slice(span.start, span.end)
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase()
    .trim();
  const words = phrase.split(/\s+/);
  const head = words[words.length - 1] ?? '';
  const sentence = sentenceAt(sentences, span.start);
  if (!sentence) return undefined;

  if (words.length === 1 && (PLURAL.has(head) || NEUTER.has(head))) {
    if (head === 'it') {
      const next = sentence.tokens.find((t) => t.span.start >= span.end);
      const w = word(next);
      if (!(SUBJECT_FOLLOWERS.has(w) || /^[a-z]+ed$/.test(w))) return undefined;
    }
    const cls = PLURAL.has(head) ? PLURAL : NEUTER;
    const wanted: Wanted = (m) =>
      m.type === 'ORGANIZATION' ||
      modifiesInstitution(sentences, m, table) ||
      (cls === NEUTER && m.type === 'LOCATION' && m.actor !== undefined && table.byId(m.actor)?.kind === 'country');
    return resolvePronoun(document, sentences, mentions, span, cls, wanted, 0);
  }
  if (words.length === 1 && PERSONAL.has(head)) {
    return resolvePronoun(document, sentences, mentions, span, PERSONAL, (m) => m.type === 'PERSON', 0);
  }

  const kinds = GENERIC_HEADS.get(head);
  if (!kinds) return undefined;
  // "Russian officials": the modifier inside the phrase names them.
  const inside = mentionsWithin(mentions, span.start, span.end).find((m) => m.actor !== undefined || m.type === 'NATIONALITY');
  if (inside) return inside;
  const fits: Wanted = (m) => {
    const kind = m.actor ? table.byId(m.actor)?.kind : undefined;
    return m.type !== 'PERSON' && kind !== undefined && kinds.includes(kind);
  };
  const before = mentionsIn(document, mentions, sentence, span.start).filter(fits);
  const nearest = before[before.length - 1];
  if (nearest) return nearest;
  const prev = sentences[sentence.i - 1];
  if (!prev) return undefined;
  const candidates = mentionsIn(document, mentions, prev).filter(fits);
  return candidates[0];
}
