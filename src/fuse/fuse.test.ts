import { describe, expect, it } from 'vitest';
import type { Claim, EntityMention, Event, Extraction } from '../model/index.ts';
import { actorSide, fuse, resolveEntities } from './fuse.ts';

// Hand-built extractions (what the stages would produce) for two outlets'
// opposite accounts of one strike; spans are found by substring.
function at(text: string, part: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`'${part}' not in text`);
  return { start, end: start + part.length };
}

const prov = { stage: 'test', confidence: 1 };

function extraction(
  id: string,
  source: string,
  text: string,
  spec: {
    entities: [string, EntityMention['type'], string?][];
    claim: [string, string, string, Claim['status']];
    event: [string, string, string, string, number?];
  },
): Extraction {
  const entities: EntityMention[] = spec.entities.map(([t, type, actor], i) => ({
    id: `ent:${i}`,
    type,
    span: at(text, t),
    text: t,
    sentence: 0,
    ...(actor ? { actor } : {}),
    provenance: prov,
  }));
  const [sourceText, cueText, contentText, status] = spec.claim;
  const sourceEntity = entities.find((e) => e.text === sourceText);
  const claim: Claim = {
    id: 'cl:0',
    sentence: 0,
    source: { span: at(text, sourceText), text: sourceText, ...(sourceEntity?.actor ? { actor: sourceEntity.actor } : {}), generic: false },
    cue: { span: at(text, cueText), text: cueText, lemma: 'say' },
    content: { span: at(text, contentText), text: contentText },
    direct: false,
    status,
    negated: false,
    provenance: prov,
  };
  const [trigger, subType, agent, place, killed] = spec.event;
  const agentEntity = entities.find((e) => e.text === agent);
  const event: Event = {
    id: 'ev:0',
    sentence: 0,
    type: 'explosions_remote_violence',
    subType,
    cameo: '19',
    trigger: { span: at(text, trigger), text: trigger },
    actor1: { span: at(text, agent), text: agent, ...(agentEntity?.actor ? { actor: agentEntity.actor } : {}) },
    location: { span: at(text, place), text: place },
    time: { value: '2022-07-29', precision: 'day' },
    quantities:
      killed === undefined
        ? []
        : [{ kind: 'fatalities', value: killed, approximate: false, span: at(text, String(killed)), text: String(killed) }],
    negated: false,
    modality: 'asserted',
    claim: 'cl:0',
    status,
    provenance: prov,
  };
  return {
    document: { id, text, source, published: '2022-07-30', language: 'eng', origin: id },
    sentences: [{ i: 0, paragraph: 0, span: { start: 0, end: text.length }, text, tokens: [] }],
    entities,
    claims: [claim],
    events: [event],
    places: [],
    times: [],
    messages: [],
  };
}

const rtText = "Russia's Defence Ministry said Ukrainian forces shelled the prison in Olenivka with HIMARS, killing 40 prisoners.";
const cnnText =
  "Ukraine's General Staff said Russian forces blew up the prison in Olenivka to hide torture, killing 53 prisoners. Volodymyr Zelensky called it a war crime.";
const rt = extraction('rt-1', 'RT', rtText, {
  entities: [
    ["Russia's Defence Ministry", 'ORGANIZATION', 'RUS.MOD'],
    ['Ukrainian forces', 'ORGANIZATION', 'UKR.MIL'],
    ['Olenivka', 'LOCATION'],
  ],
  claim: [
    "Russia's Defence Ministry",
    'said',
    'Ukrainian forces shelled the prison in Olenivka with HIMARS, killing 40 prisoners',
    'claimed',
  ],
  event: ['shelled', 'shelling_artillery_missile_attack', 'Ukrainian forces', 'Olenivka', 40],
});
const cnn = extraction('cnn-1', 'CNN', cnnText, {
  entities: [
    ["Ukraine's General Staff", 'ORGANIZATION', 'UKR.MIL'],
    ['Russian forces', 'ORGANIZATION', 'RUS.MIL'],
    ['Olenivka', 'LOCATION'],
    ['Volodymyr Zelensky', 'PERSON'],
  ],
  claim: [
    "Ukraine's General Staff",
    'said',
    'Russian forces blew up the prison in Olenivka to hide torture, killing 53 prisoners',
    'claimed',
  ],
  event: ['blew up', 'remote_explosive_landmine_ied', 'Russian forces', 'Olenivka', 53],
});

describe('fuse on two outlets’ opposite accounts', () => {
  const fusion = fuse([cnn, rt]);

  it('flags opposite blame with the spans on both sides', () => {
    const blame = fusion.contradictions.filter((c) => c.kind === 'blame');
    expect(blame).toHaveLength(1);
    const c = blame[0];
    if (c?.kind !== 'blame') throw new Error('no blame contradiction');
    expect([...c.actors].sort()).toEqual(['RUS', 'UKR']);
    const sides = [c.a, c.b].sort((x, y) => x.doc.localeCompare(y.doc));
    expect(sides.map((s) => [s.doc, s.source, s.text])).toEqual([
      ['cnn-1', "Ukraine's General Staff", 'Russian forces blew up the prison in Olenivka to hide torture, killing 53 prisoners'],
      ['rt-1', "Russia's Defence Ministry", 'Ukrainian forces shelled the prison in Olenivka with HIMARS, killing 40 prisoners'],
    ]);
    expect(cnnText.slice(sides[0]?.span.start, sides[0]?.span.end)).toBe(sides[0]?.text);
  });

  it('keeps the two accounts apart as events (different sub-types, lemmas) yet flags blame across them', () => {
    expect(fusion.events.map((e) => [e.id, e.outlets])).toEqual([
      ['evc:cnn-1:ev:0', ['CNN']],
      ['evc:rt-1:ev:0', ['RT']],
    ]);
    // Figures are compared within a cluster only: none here.
    expect(fusion.contradictions.filter((c) => c.kind === 'figures')).toEqual([]);
  });

  it('resolves entities across documents by actor id and keeps names apart', () => {
    const olenivka = fusion.entities.find((e) => e.id === 'name:LOCATION:olenivka');
    expect(olenivka?.documents).toEqual(['cnn-1', 'rt-1']);
    expect(olenivka?.outlets).toEqual(['CNN', 'RT']);
    expect(fusion.entities.find((e) => e.id === 'actor:UKR.MIL')?.mentions.map((m) => `${m.doc}:${m.text}`)).toEqual([
      "cnn-1:Ukraine's General Staff",
      'rt-1:Ukrainian forces',
    ]);
  });

  it('is independent of input order', () => {
    expect(JSON.stringify(fuse([rt, cnn]))).toBe(JSON.stringify(fusion));
  });
});

describe('resolveEntities name matching', () => {
  it('joins a surname to the unique full name ending in it', () => {
    const a = extraction('a', 'BBC', 'Volodymyr Zelensky said Russian forces shelled Kharkiv.', {
      entities: [
        ['Volodymyr Zelensky', 'PERSON'],
        ['Russian forces', 'ORGANIZATION', 'RUS.MIL'],
        ['Kharkiv', 'LOCATION'],
      ],
      claim: ['Volodymyr Zelensky', 'said', 'Russian forces shelled Kharkiv', 'claimed'],
      event: ['shelled', 'shelling_artillery_missile_attack', 'Russian forces', 'Kharkiv'],
    });
    const b = extraction('b', 'Fox News', 'Zelensky said Russian forces shelled Kharkiv.', {
      entities: [
        ['Zelensky', 'PERSON'],
        ['Russian forces', 'ORGANIZATION', 'RUS.MIL'],
        ['Kharkiv', 'LOCATION'],
      ],
      claim: ['Zelensky', 'said', 'Russian forces shelled Kharkiv', 'claimed'],
      event: ['shelled', 'shelling_artillery_missile_attack', 'Russian forces', 'Kharkiv'],
    });
    const { entities } = resolveEntities([a, b]);
    const z = entities.find((e) => e.id === 'name:PERSON:volodymyr zelensky');
    expect(z?.mentions.map((m) => `${m.doc}:${m.text}`)).toEqual(['a:Volodymyr Zelensky', 'b:Zelensky']);
    // Same claim from two outlets: one group, corroborated by both, no contradiction.
    const fusion = fuse([a, b]);
    const group = fusion.claims.find((g) => g.claims.length === 2);
    expect(group?.corroboration.outlets).toEqual(['BBC', 'Fox News']);
    expect(group?.corroboration.independent).toBe(2);
    expect(fusion.contradictions).toEqual([]);
    expect(fusion.events[0]?.outlets).toEqual(['BBC', 'Fox News']);
  });
});

describe('actorSide', () => {
  it.each([
    ['RUS.MOD', 'RUS'],
    ['UKR.MIL', 'UKR'],
    ['RUS', 'RUS'],
  ])('%s → %s', (actor, side) => {
    expect(actorSide(actor)).toBe(side);
  });
});

describe('figures', () => {
  it('flags differing death tolls for one clustered event, both spans given', () => {
    const mk = (id: string, outlet: string, n: number) =>
      extraction(id, outlet, `Officials said Russian missiles struck the mall in Kremenchuk, killing ${n} people.`, {
        entities: [
          ['Officials', 'PERSON'],
          ['Russian missiles', 'WEAPON', 'RUS.MIL'],
          ['Kremenchuk', 'LOCATION'],
        ],
        claim: ['Officials', 'said', `Russian missiles struck the mall in Kremenchuk, killing ${n} people`, 'claimed'],
        event: ['struck', 'shelling_artillery_missile_attack', 'Russian missiles', 'Kremenchuk', n],
      });
    const fusion = fuse([mk('a', 'CBS News', 18), mk('b', 'Mirror', 20), mk('c', 'CNN', 19)]);
    expect(fusion.events).toHaveLength(1);
    expect(fusion.events[0]?.outlets).toEqual(['CBS News', 'CNN', 'Mirror']);
    const figures = fusion.contradictions.filter((c) => c.kind === 'figures');
    expect(figures.map((c) => (c.kind === 'figures' ? [c.values, c.a.doc, c.b.doc, c.a.text.slice(-17)] : null))).toEqual([
      [[18, 20], 'a', 'b', 'killing 18 people'],
    ]);
  });
});
