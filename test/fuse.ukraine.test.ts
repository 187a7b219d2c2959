// Fusion over real multi-outlet coverage of the Olenivka prison explosion
// (29 July 2022), where each side blamed the other: the candidate articles of
// ../shared/data/ukraine-media-2022 (read at run time, never copied) run
// through the real default pipeline, then fuse(). Skipped when ../shared is
// absent, or while the default pipeline lacks the claims/events stages.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Contradiction, digest, type Fusion, fuse, readUkraineEvent } from '../src/fuse/index.ts';
import type { Extraction } from '../src/model/index.ts';
import { createDefaultPipeline } from '../src/pipeline/index.ts';

const DIR = new URL('../../shared/data/ukraine-media-2022', import.meta.url).pathname;
const pipeline = createDefaultPipeline();
const hasData = existsSync(DIR);
const hasStages = ['entities', 'claims', 'events'].every((layer) => pipeline.provides.includes(layer as never));
if (!hasData) console.warn(`fuse.ukraine: skipped, ${DIR} is absent`);
else if (!hasStages) console.warn('fuse.ukraine: skipped, the default pipeline does not provide entities/claims/events yet');

describe.skipIf(!hasData || !hasStages)('fusion of the Olenivka prison explosion coverage (ukraine-media-2022)', () => {
  let extractions: Extraction[] = [];
  let fusion: Fusion;

  it('reads the 14 candidate articles from 7 outlets and runs the default pipeline', async () => {
    const docs = await readUkraineEvent(DIR, 'olenivka-prison-explosion');
    expect(docs).toHaveLength(14);
    expect(new Set(docs.map((d) => d.source)).size).toBe(7);
    extractions = docs.map((d) => pipeline.run(d));
    fusion = fuse(extractions);
    if (process.env.SITREP_SHOW) console.log(digest(fusion).join('\n'));
    expect(fusion.events.some((e) => e.outlets.length >= 3)).toBe(true);
  }, 600_000);

  it('flags the two sides’ opposite blame as a contradiction, with spans on both sides', () => {
    const text = new Map(extractions.map((x) => [x.document.id, x.document.text]));
    const blame = fusion.contradictions.filter((c): c is Extract<Contradiction, { kind: 'blame' }> => c.kind === 'blame');
    const russiaVsUkraine = blame.filter((c) => [...c.actors].sort().join() === 'RUS,UKR');
    expect(russiaVsUkraine.length).toBeGreaterThanOrEqual(1);
    for (const c of russiaVsUkraine) {
      // Each side's span is exact in its own document and the sources differ.
      expect(text.get(c.a.doc)?.slice(c.a.span.start, c.a.span.end)).toBe(c.a.text);
      expect(text.get(c.b.doc)?.slice(c.b.span.start, c.b.span.end)).toBe(c.b.text);
      expect(c.a.source).not.toBe(c.b.source);
    }
    // At least one of them is about the prison itself on both sides.
    const aboutPrison = /Olenivka|Yelenovka|Olenovka|prison|detention|POWs?|prisoners of war/i;
    expect(russiaVsUkraine.some((c) => aboutPrison.test(c.a.text) && aboutPrison.test(c.b.text))).toBe(true);
  });

  it('groups claims corroborated by several outlets', () => {
    const corroborated = fusion.claims.filter((g) => g.corroboration.outlets.length >= 2);
    expect(corroborated.length).toBeGreaterThanOrEqual(3);
  });
});
