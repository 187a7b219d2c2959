import { describe, expect, it } from 'vitest';
import { defaultGazetteer, distanceKm, normaliseName, resolvePlace } from './index.ts';

const war = {
  countries: new Map([
    ['RU', 4],
    ['UA', 6],
  ]),
};

describe('normaliseName', () => {
  it.each([
    ['The Kursk Region', 'kursk region'],
    ['St. Petersburg', 'saint petersburg'],
    ['Zaporizhzhia', 'zaporizhzhia'],
    ['Ust’-Donetskiy', 'ust donetskiy'],
    ['Côte d’Ivoire', 'cote divoire'],
  ])('%s → %s', (name, key) => {
    expect(normaliseName(name)).toBe(key);
  });
});

describe('resolvePlace: descriptors', () => {
  it.each([
    // phrase, name, kind, country, admin1, precision
    ['the Kursk region', 'Kursk Oblast', 'admin1', 'RU', 'RU-KRS', 2],
    ['Kursk Oblast', 'Kursk Oblast', 'admin1', 'RU', 'RU-KRS', 2],
    ['the region of Kursk', 'Kursk Oblast', 'admin1', 'RU', 'RU-KRS', 2],
    ['the town of Sudzha', 'Sudzha', 'city', 'RU', 'RU-KRS', 1],
    ['the Kharkiv region', 'Kharkiv Oblast', 'admin1', 'UA', 'UA-63', 2],
    ['the Donetsk region', 'Donetsk Oblast', 'admin1', 'UA', 'UA-14', 2],
    ['Kiev', 'Kyiv', 'city', 'UA', 'UA-30', 1],
    ['Odesa', 'Odessa', 'city', 'UA', 'UA-51', 1],
    ['Bakhmut district', 'Bakhmut area', 'area', 'UA', 'UA-14', 2],
    ['eastern Ukraine', 'eastern Ukraine', 'area', 'UA', undefined, 3],
    ['southwest Russia', 'southwest Russia', 'area', 'RU', undefined, 3],
    ['Ukraine', 'Ukraine', 'country', 'UA', undefined, 3],
    ['South Korea', 'South Korea', 'country', 'KR', undefined, 3],
  ])('%s → %s (%s, %s, %s, precision %s)', (phrase, name, kind, country, admin1, precision) => {
    const r = resolvePlace(phrase, war);
    expect(r).toMatchObject({ name, kind, country, precision });
    expect(r?.admin1).toBe(admin1);
  });

  it('puts Sudzha at 51.19 N, 35.27 E within 0.05°', () => {
    const r = resolvePlace('the town of Sudzha', war);
    expect(Math.abs((r?.lat ?? 0) - 51.19)).toBeLessThan(0.05);
    expect(Math.abs((r?.lon ?? 0) - 35.27)).toBeLessThan(0.05);
  });

  it('puts the Kursk region at its ODbL centroid 51.73, 36.19', () => {
    expect(resolvePlace('the Kursk region', war)).toMatchObject({ lat: 51.7309, lon: 36.1923 });
  });

  it('places "eastern Ukraine" inside Ukraine, east of Kyiv', () => {
    const r = resolvePlace('eastern Ukraine', war);
    expect(r?.lon).toBeGreaterThan(34);
    expect(r?.lat).toBeGreaterThan(46);
    expect(r?.lat).toBeLessThan(51);
  });

  it('returns undefined for a name not in the gazetteer', () => {
    expect(resolvePlace('Narnia', war)).toBeUndefined();
  });
});

describe('resolvePlace: context', () => {
  it('reads Paris as the French capital without context', () => {
    expect(resolvePlace('Paris')).toMatchObject({ country: 'FR', gazetteerId: 'g:2988507' });
  });

  it('reads Georgia as the country, but as the US state in a US document', () => {
    expect(resolvePlace('Georgia')).toMatchObject({ kind: 'country', country: 'GE' });
    expect(resolvePlace('Georgia', { countries: new Map([['US', 3]]) })).toMatchObject({
      kind: 'admin1',
      admin1: 'US-GA',
    });
  });

  it('prefers the reading near places already resolved', () => {
    // A place resolved earlier 25 km east of Paris, Texas.
    const nearTexas = { near: [{ lat: 33.66, lon: -95.3 }] };
    expect(resolvePlace('Paris', { countries: new Map([['US', 2]]), ...nearTexas })).toMatchObject({
      country: 'US',
      admin1: 'US-TX',
    });
  });
});

describe('resolvePlace: nationalities used as toponyms', () => {
  it.each([
    ['American', 'US'],
    ['Russians', 'RU'],
    ['Canadian', 'CA'], // not Canadian, Texas (pop. 2,600)
  ])('%s → country %s', (word, country) => {
    expect(resolvePlace(word)).toMatchObject({ kind: 'country', country, precision: 3, rule: 'demonym' });
  });
});

describe('resolvePlace: counties (no admin-2 in the gazetteer)', () => {
  it('places a county in the region the document mentions, at precision 2', () => {
    const r = resolvePlace('Laurel County', { countries: new Map([['US', 2]]), admin1s: new Map([['US-KY', 2]]) });
    expect(r).toMatchObject({ name: 'Laurel County', kind: 'area', country: 'US', admin1: 'US-KY', precision: 2 });
  });

  it('uses a town of that name inside a mentioned region when there is one', () => {
    const r = resolvePlace('Rapides Parish', { admin1s: new Map([['US-LA', 1]]) });
    expect(r).toMatchObject({ name: 'Rapides Parish', kind: 'area', admin1: 'US-LA', precision: 2 });
  });
});

describe('gazetteer', () => {
  it('holds countries, admin-1 regions and cities with their sources', () => {
    const g = defaultGazetteer();
    expect(g.size).toBeGreaterThan(120_000);
    expect(g.byId.get('c:RU')).toMatchObject({ kind: 'country', name: 'Russia' });
    expect(g.byId.get('a:RU-KRS')).toMatchObject({ kind: 'admin1', name: 'Kursk', seat: 'Kursk' });
    expect(g.byId.get('g:486816')).toMatchObject({ kind: 'city', name: 'Sudzha', country: 'RU', admin1: 'RU-KRS' });
    expect(g.countryByDemonym.get('ukrainian')).toBe('UA');
  });

  it('measures great-circle distance', () => {
    // Kursk → Sudzha, about 87 km.
    expect(Math.round(distanceKm(51.7373, 36.1874, 51.1976, 35.2726))).toBe(87);
  });
});
