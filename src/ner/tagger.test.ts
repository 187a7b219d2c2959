import { describe, expect, it } from 'vitest';
import { KURSK_TEXT } from '../store/kursk.fixture.ts';
import { segment } from '../text/index.ts';
import { loadNerModel } from './model.ts';
import { tagTokens } from './tagger.ts';

describe('tagDocument', () => {
  it('tags a document with more word types than its cached records had room for as it tags them alone', () => {
    const model = loadNerModel();
    const kursk = segment(KURSK_TEXT).map((s) => s.tokens.map((t) => t.text));
    const alone = tagTokens(model.models, model.features, kursk);
    // 60,000 new lower-case word types (no case or non-local evidence for
    // the article's words) before the article: the word records outgrow
    // their first block while the document is tagged.
    const filler = Array.from({ length: 3000 }, (_, s) => Array.from({ length: 20 }, (_, i) => `zq${(s * 20 + i).toString(36)}`));
    const together = tagTokens(model.models, model.features, [...filler, ...kursk]);
    expect(together.conll.slice(filler.length)).toEqual(alone.conll);
    expect(together.re3d?.slice(filler.length)).toEqual(alone.re3d);
    expect(alone.conll.flat().filter((t) => t !== 'O').length).toBeGreaterThan(20);
  }, 60_000);
});
