import { describe, expect, it } from 'vitest';
import type { Document, EntityMention, Event, Place } from '../model/index.ts';
import { EventSchema } from '../model/index.ts';
import { segment } from '../text/index.ts';
import { kurskClaims, kurskDocument, kurskEntities, kurskPlaces, kurskSentences, kurskTimes } from './kursk.fixture.ts';
import { createEventStage, territorySubType } from './stage.ts';

// Hand-built upstream layers: these tests pin the events rules alone; the
// golden test (test/events.golden.test.ts) runs the real default pipeline.
const stage = createEventStage({ actorOf: (m) => m.actor });
const layers = { sentences: kurskSentences, entities: kurskEntities, claims: kurskClaims, places: kurskPlaces, times: kurskTimes };
const { events, messages } = stage.run({ document: kurskDocument, layers }, { published: '2024-08-09' });

const byTrigger = (text: string, sentence?: number): Event => {
  const e = events.find((x) => x.trigger.text === text && (sentence === undefined || x.sentence === sentence));
  if (!e) throw new Error(`no event '${text}' in ${events.map((x) => x.trigger.text).join(' | ')}`);
  return e;
};

describe('events stage on the Kursk article (hand-built layers)', () => {
  it('every event validates against the schema', () => {
    for (const e of events) expect(EventSchema.safeParse(e).success).toBe(true);
    expect(messages).toEqual([]);
  });

  it('state of emergency declared in the Kursk region on Thursday 2024-08-08', () => {
    const e = byTrigger('state of emergency was declared');
    expect(e).toMatchObject({ type: 'crisis', subType: 'declaration_of_emergency', cameo: '17', status: 'asserted', modality: 'asserted' });
    expect(e.location).toMatchObject({ text: 'Kursk region', place: kurskPlaces[0]?.id });
    expect(e.time).toEqual({ timeRef: kurskTimes[0]?.id, value: '2024-08-08', precision: 'day' });
  });

  it('the incursion is not dated by "on Thursday … after"; publication week stands in', () => {
    const e = byTrigger('incursion', 0);
    expect(e.actor1).toMatchObject({ text: 'Ukrainian forces', actor: 'UKR' });
    expect(e.time).toEqual({ value: '2024-08-03', precision: 'week' });
  });

  it('~3,000 residents evacuated from "the area" (= Kursk region)', () => {
    const e = byTrigger('evacuated');
    expect(e.quantities).toEqual([
      { kind: 'evacuated', value: 3000, approximate: true, span: expect.any(Object), text: 'Around 3,000 residents' },
    ]);
    expect(e.location?.text).toBe('Kursk region');
    expect(e.provenance.rule).toContain('location:area-anaphor');
  });

  it('vehicles destroyed and hundreds of soldiers killed, claimed by the Russian Defense Ministry', () => {
    const destroyed = byTrigger('destroyed numerous Ukrainian military vehicles');
    expect(destroyed).toMatchObject({
      subType: 'armed_clash',
      status: 'claimed',
      source: 'Russian Defense Ministry',
      claim: 'c:dm-stating',
    });
    expect(destroyed.actor1).toMatchObject({ text: 'they', actor: 'RUS.MOD' });
    expect(destroyed.quantities).toMatchObject([{ kind: 'equipment_destroyed', approximate: true, of: 'vehicles' }]);
    expect(destroyed.quantities[0]?.value).toBeUndefined();
    const killed = byTrigger('killed hundreds of Ukrainian soldiers');
    expect(killed).toMatchObject({ status: 'claimed', source: 'Russian Defense Ministry' });
    expect(killed.actor2).toMatchObject({ text: 'Ukrainian soldiers', actor: 'UKR' });
    expect(killed.quantities).toMatchObject([
      { kind: 'fatalities', value: 100, approximate: true, text: 'hundreds of Ukrainian soldiers' },
    ]);
  });

  it('Ukrainian forces crossed the border near Sudzha with tanks and armoured vehicles', () => {
    const e = byTrigger('crossed the border');
    expect(e).toMatchObject({ subType: 'cross_border_incursion', cameo: '19', status: 'reported', source: 'Russian Defense Ministry' });
    expect(e.actor1?.text).toBe('Ukrainian forces');
    expect(e.location).toMatchObject({ text: 'Sudzha', place: kurskPlaces[2]?.id });
    expect(e.instruments?.map((i) => i.text)).toEqual(['tanks', 'armoured vehicles']);
  });

  it('Russian air and missile strikes and artillery fire', () => {
    expect(byTrigger('air and missile strikes')).toMatchObject({ subType: 'air_drone_strike', actor1: { text: 'Russia', actor: 'RUS' } });
    expect(byTrigger('missile strikes')).toMatchObject({ subType: 'shelling_artillery_missile_attack' });
    expect(byTrigger('artillery fire')).toMatchObject({ subType: 'shelling_artillery_missile_attack', actor1: { text: 'Russia' } });
  });

  it('an advance of up to 10 km into the Kursk region, reported', () => {
    const e = byTrigger('advanced');
    expect(e).toMatchObject({ status: 'reported', source: 'Reports', location: { text: 'Kursk region' } });
    expect(e.quantities).toMatchObject([{ kind: 'distance', value: 10, unit: 'km', approximate: true, text: 'up to 10 kilometres' }]);
  });

  it('Putin condemned the incursion; the incursion inside it is "condemned"', () => {
    expect(byTrigger('condemned')).toMatchObject({
      type: 'statements',
      subType: 'condemn',
      cameo: '11',
      actor1: { text: 'Russian President Vladimir Putin', actor: 'RUS.PRES' },
      status: 'asserted',
    });
    expect(byTrigger('incursion', 6)).toMatchObject({ status: 'condemned', claim: 'c:putin-condemned' });
  });

  it('Medvedev called for a military response; crushing the forces is demanded', () => {
    expect(byTrigger('called for')).toMatchObject({ subType: 'demand', cameo: '10', actor1: { text: 'Dmitry Medvedev' } });
    expect(byTrigger('crush')).toMatchObject({ modality: 'demanded', status: 'demanded', actor2: { text: 'Ukrainian forces' } });
  });

  it('ids are derived from trigger spans', () => {
    const e = byTrigger('evacuated');
    expect(e.id).toBe(`ev:${e.trigger.span.start}-${e.trigger.span.end}`);
    expect(new Set(events.map((x) => x.id)).size).toBe(events.length);
  });
});

describe('bad input: kept, unresolved, never dropped', () => {
  const text = 'Rebels seized the town of Xyzzyville. Government forces shelled it on 31 February.';
  const document: Document = { id: 'bad', text, language: 'eng', origin: 'test' };
  const sentences = segment(text);
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  const town: EntityMention = {
    id: 'e:town',
    type: 'LOCATION',
    span: at('Xyzzyville'),
    text: 'Xyzzyville',
    sentence: 0,
    provenance: { stage: 'test', confidence: 1 },
  };
  const unresolved: Place = {
    id: 'p:town',
    mention: 'e:town',
    span: at('Xyzzyville'),
    text: 'Xyzzyville',
    provenance: { stage: 'test', confidence: 1 },
  };
  const run = (published?: string) =>
    stage.run(
      { document, layers: { sentences, entities: [town], claims: [], places: [unresolved], times: [] } },
      published === undefined ? {} : { published },
    );

  it('a date-less article: events kept, no time, one info message', () => {
    const out = run();
    expect(out.events.map((e) => [e.subType, e.time])).toEqual([
      ['non_state_actor_overtakes_territory', undefined],
      ['shelling_artillery_missile_attack', undefined],
    ]);
    expect(out.messages).toMatchObject([{ rule: 'no-publication-date', severity: 'info' }]);
  });

  it('an impossible publication date is reported and not used', () => {
    const out = run('2024-02-30');
    expect(out.events).toHaveLength(2);
    expect(out.events.every((e) => e.time === undefined)).toBe(true);
    expect(out.messages?.map((m) => m.rule)).toEqual(['bad-publication-date', 'no-publication-date']);
  });

  it('a place not in the gazetteer stays the location, unresolved', () => {
    const [seized] = run('2024-03-01').events;
    expect(seized?.location).toEqual({ span: at('Xyzzyville'), text: 'Xyzzyville', entity: 'e:town', place: 'p:town' });
    expect(seized?.time).toEqual({ value: '2024-02-24', precision: 'week' });
  });
});

describe('territorySubType: ACLED types territory changes by who takes it', () => {
  const arg = (text: string, actor?: string) => ({ span: { start: 0, end: text.length }, text, ...(actor ? { actor } : {}) });
  it.each([
    ['non_state_actor_overtakes_territory', arg('Iraqi Security Forces'), 'government_regains_territory'],
    ['government_regains_territory', arg('Syrian opposition forces'), 'non_state_actor_overtakes_territory'],
    ['non_state_actor_overtakes_territory', arg('The Islamic State'), undefined],
    ['non_state_actor_overtakes_territory', arg('Russia', 'RUS'), 'government_regains_territory'],
    ['non_state_actor_overtakes_territory', undefined, undefined],
    ['armed_clash', arg('Iraqi Security Forces'), undefined],
  ])('%s by %o → %s', (subType, actor1, expected) => {
    expect(territorySubType(subType, actor1)).toBe(expected);
  });
});
