// Counted things in a sentence: "Around 3,000 residents", "hundreds of
// Ukrainian soldiers", "up to 10 kilometres", "numerous ... vehicles".
// This file finds the figure and what it counts; which kind of quantity it is
// (fatalities, evacuated, …) depends on the event it belongs to and is decided
// in the stage. Values are lower bounds as ACLED records fatalities (ACLED
// Codebook, 'Fatalities'): "hundreds" → 100, "dozens" → 12, approximate.
import type { Token } from '../model/index.ts';
import { lemmaForms, normalizeWord } from './lemma.ts';
import type { Classes } from './patterns.ts';

/** A table's own entry: words such as 'constructor' must not read Object.prototype. */
function own<V>(table: Readonly<Record<string, V>>, word: string): V | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}
const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
};
const MULTIPLIERS: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000 };
/** Plural round numbers stand for their lower bound and are approximate. */
const VAGUE_ROUND: Readonly<Record<string, number>> = {
  tens: 10,
  dozens: 12,
  scores: 20,
  hundreds: 100,
  thousands: 1000,
  millions: 1_000_000,
};
/** Quantifiers with no figure: a quantity without value, approximate. */
const VAGUE_NO_VALUE = new Set(['numerous', 'several', 'many', 'multiple']);
/** Words before a figure that make it approximate or a bound. */
const APPROXIMATORS: readonly (readonly string[])[] = [
  ['as', 'many', 'as'],
  ['more', 'than'],
  ['at', 'least'],
  ['up', 'to'],
  ['close', 'to'],
  ['an', 'estimated'],
  ['around'],
  ['about'],
  ['approximately'],
  ['roughly'],
  ['nearly'],
  ['almost'],
  ['some'],
  ['over'],
  ['estimated'],
];
const DISTANCE_UNITS: Readonly<Record<string, string>> = {
  km: 'km',
  kilometre: 'km',
  kilometer: 'km',
  kms: 'km',
  mile: 'mi',
  miles: 'mi',
  metre: 'm',
  meter: 'm',
};

export function isNumberToken(text: string): boolean {
  const w = normalizeWord(text);
  return /^\d[\d,]*(\.\d+)?$/.test(w) || Object.hasOwn(UNITS, w) || Object.hasOwn(MULTIPLIERS, w) || Object.hasOwn(VAGUE_ROUND, w);
}

function numberValue(text: string): number | undefined {
  const w = normalizeWord(text);
  if (/^\d[\d,]*(\.\d+)?$/.test(w)) return Number(w.replace(/,/g, ''));
  return own(UNITS, w) ?? own(MULTIPLIERS, w);
}

/** What a counted noun is, from the lexicon's classes. */
export type CountedClass = 'distance' | 'equipment' | 'combatant' | 'civilian' | 'person';

export interface QuantityMention {
  /** Token indices in the sentence, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly value?: number;
  readonly approximate: boolean;
  readonly counted: CountedClass;
  /** The counted noun as written ("vehicles", "soldiers"). */
  readonly noun: string;
  readonly unit?: string;
}

/** A figure at token i: its value (absent for "numerous"), approximate, end. */
export function readFigure(tokens: readonly Token[], i: number): { value?: number; approximate: boolean; end: number } | undefined {
  const first = tokens[i];
  if (!first) return undefined;
  const w = normalizeWord(first.text);
  if (VAGUE_NO_VALUE.has(w)) return { approximate: true, end: i + 1 };
  const vague = own(VAGUE_ROUND, w);
  if (vague !== undefined) {
    // "tens of thousands", "hundreds of thousands"
    const of = tokens[i + 1];
    const next = tokens[i + 2];
    const times = next ? own(VAGUE_ROUND, normalizeWord(next.text)) : undefined;
    if (of && normalizeWord(of.text) === 'of' && times !== undefined) {
      return { value: vague * times, approximate: true, end: i + 3 };
    }
    return { value: vague, approximate: true, end: i + 1 };
  }
  let value = numberValue(first.text);
  if (value === undefined) return undefined;
  let end = i + 1;
  // "two hundred", "1.5 million", "twenty five"
  for (let t = tokens[end]; t; t = tokens[end]) {
    const nw = normalizeWord(t.text);
    const multiplier = own(MULTIPLIERS, nw);
    if (multiplier !== undefined) value *= multiplier;
    else if (Object.hasOwn(UNITS, nw) && value >= 20 && value % 10 === 0 && (UNITS[nw] ?? 10) < 10) value += UNITS[nw] ?? 0;
    else break;
    end++;
  }
  return { value, approximate: false, end };
}

function approximatorBefore(tokens: readonly Token[], i: number): number {
  for (const words of APPROXIMATORS) {
    const start = i - words.length;
    if (start < 0) continue;
    if (words.every((word, k) => normalizeWord(tokens[start + k]?.text ?? '') === word)) return start;
  }
  return i;
}

function countedClass(token: Token, classes: Classes): CountedClass | undefined {
  const forms = lemmaForms(token.text);
  for (const f of forms) if (Object.hasOwn(DISTANCE_UNITS, f)) return 'distance';
  for (const name of ['equipment', 'combatant', 'civilian', 'person'] as const) {
    const members = classes.get(name);
    if (members) for (const f of forms) if (members.has(f)) return name;
  }
  return undefined;
}

/** Tokens that may stand between a figure and its noun ("of Ukrainian military"). */
const MAX_MODIFIERS = 3;
const STOP = new Set([',', ';', ':', '.', 'and', 'or', 'but', 'in', 'from', 'on', 'at', 'by', 'with']);

/** Every counted figure in a sentence, left to right. */
export function findQuantities(tokens: readonly Token[], classes: Classes): QuantityMention[] {
  const out: QuantityMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const figure = readFigure(tokens, i);
    if (!figure) continue;
    for (let n = figure.end; n < tokens.length && n <= figure.end + MAX_MODIFIERS; n++) {
      const token = tokens[n];
      if (!token || STOP.has(normalizeWord(token.text))) break;
      const counted = countedClass(token, classes);
      if (!counted) continue;
      const start = approximatorBefore(tokens, i);
      const unit =
        counted === 'distance'
          ? own(DISTANCE_UNITS, [...lemmaForms(token.text)].find((f) => Object.hasOwn(DISTANCE_UNITS, f)) ?? '')
          : undefined;
      out.push({
        start,
        end: n + 1,
        ...(figure.value !== undefined ? { value: figure.value } : {}),
        approximate: figure.approximate || start < i,
        counted,
        noun: token.text,
        ...(unit ? { unit } : {}),
      });
      i = n;
      break;
    }
  }
  return out;
}
