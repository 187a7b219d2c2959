import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_TOKENS, paragraphs, splitSentences } from './sentences.ts';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it.each([
    ['He left. She stayed.', ['He left.', 'She stayed.']],
    ['The U.S. State Department confirmed it.', ['The U.S. State Department confirmed it.']],
    ['Aid came from the U.S. The talks ended.', ['Aid came from the U.S.', 'The talks ended.']],
    ['Gov. Alexei Smirnov spoke. Dr. Jones agreed.', ['Gov. Alexei Smirnov spoke.', 'Dr. Jones agreed.']],
    ['He called it a “provocation.” Putin left.', ['He called it a “provocation.”', 'Putin left.']],
    ['Is it over? No! It goes on.', ['Is it over?', 'No!', 'It goes on.']],
    ['The value fell 3.5 percent. Markets rose.', ['The value fell 3.5 percent.', 'Markets rose.']],
    ['Headline without stop\nBody sentence one.', ['Headline without stop', 'Body sentence one.']],
    ['it ended at 5 p.m. on Friday.', ['it ended at 5 p.m. on Friday.']],
    ['He met Mohan al-Freiji.[2][3] Then he left.', ['He met Mohan al-Freiji.[2][3]', 'Then he left.']],
    ['He said. [Laughter] Then.', ['He said.', '[Laughter] Then.']],
  ])('%s', (text, expected) => {
    expect(sentences(text)).toEqual(expected);
  });

  it('cuts text without sentence ends into pieces of at most MAX_SENTENCE_TOKENS, after a comma where one is near the cut', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
    const plain = splitSentences(words.join(' '));
    expect(plain.map((s) => s.tokens.length)).toEqual([MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS, 1000 - 2 * MAX_SENTENCE_TOKENS]);
    // A comma after w350 (token 351): the first piece ends there.
    const text = words.map((w, i) => (i === 350 ? `${w},` : w)).join(' ');
    const pieces = splitSentences(text);
    expect(pieces[0]?.tokens.length).toBe(352);
    expect(text.slice(pieces[0]?.start, pieces[0]?.end).endsWith('w350,')).toBe(true);
    expect(pieces.every((s) => s.tokens.length <= MAX_SENTENCE_TOKENS)).toBe(true);
    expect(pieces.flatMap((s) => s.tokens.map((t) => text.slice(t.start, t.end))).join(' ')).toBe(text.replace('w350,', 'w350 ,'));
  });

  it('treats single newlines in hard-wrapped text as spaces', () => {
    const line = 'This line is part of a hard-wrapped paragraph that continues on';
    const text = `${line}\n${line}\n${line}\n${line} and ends here.\n\nNext paragraph.`;
    expect(paragraphs(text)).toHaveLength(2);
    expect(splitSentences(text).map((s) => s.paragraph)).toEqual([0, 1]);
  });
});
