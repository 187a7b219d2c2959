// Trigger detection over one sentence: every lexicon pattern is matched, then
// overlaps are settled by two small rules (each tested in detect.test.ts):
//  - same sub-event type, overlapping spans → keep the longest, then earliest;
//  - a weak (generic) trigger overlapping any specific one is dropped.
// A third rule re-types violent triggers whose object is a civilian as ACLED
// 'Violence against civilians / Attack' (ACLED Codebook: civilians as actor2).
import type { Token } from '../model/index.ts';
import { detached } from '../text/index.ts';
import { lemmaForms, normalizeWord } from './lemma.ts';
import type { Lexicon, Trigger } from './lexicon.ts';
import { matchStarts, patternAnchors, type TokenForms } from './patterns.ts';

export interface TriggerMatch {
  /** Token indices in the sentence, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly subType: string;
  readonly rule: string;
  readonly weak: boolean;
}

const CLAUSE_STOP = new Set([',', ';', ':', '.', '“', '”', '"']);
/** How far a civilian object may stand from a violent trigger, in tokens. */
const VICTIM_WINDOW_AFTER = 6;
const VICTIM_WINDOW_BEFORE = 3;

function overlapping(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function isCivilian(t: Token, civilians: ReadonlySet<string>): boolean {
  return [...lemmaForms(t.text)].some((f) => civilians.has(f));
}

function hasCivilianNear(tokens: readonly Token[], m: { start: number; end: number }, lexicon: Lexicon): boolean {
  const civilians = lexicon.classes.get('civilian');
  if (!civilians) return false;
  for (let i = m.start + 1; i < tokens.length && i < m.end + VICTIM_WINDOW_AFTER; i++) {
    const t = tokens[i];
    if (!t || CLAUSE_STOP.has(normalizeWord(t.text))) break;
    if (isCivilian(t, civilians)) return true;
  }
  for (let i = m.start - 1; i >= 0 && i >= m.start - VICTIM_WINDOW_BEFORE; i--) {
    const t = tokens[i];
    if (!t || CLAUSE_STOP.has(normalizeWord(t.text))) break;
    if (isCivilian(t, civilians)) return true;
  }
  return false;
}

/** A word type as the trigger patterns see it: normal form, base forms, and the anchors it satisfies. */
interface WordEntry {
  readonly word: string;
  readonly forms: ReadonlySet<string>;
  readonly anchors: readonly number[];
}

/**
 * The lexicon's pattern anchors (see patternAnchors) turned around: which
 * anchors each base form satisfies. A sentence then marks the anchors its
 * words satisfy, and only patterns with every anchor marked are tried —
 * most sentences try none. Word entries are cached per word type, bounded.
 */
interface TriggerIndex {
  /** Per anchor id, the trigger (lexicon index) it belongs to. */
  readonly owner: Int32Array;
  /** Per trigger, how many anchors it has. */
  readonly anchorCount: Int32Array;
  /** Triggers with no anchor: tried in every sentence. */
  readonly unanchored: readonly number[];
  readonly byForm: ReadonlyMap<string, readonly number[]>;
  readonly entries: Map<string, WordEntry>;
  /** Per anchor, the sentence number that last satisfied it. */
  readonly marks: Float64Array;
  /** Per trigger, the sentence its hit count belongs to, and the count. */
  readonly hitSentence: Float64Array;
  readonly hits: Int32Array;
  sentence: number;
}

const WORD_ENTRIES_LIMIT = 20_000;
const indexes = new WeakMap<Lexicon, TriggerIndex>();

function triggerIndex(lexicon: Lexicon): TriggerIndex {
  const known = indexes.get(lexicon);
  if (known) return known;
  const byForm = new Map<string, number[]>();
  const owner: number[] = [];
  const anchorCount = new Int32Array(lexicon.triggers.length);
  const unanchored: number[] = [];
  lexicon.triggers.forEach((trigger, t) => {
    const anchors = patternAnchors(trigger.pattern, lexicon.classes);
    anchorCount[t] = anchors.length;
    if (anchors.length === 0) unanchored.push(t);
    for (const words of anchors) {
      const id = owner.length;
      owner.push(t);
      for (const w of words) {
        const list = byForm.get(w);
        if (list) list.push(id);
        else byForm.set(w, [id]);
      }
    }
  });
  const index: TriggerIndex = {
    owner: Int32Array.from(owner),
    anchorCount,
    unanchored,
    byForm,
    entries: new Map(),
    marks: new Float64Array(owner.length),
    hitSentence: new Float64Array(lexicon.triggers.length),
    hits: new Int32Array(lexicon.triggers.length),
    sentence: 0,
  };
  indexes.set(lexicon, index);
  return index;
}

function wordEntry(index: TriggerIndex, text: string): WordEntry {
  let entry = index.entries.get(text);
  if (entry === undefined) {
    const forms = lemmaForms(text);
    const anchors: number[] = [];
    for (const f of forms) {
      const ids = index.byForm.get(f);
      if (ids) anchors.push(...ids);
    }
    entry = { word: detached(normalizeWord(text)), forms, anchors };
    if (index.entries.size >= WORD_ENTRIES_LIMIT) index.entries.clear();
    index.entries.set(detached(text), entry);
  }
  return entry;
}

export function detectTriggers(tokens: readonly Token[], lexicon: Lexicon): TriggerMatch[] {
  const raw: (TriggerMatch & { trigger: Trigger })[] = [];
  const index = triggerIndex(lexicon);
  const sentence = ++index.sentence;
  const words: string[] = [];
  const forms: ReadonlySet<string>[] = [];
  // Triggers whose every anchor some word satisfies, found by counting each anchor once.
  const candidates = [...index.unanchored];
  for (const token of tokens) {
    const entry = wordEntry(index, token.text);
    words.push(entry.word);
    forms.push(entry.forms);
    for (const a of entry.anchors) {
      if (index.marks[a] === sentence) continue;
      index.marks[a] = sentence;
      const t = index.owner[a] as number;
      const hits = index.hitSentence[t] === sentence ? (index.hits[t] as number) + 1 : 1;
      index.hitSentence[t] = sentence;
      index.hits[t] = hits;
      if (hits === index.anchorCount[t]) candidates.push(t);
    }
  }
  // Lexicon order: overlaps are settled in it.
  candidates.sort((a, b) => a - b);
  const sentenceForms: TokenForms = { words, forms };
  for (const i of candidates) {
    const trigger = lexicon.triggers[i] as Trigger;
    for (const m of matchStarts(trigger.pattern, tokens, lexicon.classes, sentenceForms)) {
      const subType = trigger.victim && hasCivilianNear(tokens, m, lexicon) ? 'attack' : trigger.subType;
      const rule = subType === trigger.subType ? trigger.rule : `${trigger.rule}+civilian-victim`;
      raw.push({ ...m, subType, rule, weak: trigger.weak, trigger });
    }
  }
  // Longest first, then earliest, then lexicon order: the order overlaps are settled in.
  const ordered = raw
    .map((m, order) => ({ m, order }))
    .sort((a, b) => b.m.end - b.m.start - (a.m.end - a.m.start) || a.m.start - b.m.start || a.order - b.order)
    .map(({ m }) => m);
  const kept: TriggerMatch[] = [];
  for (const m of ordered) {
    if (kept.some((k) => overlapping(k, m) && (k.subType === m.subType || (m.weak && !k.weak)))) continue;
    kept.push({ start: m.start, end: m.end, subType: m.subType, rule: m.rule, weak: m.weak });
  }
  // A specific trigger also evicts weak ones kept earlier only because they were longer.
  const final = kept
    .filter((m) => !(m.weak && kept.some((k) => !k.weak && overlapping(k, m))))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  return final.filter((m, i) => !isResultOf(m, final.slice(0, i), tokens, lexicon));
}

const RELATIVES = new Set(['which', 'that', 'who']);
const VIOLENT_TYPES = new Set(['battles', 'explosions_remote_violence', 'violence_against_civilians']);

/**
 * A generic kill/injure verb that only states the result of a violent act
 * named just before ("attacks … which have killed and injured civilians",
 * "using to kill and injure") is not an event of its own.
 */
function isResultOf(m: TriggerMatch, before: readonly TriggerMatch[], tokens: readonly Token[], lexicon: Lexicon): boolean {
  if (!m.weak || !m.rule.startsWith('attack')) return false;
  const violent = before.filter((p) => VIOLENT_TYPES.has(lexicon.subTypes.get(p.subType)?.type ?? ''));
  const between = (p: TriggerMatch): string[] => tokens.slice(p.end, m.start).map((t) => normalizeWord(t.text));
  // Coordinated with the previous violent trigger: "killed and injured".
  if (violent.some((p) => ['and', 'or'].includes(between(p).join(' ')))) return true;
  for (let k = m.start - 1; k >= 0 && k >= m.start - 3; k--) {
    if (RELATIVES.has(normalizeWord(tokens[k]?.text ?? ''))) return violent.some((p) => p.end <= k);
  }
  return false;
}
