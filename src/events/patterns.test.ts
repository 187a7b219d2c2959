import { describe, expect, it } from 'vitest';
import { segment } from '../text/index.ts';
import { compilePattern, matchPattern, PatternError } from './patterns.ts';

const classes = new Map([['equipment', new Set(['vehicle', 'tank'])]]);

function matches(pattern: string, sentence: string): string[] {
  const [s] = segment(sentence);
  const tokens = s?.tokens ?? [];
  return matchPattern(compilePattern(pattern, classes), tokens, classes).map((m) =>
    sentence.slice(tokens[m.start]?.span.start, tokens[m.end - 1]?.span.end),
  );
}

describe('matchPattern', () => {
  it.each([
    ['declare ...3 state of emergency', 'They declared a state of emergency.', ['declared a state of emergency']],
    ['state of emergency ...4 declare', 'A state of emergency was declared.', ['state of emergency was declared']],
    ['destroy ...4 @equipment', 'They destroyed numerous Ukrainian military vehicles.', ['destroyed numerous Ukrainian military vehicles']],
    ['destroy ...2 @equipment', 'They destroyed numerous Ukrainian military vehicles.', []],
    ['air|drone ...3 strike', 'air and missile strikes', ['air and missile strikes']],
    ['cross ...3 border', 'They crossed, then the border.', []],
    ['artillery fire?', 'artillery shelled', ['artillery']],
    ['#num kilometre', 'up to 10 kilometres', ['10 kilometres']],
    ['call for', 'Medvedev called for a response', ['called for']],
    ['=accord', 'according to the accord', ['accord']],
  ])('%s on "%s"', (pattern, sentence, expected) => {
    expect(matches(pattern, sentence)).toEqual(expected);
  });

  it('rejects an unknown class and a leading gap', () => {
    expect(() => compilePattern('@weapons', classes)).toThrow(PatternError);
    expect(() => compilePattern('...2 strike', classes)).toThrow(PatternError);
  });
});
