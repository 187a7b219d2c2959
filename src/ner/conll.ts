// CoNLL-2003 reader (Tjong Kim Sang & De Meulder 2003): `word POS chunk NER`
// per line, IOB1 tags, `-DOCSTART-` between articles, blank lines between
// sentences. Used for training and for `sitrep eval ner`.
import type { LabelSpan } from '../learn/index.ts';

export interface ConllSentence {
  readonly words: string[];
  /** The POS column (Penn Treebank tags), one per word. */
  readonly pos: string[];
  /** Gold entity spans over token indices, decoded from IOB1. */
  readonly spans: LabelSpan[];
}
export interface ConllDocument {
  readonly sentences: ConllSentence[];
}

/** IOB1: `I-X` begins an entity unless it follows an X token; `B-X` splits two adjacent X entities. */
export function spansFromIob1(tags: readonly string[]): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let open: { type: string; start: number } | undefined;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    const begins = tag.startsWith('B-') || (open?.type ?? '') !== type;
    if (open && (tag === 'O' || begins)) {
      spans.push({ type: open.type, start: open.start, end: i });
      open = undefined;
    }
    if (tag !== 'O' && !open) open = { type, start: i };
  });
  if (open) spans.push({ type: open.type, start: open.start, end: tags.length });
  return spans;
}

export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let sentences: ConllSentence[] = [];
  let words: string[] = [];
  let pos: string[] = [];
  let tags: string[] = [];
  const endSentence = (): void => {
    if (words.length > 0) sentences.push({ words, pos, spans: spansFromIob1(tags) });
    words = [];
    pos = [];
    tags = [];
  };
  const endDocument = (): void => {
    endSentence();
    if (sentences.length > 0) docs.push({ sentences });
    sentences = [];
  };
  for (const [n, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') {
      endSentence();
      continue;
    }
    const cols = line.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endDocument();
      continue;
    }
    const word = cols[0];
    const tag = cols[cols.length - 1];
    if (cols.length < 2 || word === undefined || tag === undefined || !/^(O|[BI]-\w+)$/.test(tag)) {
      throw new Error(`line ${n + 1}: expected "word … TAG" with an IOB tag, got "${line.slice(0, 60)}"`);
    }
    words.push(word);
    pos.push(cols.length >= 4 ? (cols[1] as string) : '');
    tags.push(tag);
  }
  endDocument();
  return docs;
}
