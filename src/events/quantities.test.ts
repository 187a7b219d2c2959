import { describe, expect, it } from 'vitest';
import { segment } from '../text/index.ts';
import { loadLexicon } from './lexicon.ts';
import { findQuantities } from './quantities.ts';

const { classes } = loadLexicon();

function quantities(sentence: string): string[] {
  const [s] = segment(sentence);
  if (!s) return [];
  return findQuantities(s.tokens, classes).map((q) => {
    const text = sentence.slice(s.tokens[q.start]?.span.start, s.tokens[q.end - 1]?.span.end);
    return `${text} = ${q.value ?? '?'}${q.approximate ? '~' : ''} ${q.counted}${q.unit ? ` ${q.unit}` : ''}`;
  });
}

describe('findQuantities', () => {
  it.each([
    ['Around 3,000 residents have been evacuated.', ['Around 3,000 residents = 3000~ civilian']],
    ['They killed hundreds of Ukrainian soldiers.', ['hundreds of Ukrainian soldiers = 100~ combatant']],
    ['Forces advanced up to 10 kilometres.', ['up to 10 kilometres = 10~ distance km']],
    ['They destroyed numerous Ukrainian military vehicles.', ['numerous Ukrainian military vehicles = ?~ equipment']],
    ['The fighting saw 120 Iraqi soldiers killed.', ['120 Iraqi soldiers = 120 combatant']],
    ['At least 12 people died.', ['At least 12 people = 12~ person']],
    ['Tens of thousands of civilians fled.', ['Tens of thousands of civilians = 10000~ civilian']],
    ['Two hundred civilians were wounded.', ['Two hundred civilians = 200 civilian']],
    ['Dozens of tanks were hit.', ['Dozens of tanks = 12~ equipment']],
    ['They moved 5 miles.', ['5 miles = 5 distance mi']],
    ['It lasted several days.', []],
    ['Coalition forces conducted 26 strikes.', []],
    // Words that name Object.prototype members are words, not numbers.
    ['Some __proto__ said hasOwnProperty troops attacked.', []],
    ['The constructor troops moved 5 valueOf.', []],
  ])('%s', (sentence, expected) => {
    expect(quantities(sentence)).toEqual(expected);
  });
});
