// Lemma-ish matching for trigger patterns. Instead of one lemma per word we
// compute the set of base forms a word may have under simple English suffix
// rules (crossed → cross, evacuated → evacuate, strikes → strike, stopped →
// stop) plus a short table of irregular forms; a pattern word matches a token
// when it is in that set. Over-generation ("crosse") is harmless because
// patterns only ever ask for real lemmas.
import { detached } from '../text/index.ts';

/** Irregular verb and noun forms seen in conflict reporting → lemma. */
const IRREGULAR: Readonly<Record<string, string>> = {
  fought: 'fight',
  struck: 'strike',
  stricken: 'strike',
  shot: 'shoot',
  took: 'take',
  taken: 'take',
  seized: 'seize',
  fled: 'flee',
  led: 'lead',
  blew: 'blow',
  blown: 'blow',
  hit: 'hit',
  overran: 'overrun',
  overrun: 'overrun',
  withdrew: 'withdraw',
  withdrawn: 'withdraw',
  shelled: 'shell',
  children: 'child',
  women: 'woman',
  men: 'man',
  people: 'people',
  servicemen: 'serviceman',
  casualties: 'casualty',
  fatalities: 'fatality',
  died: 'die',
  dying: 'die',
  dead: 'dead',
  kilometres: 'kilometre',
  kilometers: 'kilometer',
  metres: 'metre',
  meters: 'meter',
  said: 'say',
};

/**
 * Words seen so far → their normal form and base forms. Every pattern asks
 * about every token, so computing them once per word type (not per pattern ×
 * token) is what keeps the stage fast. Bounded: cleared when full, so memory
 * stays flat however many documents pass through.
 */
const CACHE_LIMIT = 20_000;

const normalCache = new Map<string, string>();
const formsCache = new Map<string, ReadonlySet<string>>();

/** Normalises typographic variants so patterns can be written in ASCII. */
export function normalizeWord(word: string): string {
  // ASCII words need only lower-casing (the variants replaced below are not
  // ASCII): decided from the word itself, without a trip to the cache.
  let upper = false;
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  if (ascii) return upper ? word.toLowerCase() : word;
  let w = normalCache.get(word);
  if (w === undefined) {
    w = word
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/[‐‑–—]/g, '-');
    if (normalCache.size >= CACHE_LIMIT) normalCache.clear();
    w = detached(w);
    normalCache.set(detached(word), w);
  }
  return w;
}

/** All base forms the word may have, including the word itself (lowercased). */
export function lemmaForms(word: string): ReadonlySet<string> {
  let forms = formsCache.get(word);
  if (forms === undefined) {
    forms = computeForms(word);
    if (formsCache.size >= CACHE_LIMIT) formsCache.clear();
    formsCache.set(detached(word), forms);
  }
  return forms;
}

function computeForms(word: string): ReadonlySet<string> {
  // Forms are slices of w: detached, they hold only the word.
  const w = detached(normalizeWord(word));
  const forms = new Set<string>([w]);
  // Own keys only: "constructor" or "__proto__" would otherwise read Object.prototype.
  const irregular = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined;
  if (irregular) forms.add(irregular);
  // British/American spelling: armoured/armored, criticise/criticize.
  if (w.includes('our')) forms.add(w.replace('our', 'or'));
  if (/is(e|ed|es|ing)$/.test(w)) forms.add(w.replace(/is(e|ed|es|ing)$/, 'iz$1'));
  for (const f of [...forms]) {
    for (const base of suffixBases(f)) forms.add(base);
  }
  return forms;
}

function suffixBases(w: string): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (s.length >= 2) out.push(s);
  };
  if (w.endsWith('ies') && w.length > 4) add(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) add(w.slice(0, -2));
  if (w.endsWith('s') && !w.endsWith('ss')) add(w.slice(0, -1));
  if (w.endsWith('ied')) add(`${w.slice(0, -3)}y`);
  if (w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    add(stem);
    add(`${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1));
  }
  if (w.endsWith('ing')) {
    const stem = w.slice(0, -3);
    add(stem);
    add(`${stem}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(stem)) add(stem.slice(0, -1));
  }
  return out;
}
