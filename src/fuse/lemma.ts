// Trigger lemma keys for matching event mentions across documents. A key is
// a normalised stem, not a dictionary lemma: "fire", "fired", "firing" and
// "fires" all map to "fir". What matters for clustering is that inflections of
// one word share a key; irregular forms come from irregular.tsv first.
import { readFileSync } from 'node:fs';
import { assetUrl } from '../model/assets.ts';

const IRREGULAR: ReadonlyMap<string, string> = new Map(
  readFileSync(assetUrl('src/fuse/irregular.tsv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t') as [string, string]),
);

/** Words that never head an event mention: auxiliaries, particles, determiners. */
const NON_HEAD = new Set(
  "be is are was were been being am 's 're have has had having do does did will would shall should can could may might must to not n't never no a an the of in on at into for with by up out off about over after than that this these those his her its their our my your".split(
    ' ',
  ),
);

/** The lemma key of one word. */
export function lemmaKey(word: string): string {
  let w = word.toLowerCase().replace(/[’']/g, "'");
  const irregular = IRREGULAR.get(w);
  if (irregular !== undefined) w = irregular;
  else if (w.length > 4 && (w.endsWith('ies') || w.endsWith('ied'))) w = `${w.slice(0, -3)}y`;
  else if (w.length > 5 && w.endsWith('ings')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Normalise the stem so "fire"/"fir(ed)" and "stop"/"stopp(ed)" meet.
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && /[bcdfgklmnprstvz]/.test(w[n - 1] ?? '')) w = w.slice(0, -1);
  return w;
}

/**
 * The head word of a (possibly multi-word) event mention: the first word that
 * is not an auxiliary, particle or determiner ("has been arrested" → "arrested",
 * "checked into" → "checked", "took place" → "took").
 */
export function headWord(mention: string): string {
  const words = mention.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  return words.find((w) => !NON_HEAD.has(w.toLowerCase())) ?? words[0] ?? mention;
}

export function headLemma(mention: string): string {
  return lemmaKey(headWord(mention));
}
