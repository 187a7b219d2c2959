import { describe, expect, it } from 'vitest';
import { segment } from '../text/index.ts';
import { isNegated, modalityOf } from './modality.ts';

/** Tokens of the sentence and the index of the first token equal to `trigger`. */
function at(sentence: string, trigger: string) {
  const [s] = segment(sentence);
  const tokens = s?.tokens ?? [];
  const i = tokens.findIndex((t) => t.text === trigger);
  if (i < 0) throw new Error(`${trigger} not in ${sentence}`);
  return { tokens, i };
}

describe('isNegated', () => {
  it.each([
    ['Troops did not cross the border.', 'cross', true],
    ['Troops never crossed the border.', 'crossed', true],
    ['No civilians were killed.', 'killed', true],
    ['Troops crossed the border.', 'crossed', false],
    ['It was not over, and troops crossed the border.', 'crossed', false],
    ['They failed to stop the advance.', 'stop', true],
  ])('%s [%s] → %s', (sentence, trigger, expected) => {
    const { tokens, i } = at(sentence, trigger);
    expect(isNegated(tokens, i)).toBe(expected);
  });
});

describe('modalityOf', () => {
  it.each([
    ['We will continue to strike ISIL.', 'strike', 'future'],
    ['The incursion could escalate into a wider offensive.', 'escalate', 'hypothetical'],
    ['Forces moved in order to defeat ISIL.', 'defeat', 'hypothetical'],
    ['Medvedev called for a strong military response to crush the Ukrainian forces.', 'crush', 'demanded'],
    ['They urged the army to retake the town.', 'retake', 'demanded'],
    ['Ukrainian forces crossed the border.', 'crossed', 'asserted'],
  ])('%s [%s] → %s', (sentence, trigger, expected) => {
    const { tokens, i } = at(sentence, trigger);
    expect(modalityOf(tokens, i, false)).toBe(expected);
  });

  it('a statement itself is asserted even after a demand cue', () => {
    const { tokens, i } = at('They urged and condemned.', 'condemned');
    expect(modalityOf(tokens, i, true)).toBe('asserted');
  });
});
