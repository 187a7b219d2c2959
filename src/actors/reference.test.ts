import { describe, expect, it } from 'vitest';
import type { EntityType } from '../model/index.ts';
import { linkMentions, resolveReference } from './index.ts';
import { annotated, find, kurskDocument, kurskMentions, kurskSentences } from './kursk.fixture.ts';

const linked = linkMentions(kurskDocument, kurskSentences, kurskMentions);

describe('resolveReference on the Kursk article', () => {
  it.each([
    // "… stating that they have destroyed …": the subject earlier in the same sentence.
    ['they', 0, 'Russian Defense Ministry', 'RUS.MOD'],
    // "They reported that Ukrainian forces crossed …" after "The Russian Defense Ministry claimed …".
    ['They', 0, 'Russian Defense Ministry', 'RUS.MOD'],
    ['its', 0, 'Russian Defense Ministry', 'RUS.MOD'],
    // "The U.S. State Department confirmed it was not informed …"
    ['it', 1, 'U.S. State Department', 'USA.MOFA'],
    // "However, they emphasised that Ukraine has the right …"
    ['they', 1, 'U.S. State Department', 'USA.MOFA'],
    // "The Kremlin’s response … with some officials downplaying …"
    ['some officials', 0, 'Kremlin', 'RUS.GOV'],
    ['Russian officials', 0, 'Russian', 'RUS'],
  ])('%s #%i → %s', (needle, n, text, actor) => {
    const antecedent = resolveReference(kurskDocument, kurskSentences, linked, find(needle, n));
    expect([antecedent?.text, antecedent?.actor]).toEqual([text, actor]);
  });

  it('leaves an object "it" whose antecedent is no entity unresolved ("labelling it a …")', () => {
    expect(resolveReference(kurskDocument, kurskSentences, linked, find('it', 0))).toBeUndefined();
  });
});

describe('resolveReference (table)', () => {
  it.each([
    ['Vladimir Putin spoke on Friday. He said the attack failed.', [['PERSON', 'Vladimir Putin']], 'He', 'Vladimir Putin'],
    [
      'Putin met Erdogan. Later he flew home.',
      [
        ['PERSON', 'Putin'],
        ['PERSON', 'Erdogan'],
      ],
      'he',
      'Putin',
    ],
    ['Kaja Kallas said her office was ready.', [['PERSON', 'Kaja Kallas']], 'her', 'Kaja Kallas'],
    ['The Pentagon said on Monday that it had sent aid.', [['ORGANIZATION', 'Pentagon']], 'it', 'Pentagon'],
    [
      'NATO met in Brussels. It said the alliance was united.',
      [
        ['ORGANIZATION', 'NATO'],
        ['LOCATION', 'Brussels'],
      ],
      'It',
      'NATO',
    ],
    ['The IDF struck targets. They said ten fighters were killed. They also said …', [['ORGANIZATION', 'IDF']], 'They', 'IDF', 1],
    [
      'The Russian Defence Ministry said drones fell. The ministry added that …',
      [['ORGANIZATION', 'Russian Defence Ministry']],
      'The ministry',
      'Russian Defence Ministry',
    ],
    [
      'Zelensky met Biden. They said nothing.',
      [
        ['PERSON', 'Zelensky'],
        ['PERSON', 'Biden'],
      ],
      'They',
      undefined,
    ],
    ['Reports say shelling went on. They said nothing.', [], 'They', undefined],
  ] as const)('%s', (text, specs, needle, antecedent, ...rest: readonly number[]) => {
    const n = rest[0] ?? 0;
    const { document, sentences, mentions } = annotated(text, specs as readonly (readonly [EntityType, string])[]);
    const out = linkMentions(document, sentences, mentions);
    expect(resolveReference(document, sentences, out, find(needle, n, text))?.text).toBe(antecedent);
  });
});
