import { describe, expect, it } from 'vitest';
import { segment } from '../text/index.ts';
import { detectTriggers } from './detect.ts';
import { loadLexicon } from './lexicon.ts';

const lexicon = loadLexicon();

function triggers(sentence: string): string[] {
  const [s] = segment(sentence);
  if (!s) return [];
  return detectTriggers(s.tokens, lexicon).map((m) => {
    const first = s.tokens[m.start];
    const last = s.tokens[m.end - 1];
    return `${m.subType}: ${sentence.slice(first?.span.start, last?.span.end)}`;
  });
}

describe('detectTriggers: one rule per row', () => {
  it.each([
    ['A state of emergency was declared in the region.', ['declaration_of_emergency: state of emergency was declared']],
    ['The governor declared a state of emergency.', ['declaration_of_emergency: declared a state of emergency']],
    ['Martial law was imposed.', ['declaration_of_emergency: Martial law was imposed']],
    ['Around 3,000 residents have been evacuated.', ['evacuation_displacement: evacuated']],
    ['Thousands fled the city.', ['evacuation_displacement: fled']],
    ['Ukrainian forces crossed the border near Sudzha.', ['cross_border_incursion: crossed the border']],
    ['They condemned the incursion.', ['condemn: condemned', 'cross_border_incursion: incursion']],
    ['Troops advanced up to 10 kilometres.', ['cross_border_incursion: advanced']],
    [
      'The response included air and missile strikes.',
      ['air_drone_strike: air and missile strikes', 'shelling_artillery_missile_attack: missile strikes'],
    ],
    ['It came under artillery fire.', ['shelling_artillery_missile_attack: artillery fire']],
    ['They destroyed numerous military vehicles.', ['armed_clash: destroyed numerous military vehicles']],
    ['They killed hundreds of soldiers.', ['armed_clash: killed hundreds of soldiers']],
    ['Gunmen killed scores of civilians.', ['attack: killed']],
    ['The army halted the advance.', ['armed_clash: halted the advance', 'cross_border_incursion: advance']],
    ['Medvedev called for a response.', ['demand: called for']],
    ['A suicide bomber attacked the market.', ['suicide_bomb: suicide bomber attacked']],
    ['Rebels seized the town.', ['non_state_actor_overtakes_territory: seized']],
    ['Police arrested two men.', ['arrests: arrested']],
    ['The ministry denied the report.', ['deny: denied']],
    ['Coalition aircraft conducted a precision strike.', ['air_drone_strike: aircraft conducted a precision strike']],
    ['The weather was fine.', []],
  ])('%s', (sentence, expected) => {
    expect(triggers(sentence)).toEqual(expected);
  });

  it('drops a weak trigger inside a specific one (strike inside air strike)', () => {
    expect(triggers('Jets carried out an air strike.')).toEqual(['air_drone_strike: air strike']);
  });

  it('keeps the longest of two overlapping triggers of one type', () => {
    expect(triggers('The state of emergency was declared.')).toEqual(['declaration_of_emergency: state of emergency was declared']);
  });
});
