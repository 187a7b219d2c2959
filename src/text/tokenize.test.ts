import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenize.ts';

const words = (text: string) => tokenize(text).map((t) => text.slice(t.start, t.end));

describe('tokenize', () => {
  it.each([
    ['Russia’s military response', ['Russia', '’s', 'military', 'response']],
    ["the Kremlin's view", ['the', 'Kremlin', "'s", 'view']],
    ["They don't know", ['They', 'do', "n't", 'know']],
    ['Around 3,000 residents', ['Around', '3,000', 'residents']],
    ['a 10-km advance', ['a', '10-km', 'advance']],
    ['The U.S. State Department', ['The', 'U.S.', 'State', 'Department']],
    ['Gov. Smith and Dr. Jones', ['Gov.', 'Smith', 'and', 'Dr.', 'Jones']],
    ['a “large-scale provocation.”', ['a', '“', 'large-scale', 'provocation', '.', '”']],
    ['(AFP) - Troops', ['(', 'AFP', ')', '-', 'Troops']],
    ['costs $5.5 billion, or 3%.', ['costs', '$', '5.5', 'billion', ',', 'or', '3', '%', '.']],
    ['Kyiv—the capital', ['Kyiv', '—', 'the', 'capital']],
    // The horizontal bar that signs a quotation, glued to its closing quote (PolNeAR).
    ['about.”―Sonya Herridge', ['about', '.', '”', '―', 'Sonya', 'Herridge']],
    ['wait... what?', ['wait', '...', 'what', '?']],
    ['the soldiers’ families', ['the', 'soldiers', '’', 'families']],
    ['U.S.-led coalition', ['U.S.-led', 'coalition']],
    ['O’Brien said', ['O’Brien', 'said']],
    // Wikipedia citation marks come off the word they are glued to; an editorial bracket at a word's start stays.
    ['Mohan al-Freiji.[2] Then', ['Mohan', 'al-Freiji', '.', '[', '2', ']', 'Then']],
    ['Abu Haidar,[1] said on 13.[4][5]', ['Abu', 'Haidar', ',', '[', '1', ']', 'said', 'on', '13', '.', '[', '4', ']', '[', '5', ']']],
    ['“[W]e will', ['“', '[', 'W]e', 'will']],
    ['he love[s] it, troops[12] left', ['he', 'love[s]', 'it', ',', 'troops', '[', '12', ']', 'left']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('keeps offsets exact across astral characters and non-breaking spaces', () => {
    const text = 'Putin 🇷🇺\u00a0said: “no.”';
    const tokens = tokenize(text);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Putin', '🇷🇺', 'said', ':', '“', 'no', '.', '”']);
    expect(tokens[2]).toEqual({ start: 11, end: 15 });
  });
});
