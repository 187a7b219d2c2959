import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../model/index.ts';
import { linkMentions } from './index.ts';
import { annotated, find, kurskDocument, kurskMentions, kurskSentences } from './kursk.fixture.ts';

const linked = linkMentions(kurskDocument, kurskSentences, kurskMentions);

function at(needle: string, n = 0, type?: string): EntityMention {
  const span = find(needle, n);
  const m = linked.find((x) => x.span.start === span.start && x.span.end === span.end && (!type || x.type === type));
  if (!m) throw new Error(`no linked mention "${needle}" #${n}`);
  return m;
}

describe('linkMentions on the Kursk article (hand-built NER mentions)', () => {
  it('links actors', () => {
    expect(
      [
        ['Russian Defense Ministry', 0],
        ['U.S. State Department', 0],
        ['Russian', 0],
        ['Ukrainian', 0],
        ['Russia', 0],
        ['Ukraine', 1],
        ['Vladimir Putin', 0],
        ['Putin', 1],
        ['Dmitry Medvedev', 0],
        ['Alexei Smirnov', 0],
        ['Sudzha', 0],
        ['eastern Ukraine', 0],
      ].map(([needle, n]) => [needle, at(needle as string, n as number).actor]),
    ).toEqual([
      ['Russian Defense Ministry', 'RUS.MOD'],
      ['U.S. State Department', 'USA.MOFA'],
      ['Russian', 'RUS'],
      ['Ukrainian', 'UKR'],
      ['Russia', 'RUS'],
      ['Ukraine', 'UKR'],
      ['Vladimir Putin', 'RUS.GOV'],
      ['Putin', 'RUS.GOV'],
      ['Dmitry Medvedev', 'RUS.GOV'],
      ['Alexei Smirnov', 'RUS.GOV'], // "Russian officials, including …"
      ['Sudzha', undefined],
      ['eastern Ukraine', undefined],
    ]);
  });

  it('attaches titles and appositions, nationality kept apart', () => {
    expect(at('Alexei Smirnov').title).toEqual({ span: find('Acting Governor'), text: 'Acting Governor' });
    expect(at('Vladimir Putin').title).toEqual({ span: find('President'), text: 'President' });
    expect(at('Dmitry Medvedev').title).toEqual({ span: find('senior Russian official'), text: 'senior Russian official' });
    expect(at('Putin', 1).title).toBeUndefined();
  });

  it('adds the missed Kremlin, keeps the layer flat, and adds no common-noun phrases', () => {
    const added = linked.filter((m) => m.provenance.stage === 'actors').map((m) => [m.text, m.type, m.actor, m.provenance.rule]);
    expect(added).toEqual([['Kremlin', 'ORGANIZATION', 'RUS.GOV', 'alias:Kremlin']]);
    const sorted = [...linked].sort((a, b) => a.span.start - b.span.start);
    for (let i = 1; i < sorted.length; i++) {
      expect(sorted[i]?.span.start).toBeGreaterThanOrEqual(sorted[i - 1]?.span.end ?? 0);
    }
  });

  it('chains within the document, with deterministic ids', () => {
    const putin = at('Vladimir Putin');
    expect(putin.chain).toBe(`c:${putin.span.start}-${putin.span.end}`);
    expect(at('Putin', 1).chain).toBe(putin.chain);
    expect(at('Russian', 4).chain).toBe(at('Russia').chain); // actor RUS
    expect(at('Kursk', 2).chain).toBe(at('Kursk region').chain);
    expect(at('Dmitry Medvedev').chain).not.toBe(putin.chain);
    expect(at('missile').chain).toBeUndefined();
    const later = annotated('Putin spoke. Vladimir Putin later said so. Lavrov agreed.', [
      ['PERSON', 'Putin'],
      ['PERSON', 'Vladimir Putin'],
      ['PERSON', 'Lavrov'],
    ]);
    const chains = linkMentions(later.document, later.sentences, later.mentions).map((m) => m.chain);
    expect(chains).toEqual(['c:0-5', 'c:0-5', 'c:43-49']);
    expect(linkMentions(kurskDocument, kurskSentences, kurskMentions)).toEqual(linked);
  });

  it('keeps every input mention, unchanged apart from the linking fields', () => {
    for (const m of kurskMentions) {
      const out = linked.find((x) => x.id === m.id && x.type === m.type);
      expect(out).toMatchObject({ span: m.span, text: m.text, type: m.type, sentence: m.sentence });
    }
    expect(kurskMentions.every((m) => m.actor === undefined && m.chain === undefined)).toBe(true);
  });
});

describe('titles and actors (table)', () => {
  it.each([
    [
      'Russian President Vladimir Putin said.',
      [
        ['NATIONALITY', 'Russian'],
        ['PERSON', 'Vladimir Putin'],
      ],
      'President',
      'RUS.GOV',
    ],
    ['Acting Governor Alexei Smirnov spoke.', [['PERSON', 'Alexei Smirnov']], 'Acting Governor', undefined],
    [
      'Ukrainian Deputy Prime Minister Iryna Vereshchuk said.',
      [
        ['NATIONALITY', 'Ukrainian'],
        ['PERSON', 'Iryna Vereshchuk'],
      ],
      'Deputy Prime Minister',
      'UKR.GOV',
    ],
    [
      "Russia's Defence Minister Andrei Belousov said.",
      [
        ['LOCATION', 'Russia'],
        ['PERSON', 'Andrei Belousov'],
      ],
      'Defence Minister',
      'RUS.MOD',
    ],
    ['Kremlin spokesman Dmitry Peskov said.', [['PERSON', 'Dmitry Peskov']], 'spokesman', 'RUS.GOV'],
    [
      'U.S. Secretary of State Antony Blinken said.',
      [
        ['LOCATION', 'U.S.'],
        ['PERSON', 'Antony Blinken'],
      ],
      'Secretary of State',
      'USA.MOFA',
    ],
    [
      'Gen. Valery Gerasimov, the Russian chief of the general staff, said.',
      [
        ['PERSON', 'Valery Gerasimov'],
        ['NATIONALITY', 'Russian'],
      ],
      'Gen.',
      undefined,
    ],
    [
      'Dmitry Medvedev, a senior Russian official, called.',
      [
        ['PERSON', 'Dmitry Medvedev'],
        ['NATIONALITY', 'Russian'],
      ],
      'senior Russian official',
      'RUS.GOV',
    ],
    [
      'Yuri Podolyaka, a Ukrainian-born military blogger, wrote.',
      [['PERSON', 'Yuri Podolyaka']],
      'Ukrainian-born military blogger',
      undefined,
    ],
    ['New York Attorney General Eric Schneiderman said.', [['PERSON', 'Eric Schneiderman']], 'Attorney General', undefined],
    [
      'Michael Haltzel, a former advisor to Vice President (then-Senator) Biden, said.',
      [['PERSON', 'Michael Haltzel']],
      undefined,
      undefined,
    ],
    [
      "Dmitry Polyansky, deputy head of Russia's mission to the UN, said.",
      [
        ['PERSON', 'Dmitry Polyansky'],
        ['LOCATION', 'Russia'],
        ['ORGANIZATION', 'UN'],
      ],
      "deputy head of Russia's mission to the UN",
      undefined,
    ],
    [
      'Ukrainian officials, including Mayor Ivan Fedorov, said.',
      [
        ['NATIONALITY', 'Ukrainian'],
        ['PERSON', 'Ivan Fedorov'],
      ],
      'Mayor',
      'UKR.GOV',
    ],
    [
      'Ukrainian officials, including Ivan Fedorov, said.',
      [
        ['NATIONALITY', 'Ukrainian'],
        ['PERSON', 'Ivan Fedorov'],
      ],
      undefined,
      'UKR.GOV',
    ],
    ['Others, like Dmitry Medvedev, called.', [['PERSON', 'Dmitry Medvedev']], undefined, undefined],
    ['Alexei Smirnov, described the situation.', [['PERSON', 'Alexei Smirnov']], undefined, undefined],
    [
      'John Kirby, spokesman for the National Security Council, said.',
      [['PERSON', 'John Kirby']],
      'spokesman for the National Security Council',
      undefined,
    ],
  ] as const)('%s', (text, specs, title, actor) => {
    const { document, sentences, mentions } = annotated(text, specs);
    const person = linkMentions(document, sentences, mentions).find((m) => m.type === 'PERSON');
    expect(person?.title?.text).toBe(title);
    expect(person?.actor).toBe(actor);
    if (person?.title) expect(text.slice(person.title.span.start, person.title.span.end)).toBe(title);
  });

  it.each([
    ['The Russian Defense Ministry said.', [['NATIONALITY', 'Russian']], 'Defense Ministry', 'RUS.MOD'],
    ["Russia's Foreign Ministry said.", [['LOCATION', 'Russia']], 'Foreign Ministry', 'RUS.MOFA'],
    [
      'Israeli Defense Forces spokesman Daniel Hagari said.',
      [
        ['NATIONALITY', 'Israeli'],
        ['PERSON', 'Daniel Hagari'],
      ],
      'Defense Forces',
      'ISR.MIL',
    ],
    ['the Ukrainian government has not commented.', [['NATIONALITY', 'Ukrainian']], undefined, undefined],
    ['Russian military bloggers said.', [['NATIONALITY', 'Russian']], undefined, undefined],
  ] as const)('adds the capitalised institution in "%s"', (text, specs, added, actor) => {
    const { document, sentences, mentions } = annotated(text, specs);
    const extra = linkMentions(document, sentences, mentions).filter((m) => m.provenance.stage === 'actors');
    expect(extra.map((m) => [m.text, m.type, m.actor])).toEqual(added ? [[added, 'ORGANIZATION', actor]] : []);
  });

  it.each([
    ['Moscow said the strike was legal.', [['LOCATION', 'Moscow']], 'RUS.GOV'],
    ["Moscow's response was swift.", [['LOCATION', 'Moscow']], 'RUS.GOV'],
    ['Drones struck Moscow on Sunday.', [['LOCATION', 'Moscow']], undefined],
    ['Us and them.', [['LOCATION', 'Us']], undefined],
    ['Kyiv has denied it.', [['LOCATION', 'Kyiv']], 'UKR.GOV'],
    ['Fighting reached Kyiv’s suburbs.', [['LOCATION', 'Kyiv']], undefined],
    ['The centre of Kyiv had been hit.', [['LOCATION', 'Kyiv']], undefined],
    ['The US said.', [['LOCATION', 'US']], 'USA'],
    [
      'The Russian Defence Ministry said it shot down drones. The ministry added that …',
      [
        ['NATIONALITY', 'Russian'],
        ['ORGANIZATION', 'Defence Ministry'],
        ['ORGANIZATION', 'ministry'],
      ],
      'RUS.MOD',
    ],
    [
      'Britain said on Monday. The MoD confirmed it.',
      [
        ['LOCATION', 'Britain'],
        ['ORGANIZATION', 'MoD'],
      ],
      undefined,
    ],
    [
      'The Pentagon and Hezbollah.',
      [
        ['ORGANIZATION', 'Hezbollah'],
        ['ORGANIZATION', 'Pentagon'],
      ],
      'USA.MOD',
    ],
    [
      'Russian forces and Israeli troops.',
      [
        ['NATIONALITY', 'Russian'],
        ['NATIONALITY', 'Israeli'],
      ],
      'ISR',
    ],
  ] as const)('%s', (text, specs, actor) => {
    const { document, sentences, mentions } = annotated(text, specs);
    const last = mentions[mentions.length - 1];
    const out = linkMentions(document, sentences, mentions).find((m) => m.id === last?.id && m.type === last.type);
    expect(out?.actor).toBe(actor);
  });
});
