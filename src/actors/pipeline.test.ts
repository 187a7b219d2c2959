import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../model/index.ts';
import { createNerStage, DEFAULT_MODEL_DIR, loadNerModel, type NerModel } from '../ner/index.ts';
import { createPipeline } from '../pipeline/index.ts';
import { createSegmentStage } from '../text/index.ts';
import { createActorStage, linkMentions, resolveReference } from './index.ts';
import { find, kurskDocument, kurskMentions, kurskSentences } from './kursk.fixture.ts';

describe('linkMentions is idempotent', () => {
  it('linking linked mentions changes nothing', () => {
    const once = linkMentions(kurskDocument, kurskSentences, kurskMentions);
    expect(linkMentions(kurskDocument, kurskSentences, once)).toEqual(once);
  });
});

// The NER model is src/ner's (its own golden test fails loudly when it does not load);
// here its absence only skips the linking checks on real output.
function nerModel(): NerModel | undefined {
  if (!existsSync(`${DEFAULT_MODEL_DIR}/conll1.slb`)) {
    console.warn(`actors: skipping the real-pipeline test: no NER model in ${DEFAULT_MODEL_DIR}`);
    return undefined;
  }
  try {
    return loadNerModel();
  } catch (error) {
    console.warn(`actors: skipping the real-pipeline test: NER model does not load: ${(error as Error).message}`);
    return undefined;
  }
}
const model = nerModel();

describe.skipIf(!model)('actors on the real NER output for the Kursk article', () => {
  const pipeline = createPipeline([
    createSegmentStage(),
    createActorStage({ entities: createNerStage({ model: () => model as NerModel }) }),
  ]);
  const { entities, sentences } = model ? pipeline.run(kurskDocument) : { entities: [], sentences: [] };
  const byText = (text: string, type?: string): EntityMention | undefined =>
    entities.find((m) => m.text === text && (!type || m.type === type));
  /** The mention covering the `n`-th occurrence of `needle`, whatever its exact extent. */
  const over = (needle: string, n = 0): EntityMention | undefined => {
    const span = find(needle, n);
    return entities.find((m) => m.span.start <= span.start && span.end <= m.span.end);
  };

  it('links the article’s actors, titles and chains', () => {
    expect(over('Defense Ministry')?.actor).toBe('RUS.MOD');
    expect(over('State Department')?.actor).toBe('USA.MOFA');
    expect(over('Kremlin')?.actor).toBe('RUS.GOV');
    expect(over('Russian')?.actor).toBe('RUS');
    expect(over('Ukrainian')?.actor).toBe('UKR');
    expect(byText('Vladimir Putin')).toMatchObject({ actor: 'RUS.GOV', title: { text: 'President' } });
    expect(byText('Alexei Smirnov')).toMatchObject({ actor: 'RUS.GOV', title: { text: 'Acting Governor' } });
    expect(byText('Dmitry Medvedev')).toMatchObject({ actor: 'RUS.GOV', title: { text: 'senior Russian official' } });
    expect(byText('Putin')?.chain).toBe(byText('Vladimir Putin')?.chain);
    expect(byText('Putin')?.actor).toBe('RUS.GOV');
  });

  it('resolves the article’s pronouns to the linked sources', () => {
    const resolve = (needle: string, n = 0) => resolveReference(kurskDocument, sentences, entities, find(needle, n))?.actor;
    expect(resolve('They')).toBe('RUS.MOD');
    expect(resolve('they', 0)).toBe('RUS.MOD');
    expect(resolve('they', 1)).toBe('USA.MOFA');
    expect(resolve('some officials')).toBe('RUS.GOV');
  });
});
