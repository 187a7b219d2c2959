import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Document } from '../model/index.ts';
import { segment } from '../text/index.ts';
import { createTimeStage } from './index.ts';

const kursk = readFileSync(new URL('../../test/fixtures/kursk-incursion.txt', import.meta.url), 'utf8');

function run(text: string, published?: string) {
  const document: Document = {
    id: 'doc',
    text,
    language: 'eng',
    origin: 'test',
    ...(published ? { published } : {}),
  };
  return createTimeStage().run({ document, layers: { sentences: segment(text) } }, published ? { published } : {});
}

describe('time stage', () => {
  it('dates "on Thursday" in the Kursk article to 2024-08-08', () => {
    const { times, messages } = run(kursk, '2024-08-09');
    expect(times).toEqual([
      {
        id: 't:77-85',
        span: { start: 77, end: 85 },
        text: 'Thursday',
        value: '2024-08-08',
        precision: 'day',
        provenance: {
          stage: 'time',
          model: 'chrono-node',
          rule: 'chrono:weekday',
          confidence: 0.81,
        },
      },
    ]);
    expect(kursk.slice(77, 85)).toBe('Thursday');
    expect(messages).toEqual([]);
  });

  it('yields no times and no error for a date-less article', () => {
    expect(run('Troops advanced along the river. Residents fled the area.', '2024-08-09')).toEqual({
      times: [],
      messages: [],
    });
  });

  it('keeps an impossible date as a message, not a value', () => {
    const text = 'The ceasefire began on February 30, 2024. Fighting resumed last week.';
    const { times, messages } = run(text, '2024-08-09');
    expect(times.map((t) => [t.text, t.value, t.precision])).toEqual([['last week', '2024-07-29', 'week']]);
    expect(messages).toEqual([
      {
        message: "impossible date 'February 30, 2024': day 30 does not exist in February 2024",
        stage: 'time',
        rule: 'impossible-date',
        span: { start: 23, end: 40 },
        severity: 'warning',
      },
    ]);
  });

  it('says so when there is no publication date to anchor relative expressions', () => {
    const { times, messages } = run(kursk);
    expect(times).toEqual([]);
    expect(messages?.map((m) => m.rule)).toEqual(['no-reference-date']);
  });
});

describe('time stage: a publication date that does not exist', () => {
  it('warns and still dates absolute expressions', () => {
    const text = 'Talks began on August 6, 2024 and resumed on Thursday.';
    const document: Document = { id: 'doc', text, language: 'eng', origin: 'test' };
    const { times, messages } = createTimeStage().run({ document, layers: { sentences: segment(text) } }, { published: '2024-02-30' });
    expect(times.map((t) => [t.text, t.value])).toEqual([['August 6, 2024', '2024-08-06']]);
    expect(messages?.map((m) => m.rule)).toEqual(['bad-reference-date', 'no-reference-date']);
  });
});
