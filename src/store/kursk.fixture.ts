// Hand-annotated layers on the real Kursk sample, as spans into its text, so
// the store's contract tests exercise every table and filter whatever stages
// have landed. The annotations follow the golden reading of the
// article (Putin's claim `condemned`, the Defense Ministry's `claimed`, Kyiv's
// `no_comment`; Sudzha a town, Kursk an admin-1 region).
import { readFileSync } from 'node:fs';
import type { Claim, EntityMention, EntityType, Event, Extraction, Place, Sentence, Span, TimeRef } from '../model/index.ts';
import { segment } from '../text/index.ts';

export const KURSK_TEXT = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');

/** Span of the n-th (0-based) occurrence of `needle`. */
export function at(needle: string, n = 0, text = KURSK_TEXT): Span {
  let from = 0;
  for (let seen = 0; ; seen++) {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`"${needle}" #${n} not in text`);
    if (seen === n) return { start, end: start + needle.length };
    from = start + 1;
  }
}

function sentenceOf(sentences: readonly Sentence[], span: Span): number {
  const s = sentences.find((x) => x.span.start <= span.start && span.end <= x.span.end);
  if (!s) throw new Error(`span ${span.start}-${span.end} crosses sentences`);
  return s.i;
}

const rule = (name: string, confidence = 0.9) => ({ stage: 'fixture', rule: name, confidence });

/** The Kursk article with entities, claims, events, places and times; `id`/`source` vary per copy. */
export function kurskExtraction(id = 'kursk', source = 'AP', text = KURSK_TEXT): Extraction {
  const sentences = segment(text);
  const mention = (needle: string, type: EntityType, extra: Partial<EntityMention> = {}, n = 0): EntityMention => {
    const span = at(needle, n, text);
    return {
      id: `e:${span.start}-${span.end}`,
      type,
      span,
      text: needle,
      sentence: sentenceOf(sentences, span),
      ...extra,
      provenance: rule('ner'),
    };
  };
  const entities: EntityMention[] = [
    mention('Kursk', 'LOCATION'),
    mention('Ukrainian forces', 'ORGANIZATION', { actor: 'UKR.MIL' }),
    mention('Alexei Smirnov', 'PERSON', {
      actor: 'RUS.GOV.KURSK',
      title: { span: at('Acting Governor', 0, text), text: 'Acting Governor' },
    }),
    mention('Russian Defense Ministry', 'ORGANIZATION', { actor: 'RUS.MOD' }),
    mention('Sudzha', 'LOCATION'),
    mention('Vladimir Putin', 'PERSON', { actor: 'RUS.PRES', chain: 'c:putin' }),
    mention('Putin', 'PERSON', { actor: 'RUS.PRES', chain: 'c:putin' }, 1),
    mention('U.S. State Department', 'ORGANIZATION', { actor: 'USA.DOS' }),
    mention('Dmitry Medvedev', 'PERSON', { actor: 'RUS.GOV' }),
  ];
  const byText = (t: string): EntityMention => {
    const e = entities.find((x) => x.text === t);
    if (!e) throw new Error(t);
    return e;
  };
  const mod = byText('Russian Defense Ministry');
  const claim = (cue: string, content: string, source: string, status: Claim['status'], extra: Partial<Claim> = {}): Claim => {
    const cueSpan = at(cue, 0, text);
    const contentSpan = at(content, 0, text);
    const sourceSpan = at(source, 0, text);
    const entity = entities.find((e) => e.span.start === sourceSpan.start || e.span.end === sourceSpan.end);
    return {
      id: `c:${cueSpan.start}-${cueSpan.end}`,
      sentence: sentenceOf(sentences, cueSpan),
      source: {
        span: sourceSpan,
        text: source,
        ...(entity ? { entity: entity.id } : {}),
        ...(entity?.actor ? { actor: entity.actor } : {}),
        generic: false,
      },
      cue: { span: cueSpan, text: cue, lemma: cue.replace(/ed$/, '').toLowerCase() },
      content: { span: contentSpan, text: content },
      direct: false,
      status,
      negated: false,
      provenance: rule('claims'),
      ...extra,
    };
  };
  const claims: Claim[] = [
    claim('claimed', 'its forces are actively countering Ukrainian troops in the region', 'The Russian Defense Ministry', 'claimed'),
    claim(
      'condemned',
      'the Ukrainian incursion, labelling it a “large-scale provocation.”',
      'Russian President Vladimir Putin',
      'condemned',
    ),
    claim('commented', 'on the situation', 'the Ukrainian government', 'no_comment', { negated: true }),
  ];
  const thursday: TimeRef = {
    id: `t:${at('Thursday', 0, text).start}-${at('Thursday', 0, text).end}`,
    span: at('Thursday', 0, text),
    text: 'Thursday',
    value: '2024-08-08',
    precision: 'day',
    provenance: rule('time'),
  };
  const kursk = byText('Kursk');
  const sudzha = byText('Sudzha');
  const places: Place[] = [
    {
      id: `p:${kursk.span.start}-${kursk.span.end}`,
      mention: kursk.id,
      span: kursk.span,
      text: 'Kursk',
      resolved: { name: 'Kursk Oblast', kind: 'admin1', country: 'RU', admin1: 'Kursk', lat: 51.73, lon: 36.19, precision: 2 },
      provenance: rule('gazetteer'),
    },
    {
      id: `p:${sudzha.span.start}-${sudzha.span.end}`,
      mention: sudzha.id,
      span: sudzha.span,
      text: 'Sudzha',
      resolved: { name: 'Sudzha', kind: 'city', country: 'RU', admin1: 'Kursk', lat: 51.1976, lon: 35.2726, precision: 1 },
      provenance: rule('gazetteer'),
    },
  ];
  const ukrainianForces = byText('Ukrainian forces');
  const incursion = at('incursion', 0, text);
  const killed = at('killed', 0, text);
  const strikes = at('strikes', 0, text);
  const russiaStart = at('Russia’s military response', 0, text).start;
  const russia = { start: russiaStart, end: russiaStart + 'Russia'.length };
  const events: Event[] = [
    {
      id: `v:${incursion.start}-${incursion.end}`,
      sentence: sentenceOf(sentences, incursion),
      type: 'Battles',
      subType: 'Armed clash',
      cameo: '19',
      trigger: { span: incursion, text: 'incursion' },
      actor1: { span: ukrainianForces.span, text: ukrainianForces.text, entity: ukrainianForces.id, actor: 'UKR.MIL' },
      location: { span: kursk.span, text: 'Kursk', entity: kursk.id, place: places[0]?.id ?? '' },
      time: { timeRef: thursday.id, value: '2024-08-08', precision: 'day' },
      quantities: [],
      negated: false,
      modality: 'asserted',
      status: 'asserted',
      provenance: rule('events'),
    },
    {
      id: `v:${killed.start}-${killed.end}`,
      sentence: sentenceOf(sentences, killed),
      type: 'Battles',
      subType: 'Armed clash',
      cameo: '19',
      trigger: { span: killed, text: 'killed' },
      actor1: { span: mod.span, text: mod.text, entity: mod.id, actor: 'RUS.MIL' },
      quantities: [
        {
          kind: 'fatalities',
          value: 100,
          approximate: true,
          span: at('hundreds of Ukrainian soldiers', 0, text),
          text: 'hundreds of Ukrainian soldiers',
        },
      ],
      negated: false,
      modality: 'asserted',
      claim: claims[0]?.id ?? '',
      status: 'claimed',
      source: mod.id,
      provenance: rule('events'),
    },
    {
      id: `v:${strikes.start}-${strikes.end}`,
      sentence: sentenceOf(sentences, strikes),
      type: 'Explosions/Remote violence',
      subType: 'Air/drone strike',
      cameo: '19',
      trigger: { span: strikes, text: 'strikes' },
      actor1: { span: russia, text: 'Russia', actor: 'RUS.MIL' },
      location: { span: sudzha.span, text: 'Sudzha', entity: sudzha.id, place: places[1]?.id ?? '' },
      time: { value: '2024-08-09', precision: 'day' },
      quantities: [],
      negated: false,
      modality: 'asserted',
      status: 'asserted',
      provenance: rule('events', 0.7),
    },
  ];
  return {
    document: {
      id,
      text,
      language: 'eng',
      origin: `test/fixtures/kursk-incursion.txt#${id}`,
      published: '2024-08-09',
      source,
      title: 'State of emergency in Kursk',
    },
    sentences,
    entities,
    claims,
    events,
    places,
    times: [thursday],
    messages: [{ message: 'fixture', stage: 'fixture', severity: 'info' }],
  };
}
