import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document, EntityMention, EntityType } from '../model/index.ts';
import { segment } from '../text/index.ts';
import { createGeoStage } from './index.ts';

const kursk = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');

/** Hand-built mentions (until the NER model lands): every whole-word occurrence of each name. */
function mentionsOf(text: string, names: ReadonlyArray<readonly [string, EntityType]>): EntityMention[] {
  const out: EntityMention[] = [];
  for (const [name, type] of names) {
    for (const m of text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))) {
      const start = m.index ?? 0;
      const end = start + name.length;
      out.push({
        id: `e:${start}-${end}`,
        type,
        span: { start, end },
        text: name,
        sentence: 0,
        provenance: { stage: 'test', confidence: 1 },
      });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

function run(text: string, entities: EntityMention[]) {
  const document: Document = { id: 'doc', text, language: 'eng', origin: 'test', published: '2024-08-09' };
  return createGeoStage().run({ document, layers: { sentences: segment(text), entities } }, { published: '2024-08-09' });
}

describe('geo stage on the Kursk article', () => {
  const entities = mentionsOf(kursk, [
    ['Kursk', 'LOCATION'],
    ['Russia', 'LOCATION'],
    ['Sudzha', 'LOCATION'],
    ['Ukraine', 'LOCATION'],
    ['Ukrainian', 'NATIONALITY'],
    ['Russian', 'NATIONALITY'],
  ]);
  const { places, messages } = run(kursk, entities);
  const at = (needle: string, name: string) => {
    const start = kursk.indexOf(needle) + needle.indexOf(name);
    return places.find((p) => p.span.start === start);
  };

  it('gives one place per LOCATION mention, none for nationalities', () => {
    expect(places).toHaveLength(entities.filter((e) => e.type === 'LOCATION').length);
    expect(places.every((p) => p.resolved !== undefined)).toBe(true);
    expect(messages).toEqual([]);
  });

  it('resolves "the Kursk region" to Kursk Oblast, RU admin-1, precision 2', () => {
    const p = at('the Kursk region of', 'Kursk');
    expect(p?.id).toBe('p:41-46');
    expect(kursk.slice(41, 46)).toBe('Kursk');
    expect(p?.resolved).toEqual({
      name: 'Kursk Oblast',
      kind: 'admin1',
      country: 'RU',
      admin1: 'RU-KRS',
      lat: 51.7309,
      lon: 36.1923,
      precision: 2,
      gazetteerId: 'a:RU-KRS',
    });
  });

  it('resolves "the town of Sudzha" to Sudzha, RU, within 0.05° of 51.19 N 35.27 E, precision 1', () => {
    const r = at('the town of Sudzha', 'Sudzha')?.resolved;
    expect(r).toMatchObject({ name: 'Sudzha', kind: 'city', country: 'RU', admin1: 'RU-KRS', precision: 1 });
    expect(Math.abs((r?.lat ?? 0) - 51.19)).toBeLessThan(0.05);
    expect(Math.abs((r?.lon ?? 0) - 35.27)).toBeLessThan(0.05);
  });

  it('reads "southwest Russia" and "eastern Ukraine" as areas within the country, precision 3', () => {
    expect(at('southwest Russia', 'Russia')?.resolved).toMatchObject({
      name: 'southwest Russia',
      kind: 'area',
      country: 'RU',
      precision: 3,
    });
    expect(at('eastern Ukraine', 'Ukraine')?.resolved).toMatchObject({
      name: 'eastern Ukraine',
      kind: 'area',
      country: 'UA',
      precision: 3,
    });
  });

  it('reads a bare "Ukraine" as the country', () => {
    expect(at('speculating on Ukraine', 'Ukraine')?.resolved).toMatchObject({
      kind: 'country',
      country: 'UA',
      precision: 3,
    });
  });
});

describe('geo stage with NER-style mentions that include the descriptor', () => {
  const spans = ['Kursk region', 'southwest Russia', 'eastern Ukraine', 'Kremlin'] as const;
  const entities: EntityMention[] = spans.map((name) => {
    const start = kursk.indexOf(name);
    return {
      id: `e:${start}-${start + name.length}`,
      type: 'LOCATION',
      span: { start, end: start + name.length },
      text: name,
      sentence: 0,
      provenance: { stage: 'test', confidence: 1 },
    };
  });
  const { places } = run(kursk, entities);

  it.each([
    ['Kursk region', 'Kursk Oblast', 'admin1', 'RU', 2],
    ['southwest Russia', 'southwest Russia', 'area', 'RU', 3], // "the Kursk region of southwest Russia"
    ['eastern Ukraine', 'eastern Ukraine', 'area', 'UA', 3],
    ['Kremlin', 'Moscow', 'city', 'RU', 1],
  ])('%s → %s (%s, %s, precision %s)', (text, name, kind, country, precision) => {
    expect(places.find((p) => p.text === text)?.resolved).toMatchObject({ name, kind, country, precision });
  });
});

describe('geo stage: bad input', () => {
  it('keeps a place not in the gazetteer, unresolved, with a message', () => {
    const text = 'Shelling hit Zzyzxgrad overnight, near Sudzha.';
    const { places, messages } = run(
      text,
      mentionsOf(text, [
        ['Zzyzxgrad', 'LOCATION'],
        ['Sudzha', 'LOCATION'],
      ]),
    );
    expect(places.map((p) => [p.text, p.resolved?.country])).toEqual([
      ['Zzyzxgrad', undefined],
      ['Sudzha', 'RU'],
    ]);
    expect(places[0]).toEqual({
      id: 'p:13-22',
      mention: 'e:13-22',
      span: { start: 13, end: 22 },
      text: 'Zzyzxgrad',
      provenance: { stage: 'geo', model: 'gazetteer', rule: 'not-in-gazetteer', confidence: 0 },
    });
    expect(messages).toEqual([
      {
        message: "place 'Zzyzxgrad' is not in the gazetteer: kept unresolved",
        stage: 'geo',
        rule: 'not-in-gazetteer',
        span: { start: 13, end: 22 },
        severity: 'info',
      },
    ]);
  });

  it('returns no places and no messages for a text without LOCATION mentions', () => {
    expect(run('Nothing happened.', [])).toEqual({ places: [] });
  });
});
