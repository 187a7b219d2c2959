import { describe, expect, it } from 'vitest';
import { WordTypes } from '../learn/index.ts';
import { segment } from '../text/index.ts';
import { asciiQuotes, sentenceFeatures, wordFeatures } from './features.ts';
import { loadPosTagger } from './tagger.ts';
import { fromPennTag } from './tagset.ts';

const tagger = loadPosTagger();
const tagsOf = (text: string): string[] =>
  segment(text).flatMap((s) => tagger.tag(s.tokens.map((t) => t.text)).map((tag, i) => `${s.tokens[i]?.text}/${tag}`));

describe('fromPennTag', () => {
  it.each([
    ['NNPS', 'NNP'],
    ['VBD', 'VBD'],
    ['WDT', 'WH'],
    [',', 'P'],
    ['$', 'SYM'],
    ['NN|SYM', 'NN'],
  ])('%s → %s', (penn, tag) => {
    expect(fromPennTag(penn)).toBe(tag);
  });
  it('rejects a tag outside the Penn set', () => {
    expect(() => fromPennTag('XYZ')).toThrow("unknown Penn Treebank tag 'XYZ'");
  });
});

describe('asciiQuotes', () => {
  it('maps typographic quotes to what CoNLL-2003 has', () => {
    expect(asciiQuotes('’s')).toBe("'s");
    expect(asciiQuotes('“')).toBe('"');
  });
});

describe('PosTagger', () => {
  it('tags the Kursk article’s reporting verbs', () => {
    const tags = tagsOf('The Russian Defense Ministry claimed it had destroyed numerous armoured vehicles.');
    expect(tags).toEqual([
      'The/DT',
      'Russian/NNP',
      'Defense/NNP',
      'Ministry/NNP',
      'claimed/VBD',
      'it/PRP',
      'had/VBD',
      'destroyed/VBN',
      'numerous/JJ',
      'armoured/JJ',
      'vehicles/NNS',
      './P',
    ]);
  });
  it('reads a curly possessive like the ASCII one', () => {
    expect(tagsOf('Russia’s military responded.')).toContain('’s/POS');
  });
  const sentences = segment('“We will respond,” Putin said on Thursday. Medvedev called for a strong military response.').map((s) =>
    s.tokens.map((t) => t.text),
  );
  it('tags with cached word scores exactly as with every feature listed (training’s view)', () => {
    for (const words of sentences) {
      expect(tagger.tag(words)).toEqual(tagger.model.decodeHashed(sentenceFeatures(words.map(wordFeatures)), undefined, false).labels);
    }
  });
  it('tags the same with the caller’s word-type ids', () => {
    const types = new WordTypes(1000, () => null);
    for (const words of sentences) {
      const ids = Int32Array.from(words, (w) => types.id(w));
      expect(tagger.tag(words, { generation: types.generation, ids })).toEqual(tagger.tag(words));
    }
  });
  it('tags an empty sentence as nothing', () => {
    expect(tagger.tag([])).toEqual([]);
  });
});
