// Cue lemmas: the reporting verb (or fixed phrase) a cue turns on, so
// "has not officially commented" → comment, "called for" → call for,
// "according to" → according to. Auxiliaries, adverbs and negation are
// dropped (negation is returned apart); the verb is lemmatised against the
// status map's lemmas first, then by English suffix rules.

const SKIP = new Set(
  "has have had having is are was were be been being will would shall should can could may might must do does did also not never no n’t n't officially publicly reportedly previously later further repeatedly then still just only already again even recently first quickly openly privately long widely strongly flatly repeatedly explicitly initially originally reportedly allegedly directly immediately separately apparently once to he she it they we i you who which that".split(
    ' ',
  ),
);
const NEGATION = new Set(['not', 'never', "n't", 'n’t', 'no']);

const IRREGULAR: Record<string, string> = {
  said: 'say',
  says: 'say',
  told: 'tell',
  wrote: 'write',
  written: 'write',
  thought: 'think',
  saw: 'see',
  seen: 'see',
  knew: 'know',
  known: 'know',
  felt: 'feel',
  found: 'find',
  made: 'make',
  gave: 'give',
  given: 'give',
  sought: 'seek',
  spoke: 'speak',
  spoken: 'speak',
  took: 'take',
  taken: 'take',
  held: 'hold',
  meant: 'mean',
  heard: 'hear',
  understood: 'understand',
  went: 'go',
  gone: 'go',
  became: 'become',
  began: 'begin',
  begun: 'begin',
  led: 'lead',
  brought: 'bring',
  put: 'put',
  read: 'read',
  taught: 'teach',
  swore: 'swear',
  sworn: 'swear',
  forgot: 'forget',
  chose: 'choose',
  chosen: 'choose',
  left: 'leave',
  kept: 'keep',
  showed: 'show',
  shown: 'show',
  did: 'do',
  done: 'do',
};

export interface CueLemma {
  readonly lemma: string;
  /** The cue itself is negated ("has not commented"). */
  readonly negated: boolean;
}

/** Lemmatises one word, preferring a form found in `known`. */
export function lemmatiseWord(word: string, known: ReadonlySet<string>): string {
  const w = word.toLowerCase();
  // Own keys only: "constructor" or "__proto__" would otherwise read Object.prototype.
  const irregular = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined;
  if (irregular) return irregular;
  if (known.has(w)) return w;
  const candidates: string[] = [];
  if (w.endsWith('ies')) candidates.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('ied')) candidates.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) candidates.push(w.slice(0, -2));
  if (w.endsWith('s')) candidates.push(w.slice(0, -1));
  if (w.endsWith('ed')) candidates.push(w.slice(0, -2), w.slice(0, -1), w.slice(0, -3));
  if (w.endsWith('ing')) candidates.push(w.slice(0, -3), `${w.slice(0, -3)}e`, w.slice(0, -4));
  for (const c of candidates) if (known.has(c)) return c;
  // Unknown verb: plain suffix stripping, undoubling ("planned" → "plan").
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length > suffix.length + 2) {
      const stem = w.slice(0, -suffix.length);
      const n = stem.length;
      if (n > 2 && stem[n - 1] === stem[n - 2] && !/[lsz]/.test(stem[n - 1] ?? '')) return stem.slice(0, -1);
      return /[^aeiou][aeiou][cvz]$|at$|iz$|is$/.test(stem) ? `${stem}e` : stem;
    }
  }
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

/** The cue's lemma: its first content word, with a particle when the map knows the phrase. */
export function cueLemma(words: readonly string[], known: ReadonlySet<string>): CueLemma {
  const lower = words.map((w) => w.toLowerCase());
  const negated = lower.some((w) => NEGATION.has(w));
  const joined = lower.join(' ');
  if (known.has(joined)) return { lemma: joined, negated };
  const head = lower.findIndex((w) => !SKIP.has(w) && /\p{L}/u.test(w));
  if (head < 0) return { lemma: lower.find((w) => /\p{L}/u.test(w)) ?? lower[0] ?? '', negated };
  const lemma = lemmatiseWord(lower[head] as string, known);
  const particle = lower[head + 1];
  if (particle && known.has(`${lemma} ${particle}`)) return { lemma: `${lemma} ${particle}`, negated };
  return { lemma, negated };
}
