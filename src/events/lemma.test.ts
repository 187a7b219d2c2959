import { describe, expect, it } from 'vitest';
import { lemmaForms } from './lemma.ts';

describe('lemmaForms', () => {
  it.each([
    ['crossed', 'cross'],
    ['evacuated', 'evacuate'],
    ['strikes', 'strike'],
    ['stopped', 'stop'],
    ['countering', 'counter'],
    ['declared', 'declare'],
    ['killed', 'kill'],
    ['fought', 'fight'],
    ['Armoured', 'armored'],
    ['criticised', 'criticize'],
    ['casualties', 'casualty'],
    ['kilometres', 'kilometre'],
    ['advanced', 'advance'],
    ['shelling', 'shell'],
  ])('%s has the base form %s', (word, lemma) => {
    expect(lemmaForms(word).has(lemma)).toBe(true);
  });

  it('keeps the lowercased word itself', () => {
    expect(lemmaForms('Incursion').has('incursion')).toBe(true);
  });

  it('reads only its own irregular table, not Object.prototype', () => {
    expect([...lemmaForms('constructor')]).toEqual(['constructor']);
    expect(lemmaForms('__proto__').has('__proto__')).toBe(true);
  });

  it('does not invent unrelated forms', () => {
    expect(lemmaForms('across').has('acros')).toBe(false);
  });
});
