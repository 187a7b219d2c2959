// Golden events on the Kursk sample (published 2024-08-09, a Friday), run
// through the real default pipeline: NER, claims, geo, time and events as
// shipped. Asserts the issue's list, not a snapshot, so other stages may
// improve without rewriting this file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Event, Extraction } from '../src/model/index.ts';
import { EventSchema } from '../src/model/index.ts';
import { createDefaultPipeline } from '../src/pipeline/index.ts';

const text = readFileSync(new URL('./fixtures/kursk-incursion.txt', import.meta.url), 'utf8');
const extraction: Extraction = createDefaultPipeline().run({
  id: 'kursk-incursion',
  text,
  published: '2024-08-09',
  language: 'eng',
  origin: 'test/fixtures/kursk-incursion.txt',
});
const { events, places } = extraction;

function event(trigger: RegExp, subType: string): Event {
  const found = events.find((e) => trigger.test(e.trigger.text) && e.subType === subType);
  if (!found)
    throw new Error(`no ${subType} event /${trigger.source}/ among: ${events.map((e) => `${e.subType}:${e.trigger.text}`).join(' | ')}`);
  return found;
}
const placeOf = (e: Event) => places.find((p) => p.id === e.location?.place);

describe('golden: events in the Kursk article (default pipeline)', () => {
  it('validates every event and keeps ids unique', () => {
    for (const e of events) expect(EventSchema.safeParse(e).success).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('a state of emergency declared in the Kursk region on 2024-08-08', () => {
    const e = event(/state of emergency/, 'declaration_of_emergency');
    expect(e).toMatchObject({ type: 'crisis', cameo: '17', status: 'asserted', negated: false });
    expect(e.time).toMatchObject({ value: '2024-08-08', precision: 'day' });
    expect(placeOf(e)?.resolved).toMatchObject({ name: expect.stringMatching(/Kursk/), country: 'RU', precision: 2 });
  });

  it('around 3,000 residents evacuated', () => {
    const e = event(/^evacuated$/, 'evacuation_displacement');
    expect(e.quantities).toMatchObject([{ kind: 'evacuated', value: 3000, approximate: true, text: 'Around 3,000 residents' }]);
  });

  it('Ukrainian forces crossed the border near Sudzha with tanks and armoured vehicles', () => {
    const e = event(/^crossed the border$/, 'cross_border_incursion');
    expect(e.actor1?.text).toBe('Ukrainian forces');
    expect(e.instruments?.map((i) => i.text)).toEqual(['tanks', 'armoured vehicles']);
    const sudzha = placeOf(e)?.resolved;
    expect(sudzha).toMatchObject({ name: 'Sudzha', country: 'RU', precision: 1 });
    expect(sudzha?.lat).toBeCloseTo(51.19, 1);
    expect(sudzha?.lon).toBeCloseTo(35.27, 1);
    expect(e.source).toMatch(/Defense Ministry/);
  });

  it('Russian air and missile strikes, and artillery fire', () => {
    expect(event(/^air and missile strikes$/, 'air_drone_strike').actor1).toMatchObject({ text: 'Russia' });
    expect(event(/^missile strikes$/, 'shelling_artillery_missile_attack').cameo).toBe('19');
    expect(event(/^artillery fire$/, 'shelling_artillery_missile_attack').actor1).toMatchObject({ text: 'Russia' });
  });

  it('vehicles destroyed and hundreds of soldiers killed, claimed by the Russian Defense Ministry', () => {
    const destroyed = event(/^destroyed numerous Ukrainian military vehicles$/, 'armed_clash');
    expect(destroyed).toMatchObject({ status: 'claimed', source: expect.stringMatching(/Defense Ministry/) });
    expect(destroyed.quantities).toMatchObject([{ kind: 'equipment_destroyed', approximate: true, of: 'vehicles' }]);
    const killed = event(/^killed hundreds of Ukrainian soldiers$/, 'armed_clash');
    expect(killed).toMatchObject({ status: 'claimed', source: expect.stringMatching(/Defense Ministry/) });
    expect(killed.quantities).toMatchObject([{ kind: 'fatalities', value: 100, approximate: true }]);
    expect(killed.actor2?.text).toBe('Ukrainian soldiers');
  });

  it('an advance of up to 10 km into the Kursk region, reported', () => {
    const e = event(/^advanced$/, 'cross_border_incursion');
    expect(e.status).toBe('reported');
    expect(e.quantities).toMatchObject([{ kind: 'distance', value: 10, unit: 'km', approximate: true, text: 'up to 10 kilometres' }]);
    expect(placeOf(e)?.resolved).toMatchObject({ name: expect.stringMatching(/Kursk/), precision: 2 });
  });

  it('Putin condemned the incursion', () => {
    const e = event(/^condemned$/, 'condemn');
    expect(e).toMatchObject({ type: 'statements', cameo: '11' });
    expect(e.actor1?.text).toMatch(/Putin/);
  });

  it('Medvedev called for a military response; crushing the forces is demanded, not asserted', () => {
    expect(event(/^called for$/, 'demand').actor1?.text).toMatch(/Medvedev/);
    expect(event(/^crush$/, 'armed_clash').modality).toBe('demanded');
  });
});
