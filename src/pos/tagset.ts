// The part-of-speech tags sitrep uses: the Penn Treebank set (Marcus et al.
// 1993) as CoNLL-2003's POS column carries it, with distinctions no stage
// reads merged, so Viterbi runs over 26 labels instead of 45. Verb forms
// (VBD "said", VBN "was said", VBG "saying" …) and NNP are kept: the claims
// features need them.

export const POS_TAGS = [
  'CC',
  'CD',
  'DT',
  'EX',
  'IN',
  'JJ',
  'MD',
  'NN',
  'NNP',
  'NNS',
  'P',
  'POS',
  'PRP',
  'PRP$',
  'RB',
  'RP',
  'SYM',
  'TO',
  'UH',
  'VB',
  'VBD',
  'VBG',
  'VBN',
  'VBP',
  'VBZ',
  'WH',
] as const;
export type PosTag = (typeof POS_TAGS)[number];

const MERGED: Readonly<Record<string, PosTag>> = {
  NNPS: 'NNP',
  JJR: 'JJ',
  JJS: 'JJ',
  RBR: 'RB',
  RBS: 'RB',
  WDT: 'WH',
  WP: 'WH',
  WP$: 'WH',
  WRB: 'WH',
  PDT: 'DT',
  FW: 'NN',
  LS: 'SYM',
  $: 'SYM',
  '#': 'SYM',
  // Punctuation: one tag; the token itself says which mark it is.
  '.': 'P',
  ',': 'P',
  ':': 'P',
  '"': 'P',
  "''": 'P',
  '``': 'P',
  '(': 'P',
  ')': 'P',
  // CoNLL-2003 train has a few ambiguous tags written as alternatives.
  'NN|SYM': 'NN',
};

const TAG_SET: ReadonlySet<string> = new Set(POS_TAGS);

/** The sitrep tag for a Penn Treebank tag; throws on a tag outside the set. */
export function fromPennTag(tag: string): PosTag {
  if (Object.hasOwn(MERGED, tag)) return MERGED[tag] as PosTag;
  if (TAG_SET.has(tag)) return tag as PosTag;
  throw new Error(`unknown Penn Treebank tag '${tag}'`);
}
