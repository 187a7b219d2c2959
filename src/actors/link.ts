// linkMentions: fills `actor`, `title` and `chain` on the NER stage's
// mentions, and adds the few ORGANIZATION mentions a tagger tends to miss
// (curated proper names like "Kremlin"; a capitalised institution after a
// nationality, "Russian | Defense Ministry"). It never removes or retypes a
// mention, and added mentions never overlap others: the layer stays flat.
import type { Document, EntityMention, EntityType, Sentence, Token } from '../model/index.ts';
import { compareSpans, overlaps } from '../model/index.ts';
import { normalizeName } from './normalize.ts';
import { type ActorTable, aliasKey, loadActorTable } from './table.ts';
import { appositionAfter, loadTitles, type TitleLexicon, type TitleMatch, titleBefore } from './titles.ts';
import { isPossessive, mentionTokens, word } from './tokens.ts';

export interface LinkOptions {
  /** Injected in tests; defaults to the table from data/ (loaded once). */
  readonly table?: ActorTable;
  readonly titles?: TitleLexicon;
}

const STAGE = 'actors';

/** Verbs and markers after a capital city that make it stand for its government ("Moscow said"). */
const METONYMY_FOLLOWERS = new Set(
  (
    'said says has have had is was will would could may might must denied denies claimed claims accused accuses ' +
    'warned warns announced announces insisted insists responded responds rejected rejects condemned condemns ' +
    'blamed blames urged urges called calls demanded demands confirmed confirms stated states threatened ' +
    'threatens vowed vows agreed agrees refused refuses reported reports ordered orders sent sends imposed ' +
    'imposes wants wanted hopes hoped believes believed sees saw'
  ).split(' '),
);

const REFERENTIAL: ReadonlySet<EntityType> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION', 'NATIONALITY', 'MISC']);

function mentionId(start: number, end: number): string {
  return `e:${start}-${end}`;
}

function addedMention(document: Document, sentence: number, start: number, end: number, rule: string, confidence: number): EntityMention {
  return {
    id: mentionId(start, end),
    type: 'ORGANIZATION',
    span: { start, end },
    text: document.text.slice(start, end),
    sentence,
    provenance: { stage: STAGE, rule, confidence },
  };
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Per table, which ASCII letters and digits begin a scan alias key: a token
 * starting with another ASCII letter or digit has no candidates (its
 * aliasKey starts with that character), so most tokens skip the lookup.
 */
const aliasInitials = new WeakMap<ActorTable, Uint8Array>();

function aliasInitialsOf(table: ActorTable): Uint8Array {
  let initials = aliasInitials.get(table);
  if (!initials) {
    initials = new Uint8Array(128);
    for (const key of table.scanAliases.keys()) {
      const c = key.charCodeAt(0);
      if (c < 128) initials[c] = 1;
    }
    aliasInitials.set(table, initials);
  }
  return initials;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Curated proper-name aliases ("Kremlin", "Pentagon") that no mention covers yet. */
function missedAliases(document: Document, sentences: readonly Sentence[], taken: EntityMention[], table: ActorTable): EntityMention[] {
  const added: EntityMention[] = [];
  const text = document.text;
  const initials = aliasInitialsOf(table);
  for (const sentence of sentences) {
    let free = sentence.span.start;
    for (const token of sentence.tokens) {
      if (token.span.start < free) continue;
      const c = token.text.charCodeAt(0);
      if (isAsciiAlnum(c) && !initials[c]) continue;
      const candidates = table.scanAliases.get(aliasKey(token.text));
      if (!candidates) continue;
      const at = token.span.start;
      const found = candidates.find(({ alias }) => text.startsWith(alias, at) && !isWordChar(text[at + alias.length]));
      if (!found || isWordChar(text[at - 1])) continue;
      const end = at + found.alias.length;
      // Part of a longer proper name: "National Security Council", "Kremlin Palace".
      const before = /([\p{L}.-]+)\s$/u.exec(text.slice(Math.max(0, at - 30), at))?.[1];
      const after = /^\s([\p{L}-]+)/u.exec(text.slice(end, end + 30))?.[1];
      if (before && /^\p{Lu}/u.test(before) && !/^(the|a|an)$/i.test(before)) continue;
      if (after && /^\p{Lu}/u.test(after)) continue;
      const span = { start: at, end };
      if (taken.some((m) => overlaps(m.span, span))) continue;
      const mention = addedMention(document, sentence.i, at, end, `alias:${found.alias}`, 0.8);
      mention.actor = found.actor;
      added.push(mention);
      free = end;
    }
  }
  return added;
}

/** The longest institution head starting at token `i` (all heads, or only those with add_mention). */
export function institutionAt(tokens: readonly Token[], i: number, table: ActorTable, onlyNamed = true) {
  let best: { last: number; role: string } | undefined;
  for (const head of table.institutions) {
    if (onlyNamed && !head.addMention) continue;
    if (head.words.every((w, k) => word(tokens[i + k]) === w)) {
      const last = i + head.words.length - 1;
      if (!best || last > best.last) best = { last, role: head.role };
    }
  }
  return best;
}

/**
 * A capitalised institution right after a nationality or country's
 * ("Russian Defense Ministry" tagged only as NATIONALITY "Russian") becomes an
 * ORGANIZATION mention over the institution words, so the layer stays flat.
 * Lower-case heads ("the Ukrainian government") are common nouns, not
 * entity mentions, as in CoNLL and OntoNotes: lookupActor resolves those phrases.
 */
function institutionHeads(
  document: Document,
  sentences: readonly Sentence[],
  mentions: EntityMention[],
  table: ActorTable,
): EntityMention[] {
  const added: EntityMention[] = [];
  for (const m of mentions) {
    if (m.type !== 'NATIONALITY' && m.type !== 'LOCATION' && m.type !== 'MISC') continue;
    const country = table.country(m.text);
    if (!country) continue;
    const at = mentionTokens(sentences, m);
    if (!at) continue;
    let next = at.last + 1;
    if (isPossessive(at.tokens[next])) next++;
    else if (m.type === 'LOCATION') continue;
    const first = at.tokens[next];
    if (!first || !/^\p{Lu}/u.test(first.text)) continue;
    const head = institutionAt(at.tokens, next, table);
    const last = head ? at.tokens[head.last] : undefined;
    if (!head || !last) continue;
    const span = { start: first.span.start, end: last.span.end };
    if (mentions.some((o) => overlaps(o.span, span))) continue;
    const mention = addedMention(document, m.sentence, span.start, span.end, 'country+institution', 0.75);
    const actor = table.byId(`${country.id}.${head.role}`);
    if (actor) mention.actor = actor.id;
    added.push(mention);
  }
  return added;
}

/** Before a capital, these make it a place ("in Kyiv", "the centre of Kyiv"). */
const PLACE_PRECEDERS = new Set('in of to from near around outside inside into toward towards across over at on through above'.split(' '));
/** After "Kyiv's", these make it a place ("Kyiv's suburbs"), not its government. */
const PLACE_POSSESSED = new Set(
  (
    'suburbs outskirts center centre streets residents mayor airport metro skies sky districts district ' +
    'citizens people population buildings infrastructure train station stations railway subway city'
  ).split(' '),
);

function metonymyContext(sentences: readonly Sentence[], m: EntityMention): boolean {
  const at = mentionTokens(sentences, m);
  if (!at) return false;
  if (PLACE_PRECEDERS.has(word(at.tokens[at.first - 1]))) return false;
  const next = at.tokens[at.last + 1];
  if (isPossessive(next)) return !PLACE_POSSESSED.has(word(at.tokens[at.last + 2]));
  return METONYMY_FOLLOWERS.has(word(next));
}

/** The country of a mention right before token `i` ("Russian" Defense Ministry, "Russia's" MoD). */
function countryBefore(
  tokens: readonly Token[],
  i: number,
  byEnd: ReadonlyMap<number, EntityMention>,
  table: ActorTable,
): string | undefined {
  let j = i - 1;
  if (isPossessive(tokens[j])) j--;
  const prev = tokens[j];
  if (!prev) return undefined;
  const m = byEnd.get(prev.span.end);
  if (m && (m.type === 'NATIONALITY' || m.type === 'LOCATION' || m.type === 'MISC')) return table.country(m.text)?.id;
  return undefined;
}

function actorFor(
  m: EntityMention,
  sentences: readonly Sentence[],
  all: readonly EntityMention[],
  /** Index of `m` in `all`: only mentions before it count as earlier. */
  index: number,
  byEnd: ReadonlyMap<number, EntityMention>,
  table: ActorTable,
): string | undefined {
  switch (m.type) {
    case 'NATIONALITY':
      return table.country(m.text)?.id;
    case 'LOCATION': {
      const country = table.country(m.text);
      if (country) return country.id;
      const actor = table.lookup(m.text);
      return actor && metonymyContext(sentences, m) ? actor.id : undefined;
    }
    case 'ORGANIZATION':
    case 'MISC': {
      const actor = table.lookup(m.text);
      if (actor) return actor.id;
      // A bare institution head: "Defense Ministry" after a separate "Russian"
      // mention, or "the ministry"/"MoD" after a named one earlier on.
      const bare = normalizeName(m.text).toLowerCase();
      if (bare === 'ministry' || bare === 'department') {
        for (let k = index - 1; k >= 0; k--) {
          const actor = all[k]?.actor;
          if (actor && table.byId(actor)?.kind === 'ministry') return actor;
        }
        return undefined;
      }
      const head = table.institutions.find((h) => h.head === bare);
      if (!head) return undefined;
      const at = mentionTokens(sentences, m);
      const country = at ? countryBefore(at.tokens, at.first, byEnd, table) : undefined;
      if (country) return table.byId(`${country}.${head.role}`)?.id;
      for (let k = index - 1; k >= 0; k--) {
        const actor = all[k]?.actor;
        if (actor?.endsWith(`.${head.role}`)) return actor;
      }
      return undefined;
    }
    case 'PERSON':
    case 'WEAPON':
    case 'MILITARY_PLATFORM':
    case 'VEHICLE':
    case 'QUANTITY':
    case 'TEMPORAL':
    case 'MONEY':
      return undefined;
  }
}

/** The actor a title's neighbourhood names: "Russian President" → RUS + GOV. */
function affiliation(
  tokens: readonly Token[],
  title: TitleMatch,
  before: boolean,
  byEnd: ReadonlyMap<number, EntityMention>,
  mentions: readonly EntityMention[],
  table: ActorTable,
): string | undefined {
  const candidates: EntityMention[] = [];
  if (before) {
    let j = title.first - 1;
    if (isPossessive(tokens[j])) j--;
    const prev = tokens[j];
    const m = prev ? byEnd.get(prev.span.end) : undefined;
    if (m) candidates.push(m);
  } else {
    const start = tokens[title.first]?.span.start ?? 0;
    const end = tokens[title.last]?.span.end ?? 0;
    candidates.push(...mentions.filter((m) => m.span.start >= start && m.span.end <= end));
  }
  for (const m of candidates) {
    if (m.type === 'ORGANIZATION' && m.actor) return m.actor;
    const country = m.type === 'PERSON' ? undefined : table.country(m.text);
    // The first country named governs: "deputy head of Russia's mission to the UN" is not the UN's.
    if (country) return title.role ? table.byId(`${country.id}.${title.role}`)?.id : undefined;
  }
  return undefined;
}

function attachTitles(
  document: Document,
  sentences: readonly Sentence[],
  mentions: EntityMention[],
  byEnd: ReadonlyMap<number, EntityMention>,
  titles: TitleLexicon,
  table: ActorTable,
): void {
  for (const m of mentions) {
    if (m.type !== 'PERSON') continue;
    const at = mentionTokens(sentences, m);
    if (!at) continue;
    const before = titleBefore(at.tokens, at.first, titles);
    const title = before ?? appositionAfter(at.tokens, at.last, titles);
    if (!title) {
      if (m.actor === undefined) {
        const actor = groupMember(at.tokens, at.first, byEnd, table);
        if (actor) m.actor = actor;
      }
      continue;
    }
    const start = at.tokens[title.first]?.span.start;
    const end = at.tokens[title.last]?.span.end;
    if (start === undefined || end === undefined) continue;
    m.title ??= { span: { start, end }, text: document.text.slice(start, end) };
    if (m.actor === undefined) {
      const actor =
        affiliation(at.tokens, title, before !== undefined, byEnd, mentions, table) ??
        groupMember(at.tokens, before ? title.first : at.first, byEnd, table);
      if (actor) m.actor = actor;
    }
  }
}

const MEMBER_MARKERS = new Set(['including', 'like', 'notably', 'among them']);

/**
 * A person named as a member of a national group: "Russian officials,
 * including Acting Governor Alexei Smirnov" → RUS.GOV, from the group's
 * nationality and head noun (actor-institutions.tsv).
 */
function groupMember(
  tokens: readonly Token[],
  first: number,
  byEnd: ReadonlyMap<number, EntityMention>,
  table: ActorTable,
): string | undefined {
  let j = first - 1;
  if (!MEMBER_MARKERS.has(word(tokens[j]))) return undefined;
  j--;
  if (tokens[j]?.text === ',') j--;
  // The head noun, then the nationality right before it ("Russian | officials").
  for (const head of table.institutions) {
    const n = head.words.length;
    if (!head.words.every((w, k) => word(tokens[j - n + 1 + k]) === w)) continue;
    const prev = tokens[j - n];
    const m = prev ? byEnd.get(prev.span.end) : undefined;
    const country = m && m.type !== 'PERSON' ? table.country(m.text) : undefined;
    if (country) return table.byId(`${country.id}.${head.role}`)?.id;
  }
  return undefined;
}

/** Region words dropped when chaining places: "Kursk region" = "Kursk". */
const PLACE_SUFFIX = /\s+(region|oblast|province|district|governorate|area)$/i;

function chainKey(m: EntityMention): string | undefined {
  if (!REFERENTIAL.has(m.type) || m.type === 'PERSON') return undefined;
  if (m.actor) return `a:${m.actor}`;
  const name = normalizeName(m.text).toLowerCase();
  return `t:${m.type}:${m.type === 'LOCATION' ? name.replace(PLACE_SUFFIX, '') : name}`;
}

/**
 * Within-document chains: people by name (a lone surname or first name joins
 * the latest full name it ends or starts), everything else by actor, else by
 * normalised text. A chain's id is `c:<start>-<end>` of its first mention.
 */
function assignChains(mentions: EntityMention[]): void {
  const chains = new Map<string, string>();
  interface Person {
    readonly chain: string;
    readonly members: EntityMention[];
  }
  const people: Person[] = [];
  const byName = new Map<string, Person>();
  // Latest multi-word person whose last (or first) word is the key: "Putin" → "Vladimir Putin".
  const byPart = new Map<string, Person>();
  for (const m of mentions) {
    if (m.type === 'PERSON') {
      const full = normalizeName(m.text).toLowerCase();
      const words = full.split(' ');
      let person = byName.get(full);
      if (!person && words.length === 1) person = byPart.get(full);
      // "Putin … Vladimir Putin": a full name after its surname alone joins that chain.
      if (!person && words.length > 1) person = byName.get(words[words.length - 1] ?? full);
      if (!person) {
        person = { chain: `c:${m.span.start}-${m.span.end}`, members: [] };
        people.push(person);
      }
      if (!byName.has(full)) byName.set(full, person);
      if (words.length > 1) {
        byPart.set(words[0] ?? full, person);
        byPart.set(words[words.length - 1] ?? full, person);
      }
      person.members.push(m);
      m.chain ??= person.chain;
      continue;
    }
    const key = chainKey(m);
    if (!key) continue;
    let chain = chains.get(key);
    if (chain === undefined) {
      chain = `c:${m.span.start}-${m.span.end}`;
      chains.set(key, chain);
    }
    m.chain ??= chain;
  }
  // A person's actor (from a title on any mention) holds for the whole chain.
  for (const p of people) {
    const actor = p.members.find((m) => m.actor)?.actor;
    if (actor) for (const m of p.members) m.actor ??= actor;
  }
}

function byPosition(a: EntityMention, b: EntityMention): number {
  return compareSpans(a.span, b.span) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Returns the mentions (copied, sorted by span) with `actor`, `title` and
 * `chain` filled, plus added ORGANIZATION mentions (provenance stage 'actors').
 * Fields the NER already set are kept.
 */
export function linkMentions(
  document: Document,
  sentences: readonly Sentence[],
  mentions: readonly EntityMention[],
  options: LinkOptions = {},
): EntityMention[] {
  const table = options.table ?? loadActorTable();
  const titles = options.titles ?? loadTitles();
  // Not `{ ...m }`: V8 adds a property to a spread copy ~30× slower than to
  // an assigned one, and every mention here gains `chain`, many `actor`/`title`.
  const out = mentions.map((m) => Object.assign({}, m));
  out.push(...missedAliases(document, sentences, out, table));
  out.push(...institutionHeads(document, sentences, out, table));
  out.sort(byPosition);

  const byEnd = new Map<number, EntityMention>();
  for (const m of out) if (!byEnd.has(m.span.end) || m.type !== 'ORGANIZATION') byEnd.set(m.span.end, m);

  out.forEach((m, k) => {
    if (m.actor !== undefined) return;
    const actor = actorFor(m, sentences, out, k, byEnd, table);
    if (actor) m.actor = actor;
  });
  attachTitles(document, sentences, out, byEnd, titles, table);
  assignChains(out);
  return out;
}
