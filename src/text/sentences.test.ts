import { describe, expect, it } from 'vitest';
import { paragraphs, splitSentences } from './sentences.ts';

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

  it('treats single newlines in hard-wrapped text as spaces', () => {
    const line = 'This line is part of a hard-wrapped paragraph that continues on';
    const text = `${line}\n${line}\n${line}\n${line} and ends here.\n\nNext paragraph.`;
    expect(paragraphs(text)).toHaveLength(2);
    expect(splitSentences(text).map((s) => s.paragraph)).toEqual([0, 1]);
  });
});
