import { describe, expect, it } from 'vitest';
import { ScoreRows } from './score-rows.ts';

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
