import { describe, expect, it } from 'vitest';
import type { EntityMention, EntityType, Place, TimeRef } from '../model/index.ts';
import { segment } from '../text/index.ts';
import {
  actorCandidates,
  isCalendarDate,
  isNominal,
  isPassive,
  pickActors,
  pickInstruments,
  pickLocation,
  pickTime,
  publicationWeek,
} from './arguments.ts';
import { loadLexicon } from './lexicon.ts';

const lexicon = loadLexicon();

/** "Ukrainian/NATIONALITY" or "[Vladimir Putin]/PERSON" marks a mention in a sentence written as plain text. */
function setup(marked: string) {
  const mentions: { type: EntityType; text: string }[] = [];
  const text = marked.replace(
    /\[([^\]]+)\]\/([A-Z_]+)|([^\s/[]+)\/([A-Z_]+)/g,
    (_m, many?: string, t1?: string, one?: string, t2?: string) => {
      const words = many ?? one ?? '';
      mentions.push({ type: (t1 ?? t2) as EntityType, text: words });
      return words;
    },
  );
  const [sentence] = segment(text);
  if (!sentence) throw new Error('no sentence');
  let from = 0;
  const entities: EntityMention[] = mentions.map(({ type, text: needle }) => {
    const start = text.indexOf(needle, from);
    from = start + needle.length;
    return {
      id: `e:${start}`,
      type,
      span: { start, end: start + needle.length },
      text: needle,
      sentence: 0,
      provenance: { stage: 'test', confidence: 1 },
    };
  });
  return { text, sentence, entities };
}

function actors(marked: string, trigger: string) {
  const { text, sentence, entities } = setup(marked);
  const candidates = actorCandidates(sentence, text, entities, lexicon, () => undefined);
  const i = sentence.tokens.findIndex((t) => t.text === trigger);
  const picked = pickActors(sentence.tokens, { start: i, end: i + 1 }, candidates);
  return [
    picked.actor1 ? `${picked.actor1.candidate.text} (${picked.actor1.rule})` : '-',
    picked.actor2 ? `${picked.actor2.candidate.text} (${picked.actor2.rule})` : '-',
  ];
}

describe('pickActors: one rule per row', () => {
  it.each([
    ['a rare incursion by Ukrainian/NATIONALITY forces.', 'incursion', ['Ukrainian forces (by-agent)', '-']],
    ['Putin condemned the Ukrainian/NATIONALITY incursion.', 'incursion', ['Ukrainian (premodifier)', '-']],
    [
      '[Vladimir Putin]/PERSON condemned the Ukrainian/NATIONALITY incursion.',
      'condemned',
      ['Vladimir Putin (premodifier)', 'Ukrainian (object)'],
    ],
    ['Russia/LOCATION ’s military response included air strikes.', 'air', ['Russia (subject)', '-']],
    ['The Iraqi/NATIONALITY army attacked ISIL/ORGANIZATION positions.', 'attacked', ['Iraqi army (premodifier)', 'ISIL (object)']],
    ['Ukrainian/NATIONALITY soldiers were killed.', 'killed', ['-', 'Ukrainian soldiers (passive-subject)']],
    ['they destroyed Ukrainian/NATIONALITY military vehicles and killed soldiers.', 'killed', ['they (subject)', 'soldiers (object)']],
    ['The attack, while others like [Dmitry Medvedev]/PERSON spoke.', 'attack', ['-', '-']],
    ['[The Kremlin]/ORGANIZATION ’s response to the incursion was mixed.', 'incursion', ['-', '-']],
    [
      'the Ukrainian/NATIONALITY incursion could be a move to force Russia/ORGANIZATION to retreat.',
      'incursion',
      ['Ukrainian (premodifier)', '-'],
    ],
  ])('%s [%s]', (marked, trigger, expected) => {
    expect(actors(marked, trigger)).toEqual(expected);
  });

  it('a bare nationality before a noun is not a group: "Ukrainian military vehicles"', () => {
    const { text, sentence, entities } = setup('They destroyed Ukrainian/NATIONALITY military vehicles.');
    const c = actorCandidates(sentence, text, entities, lexicon, () => undefined);
    expect(c.map((x) => [x.text, x.canBeSubject])).toEqual([
      ['They', true],
      ['Ukrainian', false],
    ]);
  });

  it('a country after a preposition is a place, not an actor', () => {
    const { text, sentence, entities } = setup('It was declared in the region of southwest Russia/LOCATION today.');
    expect(actorCandidates(sentence, text, entities, lexicon, () => 'RUS')).toEqual([
      expect.objectContaining({ text: 'It', pronoun: true }),
    ]);
  });
});

describe('isNominal', () => {
  it.each([
    ['The Kremlin’s response to the incursion was mixed.', 'incursion', true],
    ['It came after a rare incursion.', 'incursion', true],
    ['Putin halted the Ukrainian advance.', 'advance', true],
    ['Ukrainian forces advanced.', 'advanced', false],
    ['The response included air strikes.', 'air', false],
  ])('%s [%s] → %s', (text, trigger, expected) => {
    const [s] = segment(text);
    const tokens = s?.tokens ?? [];
    expect(
      isNominal(
        tokens,
        tokens.findIndex((t) => t.text === trigger),
      ),
    ).toBe(expected);
  });
});

describe('isPassive', () => {
  it.each([
    ['A state of emergency was declared.', 'declared', true],
    ['Residents have been evacuated.', 'evacuated', true],
    ['Forces have advanced.', 'advanced', false],
    ['Troops crossed the border.', 'crossed', false],
  ])('%s [%s] → %s', (text, trigger, expected) => {
    const [s] = segment(text);
    const tokens = s?.tokens ?? [];
    expect(
      isPassive(
        tokens,
        tokens.findIndex((t) => t.text === trigger),
      ),
    ).toBe(expected);
  });
});

function place(text: string, needle: string, precision?: 1 | 2 | 3): Place {
  const start = text.indexOf(needle);
  return {
    id: `p:${start}`,
    mention: `e:${start}`,
    span: { start, end: start + needle.length },
    text: needle,
    ...(precision ? { resolved: { name: needle, kind: 'city', country: 'RU', lat: 0, lon: 0, precision } } : {}),
    provenance: { stage: 'test', confidence: 1 },
  };
}

describe('pickLocation', () => {
  const text = 'A state of emergency was declared in the Kursk region of southwest Russia after an incursion.';
  const [sentence] = segment(text);
  if (!sentence) throw new Error('no sentence');
  const places = [place(text, 'Kursk region', 2), place(text, 'Russia', 3)];
  const trig = (word: string) => {
    const i = sentence.tokens.findIndex((t) => t.text === word);
    return { start: i, end: i + 1 };
  };
  it('takes the place after a locative preposition', () => {
    expect(pickLocation(sentence, trig('declared'), places, [])).toMatchObject({ place: { text: 'Kursk region' }, rule: 'locative' });
  });
  it('else the most precise place in the sentence', () => {
    expect(pickLocation(sentence, trig('incursion'), places, [])).toMatchObject({ place: { text: 'Kursk region' }, rule: 'most-precise' });
  });
  it('an unresolved place ranks after resolved ones, and is used when alone', () => {
    const unresolved = place(text, 'Kursk region');
    expect(pickLocation(sentence, trig('incursion'), [unresolved, place(text, 'Russia', 3)], [])?.place.text).toBe('Russia');
    expect(pickLocation(sentence, trig('incursion'), [unresolved], [])?.place).toBe(unresolved);
  });
  it('skips places used as actors', () => {
    expect(pickLocation(sentence, trig('incursion'), places, [places[0]?.span ?? { start: 0, end: 0 }])?.place.text).toBe('Russia');
  });
});

describe('pickTime', () => {
  const text = 'A state of emergency was declared on Thursday after a rare incursion.';
  const [sentence] = segment(text);
  if (!sentence) throw new Error('no sentence');
  const start = text.indexOf('Thursday');
  const thursday: TimeRef = {
    id: 't',
    span: { start, end: start + 8 },
    text: 'Thursday',
    value: '2024-08-08',
    precision: 'day',
    provenance: { stage: 'test', confidence: 1 },
  };
  const trig = (word: string) => {
    const i = sentence.tokens.findIndex((t) => t.text === word);
    return { start: i, end: i + 1 };
  };
  it('dates the event its clause names', () => {
    expect(pickTime(sentence, trig('declared'), [thursday])?.value).toBe('2024-08-08');
  });
  it('not across "after": the incursion came before Thursday', () => {
    expect(pickTime(sentence, trig('incursion'), [thursday])).toBeUndefined();
  });
});

describe('dates', () => {
  it.each([
    ['2024-08-09', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-8-9', false],
  ])('isCalendarDate(%s) → %s', (iso, ok) => {
    expect(isCalendarDate(iso)).toBe(ok);
  });
  it('publication week: the seven days ending on the publication date', () => {
    expect(publicationWeek('2024-08-09')).toBe('2024-08-03');
    expect(publicationWeek('2024-03-02')).toBe('2024-02-25');
  });
});

describe('pickInstruments', () => {
  it('splits "with tanks and armoured vehicles" into equipment conjuncts', () => {
    const { text, sentence, entities } = setup(
      'Ukrainian forces crossed the border near the town of Sudzha with tanks/MILITARY_PLATFORM and armoured vehicles.',
    );
    const i = sentence.tokens.findIndex((t) => t.text === 'crossed');
    const found = pickInstruments(sentence, { start: i, end: i + 3 }, entities, lexicon, text);
    expect(found.map((a) => [a.text, a.entity !== undefined])).toEqual([
      ['tanks', true],
      ['armoured vehicles', false],
    ]);
  });
  it('ignores "with" phrases naming no equipment', () => {
    const { text, sentence, entities } = setup('Troops crossed the border with support from allies.');
    expect(pickInstruments(sentence, { start: 1, end: 4 }, entities, lexicon, text)).toEqual([]);
  });
});

describe('common-noun actors', () => {
  it.each([
    [
      'enemy fighters firing on Iraqi/NATIONALITY forces',
      [
        ['enemy fighters', true],
        ['Iraqi forces', true],
      ],
    ],
    [
      'to kill and injure innocent civilians, including children',
      [
        ['innocent civilians', true],
        ['children', true],
      ],
    ],
    ['in support of the government of Iraq/LOCATION today', [['government of Iraq', true]]],
    ['Russia/LOCATION ’s military response included strikes', [['Russia', true]]],
    ['Near [Tal Afar]/PERSON, three strikes', []],
    ['aided by strong support from our ally Turkey/ORGANIZATION today', [['our ally Turkey', true]]],
    ['Syrian/NATIONALITY opposition forces liberated the Syrian/NATIONALITY town', [['Syrian opposition forces', true]]],
  ])('%s', (marked, expected) => {
    const { text, sentence, entities } = setup(marked);
    expect(actorCandidates(sentence, text, entities, lexicon, () => undefined).map((c) => [c.text, c.canBeSubject])).toEqual(expected);
  });
});
