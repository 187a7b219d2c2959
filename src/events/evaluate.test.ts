import { describe, expect, it } from 'vitest';
import type { Event } from '../model/index.ts';
import { type ConflictRelation, type GoldEvent, relationRecovery, scoreAgainstAnnotation } from './evaluate.ts';

const ev = (start: number, end: number, subType: string, a1?: [number, number, string], a2?: [number, number, string]): Event => ({
  id: `ev:${start}-${end}`,
  sentence: 0,
  type: subType === 'military_support' ? 'crisis' : 'battles',
  subType,
  cameo: '19',
  trigger: { span: { start, end }, text: 'x' },
  ...(a1 ? { actor1: { span: { start: a1[0], end: a1[1] }, text: a1[2] } } : {}),
  ...(a2 ? { actor2: { span: { start: a2[0], end: a2[1] }, text: a2[2] } } : {}),
  quantities: [],
  negated: false,
  modality: 'asserted',
  status: 'asserted',
  provenance: { stage: 'events', confidence: 1 },
});

describe('relationRecovery', () => {
  const relations: ConflictRelation[] = [
    { doc: 'd', type: 'FightingAgainst', source: { start: 0, end: 5 }, target: { start: 20, end: 25 }, extent: { start: 0, end: 25 } },
    { doc: 'd', type: 'AlliesOf', source: { start: 30, end: 35 }, target: { start: 40, end: 45 }, extent: { start: 30, end: 45 } },
  ];
  it('counts both arguments in either order, typed, and partial matches', () => {
    const events = new Map([['d', [ev(10, 15, 'armed_clash', [20, 25, 'B'], [0, 5, 'A']), ev(36, 39, 'military_support', [30, 35, 'C'])]]]);
    expect(relationRecovery(relations, events)).toEqual({
      FightingAgainst: { total: 1, recovered: 1, recoveredTyped: 1, partial: 1 },
      AlliesOf: { total: 1, recovered: 0, recoveredTyped: 0, partial: 1 },
    });
  });
});

describe('scoreAgainstAnnotation', () => {
  const gold: GoldEvent[] = [
    { doc: 'd', trigger: { start: 10, end: 15 }, text: 'x', subType: 'armed_clash', actor1: 'the Iraqi forces' },
    { doc: 'd', trigger: { start: 50, end: 55 }, text: 'y', subType: 'attack' },
  ];
  it('matches same type first, then any type; scores actors by containment', () => {
    const events = new Map([
      ['d', [ev(12, 14, 'armed_clash', [0, 5, 'Iraqi forces']), ev(50, 52, 'armed_clash'), ev(70, 75, 'armed_clash')]],
    ]);
    const s = scoreAgainstAnnotation(['d'], gold, events);
    expect(s.trigger).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8 });
    expect(s.typed.recall).toBe(0.5);
    expect(s.actor1).toEqual({ correct: 1, total: 1 });
  });
});
