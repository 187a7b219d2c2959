// Hand-built NER output for the Kursk sample (the golden entity list,
// minus "Kremlin", which linking must add), as spans into the real text. Used
// by the actors tests until they can run on the NER stage's own output.
import { readFileSync } from 'node:fs';
import type { Document, EntityMention, EntityType, Sentence } from '../model/index.ts';
import { segment } from '../text/index.ts';

export const KURSK_TEXT = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');

export const kurskDocument: Document = {
  id: 'kursk-incursion',
  text: KURSK_TEXT,
  published: '2024-08-09',
  language: 'eng',
  origin: 'test/fixtures/kursk-incursion.txt',
};

export const kurskSentences: Sentence[] = segment(KURSK_TEXT);

/** Span of the `n`-th (0-based) occurrence of `needle` as a whole word. */
export function find(needle: string, n = 0, text = KURSK_TEXT): { start: number; end: number } {
  let from = 0;
  let seen = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" #${n} not in text`);
    from = at + 1;
    const before = text[at - 1];
    const after = text[at + needle.length];
    if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
    if (seen++ === n) return { start: at, end: at + needle.length };
  }
}

/** A hand-built NER mention of the `n`-th `needle` in `text`. */
export function mentionIn(text: string, sentences: readonly Sentence[], type: EntityType, needle: string, n = 0): EntityMention {
  const span = find(needle, n, text);
  const sentence = sentences.find((s) => s.span.start <= span.start && span.end <= s.span.end);
  if (!sentence) throw new Error(`no sentence for ${needle}`);
  return {
    id: `e:${span.start}-${span.end}`,
    type,
    span,
    text: needle,
    sentence: sentence.i,
    provenance: { stage: 'ner', confidence: 1 },
  };
}

/** A small document with hand-built mentions, for table-driven cases. */
export function annotated(text: string, specs: readonly (readonly [EntityType, string, number?])[]) {
  const sentences = segment(text);
  const document: Document = { id: 't', text, language: 'eng', origin: 'test' };
  const mentions = specs.map(([type, needle, n]) => mentionIn(text, sentences, type, needle, n ?? 0));
  return { document, sentences, mentions };
}

export function mention(type: EntityType, needle: string, n = 0): EntityMention {
  return mentionIn(KURSK_TEXT, kurskSentences, type, needle, n);
}

const ukrainian = Array.from({ length: 13 }, (_, n) => mention('NATIONALITY', 'Ukrainian', n));
const russian = [0, 2, 3, 4, 5, 6, 7].map((n) => mention('NATIONALITY', 'Russian', n));

export const kurskMentions: EntityMention[] = [
  mention('LOCATION', 'Kursk region'),
  mention('LOCATION', 'Russia'),
  ...ukrainian,
  ...russian,
  mention('PERSON', 'Alexei Smirnov'),
  mention('ORGANIZATION', 'Russian Defense Ministry'),
  mention('LOCATION', 'Sudzha'),
  mention('MILITARY_PLATFORM', 'tanks'),
  mention('MILITARY_PLATFORM', 'armoured vehicles'),
  mention('MILITARY_PLATFORM', 'military vehicles'),
  mention('LOCATION', 'Russia', 1),
  mention('WEAPON', 'missile'),
  mention('PERSON', 'Vladimir Putin'),
  mention('PERSON', 'Putin', 1),
  mention('ORGANIZATION', 'U.S. State Department'),
  mention('LOCATION', 'Ukraine', 0),
  mention('LOCATION', 'Ukraine', 1),
  mention('LOCATION', 'Russia', 2),
  mention('LOCATION', 'eastern Ukraine'),
  mention('LOCATION', 'Russia', 3),
  mention('LOCATION', 'Kursk region', 1),
  mention('PERSON', 'Dmitry Medvedev'),
  mention('LOCATION', 'Kursk', 2),
  mention('LOCATION', 'Russia', 4),
].filter((m, i, all) => all.findIndex((o) => o.id === m.id) === i);
