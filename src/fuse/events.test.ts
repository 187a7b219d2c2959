import { describe, expect, it } from 'vitest';
import { averageLinkage, clusterByLemma, documentGroups, type EventMention, kilometres, pairFeatures } from './events.ts';
import { wordnetRelatedness } from './wordnet.ts';

describe('averageLinkage', () => {
  // Two tight pairs {0,1} {2,3} with weak cross links: merges inside pairs only.
  const sim = [
    [0, 0.9, 0.1, 0.2],
    [0.9, 0, 0.2, 0.1],
    [0.1, 0.2, 0, 0.8],
    [0.2, 0.1, 0.8, 0],
  ];
  const s = (i: number, j: number): number => sim[i]?.[j] ?? 0;
  it('merges while the mean link is above the threshold', () => {
    expect(averageLinkage(4, s, 0.5)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
  it('a low threshold merges everything (mean cross link 0.15)', () => {
    expect(averageLinkage(4, s, 0.15)).toEqual([[0, 1, 2, 3]]);
    expect(averageLinkage(4, s, 0.16)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });
});

const vec = (entries: [string, number][]) => new Map(entries);
const mention = (key: string, doc: string, lemma: string, head: string, extra: Partial<EventMention> = {}): EventMention => ({
  key,
  doc,
  lemma,
  head,
  participants: new Set(),
  args: new Set(),
  context: vec([]),
  ...extra,
});

describe('pairFeatures', () => {
  const ctx = {
    docVectors: new Map([
      ['d1', vec([['quake', 1]])],
      [
        'd2',
        vec([
          ['quake', 0.6],
          ['chile', 0.8],
        ]),
      ],
    ]),
    related: new Map([['die|kil', 0.4]]),
    dateWindowDays: 3,
  };
  it('lemma match, doc cosine, argument overlap', () => {
    const f = pairFeatures(
      mention('a', 'd1', 'strik', 'struck', { args: new Set(['chile', 'monday']) }),
      mention('b', 'd2', 'strik', 'strikes', { args: new Set(['chile']) }),
      ctx,
    );
    expect(f).toMatchObject({ lemma: 1, related: 0, wordnet: 1, args: 0.5, docSim: 0.6, clash: 0 });
  });
  it('learnt related lemmas and WordNet synonyms', () => {
    const f = pairFeatures(mention('a', 'd1', 'kil', 'killed'), mention('b', 'd2', 'die', 'died'), ctx);
    expect(f.related).toBe(0.4);
    expect(pairFeatures(mention('a', 'd1', 'earthquak', 'earthquake'), mention('b', 'd2', 'quak', 'quake'), ctx).wordnet).toBe(1);
  });
  it('two mentions of one sentence are flagged sameSentence', () => {
    expect(
      pairFeatures(mention('a', 'd1', 'x', 'x', { sentence: 2 }), mention('b', 'd1', 'y', 'y', { sentence: 2 }), ctx).sameSentence,
    ).toBe(1);
    expect(
      pairFeatures(mention('a', 'd1', 'x', 'x', { sentence: 2 }), mention('b', 'd2', 'y', 'y', { sentence: 2 }), ctx).sameSentence,
    ).toBe(0);
  });
  it('dates beyond the window and towns 100+ km apart clash', () => {
    const kyiv = { lat: 50.45, lon: 30.52 };
    const olenivka = { lat: 47.83, lon: 37.73 };
    expect(Math.round(kilometres(kyiv, olenivka))).toBe(600);
    expect(
      pairFeatures(mention('a', 'd1', 'x', 'x', { date: '2022-07-29' }), mention('b', 'd2', 'x', 'x', { date: '2022-08-03' }), ctx).clash,
    ).toBe(1);
    expect(
      pairFeatures(mention('a', 'd1', 'x', 'x', { date: '2022-07-29' }), mention('b', 'd2', 'x', 'x', { date: '2022-07-31' }), ctx).clash,
    ).toBe(0);
    expect(pairFeatures(mention('a', 'd1', 'x', 'x', { point: kyiv }), mention('b', 'd2', 'x', 'x', { point: olenivka }), ctx).clash).toBe(
      1,
    );
  });
});

describe('documentGroups and the lemma baseline', () => {
  it('groups documents by tf-idf cosine at the threshold', () => {
    const vectors = new Map([
      ['a', vec([['quake', 1]])],
      [
        'b',
        vec([
          ['quake', 0.8],
          ['chile', 0.6],
        ]),
      ],
      ['c', vec([['oscar', 1]])],
    ]);
    const g = documentGroups(['c', 'b', 'a'], vectors, 0.1);
    expect(g.get('a')).toBe(g.get('b'));
    expect(g.get('c')).not.toBe(g.get('a'));
    expect(new Set(documentGroups(['a', 'b', 'c'], vectors, 0).values()).size).toBe(1);
  });
  it('clusters by lemma key only', () => {
    expect(
      clusterByLemma([mention('1', 'a', 'kil', 'killed'), mention('2', 'b', 'die', 'died'), mention('3', 'b', 'kil', 'kills')]),
    ).toEqual([['1', '3'], ['2']]);
  });
});

describe('wordnetRelatedness', () => {
  it.each([
    ['killed', 'murder', 1],
    ['death', 'died', 1],
    ['earthquake', 'quake', 1],
    ['victory', 'win', 0.6],
    ['explosion', 'blast', 0.6],
    ['said', 'killed', 0],
  ])('%s ~ %s = %d', (a, b, r) => {
    expect(wordnetRelatedness(a, b)).toBe(r);
  });
});
