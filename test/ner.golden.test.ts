import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EntityMention } from '../src/model/index.ts';
import { createNerStage } from '../src/ner/index.ts';
import { createSegmentStage } from '../src/text/index.ts';
import { golden, KURSK_PATH, KURSK_PUBLISHED } from './golden.ts';

// Runs the committed models (models/ner) on the Kursk article: no ../shared needed.
const text = readFileSync(KURSK_PATH, 'utf8');
const document = { id: 'kursk', text, language: 'eng', origin: KURSK_PATH, published: KURSK_PUBLISHED };
const ctx = { published: KURSK_PUBLISHED };
const sentences = createSegmentStage().run({ document, layers: {} }, ctx).sentences;
const { entities } = createNerStage().run({ document, layers: { sentences } }, ctx);

const typed = (m: EntityMention): string => `${m.type}:${m.text}`;

describe('NER on the Kursk article', () => {
  it('matches the golden mentions', () => {
    const { actual, expected } = golden('kursk.ner.json', entities);
    expect(actual).toBe(expected);
  });

  it.each([
    ['PERSON', ['Alexei Smirnov', 'Vladimir Putin', 'Dmitry Medvedev', 'Putin']],
    ['ORGANIZATION', ['Russian Defense Ministry', 'U.S. State Department', 'Kremlin']],
    ['LOCATION', ['Kursk region', 'Sudzha', 'Russia', 'Ukraine', 'eastern Ukraine']],
    ['NATIONALITY', ['Russian', 'Ukrainian']],
    ['MILITARY_PLATFORM', ['tanks', 'armoured vehicles', 'military vehicles']],
    ['WEAPON', ['missile']],
  ])('finds the %s mentions', (type, names) => {
    const found = new Set(entities.filter((m) => m.type === type).map((m) => m.text));
    for (const name of names) expect(found, `${type}:${name}`).toContain(name);
  });

  it('gives every mention a span that slices the original text to its text, and a stable id', () => {
    for (const m of entities) {
      expect(text.slice(m.span.start, m.span.end)).toBe(m.text);
      expect(m.id).toBe(`e:${m.span.start}-${m.span.end}`);
      expect(m.provenance.confidence).toBeGreaterThan(0);
    }
  });

  it('never emits overlapping mentions', () => {
    const sorted = [...entities].sort((a, b) => a.span.start - b.span.start);
    for (let i = 1; i < sorted.length; i++) {
      expect((sorted[i] as EntityMention).span.start).toBeGreaterThanOrEqual((sorted[i - 1] as EntityMention).span.end);
    }
  });

  it('does not tag Russian as a LOCATION or the article’s verbs as entities', () => {
    expect(entities.map(typed)).not.toContain('LOCATION:Russian');
    expect(entities.map(typed)).not.toContain('PERSON:Putin noted');
  });
});
