// Hand-built layers over the real Kursk sample (NER mentions, claims, places,
// times as the golden lists describe them), so the events rules can
// be tested on their own, independent of the other stages' models.
import { readFileSync } from 'node:fs';
import type { Claim, ClaimStatus, Document, EntityMention, EntityType, Place, Sentence, TimeRef } from '../model/index.ts';
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

/** Span of the n-th (0-based) whole-word occurrence of `needle`. */
export function find(needle: string, n = 0): { start: number; end: number } {
  let from = 0;
  let seen = 0;
  for (;;) {
    const at = KURSK_TEXT.indexOf(needle, from);
    if (at < 0) throw new Error(`"${needle}" #${n} not in the Kursk text`);
    from = at + 1;
    const before = KURSK_TEXT[at - 1];
    const after = KURSK_TEXT[at + needle.length];
    if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
    if (seen++ === n) return { start: at, end: at + needle.length };
  }
}

function sentenceOf(span: { start: number; end: number }): number {
  const s = kurskSentences.find((x) => x.span.start <= span.start && span.end <= x.span.end);
  if (!s) throw new Error(`no sentence at ${span.start}`);
  return s.i;
}

function mention(type: EntityType, needle: string, n = 0, actor?: string): EntityMention {
  const span = find(needle, n);
  return {
    id: `e:${span.start}-${span.end}`,
    type,
    span,
    text: needle,
    sentence: sentenceOf(span),
    ...(actor ? { actor } : {}),
    provenance: { stage: 'ner', confidence: 1 },
  };
}

const dm = mention('ORGANIZATION', 'Russian Defense Ministry', 0, 'RUS.MOD');
const putin = mention('PERSON', 'Vladimir Putin', 0, 'RUS.PRES');
const medvedev = mention('PERSON', 'Dmitry Medvedev', 0, 'RUS.GOV');

export const kurskEntities: EntityMention[] = [
  mention('LOCATION', 'Kursk region', 0),
  mention('LOCATION', 'Russia', 0, 'RUS'),
  ...Array.from({ length: 13 }, (_, n) => mention('NATIONALITY', 'Ukrainian', n, 'UKR')),
  ...[0, 2, 3, 4, 5, 6, 7].map((n) => mention('NATIONALITY', 'Russian', n, 'RUS')),
  mention('PERSON', 'Alexei Smirnov'),
  dm,
  mention('LOCATION', 'Sudzha'),
  mention('LOCATION', 'Russia', 1, 'RUS'),
  putin,
  mention('PERSON', 'Putin', 1, 'RUS.PRES'),
  mention('ORGANIZATION', 'U.S. State Department', 0, 'USA.MOFA'),
  mention('LOCATION', 'Ukraine', 0, 'UKR'),
  mention('LOCATION', 'Kursk region', 1),
  medvedev,
  mention('LOCATION', 'Kursk', 2),
].sort((a, b) => a.span.start - b.span.start);

function claim(
  id: string,
  source: { text: string; n?: number; entity?: EntityMention; generic?: boolean },
  cue: string,
  content: string,
  status: ClaimStatus,
): Claim {
  const sourceSpan = find(source.text, source.n ?? 0);
  const cueSpan = find(cue, 0);
  const contentSpan = find(content, 0);
  return {
    id,
    sentence: sentenceOf(cueSpan),
    source: {
      span: sourceSpan,
      text: source.text,
      ...(source.entity ? { entity: source.entity.id, ...(source.entity.actor ? { actor: source.entity.actor } : {}) } : {}),
      generic: source.generic ?? false,
    },
    cue: { span: cueSpan, text: cue, lemma: cue },
    content: { span: contentSpan, text: content },
    direct: false,
    status,
    negated: false,
    provenance: { stage: 'claims', confidence: 1 },
  };
}

export const kurskClaims: Claim[] = [
  claim(
    'c:dm-claimed',
    { text: 'The Russian Defense Ministry', entity: dm },
    'claimed',
    'its forces are actively countering Ukrainian troops in the region',
    'claimed',
  ),
  claim(
    'c:dm-stating',
    { text: 'they', entity: dm },
    'stating',
    'they have destroyed numerous Ukrainian military vehicles and killed hundreds of Ukrainian soldiers',
    'claimed',
  ),
  claim(
    'c:dm-reported',
    { text: 'They', entity: dm },
    'reported',
    'Ukrainian forces crossed the border near the town of Sudzha with tanks and armoured vehicles',
    'reported',
  ),
  claim(
    'c:putin-condemned',
    { text: 'Russian President Vladimir Putin', entity: putin },
    'condemned',
    'the Ukrainian incursion',
    'condemned',
  ),
  claim(
    'c:putin-noted',
    { text: 'Putin', n: 1 },
    'noted',
    'the Russian military, alongside border guards and reinforcement units, successfully halted the Ukrainian advance',
    'asserted',
  ),
  claim(
    'c:reports',
    { text: 'Reports', generic: true },
    'indicate',
    'Ukrainian forces have advanced up to 10 kilometres into the Kursk region, breaching Russian defensive lines',
    'reported',
  ),
  claim(
    'c:medvedev',
    { text: 'Dmitry Medvedev', entity: medvedev },
    'called for',
    'a strong military response to crush the Ukrainian forces in Kursk',
    'demanded',
  ),
  claim(
    'c:bloggers',
    { text: 'Russian military bloggers', generic: true },
    'criticised',
    'the Russian military for failing to detect and prevent the Ukrainian offensive',
    'evaluative',
  ),
];

function place(needle: string, n: number, resolved: Place['resolved']): Place {
  const span = find(needle, n);
  return {
    id: `p:${span.start}-${span.end}`,
    mention: `e:${span.start}-${span.end}`,
    span,
    text: needle,
    ...(resolved ? { resolved } : {}),
    provenance: { stage: 'geo', confidence: 1 },
  };
}

const kurskOblast = { name: 'Kursk Oblast', kind: 'admin1', country: 'RU', lat: 51.5, lon: 36.0, precision: 2 } as const;
export const kurskPlaces: Place[] = [
  place('Kursk region', 0, kurskOblast),
  place('Russia', 0, { name: 'Russia', kind: 'country', country: 'RU', lat: 60, lon: 100, precision: 3 }),
  place('Sudzha', 0, { name: 'Sudzha', kind: 'city', country: 'RU', lat: 51.19, lon: 35.27, precision: 1 }),
  place('Russia', 1, { name: 'Russia', kind: 'country', country: 'RU', lat: 60, lon: 100, precision: 3 }),
  place('Ukraine', 0, { name: 'Ukraine', kind: 'country', country: 'UA', lat: 49, lon: 32, precision: 3 }),
  place('Kursk region', 1, kurskOblast),
  place('Kursk', 2, { name: 'Kursk', kind: 'city', country: 'RU', lat: 51.73, lon: 36.19, precision: 1 }),
];

const thursday = find('Thursday');
export const kurskTimes: TimeRef[] = [
  {
    id: `t:${thursday.start}-${thursday.end}`,
    span: thursday,
    text: 'Thursday',
    value: '2024-08-08',
    precision: 'day',
    provenance: { stage: 'time', confidence: 1 },
  },
];
