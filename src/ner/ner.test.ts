import { describe, expect, it } from 'vitest';
import { parseConll, spansFromIob1 } from './conll.ts';
import { tokenise, tokenSpans } from './corpus.ts';
import { wordShape } from './features.ts';
import { Gazetteer } from './gazetteer.ts';
import { applyRules } from './rules.ts';
import { scoreSpans } from './score.ts';

describe('spansFromIob1', () => {
  it.each([
    ['I starts an entity', ['I-PER', 'I-PER', 'O'], 'PER:0-2'],
    ['B splits adjacent same-type entities', ['I-LOC', 'B-LOC'], 'LOC:0-1 LOC:1-2'],
    ['type change starts a new entity', ['I-ORG', 'I-MISC'], 'ORG:0-1 MISC:1-2'],
    ['entity at the end', ['O', 'I-PER'], 'PER:1-2'],
  ])('%s', (_name, tags, expected) => {
    expect(
      spansFromIob1(tags)
        .map((s) => `${s.type}:${s.start}-${s.end}`)
        .join(' '),
    ).toBe(expected);
  });
});

describe('parseConll', () => {
  const text =
    '-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nHi UH O O\n';
  it('splits documents and sentences and decodes IOB1', () => {
    const docs = parseConll(text);
    expect(docs).toHaveLength(2);
    expect(docs[0]?.sentences.map((s) => s.words)).toEqual([
      ['EU', 'rejects'],
      ['Peter', 'Blackburn'],
    ]);
    expect(docs[0]?.sentences[1]?.spans).toEqual([{ type: 'PER', start: 0, end: 2 }]);
  });
  it('names the line of a malformed row', () => {
    expect(() => parseConll('EU NNP I-NP I-ORG\nbroken\n')).toThrow(/^line 2: expected/);
  });
});

describe('Gazetteer', () => {
  const g = Gazetteer.fromTsv('# comment\ncity\tNew York\ncountry\tRussia\ndemonym\tRussian\ncity\tYork\n');
  it('finds multi-word and nested entries, case-insensitively', () => {
    expect(g.match(['in', 'new', 'York', 'and', 'RUSSIA'])).toEqual([
      { kind: 'city', start: 1, end: 3 },
      { kind: 'city', start: 2, end: 3 },
      { kind: 'country', start: 4, end: 5 },
    ]);
  });
  it('looks up exact entries', () => {
    expect(g.kinds(['Russian'])).toEqual(['demonym']);
    expect(g.kinds(['New'])).toEqual([]);
  });
});

describe('wordShape', () => {
  it.each([
    ['Putin', 'Xxxxx'],
    ['U.S.', 'X.X.'],
    ['1996-08-22', 'dddd-dd-dd'],
    ['Ærø', 'Xxx'],
  ])('%s → %s', (w, shape) => expect(wordShape(w)).toBe(shape));
});

describe('applyRules', () => {
  const g = new Gazetteer();
  const sentences = [['in', 'the', 'Kursk', 'region', 'and', 'eastern', 'Ukraine', 'near', 'Northern', 'Ireland']];
  const spans = [
    { type: 'LOCATION' as const, sentence: 0, start: 2, end: 3 },
    { type: 'LOCATION' as const, sentence: 0, start: 6, end: 7 },
    { type: 'LOCATION' as const, sentence: 0, start: 9, end: 10 },
  ];
  it('adds area heads and lower-case compass adjectives, naming the rule', () => {
    expect(applyRules(spans, sentences, g)).toEqual([
      { type: 'LOCATION', sentence: 0, start: 2, end: 4, rule: 'location-area-head' },
      { type: 'LOCATION', sentence: 0, start: 5, end: 7, rule: 'location-compass' },
      { type: 'LOCATION', sentence: 0, start: 9, end: 10 },
    ]);
  });
});

describe('scoreSpans', () => {
  it('scores exact matches per type', () => {
    const gold = [
      { type: 'PER', unit: 0, start: 0, end: 2 },
      { type: 'LOC', unit: 0, start: 3, end: 4 },
      { type: 'LOC', unit: 1, start: 0, end: 1 },
    ];
    const predicted = [
      { type: 'PER', unit: 0, start: 0, end: 2 },
      { type: 'LOC', unit: 0, start: 3, end: 5 },
      { type: 'ORG', unit: 1, start: 0, end: 1 },
    ];
    const s = scoreSpans(gold, predicted);
    expect(s.precision).toBe(0.3333);
    expect(s.recall).toBe(0.3333);
    expect(s.byType.PER).toEqual({ precision: 1, recall: 1, f1: 1, gold: 1, predicted: 1 });
    expect(s.byType.LOC?.recall).toBe(0);
    expect(s.byType.ORG?.precision).toBe(0);
  });
});

describe('tokenSpans', () => {
  it('maps character spans onto sitrep tokens per sentence', () => {
    const text = 'Iraqi Security Forces attacked East Mosul. ISIL fled.';
    const tok = tokenise(text);
    const spans = tokenSpans(tok, [
      { start: 0, end: 21, type: 'ORGANIZATION' },
      { start: 31, end: 41, type: 'LOCATION' },
      { start: 43, end: 47, type: 'ORGANIZATION' },
    ]);
    expect(spans).toEqual([
      [
        { type: 'ORGANIZATION', start: 0, end: 3 },
        { type: 'LOCATION', start: 4, end: 6 },
      ],
      [{ type: 'ORGANIZATION', start: 0, end: 1 }],
    ]);
  });
});
