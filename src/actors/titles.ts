// Titles and roles attached to PERSON mentions: the words right before the
// name ("Acting Governor Alexei Smirnov", "Russian President Vladimir Putin" →
// "President", the nationality kept apart) or an apposition after it
// ("Dmitry Medvedev, a senior Russian official,"). The lexicon is data/titles.tsv.
import { readFileSync } from 'node:fs';
import { assetUrl } from '../model/assets.ts';
import type { Token } from '../model/index.ts';
import { ActorDataError, readTsv } from './table.ts';
import { word } from './tokens.ts';

export interface TitleLexicon {
  /** Title phrase (lower case, space-joined tokens) → role code, or '-' for none. */
  readonly titles: ReadonlyMap<string, string>;
  readonly modifiers: ReadonlySet<string>;
  readonly maxWords: number;
}

export function parseTitles(text: string): TitleLexicon {
  const titles = new Map<string, string>();
  const modifiers = new Set<string>();
  let maxWords = 1;
  readTsv(text).forEach((row, i) => {
    const [phrase, role] = row;
    if (!phrase || !role) throw new ActorDataError(`titles.tsv: bad row ${i + 1}: ${row.join(' | ')}`);
    const key = phrase.toLowerCase();
    if (role === 'modifier') modifiers.add(key);
    else titles.set(key, role);
    maxWords = Math.max(maxWords, key.split(' ').length);
  });
  return { titles, modifiers, maxWords };
}

let cached: TitleLexicon | undefined;
export function loadTitles(): TitleLexicon {
  cached ??= parseTitles(readFileSync(assetUrl('data/titles.tsv'), 'utf8'));
  return cached;
}

/** A title found in a sentence's tokens: token indices (inclusive) and its role. */
export interface TitleMatch {
  readonly first: number;
  readonly last: number;
  /** Role code from the lexicon ("GOV", "MIL"), or undefined for '-'. */
  readonly role: string | undefined;
}

/** Per lexicon, the last words of its titles: a phrase can only end at one of them. */
const lastWords = new WeakMap<TitleLexicon, ReadonlySet<string>>();

function lastWordsOf(lexicon: TitleLexicon): ReadonlySet<string> {
  let set = lastWords.get(lexicon);
  if (!set) {
    set = new Set([...lexicon.titles.keys()].map((phrase) => phrase.slice(phrase.lastIndexOf(' ') + 1)));
    lastWords.set(lexicon, set);
  }
  return set;
}

/** The longest title phrase ending at token `end`, if any. */
function titleEndingAt(tokens: readonly Token[], end: number, lexicon: TitleLexicon): TitleMatch | undefined {
  if (end < 0 || (end < tokens.length && !lastWordsOf(lexicon).has(word(tokens[end])))) return undefined;
  for (let n = Math.min(lexicon.maxWords, end + 1); n >= 1; n--) {
    const phrase = tokens
      .slice(end - n + 1, end + 1)
      .map(word)
      .join(' ');
    const role = lexicon.titles.get(phrase);
    if (role !== undefined) return { first: end - n + 1, last: end, role: role === '-' ? undefined : role };
  }
  return undefined;
}

/**
 * The title right before a name whose first token is `nameFirst`: a title
 * phrase, extended leftwards over modifiers and further titles ("Deputy
 * Prime Minister"), at most six tokens.
 */
export function titleBefore(tokens: readonly Token[], nameFirst: number, lexicon: TitleLexicon): TitleMatch | undefined {
  const head = titleEndingAt(tokens, nameFirst - 1, lexicon);
  if (!head) return undefined;
  let first = head.first;
  while (first > 0 && nameFirst - first < 6) {
    const prev = tokens[first - 1];
    if (lexicon.modifiers.has(word(prev))) {
      first--;
      continue;
    }
    const more = titleEndingAt(tokens, first - 1, lexicon);
    if (!more) break;
    first = more.first;
  }
  return { first, last: head.last, role: head.role };
}

const DETERMINERS = new Set(['a', 'an', 'the']);
const APPOSITION_END = new Set([',', '.', ';', ')', '—', '–', ':']);
const COMPLEMENT = new Set(['of', 'for', 'at', 'to', 'in']);

/**
 * An apposition after a name whose last token is `nameLast`: ", a senior
 * Russian official," → the phrase after the determiner, when it holds a title
 * that ends the phrase or is followed by a complement ("spokesman for …").
 */
export function appositionAfter(tokens: readonly Token[], nameLast: number, lexicon: TitleLexicon): TitleMatch | undefined {
  if (tokens[nameLast + 1]?.text !== ',') return undefined;
  let first = nameLast + 2;
  const hasDeterminer = DETERMINERS.has(word(tokens[first]));
  if (hasDeterminer) first++;
  let end = first;
  while (end < tokens.length && !APPOSITION_END.has(tokens[end]?.text ?? '')) end++;
  const last = end - 1;
  if (last < first || last - first >= 10) return undefined;
  if (tokens.slice(first, end).some((t) => /^[([\u201C"]$/.test(t.text))) return undefined;
  if (!hasDeterminer) {
    const opener = word(tokens[first]);
    if (!lexicon.modifiers.has(opener) && titleEndingAt(tokens, first, lexicon) === undefined) {
      const two = titleEndingAt(tokens, first + 1, lexicon);
      if (!two || two.first !== first) return undefined;
    }
  }
  for (let i = first; i <= last; i++) {
    const match = titleEndingAt(tokens, i, lexicon);
    if (!match || match.first < first) continue;
    const next = tokens[i + 1];
    if (i === last || COMPLEMENT.has(word(next))) return { first, last, role: match.role };
  }
  return undefined;
}
