import { describe, expect, it } from 'vitest';
import { actorById, actorForSpan, actorTable, lookupActor } from './index.ts';
import { parseInstitutions } from './table.ts';

describe('lookupActor', () => {
  it.each([
    ['the Kremlin', 'RUS.GOV'],
    ['The Kremlin’s', 'RUS.GOV'],
    ['Russian Defense Ministry', 'RUS.MOD'],
    ["Russia's Ministry of Defence", 'RUS.MOD'],
    ['Russia’s MoD', 'RUS.MOD'],
    ['the Ministry of Defence of the Russian Federation', 'RUS.MOD'],
    ['the Russian military', 'RUS.MIL'],
    ['Russian Armed Forces', 'RUS.MIL'],
    ['Russian officials', 'RUS.GOV'],
    ['Russian', 'RUS'],
    ['Russia', 'RUS'],
    ['Moscow', 'RUS.GOV'],
    ['Ukrainian government', 'UKR.GOV'],
    ['government of Ukraine', 'UKR.GOV'],
    ['Ukrainian forces', 'UKR.MIL'],
    ['Kyiv', 'UKR.GOV'],
    ['Kiev', 'UKR.GOV'],
    ['U.S. State Department', 'USA.MOFA'],
    ['State Department', 'USA.MOFA'],
    ['Pentagon', 'USA.MOD'],
    ['Washington', 'USA.GOV'],
    ['White House', 'USA.GOV'],
    ['US', 'USA'],
    ['American', 'USA'],
    ['British', 'GBR'],
    ['Downing Street', 'GBR.GOV'],
    ['IDF', 'ISR.MIL'],
    ['Israeli military', 'ISR.MIL'],
    ['IRGC', 'IRN.IRGC'],
    ['Iranian Foreign Ministry', 'IRN.MOFA'],
    ['Syrian government', 'SYR.GOV'],
    ['Iraqi', 'IRQ'],
    ['Turkish Defence Ministry', 'TUR.MOD'],
    ['Türkiye', 'TUR'],
    ['Chinese', 'CHN'],
    ['NATO', 'NATO'],
    ['the United Nations', 'UN'],
    ['U.N.', 'UN'],
    ['European Union', 'EU'],
    ['Hamas', 'HAMAS'],
    ['Hezbollah', 'HEZBOLLAH'],
    ['ISIL', 'ISIS'],
    ['Daesh', 'ISIS'],
    ['Islamic State', 'ISIS'],
    ['Wagner Group', 'WAGNER'],
    ['French Foreign Ministry', 'FRA.MOFA'],
  ])('%s → %s', (text, id) => {
    expect(lookupActor(text)?.id).toBe(id);
  });

  it.each([['us'], ['is'], ['Kursk region'], ['eastern Ukraine'], ['military'], ['MoD'], ['']])(
    '%s → nothing (no country, or case-sensitive acronym)',
    (text) => {
      expect(lookupActor(text)).toBeUndefined();
    },
  );
});

describe('actorById / actorTable', () => {
  it('describes composed, curated and country actors', () => {
    expect(actorById('RUS')).toMatchObject({ name: 'Russia', kind: 'country', iso2: 'RU', capital: 'Moscow' });
    expect(actorById('RUS')?.demonyms).toContain('Russian');
    expect(actorById('RUS.MOD')).toMatchObject({
      name: 'Ministry of Defence of Russia',
      kind: 'ministry',
      country: 'RUS',
      parent: 'RUS.GOV',
    });
    expect(actorById('RUS.GOV')).toMatchObject({ kind: 'government', parent: 'RUS', source: 'curated' });
    expect(actorById('FRA.MIL')).toMatchObject({ name: 'Military of France', source: 'composed' });
    expect(actorById('HAMAS')).toMatchObject({ kind: 'armed_group', country: 'PSE' });
    expect(actorById('UN.SC')?.parent).toBe('UN');
    expect(actorById('XYZ')).toBeUndefined();
  });

  it('holds all 250 countries of the package, sorted by id, ids unique', () => {
    const all = actorTable();
    expect(all.filter((a) => a.kind === 'country')).toHaveLength(250);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort());
    for (const a of all) if (a.parent) expect(actorById(a.parent), `${a.id} parent`).toBeDefined();
  });
});

describe('parseInstitutions', () => {
  it('reads heads and rejects a bad row naming it', () => {
    expect(parseInstitutions('# c\nDefense Ministry\tMOD\tyes\tMinistry of Defence\n')).toEqual([
      { head: 'defense ministry', words: ['defense', 'ministry'], role: 'MOD', addMention: true, name: 'Ministry of Defence' },
    ]);
    expect(() => parseInstitutions('army\tXXX\tyes\tArmy\n')).toThrow('actor-institutions.tsv: bad row 1: army | XXX | yes | Army');
  });
});

describe('actorForSpan', () => {
  const text = 'The Russian Defense Ministry said. However, the Ukrainian government has not commented. Russian military bloggers wrote.';
  const document = { id: 't', text, language: 'eng', origin: 'test' };
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  const mention = (needle: string, type: 'NATIONALITY' | 'ORGANIZATION', actor: string) => ({
    id: `e:${at(needle).start}-${at(needle).end}`,
    type,
    span: at(needle),
    text: needle,
    sentence: 0,
    actor,
    provenance: { stage: 'ner', confidence: 1 },
  });
  const mentions = [
    mention('Russian', 'NATIONALITY', 'RUS'),
    mention('Defense Ministry', 'ORGANIZATION', 'RUS.MOD'),
    mention('Ukrainian', 'NATIONALITY', 'UKR'),
  ];

  it.each([
    ['The Russian Defense Ministry', 'RUS.MOD'],
    ['the Ukrainian government', 'UKR.GOV'],
    ['Russian military bloggers', undefined],
    ['The Russian', 'RUS'],
  ])('%s → %s', (phrase, actor) => {
    expect(actorForSpan(document, mentions, at(phrase))).toBe(actor);
  });
});

describe('case-sensitive country acronyms', () => {
  it.each([
    ['US', 'USA'],
    ['U.S.', 'USA'],
    ['UK', 'GBR'],
    ['Us', undefined],
    ['uk', undefined],
  ])('%s → %s', (text, id) => {
    expect(lookupActor(text)?.id).toBe(id);
  });
});
