import * as chrono from 'chrono-node/en';
import { describe, expect, it } from 'vitest';
import { casual } from './gate.ts';

// The gated configuration must give chrono's own results on every text: it
// only skips parsers that cannot match. One sentence per parser, plus texts
// that hold a parser's word or shape without a date.
const SENTENCES = [
  'The ceasefire was signed on 2024-08-09T10:00:00Z in Geneva.',
  'Shelling resumed 2024/08/09 and again 9.8.2024, officials said.',
  'Talks will end within 3 days, or in a couple of weeks, or for 2 hours.',
  'Troops crossed the border on 6 August 2024 and on the 7th of August.',
  'By August 6, 2024 the town had fallen; Aug. 7 saw more fighting.',
  'On Thursday, and again last weekend, and on Monday next week, drones struck.',
  'The figures for 08/2024 were revised.',
  'At 5 p.m. and again at 17:30, and at 6 in the morning, sirens sounded.',
  'Three days ago, two weeks before, a month earlier, it was quiet.',
  'Two days later, a week after, 3 hours from now, 5 minutes out.',
  'In 2024 August and 2023-March the numbers rose.',
  'Now, today, tonight, tomorrow, overmorrow, tmr and yesterday; last night too.',
  'This morning, in the afternoon, by evening, at night, at midnight, at midday, at noon.',
  'By the end of the month, or the last day of the month.',
  'In June, last December and March 2022, the front moved.',
  'This week, last month, next year and the past quarter.',
  '+2 days, -3 weeks, next 2 months, last 3 years.',
  'The 3,000 troops, 10-km advance, $2.50 a share, 1/4 of the town.',
  'Monsoon, money, Saturnine, weekly, fortune, ago-go, outer, nowhere, thistle.',
  'No dates here at all.',
  '',
  'ÉTÉ 2024: le 6 août, à 17 h.',
  'İN 3 DAYS and ſeptember 5',
];

const REFERENCE = { instant: new Date(Date.UTC(2024, 7, 9, 12)), timezone: 0 };
const shape = (results: chrono.ParsedResult[]) =>
  results.map((r) => ({ index: r.index, text: r.text, start: r.start.date().toISOString(), end: r.end?.date().toISOString() }));

describe('gated chrono', () => {
  it.each(SENTENCES)('%s: the same results as chrono', (text) => {
    expect(shape(casual.parse(text, REFERENCE, { forwardDate: false }))).toEqual(
      shape(chrono.casual.parse(text, REFERENCE, { forwardDate: false })),
    );
  });
});
