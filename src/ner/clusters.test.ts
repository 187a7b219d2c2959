import { describe, expect, it } from 'vitest';
import { WordClusters } from './clusters.ts';

describe('WordClusters', () => {
  const text = '# word<TAB>path\nthe\t0001\nKyiv\t0110\ncafé\t10\nthe\t0011\n\nno-tab line\n\tempty word\nlast\t111';
  const clusters = new WordClusters(text);

  it.each([
    ['Kyiv', '0110'],
    ['café', '10'],
    // A repeated word keeps its last line, as Map.set did.
    ['the', '0011'],
    ['last', '111'],
    ['kyiv', undefined],
    ['', undefined],
    ['# word<TAB>path', undefined],
    ['no-tab line', undefined],
    ['the\t0001', undefined],
    ['caf\uD800', undefined],
  ])('%j → %j', (word, path) => {
    expect(clusters.get(word)).toBe(path);
  });

  it('counts distinct words', () => {
    expect(clusters.size).toBe(4);
  });
});
