// Language identification: franc-min 6.2's algorithm and data, with the
// same answer for every input, evaluated in one pass. franc measures a
// sample against every language model of its script with one object lookup
// per trigram and language (82 languages), which made it ~3.9 µs a token of
// ingest; here the models are flat arrays read in order against a small
// table of the sample's trigrams.
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';

/** franc's penalty for a trigram a language model lacks. */
const MAX_DIFFERENCE = 300;
/** franc's default: samples are cut to this length. */
const MAX_LENGTH = 2048;

/**
 * One script's models, each language's distinct trigrams with their ranks,
 * laid end to end: a sample is scored by reading them in order against a
 * small table of the sample's own trigrams (which stays in cache), not by
 * looking each sample trigram up in a table of all models (which does not).
 * A trigram is its three UTF-16 code units: `high` the first, `low` the
 * other two.
 */
interface ScriptModels {
  readonly languages: readonly string[];
  /** Language l's trigrams are at [offsets[l], offsets[l + 1]). */
  readonly offsets: Int32Array;
  readonly high: Int32Array;
  readonly low: Int32Array;
  readonly ranks: Int32Array;
}

const models = new Map<string, ScriptModels>();

function modelsOf(script: string): ScriptModels | undefined {
  const known = models.get(script);
  if (known) return known;
  const byLanguage = Object.hasOwn(data, script) ? data[script] : undefined;
  if (!byLanguage) return undefined;
  const languages = Object.keys(byLanguage);
  const offsets = [0];
  const high: number[] = [];
  const low: number[] = [];
  const ranks: number[] = [];
  for (const language of languages) {
    const list = (byLanguage[language] ?? '').split('|');
    // franc assigns from the last rank down, so a repeated trigram keeps its best rank.
    const rank = new Map<string, number>();
    for (let r = list.length - 1; r >= 0; r--) rank.set(list[r] as string, r);
    for (const [trigram, r] of rank) {
      // A sample's trigrams are three code units: nothing else can match.
      if (trigram.length !== 3) continue;
      high.push(trigram.charCodeAt(0));
      low.push((trigram.charCodeAt(1) << 16) | trigram.charCodeAt(2));
      ranks.push(r);
    }
    offsets.push(high.length);
  }
  const out = {
    languages,
    offsets: Int32Array.from(offsets),
    high: Int32Array.from(high),
    low: Int32Array.from(low),
    ranks: Int32Array.from(ranks),
  };
  models.set(script, out);
  return out;
}

/**
 * The sample's trigram counts: open addressing, reused across calls (a
 * slot is live when its stamp is the current call's). Samples are cut to
 * 2,048 characters, so at most 2,050 trigrams fill 4,096 slots. Most model
 * trigrams are absent from a sample, and their probe reads only the stamps
 * (16 KB, which stay in the nearest cache).
 */
const SLOTS = 4096;
const slotStamp = new Int32Array(SLOTS);
const slotHigh = new Int32Array(SLOTS);
const slotLow = new Int32Array(SLOTS);
const slotCount = new Int32Array(SLOTS);
let stamp = 0;

/** The slot holding the trigram, or the free slot where it would go. */
function slotOf(high: number, low: number): number {
  let i = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca77)) >>> 20;
  while (slotStamp[i] === stamp && (slotHigh[i] !== high || slotLow[i] !== low)) i = (i + 1) & (SLOTS - 1);
  return i;
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
  stamp = stamp === 0x7fffffff ? 1 : stamp + 1;
  if (stamp === 1) slotStamp.fill(0);
  let distinct = 0;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const high = padded.charCodeAt(i);
    const low = (padded.charCodeAt(i + 1) << 16) | padded.charCodeAt(i + 2);
    const slot = slotOf(high, low);
    if (slotStamp[slot] === stamp) slotCount[slot] = (slotCount[slot] as number) + 1;
    else {
      slotStamp[slot] = stamp;
      slotHigh[slot] = high;
      slotLow[slot] = low;
      slotCount[slot] = 1;
      distinct++;
    }
  }
  const distance = new Float64Array(m.languages.length);
  const { offsets, high, low, ranks } = m;
  for (let l = 0; l < m.languages.length; l++) {
    let d = distinct * MAX_DIFFERENCE;
    const end = offsets[l + 1] as number;
    for (let j = offsets[l] as number; j < end; j++) {
      const h = high[j] as number;
      const w = low[j] as number;
      let i = (Math.imul(w, 0x9e3779b1) ^ Math.imul(h, 0x85ebca77)) >>> 20;
      while (slotStamp[i] === stamp) {
        if (slotHigh[i] === h && slotLow[i] === w) {
          d += Math.abs((slotCount[i] as number) - (ranks[j] as number) - 1) - MAX_DIFFERENCE;
          break;
        }
        i = (i + 1) & (SLOTS - 1);
      }
    }
    distance[l] = d;
  }
  let best = 0;
  for (let l = 1; l < distance.length; l++) if ((distance[l] as number) < (distance[best] as number)) best = l;
  return m.languages[best] ?? 'und';
}
