// Golden test: the claims stage on the Kursk article (published 2024-08-09),
// with the real segmenter, NER stage and the committed claims model.
// Asserts the claims issue 4 lists (source → status), then compares the whole
// claims layer with test/golden/kursk-claims.json (UPDATE=1 rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClaimStage } from '../src/claims/index.ts';
import type { Claim } from '../src/model/index.ts';
import { createNerStage } from '../src/ner/index.ts';
import { createPipeline } from '../src/pipeline/index.ts';
import { createSegmentStage } from '../src/text/index.ts';

const FIXTURE = new URL('./fixtures/kursk-incursion.txt', import.meta.url);
const GOLDEN = new URL('./golden/kursk-claims.json', import.meta.url);

const text = readFileSync(FIXTURE, 'utf8');
const pipeline = createPipeline([createSegmentStage(), createNerStage(), createClaimStage()]);
const { claims } = pipeline.run({
  id: 'kursk-incursion',
  text,
  language: 'eng',
  origin: 'test/fixtures/kursk-incursion.txt',
  published: '2024-08-09',
});

function find(source: RegExp, content: RegExp): Claim {
  const hit = claims.find((c) => source.test(c.source.text) && content.test(c.content.text));
  if (!hit) throw new Error(`no claim with source ${source} and content ${content}`);
  return hit;
}

describe('claims on the Kursk article', () => {
  it.each([
    // [source, content, status, direct]
    [/Acting Governor Alexei Smirnov/, /complicated/, 'asserted', true],
    [/^The Russian Defense Ministry$/, /actively countering/, 'claimed', false],
    [/^The Russian Defense Ministry$/, /destroyed numerous .* killed hundreds/, 'claimed', false],
    [/^They$/, /crossed the border near the town of Sudzha/, 'reported', false],
    [/Vladimir Putin/, /large-scale provocation/, 'condemned', true],
    [/^Putin$/, /successfully halted the Ukrainian advance/, 'asserted', false],
    [/Ukrainian government/, /the situation/, 'no_comment', false],
    [/U\.S\. State Department/, /not informed beforehand/, 'confirmed', false],
    [/U\.S\. State Department/, /speculating on Ukraine’s motives/, 'no_comment', false],
    [/^they$/, /Ukraine has the right to make its own tactical decisions/, 'asserted', false],
    [/^Some analysts$/, /strategic move to force Russia to divert/, 'speculated', false],
    [/^Reports$/, /advanced up to 10 kilometres/, 'reported', false],
    [/Dmitry Medvedev/, /strong military response/, 'demanded', false],
    [/Russian military bloggers/, /failing to detect and prevent/, 'evaluative', false],
  ] as const)('%s → %s: %s', (source, content, status, direct) => {
    const claim = find(source, content);
    expect(claim.status).toBe(status);
    expect(claim.direct).toBe(direct);
  });

  it('resolves "They" to the Russian Defense Ministry and "they" to the State Department', () => {
    expect(find(/^They$/, /Sudzha/).source.actor).toBe('RUS.MOD');
    expect(find(/^they$/, /right to make/).source.actor).toBe('USA.MOFA');
  });

  it('marks generic sources and negated content', () => {
    expect(find(/^Reports$/, /10 kilometres/).source.generic).toBe(true);
    expect(find(/^Some analysts$/, /strategic move/).source.generic).toBe(true);
    expect(find(/Vladimir Putin/, /provocation/).source.generic).toBe(false);
    const informed = find(/State Department/, /not informed/);
    expect(informed.negated).toBe(true);
    expect(informed.cue.lemma).toBe('confirm');
    expect(find(/Ukrainian government/, /situation/).cue.lemma).toBe('comment');
  });

  it('matches the golden claims file', () => {
    const got = claims.map((c) => ({
      id: c.id,
      source: c.source.text,
      cue: c.cue.text,
      lemma: c.cue.lemma,
      content: c.content.text,
      status: c.status,
      direct: c.direct,
      negated: c.negated,
      generic: c.source.generic,
    }));
    if (process.env.UPDATE === '1') writeFileSync(GOLDEN, `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
