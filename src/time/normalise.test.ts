import { describe, expect, it } from 'vitest';
import { findTimes, normaliseDate } from './index.ts';

// Reference: Friday 2024-08-09, the Kursk article's publication date.
const PUBLISHED = '2024-08-09';

describe('normaliseDate against the publication date', () => {
  it.each([
    ['on Thursday', '2024-08-08', 'day'],
    ['on Sunday', '2024-08-04', 'day'], // nearest Sunday is 08-11: news means the past
    ['last Tuesday', '2024-08-06', 'day'],
    ['next Monday', '2024-08-12', 'day'],
    ['yesterday', '2024-08-08', 'day'],
    ['today', '2024-08-09', 'day'],
    ['two weeks ago', '2024-07-26', 'day'],
    ['last week', '2024-07-29', 'week'],
    ['this week', '2024-08-05', 'week'],
    ['in August', '2024-08-01', 'month'],
    ['last month', '2024-07-01', 'month'],
    ['earlier this month', '2024-08-01', 'month'],
    ['this year', '2024-01-01', 'year'],
    ['last year', '2023-01-01', 'year'],
    ['in 2022', '2022-01-01', 'year'],
    ['since 2014,', '2014-01-01', 'year'],
    ['the 2022 invasion', '2022-01-01', 'year'],
    ["Russia's 2014 annexation", '2014-01-01', 'year'],
    ['August 6, 2024', '2024-08-06', 'day'],
    ['Aug. 6', '2024-08-06', 'day'],
    ['6 August 2022', '2022-08-06', 'day'],
    ['March 1998', '1998-03-01', 'month'],
    ['February 29, 2024', '2024-02-29', 'day'],
  ])('%s → %s (%s)', (text, value, precision) => {
    expect(normaliseDate(text, PUBLISHED)).toMatchObject({
      kind: 'date',
      value,
      precision,
    });
  });

  it.each([
    ['February 30, 2024', 'day 30 does not exist in February 2024'],
    ['February 29, 2023', 'day 29 does not exist in February 2023'],
    ['31 April', 'day 31 does not exist in April'],
    ['2024-13-01', 'month 13 does not exist'],
  ])('impossible date %s is rejected: %s', (text, reason) => {
    expect(normaliseDate(text, PUBLISHED)).toEqual({ kind: 'invalid', reason });
  });

  it.each([
    ['Aug. 6', '1998-02-06', '1997-08-06', 'day'], // six months ahead: last year's
    ['March 10', '1998-02-06', '1998-03-10', 'day'], // a month ahead: kept
    ['April', '1989-10-27', '1989-04-01', 'month'], // a month name alone: its latest occurrence
    ['December', '1998-03-04', '1997-12-01', 'month'],
    ['next December', '1998-03-04', '1998-12-01', 'month'],
  ])('%s published %s → %s (%s)', (text, published, value, precision) => {
    expect(normaliseDate(text, published)).toMatchObject({ kind: 'date', value, precision });
  });

  it.each([
    ['Sun Microsystems rose'],
    ['earned $2.50 a share'],
    ['up 1/4 to 20'],
    ['killed 2000 troops'],
    ['they may go'],
    ['now'],
    ['around 3,000 residents'],
  ])('%s is not a date', (text) => {
    expect(normaliseDate(text, PUBLISHED)).toBeUndefined();
  });

  it('finds both years of a range and leaves counts alone', () => {
    expect(findTimes('sales fell between 1985 and 1987', PUBLISHED).map((t) => t.text)).toEqual(['1985', '1987']);
    expect(findTimes('the 2000 troops and 1990 residents', PUBLISHED)).toEqual([]);
  });

  it('leaves relative expressions unanchored without a publication date, but places absolute ones', () => {
    expect(findTimes('on Thursday', undefined)).toEqual([
      {
        kind: 'unanchored',
        span: { start: 3, end: 11 },
        text: 'Thursday',
        rule: 'chrono:needs-reference',
      },
    ]);
    expect(normaliseDate('August 6, 2024', undefined)).toMatchObject({
      value: '2024-08-06',
      precision: 'day',
    });
  });

  it('gives spans into the original text, past a leading preposition, plus the offset', () => {
    const [found] = findTimes('was declared on Thursday after', PUBLISHED, 100);
    expect(found).toMatchObject({
      kind: 'date',
      span: { start: 116, end: 124 },
      text: 'Thursday',
    });
  });
});
