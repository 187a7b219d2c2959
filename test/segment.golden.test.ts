import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/text/index.ts';
import { golden, KURSK_PATH } from './golden.ts';

const text = readFileSync(KURSK_PATH, 'utf8');
const sentences = segment(text);

describe('segmentation of the Kursk article', () => {
  it('matches the golden sentences and tokens', () => {
    const { actual, expected } = golden('kursk.segment.json', sentences);
    expect(actual).toBe(expected);
  });

  it('finds 15 sentences in 13 paragraphs (paragraphs 5 and 9 hold two sentences each)', () => {
    expect(sentences).toHaveLength(15);
    expect(new Set(sentences.map((s) => s.paragraph)).size).toBe(13);
    expect(sentences.filter((s) => s.paragraph === 4).map((s) => s.text.slice(0, 20))).toEqual([
      'They reported that U',
      'Russia’s military re',
    ]);
  });

  it('gives every token and sentence a span that slices the original text to its text', () => {
    for (const s of sentences) {
      expect(text.slice(s.span.start, s.span.end)).toBe(s.text);
      for (const t of s.tokens) expect(text.slice(t.span.start, t.span.end)).toBe(t.text);
    }
    const all = sentences.flatMap((s) => s.tokens);
    expect(all.map((t) => t.i)).toEqual(all.map((_, i) => i));
    expect(all).toHaveLength(342);
  });

  it('splits clitics and keeps numbers whole', () => {
    const words = sentences.flatMap((s) => s.tokens.map((t) => t.text));
    expect(words).toContain('3,000');
    expect(words).toContain('U.S.');
    expect(words.filter((w) => w === '’s')).toHaveLength(4);
    expect(words).not.toContain('Russia’s');
  });
});
