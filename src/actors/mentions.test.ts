import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../model/index.ts';
import { mentionsOverlapping, mentionsStartingIn, mentionsWithin } from './mentions.ts';

// A small deterministic generator (no Math.random: a failure must replay).
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Unsorted, overlapping and nested mentions, as linking and the re3d layer can leave them. */
function mentions(n: number, seed: number): EntityMention[] {
  const rand = lcg(seed);
  return Array.from({ length: n }, (_, k) => {
    const start = Math.floor(rand() * 500);
    const end = start + 1 + Math.floor(rand() * 30);
    return {
      id: `m${k}`,
      type: 'PERSON',
      span: { start, end },
      text: 'x'.repeat(end - start),
      sentence: 0,
      provenance: { stage: 'ner', model: 'test', confidence: 1 },
    } as EntityMention;
  });
}

describe('mentions by position', () => {
  it('answers as a scan of the whole array does, in the array order', () => {
    for (const seed of [1, 2, 3]) {
      const all = mentions(300, seed);
      const rand = lcg(seed + 100);
      for (let q = 0; q < 200; q++) {
        const from = Math.floor(rand() * 540) - 20;
        const to = from + Math.floor(rand() * 60);
        expect(mentionsStartingIn(all, from, to)).toEqual(all.filter((m) => m.span.start >= from && m.span.start < to));
        expect(mentionsWithin(all, from, to)).toEqual(all.filter((m) => m.span.start >= from && m.span.end <= to));
        expect(mentionsOverlapping(all, from, to)).toEqual(all.filter((m) => m.span.start < to && from < m.span.end));
      }
    }
  });

  it('indexes an array again when it has grown', () => {
    const all = mentions(10, 7);
    expect(mentionsWithin(all, 0, 1000)).toHaveLength(10);
    all.push(...mentions(5, 8));
    expect(mentionsWithin(all, 0, 1000)).toHaveLength(15);
  });

  it('finds nothing in an empty array or span', () => {
    expect(mentionsOverlapping([], 0, 10)).toEqual([]);
    expect(mentionsStartingIn(mentions(20, 9), 5, 5)).toEqual([]);
  });
});
