import { describe, expect, it } from 'vitest';
import { headLemma, headWord, lemmaKey } from './lemma.ts';

describe('lemmaKey: inflections of one word share a key', () => {
  it.each([
    ['fire', 'fir'],
    ['fired', 'fir'],
    ['firing', 'fir'],
    ['fires', 'fir'],
    ['killed', 'kil'],
    ['kill', 'kil'],
    ['killings', 'kil'],
    ['shot', 'shoot'],
    ['shooting', 'shoot'],
    ['stopped', 'stop'],
    ['stop', 'stop'],
    ['died', 'die'],
    ['dying', 'die'],
    ['arrested', 'arrest'],
    ['arrests', 'arrest'],
    ['struck', 'strik'],
    ['strikes', 'strik'],
    ['was', 'be'],
    ['crashes', 'crash'],
    ['Earthquake', 'earthquak'],
  ])('%s → %s', (word, key) => {
    expect(lemmaKey(word)).toBe(key);
  });
});

describe('headWord of multi-word mentions', () => {
  it.each([
    ['has been arrested', 'arrested'],
    ['checked into', 'checked'],
    ['took place', 'took'],
    ['the quake', 'quake'],
    ["wasn 't", 'wasn'],
  ])('%s → %s', (mention, head) => {
    expect(headWord(mention)).toBe(head);
  });
  it('headLemma combines both', () => {
    expect(headLemma('has been arrested')).toBe('arrest');
    expect(headLemma('took place')).toBe('tak');
  });
});
