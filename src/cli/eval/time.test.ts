import { describe, expect, it } from 'vitest';
import { readTimeML, timemlValue } from './time.ts';

describe('TimeML reading for sitrep eval time', () => {
  it('strips tags, decodes entities and keeps TIMEX3 offsets into the plain text', () => {
    const xml =
      '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>' +
      '<TEXT>AT&amp;T <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3>.</TEXT>';
    const { text, dct, timexes } = readTimeML(xml);
    expect(text).toBe('AT&T said Thursday.');
    expect(dct).toBe('1998-08-07');
    expect(timexes).toEqual([{ start: 10, end: 18, type: 'DATE', value: '1998-08-06' }]);
  });

  it.each([
    ['2024-08-08', 'day', '2024-08-08'],
    ['2024-08-01', 'month', '2024-08'],
    ['2024-01-01', 'year', '2024'],
    ['1998-02-16', 'week', '1998-W08'],
    ['2020-12-28', 'week', '2020-W53'],
    ['2024-12-30', 'week', '2025-W01'],
  ] as const)('writes %s (%s) as %s', (value, precision, timeml) => {
    expect(timemlValue({ value, precision })).toBe(timeml);
  });
});
