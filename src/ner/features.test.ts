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
  it('has the features of restSentence with documentCase, token by token', () => {
    const fx = new FeatureExtractor({ gazetteer, clusters });
    const sentences = [
      ['Putin', 'said', 'New', 'York', 'and', 'Ukraine', 'are', 'not', 'RUSSIAN', '.'],
      ['The', 'russian', 'PUTIN', 'went', 'to', 'new', 'york'],
      ['Ukraine'],
    ];
    const infos = fx.documentWords(sentences);
    const dc = fx.documentCase(sentences);
    const { pairs, small } = fx.documentFeatures(infos, fx.markDocumentCase(sentences, infos));
    let j = 0;
    infos.forEach((sentence) => {
      const rest = fx.restSentence(sentence, dc);
      sentence.forEach((_, i) => {
        const expected = [...rest.feats.subarray(rest.offsets[i], rest.offsets[i + 1])].sort((a, b) => a - b);
        const got = [
          ...pairs.feats.subarray(pairs.offsets[j], pairs.offsets[j + 1]),
          ...small.feats.subarray(small.offsets[j], small.offsets[j + 1]),
        ].sort((a, b) => a - b);
        expect(got).toEqual(expected);
        j++;
      });
    });
  });
});
