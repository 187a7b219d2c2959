// Language identification: franc-min 6.2's algorithm and data, with the
// same answer for every input, evaluated in one pass. franc measures a
// sample against every language model of its script with one object lookup
// per trigram and language (82 languages), which made it ~3.9 µs a token of
// ingest; here each trigram is looked up once and scores all languages that
// have it.
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/** franc's penalty for a trigram a language model lacks. */
const MAX_DIFFERENCE = 300;
/** franc's default: samples are cut to this length. */
const MAX_LENGTH = 2048;

/** One script's models: trigram → the languages that rank it, and at which rank. */
interface ScriptModels {
  readonly languages: readonly string[];
  /** Trigrams of three code units below 1024, keyed as a small integer (fast Map keys). */
  readonly small: Map<number, Int32Array>;
  /** Every other trigram, by its text. */
  readonly other: Map<string, Int32Array>;
}

const SMALL = 1024;
const smallKey = (a: number, b: number, c: number): number => (a * SMALL + b) * SMALL + c;

const models = new Map<string, ScriptModels>();

function modelsOf(script: string): ScriptModels | undefined {
  const known = models.get(script);
  if (known) return known;
  const byLanguage = Object.hasOwn(data, script) ? data[script] : undefined;
  if (!byLanguage) return undefined;
  const languages = Object.keys(byLanguage);
  const pairs = new Map<string, number[]>();
  languages.forEach((language, l) => {
    const list = (byLanguage[language] ?? '').split('|');
    // franc assigns from the last rank down, so a repeated trigram keeps its best rank.
    const rank = new Map<string, number>();
    for (let r = list.length - 1; r >= 0; r--) rank.set(list[r] as string, r);
    for (const [trigram, r] of rank) {
      let entry = pairs.get(trigram);
      if (!entry) {
        entry = [];
        pairs.set(trigram, entry);
      }
      entry.push(l, r);
    }
  });
  const small = new Map<number, Int32Array>();
  const other = new Map<string, Int32Array>();
  for (const [trigram, entry] of pairs) {
    const a = trigram.charCodeAt(0);
    const b = trigram.charCodeAt(1);
    const c = trigram.charCodeAt(2);
    if (trigram.length === 3 && a < SMALL && b < SMALL && c < SMALL) small.set(smallKey(a, b, c), Int32Array.from(entry));
    else other.set(trigram, Int32Array.from(entry));
  }
  const out = { languages, small, other };
  models.set(script, out);
  return out;
}

const scripts = Object.entries(expressions);
/**
 * Which scripts' expressions match one BMP code unit, as a bit mask, filled
 * in as characters are met. Each expression matches
 * one code point at a time, so outside surrogate pairs counting characters
 * by their masks equals franc's `value.match(expression).length`.
 */
const masks = new Int32Array(0x10000).fill(-1);
if (scripts.length > 31) throw new Error('franc-min has more scripts than a mask holds');
function maskOf(c: number): number {
  let mask = masks[c] as number;
  if (mask < 0) {
    mask = 0;
    const ch = String.fromCharCode(c);
    scripts.forEach(([, expression], s) => {
      expression.lastIndex = 0;
      if (expression.test(ch)) mask = (mask as number) | (1 << s);
    });
    for (const [, expression] of scripts) expression.lastIndex = 0;
    masks[c] = mask;
  }
  return mask;
}

/** franc's getTopScript: the script with most characters, the first on a tie. */
function topScript(value: string): { script: string | undefined; count: number } {
  const counts = new Float64Array(scripts.length);
  let pairs = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      pairs = true;
      break;
    }
    for (let mask = maskOf(c); mask !== 0; mask &= mask - 1) {
      const s = 31 - Math.clz32(mask & -mask);
      counts[s] = (counts[s] as number) + 1;
    }
  }
  // Astral characters (CJK extensions, emoji): franc's own count.
  if (pairs) {
    scripts.forEach(([, expression], s) => {
      counts[s] = value.match(expression)?.length ?? 0;
    });
  }
  let topCount = -1;
  let top: string | undefined;
  scripts.forEach(([script], s) => {
    // franc compares shares of the length; the length is the same for all scripts.
    const count = counts[s] as number;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  });
  return { script: top, count: topCount };
}

const PUNCTUATION_AND_DIGITS = /[\u0021-\u0040]+/g;
const WHITE_SPACE = /\s+/g;

/** trigram-utils' clean(): what franc takes trigrams of. */
function clean(value: string): string {
  return value.replace(PUNCTUATION_AND_DIGITS, ' ').replace(WHITE_SPACE, ' ').trim().toLowerCase();
}

/**
 * franc(value, { minLength }): ISO 639-3 code, 'und' when undetermined.
 * Distance to a language = Σ over the sample's distinct trigrams of
 * |count − rank − 1| if the model has the trigram, else 300 (franc compares
 * a trigram's count with the model's rank); the nearest language wins, the
 * first in franc's data order on a tie.
 */
export function francLanguage(sample: string, minLength = 10): string {
  if (!sample || sample.length < minLength) return 'und';
  const value = sample.slice(0, MAX_LENGTH);
  const { script, count } = topScript(value);
  const m = script === undefined ? undefined : modelsOf(script);
  // A script with one language (Greek, Thai …) names it.
  if (!m) return script === undefined || count === 0 ? 'und' : script;

  const padded = ` ${clean(value)} `;
  const smallCounts = new Map<number, number>();
  const otherCounts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const a = padded.charCodeAt(i);
    const b = padded.charCodeAt(i + 1);
    const c = padded.charCodeAt(i + 2);
    if (a < SMALL && b < SMALL && c < SMALL) {
      const k = smallKey(a, b, c);
      smallCounts.set(k, (smallCounts.get(k) ?? 0) + 1);
    } else {
      const k = padded.slice(i, i + 3);
      otherCounts.set(k, (otherCounts.get(k) ?? 0) + 1);
    }
  }
  const distinct = smallCounts.size + otherCounts.size;
  const distance = new Float64Array(m.languages.length).fill(distinct * MAX_DIFFERENCE);
  const score = (entry: Int32Array | undefined, n: number): void => {
    if (!entry) return;
    for (let j = 0; j < entry.length; j += 2) {
      const l = entry[j] as number;
      distance[l] = (distance[l] as number) + Math.abs(n - (entry[j + 1] as number) - 1) - MAX_DIFFERENCE;
    }
  };
  for (const [k, n] of smallCounts) score(m.small.get(k), n);
  for (const [k, n] of otherCounts) score(m.other.get(k), n);
  let best = 0;
  for (let l = 1; l < distance.length; l++) if ((distance[l] as number) < (distance[best] as number)) best = l;
  return m.languages[best] ?? 'und';
}
