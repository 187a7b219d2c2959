import { describe, expect, it } from 'vitest';
import type { Document } from '../model/index.ts';
import { createSegmentStage } from '../text/index.ts';
import { createPipeline, PipelineError } from './runner.ts';
import { type AnyStage, need } from './stage.ts';

const doc: Document = { id: 'd1', text: 'Putin spoke. Kyiv answered.', language: 'eng', origin: 'test' };

const entityStage: AnyStage = {
  name: 'caps',
  requires: ['sentences'],
  provides: ['entities'],
  run: (input) => ({
    entities: need(input, 'sentences').flatMap((s) =>
      s.tokens
        .filter((t) => /^[A-Z]/.test(t.text))
        .map((t) => ({
          id: `e:${t.span.start}`,
          type: 'MISC' as const,
          span: t.span,
          text: t.text,
          sentence: s.i,
          provenance: { stage: 'caps', confidence: 1 },
        })),
    ),
  }),
};

describe('createPipeline', () => {
  it('orders stages by requires/provides, whatever order they are given in', () => {
    const pipeline = createPipeline([entityStage, createSegmentStage()]);
    expect(pipeline.stages.map((s) => s.name)).toEqual(['segment', 'caps']);
    const result = pipeline.run(doc);
    expect(result.sentences).toHaveLength(2);
    expect(result.entities.map((e) => e.text)).toEqual(['Putin', 'Kyiv']);
    expect(result.claims).toEqual([]);
  });

  it('fails at build time on a missing provider', () => {
    expect(() => createPipeline([entityStage])).toThrow(new PipelineError("stage 'caps' requires 'sentences', which no stage provides"));
  });

  it('fails at build time on a layer provided twice', () => {
    expect(() => createPipeline([createSegmentStage(), createSegmentStage()])).toThrow(/provided by both 'segment' and 'segment'/);
  });

  it('fails at build time on a cycle', () => {
    const a: AnyStage = { name: 'a', requires: ['claims'], provides: ['events'], run: () => ({ events: [] }) };
    const b: AnyStage = { name: 'b', requires: ['events'], provides: ['claims'], run: () => ({ claims: [] }) };
    expect(() => createPipeline([a, b])).toThrow(/cycle: a → b → a/);
  });

  it('is frozen', () => {
    const pipeline = createPipeline([createSegmentStage()]);
    expect(Object.isFrozen(pipeline.stages)).toBe(true);
  });
});
