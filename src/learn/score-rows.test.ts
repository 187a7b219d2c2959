import { describe, expect, it } from 'vitest';
import { ScoreRows, TypeRows } from './score-rows.ts';
import { WordTypes } from './word-types.ts';

describe('ScoreRows', () => {
  it('keeps every row across growth', () => {
    const rows = new ScoreRows<string>(3, 100, 2);
    for (let k = 0; k < 10; k++) {
      // add() first: it may replace `rows`.
      const at = rows.add(`w${k}`);
      rows.rows.set([k, -k, 7], at);
    }
    expect(rows.size).toBe(10);
    const at = rows.offset('w6');
    expect(Array.from(rows.rows.subarray(at, at + 3))).toEqual([6, -6, 7]);
    expect(rows.offset('w10')).toBe(-1);
  });

  it('addScores writes the parts one after another, across growth', () => {
    const rows = new ScoreRows<string>(5, 100, 1);
    const first = rows.addScores('a', [[1, 2], Float64Array.of(3, 4, 5)]);
    const second = rows.addScores('b', [[-1], [-2, -3]]);
    expect(Array.from(rows.rows.subarray(first, first + 5))).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(rows.rows.subarray(second, second + 3))).toEqual([-1, -2, -3]);
    expect([rows.offset('a'), rows.offset('b')]).toEqual([first, second]);
  });

  it('empties itself when a reservation would pass the limit', () => {
    const rows = new ScoreRows<number>(1, 4);
    for (let k = 0; k < 3; k++) rows.add(k);
    rows.reserve(1);
    expect(rows.size).toBe(3);
    rows.reserve(2);
    expect(rows.size).toBe(0);
    expect(rows.offset(0)).toBe(-1);
    expect(rows.add(9)).toBe(0);
  });
});

describe('WordTypes and TypeRows', () => {
  it('gives dense ids, and a new generation when a reservation would pass the limit', () => {
    const types = new WordTypes(3, (text) => text.length);
    expect(['a', 'bb', 'a'].map((w) => types.id(w))).toEqual([0, 1, 0]);
    expect(types.record(1)).toBe(2);
    const before = types.generation;
    types.reserve(1);
    expect(types.generation).toBe(before);
    types.reserve(2);
    expect(types.generation).not.toBe(before);
    expect(types.id('ccc')).toBe(0);
    expect(types.record(0)).toBe(3);
  });

  it('keeps rows by id across growth, and forgets them for another generation', () => {
    const rows = new TypeRows(2);
    rows.use(1);
    for (let id = 0; id < 3000; id += 3) rows.addScores(id, [[id, -id]]);
    const at = rows.offset(2400);
    expect(Array.from(rows.rows.subarray(at, at + 2))).toEqual([2400, -2400]);
    expect(rows.offset(2401)).toBe(-1);
    expect(rows.offset(99_999)).toBe(-1);
    rows.use(1);
    expect(rows.size).toBe(1000);
    rows.use(2);
    expect(rows.size).toBe(0);
    expect(rows.offset(2400)).toBe(-1);
  });
});
