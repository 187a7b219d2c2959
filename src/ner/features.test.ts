import { describe, expect, it } from 'vitest';
import { FeatureExtractor, NEIGHBOUR_OFFSETS } from './features.ts';
import { Gazetteer } from './gazetteer.ts';

const gazetteer = Gazetteer.fromTsv('country\tukraine\ncity\tnew york\ndemonym\trussian\n');
const clusters = new Map([
  ['Putin', '0110101'],
  ['said', '1110001011'],
  ['Ukraine', '0101'],
]);

/** Token i's features rebuilt from the split groups the tagger scores separately. */
function splitFeatures(fx: FeatureExtractor, words: string[], extra?: number[][]): number[][] {
  const infos = words.map((w) => fx.word(w));
  const dc = fx.documentCase([words]);
  const rest = fx.restSentence(infos, dc, extra);
  return words.map((w, i) => {
    const out = [...fx.ownFeatures(w), ...fx.biasCapFeatures(fx.capKey(infos, i))];
    for (const o of NEIGHBOUR_OFFSETS) {
      const j = i + o;
      out.push(...(j >= 0 && j < words.length ? fx.neighbourFeatures(words[j] as string, o) : fx.boundaryFeatures(o)));
    }
    out.push(...rest.feats.subarray(rest.offsets[i], rest.offsets[i + 1]));
    return out.sort((a, b) => a - b);
  });
}

function wholeFeatures(fx: FeatureExtractor, words: string[], extra?: number[][]): number[][] {
  const seq = fx.sentence(words, fx.documentCase([words]), extra, true);
  return words.map((_, i) => [...seq.feats.subarray(seq.offsets[i], seq.offsets[i + 1])].sort((a, b) => a - b));
}

describe('feature groups add up to sentence()', () => {
  const fx = new FeatureExtractor({ gazetteer, clusters });
  it.each([
    ['one token', ['Ukraine']],
    ['two tokens', ['Putin', 'said']],
    ['gazetteer, clusters, case', ['Putin', 'said', 'New', 'York', 'and', 'Ukraine', 'are', 'not', 'RUSSIAN', '.']],
    ['digits and hyphens', ['The', 'T-72', 'tanks', 'cost', '$', '3.5', 'million']],
  ])('%s', (_name, words) => {
    expect(splitFeatures(fx, words)).toEqual(wholeFeatures(fx, words));
  });
  it('with extra features', () => {
    const words = ['Putin', 'said', 'so'];
    const extra = [[11, 12], [], [13]];
    expect(splitFeatures(fx, words, extra)).toEqual(wholeFeatures(fx, words, extra));
  });
});

describe('documentFeatures (the tagger’s split of restSentence)', () => {
  it('has, with caseFeatures(), the features of restSentence with documentCase and biasCapFeatures, token by token', () => {
    const fx = new FeatureExtractor({ gazetteer, clusters });
    const sentences = [
      ['Putin', 'said', 'New', 'York', 'and', 'Ukraine', 'are', 'not', 'RUSSIAN', '.'],
      ['The', 'russian', 'PUTIN', 'went', 'to', 'new', 'york'],
      ['Ukraine'],
    ];
    const infos = fx.documentWords(sentences);
    const dc = fx.documentCase(sentences);
    const caseStamp = fx.markDocumentCase(sentences, infos);
    const { pairs, small } = fx.documentFeatures(infos);
    let j = 0;
    infos.forEach((sentence) => {
      const rest = fx.restSentence(sentence, dc);
      sentence.forEach((_, i) => {
        const expected = [...rest.feats.subarray(rest.offsets[i], rest.offsets[i + 1]), ...fx.biasCapFeatures(fx.capKey(sentence, i))].sort(
          (a, b) => a - b,
        );
        const got = [
          ...pairs.feats.subarray(pairs.offsets[j], pairs.offsets[j + 1]),
          ...small.feats.subarray(small.offsets[j], small.offsets[j + 1]),
          ...fx.caseFeatures(fx.caseKey(sentence, i, caseStamp)),
        ].sort((a, b) => a - b);
        expect(got).toEqual(expected);
        j++;
      });
    });
  });
});

describe('capitalisation class', () => {
  // The Unicode regex definition the ASCII fast path must agree with.
  const byRegex = (w: string): number => {
    const upper = /\p{Lu}/u.test(w);
    const lower = /\p{Ll}/u.test(w);
    if (!upper && !lower) return 0;
    if (!upper) return 1;
    if (!lower) return 3;
    return /^\P{L}*\p{Lu}[^\p{Lu}]*$/u.test(w) ? 2 : 4;
  };
  const fx = new FeatureExtractor({ gazetteer });
  it.each([
    ['--', 0],
    ['1996', 0],
    ['said', 1],
    ['.com', 1],
    ['Putin', 2],
    ["'Kursk", 2],
    ['T-72', 3],
    ['NATO', 3],
    ['3D', 3],
    ['iPhone', 4],
    ['McDonald', 4],
    ["O'Neill", 4],
    ['Élysée', 2],
    ['ÉLYSÉE', 3],
    ['élysée', 1],
  ] as const)('%s → %i', (w, expected) => {
    expect(fx.word(w).cap).toBe(expected);
    expect(byRegex(w)).toBe(expected);
  });
});
