// The English locale only: the package root also loads 14 other locales (~20 MB, 0.3 s).
import type * as chrono from 'chrono-node/en';
import type { Span } from '../model/index.ts';
import { casual } from './gate.ts';

export type TimePrecision = 'day' | 'week' | 'month' | 'year';

/** One temporal expression found in a text, normalised or rejected. */
export type FoundTime =
  | {
      readonly kind: 'date';
      readonly span: Span;
      readonly text: string;
      /** YYYY-MM-DD, the first day of the period. */
      readonly value: string;
      readonly precision: TimePrecision;
      /** Why it fired, for provenance. */
      readonly rule: string;
      /** The expression needs the reference date (e.g. "on Thursday"). */
      readonly relative: boolean;
    }
  | {
      readonly kind: 'invalid';
      readonly span: Span;
      readonly text: string;
      readonly reason: string;
      readonly rule: string;
    }
  | {
      readonly kind: 'unanchored';
      readonly span: Span;
      readonly text: string;
      readonly rule: string;
    };

export type NormalisedDate =
  | {
      readonly kind: 'date';
      readonly value: string;
      readonly precision: TimePrecision;
      readonly rule: string;
    }
  | { readonly kind: 'invalid'; readonly reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MONTH_NAME =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)';

// Explicit day + month forms, checked for impossible days before chrono sees
// them (chrono silently skips "February 30", which would lose the expression).
const MONTH_DAY = new RegExp(`\\b${MONTH_NAME}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'g');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME}\\b\\.?(?:,?\\s+(\\d{4})\\b)?`, 'g');
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

// A year standing alone (chrono ignores "in 2022"). Only after a temporal
// preposition or before closing punctuation, so "2000 troops" stays a number.
const YEAR_AFTER_PREP =
  /(?:\b(?:in|since|during|until|till|by|of|from|before|after|throughout|early|late|mid|fiscal|the end of|the start of|the beginning of|the|a|an|his|her|its|their|our|that|this|both|between|and|due|for)|['’]s)[\s-]+((?:1[89]|20)\d{2})\b(?![-–/]?\d)(?!\s*(?:%|per|percent|troops|people|soldiers|civilians|residents|refugees|men|women|children|km|kilometres|kilometers|miles|tons|tonnes|dollars|euros|pounds|rubles|hryvnias|shares|units|vehicles|tanks)\b)/gi;
const YEAR_ALONE = /(?<![\d$£€.,-])\b((?:19|20)\d{2})\b(?=\s*(?:[.,;:)]|'s|’s|$))/g;

/** Cheap pre-filter: a sentence without any of these has no expression we handle. */
export const TEMPORAL_TRIGGER =
  /\d|\b(?:today|tonight|yesterday|tomorrow|week|month|year|ago|morning|afternoon|evening|night|noon|midnight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/i;

// Words chrono dates but that name no period we can place ("now" is PRESENT_REF in TimeML).
const LEADING_PREPOSITION = /^(?:on|in|at|by|since|during|from|until)\s+/i;
const SKIP_TEXT = /^(?:now|right now|just now|currently|recently|sec|second|a second|sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)$/i;
// Numbers chrono reads as dates or times in financial copy: "1/4", "20", "$2.50 a share".
const NUMBER_NOT_DATE = /^(?:\d{1,2}(?:\/\d{1,2})?|\d+(?:[.,]\d+)?\s*a)$/i;
const CLOCK_WORDS = /\b(?:[ap]\.?m\b\.?|o'clock|noon|midnight)|\d:\d\d/i;

function daysInMonth(year: number | undefined, month: number): number {
  if (month === 2) {
    if (year === undefined) return 29;
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase() as (typeof MONTHS)[number]) + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Parses YYYY-MM-DD to a UTC Date at noon (noon keeps chrono's day arithmetic off DST edges). */
export function parseIsoDate(value: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, 12));
}

function addDays(y: number, m: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + days, 12));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/** Monday of the ISO week holding the date: the start of a week-precision period. */
function weekStart(y: number, m: number, d: number): [number, number, number] {
  const dow = new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
  return addDays(y, m, d, -((dow + 6) % 7));
}

type ImpossibleDate = { span: Span; text: string; reason: string };

function checkDate(found: ImpossibleDate[], match: RegExpExecArray, month: number, day: number, year: number | undefined): void {
  if (month < 1 || month > 12) {
    found.push({
      span: { start: match.index, end: match.index + match[0].length },
      text: match[0],
      reason: `month ${month} does not exist`,
    });
    return;
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    const when = year === undefined ? '' : ` ${year}`;
    found.push({
      span: { start: match.index, end: match.index + match[0].length },
      text: match[0],
      reason: `day ${day} does not exist in ${chronoMonthName(month)}${when}`,
    });
  }
}

/** What MONTH_DAY and DAY_MONTH need (every MONTH_NAME starts so): most sentences have none. */
const MONTH_PREFIX = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/;

/** Finds explicit dates whose day cannot exist (February 30, 2024-04-31). */
function findImpossibleDates(text: string): ImpossibleDate[] {
  const found: ImpossibleDate[] = [];
  if (MONTH_PREFIX.test(text)) {
    for (const m of text.matchAll(MONTH_DAY)) {
      checkDate(found, m as RegExpExecArray, monthIndex(m[1] ?? ''), Number(m[2]), m[3] ? Number(m[3]) : undefined);
    }
    for (const m of text.matchAll(DAY_MONTH)) {
      checkDate(found, m as RegExpExecArray, monthIndex(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : undefined);
    }
  }
  for (const m of text.matchAll(ISO_DATE)) {
    checkDate(found, m as RegExpExecArray, Number(m[2]), Number(m[3]), Number(m[1]));
  }
  return found;
}

function chronoMonthName(month: number): string {
  return (
    ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][month - 1] ??
    `month ${month}`
  );
}

const overlapsAny = (span: Span, spans: readonly Span[]): boolean => spans.some((s) => span.start < s.end && s.start < span.end);

/** Turns one chrono result into a period: value at its start, with a precision. */
function fromChrono(
  result: chrono.ParsedResult,
  ref: { y: number; m: number; d: number } | undefined,
  before = '',
): { value: string; precision: TimePrecision; rule: string; relative: boolean } | undefined {
  const c = result.start;
  const text = result.text;
  let y = c.get('year') ?? 0;
  let m = c.get('month') ?? 1;
  let d = c.get('day') ?? 1;
  const relative = !c.isCertain('year');
  if (relative && !ref) return undefined;

  const lower = text.toLowerCase();
  const casualDay = /\b(?:today|tonight|yesterday|tomorrow|ago|morning|afternoon|evening|night)\b/.test(lower);

  if (/\bweeks?\b/.test(lower) && !/\bago\b/.test(lower) && !c.isCertain('weekday')) {
    // chrono starts "this week" on Sunday; a week period here starts on the ISO Monday.
    if (ref && /\bthis week\b/.test(lower)) [y, m, d] = [ref.y, ref.m, ref.d];
    [y, m, d] = weekStart(y, m, d);
    return {
      value: isoDate(y, m, d),
      precision: 'week',
      rule: 'chrono:week',
      relative,
    };
  }
  if (c.isCertain('day') || c.isCertain('weekday') || casualDay || c.isCertain('hour')) {
    let rule = c.isCertain('day') ? 'chrono:day' : 'chrono:weekday';
    // chrono puts a bare weekday on the nearest such day, which can fall after
    // the reference date; news reports the past, so step back a week
    // (ECOSYSTEM.md; "on Thursday" published Friday 2024-08-09 → 2024-08-08).
    if (ref && c.isCertain('weekday') && !c.isCertain('day') && !/\b(?:next|coming|this coming)\b/.test(lower)) {
      const refT = Date.UTC(ref.y, ref.m - 1, ref.d);
      if (Date.UTC(y, m - 1, d) > refT) {
        [y, m, d] = addDays(y, m, d, -7);
        rule = 'chrono:weekday-past';
      }
    }
    if (c.isCertain('hour') && !c.isCertain('day') && !c.isCertain('weekday') && !casualDay) {
      if (!CLOCK_WORDS.test(text)) return undefined;
      rule = 'chrono:time-of-day';
    }
    // A day and month without a year: news looks back, so a date more than
    // three months ahead is last year's ("Aug. 6" in a February article).
    if (ref && c.isCertain('day') && c.isCertain('month') && !c.isCertain('year')) {
      if (Date.UTC(y, m - 1, d) - Date.UTC(ref.y, ref.m - 1, ref.d) > 90 * 864e5) y -= 1;
    }
    return { value: isoDate(y, m, d), precision: 'day', rule, relative };
  }
  if (c.isCertain('month')) {
    // A month name alone is its latest occurrence up to the reference month:
    // news looks back, as with weekdays ("December" in a March article is last December).
    const cue = /\b(next|this|coming)\s+$/i.test(before) || /\b(?:next|this|coming)\b/.test(lower);
    if (ref && !c.isCertain('year') && !cue) y = m > ref.m ? ref.y - 1 : ref.y;
    if (ref && !c.isCertain('year') && /\bnext\s+$/i.test(before)) y = m > ref.m ? ref.y : ref.y + 1;
    return {
      value: isoDate(y, m, 1),
      precision: 'month',
      rule: 'chrono:month',
      relative,
    };
  }
  if (c.isCertain('year') || /\byears?\b/.test(lower))
    return {
      value: isoDate(y, 1, 1),
      precision: 'year',
      rule: 'chrono:year',
      relative,
    };
  if (/\bmonths?\b/.test(lower))
    return {
      value: isoDate(y, m, 1),
      precision: 'month',
      rule: 'chrono:month',
      relative,
    };
  return undefined;
}

/**
 * All temporal expressions in `text`, normalised against `published`
 * (YYYY-MM-DD, never the clock). Spans are offsets into `text` plus `offset`.
 * Without a publication date, relative expressions come back `unanchored`.
 */
export function findTimes(text: string, published: string | undefined, offset = 0): FoundTime[] {
  return findTimesFrom(text, referenceOf(published), offset);
}

/** The publication date as chrono's instant and as numbers. */
export interface Reference {
  readonly date: Date;
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function referenceOf(published: string | undefined): Reference | undefined {
  const date = published ? parseIsoDate(published) : undefined;
  return date ? { date, y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() } : undefined;
}

/** What YEAR_AFTER_PREP and YEAR_ALONE need. */
const YEAR_LIKE = /1[89]\d\d|20\d\d/;

/** findTimes with the reference date parsed once (the stage calls it per sentence). */
export function findTimesFrom(text: string, ref: Reference | undefined, offset = 0): FoundTime[] {
  const out: FoundTime[] = [];
  const taken: Span[] = [];

  for (const bad of findImpossibleDates(text)) {
    if (overlapsAny(bad.span, taken)) continue;
    taken.push(bad.span);
    out.push({
      kind: 'invalid',
      span: { start: bad.span.start + offset, end: bad.span.end + offset },
      text: bad.text,
      reason: bad.reason,
      rule: 'impossible-date',
    });
  }

  const results = casual.parse(
    text,
    // A fresh instant per call, as when each call parsed the date itself.
    { instant: new Date(ref ? ref.date.getTime() : Date.UTC(2000, 0, 1, 12)), timezone: 0 },
    { forwardDate: false },
  );
  for (const r of results) {
    // chrono keeps a leading preposition ("on Thursday"); the expression is the rest, as in TimeML.
    const lead = LEADING_PREPOSITION.exec(r.text)?.[0].length ?? 0;
    const span = { start: r.index + lead, end: r.index + r.text.length };
    const exprText = r.text.slice(lead);
    if (overlapsAny(span, taken) || SKIP_TEXT.test(exprText.trim()) || NUMBER_NOT_DATE.test(exprText.trim())) continue;
    const norm = fromChrono(r, ref, text.slice(Math.max(0, r.index - 12), r.index));
    if (!norm) {
      if (!r.start.isCertain('year') && !ref) {
        taken.push(span);
        out.push({
          kind: 'unanchored',
          span: { start: span.start + offset, end: span.end + offset },
          text: exprText,
          rule: 'chrono:needs-reference',
        });
      }
      continue;
    }
    taken.push(span);
    out.push({
      kind: 'date',
      span: { start: span.start + offset, end: span.end + offset },
      text: exprText,
      value: norm.value,
      precision: norm.precision,
      rule: norm.rule,
      relative: norm.relative,
    });
  }

  for (const pattern of YEAR_LIKE.test(text) ? [YEAR_AFTER_PREP, YEAR_ALONE] : []) {
    for (const m of text.matchAll(pattern)) {
      const year = m[1] ?? '';
      const start = (m.index ?? 0) + m[0].lastIndexOf(year);
      const span = { start, end: start + year.length };
      if (overlapsAny(span, taken)) continue;
      taken.push(span);
      out.push({
        kind: 'date',
        span: { start: span.start + offset, end: span.end + offset },
        text: year,
        value: `${year}-01-01`,
        precision: 'year',
        rule: pattern === YEAR_ALONE ? 'year:alone' : 'year:after-preposition',
        relative: false,
      });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Normalises one temporal expression ("on Thursday", "last week", "2022")
 * against the publication date. Undefined when the text holds no date we
 * can place; `invalid` for a date that cannot exist.
 */
export function normaliseDate(text: string, published: string | undefined): NormalisedDate | undefined {
  for (const found of findTimes(text, published)) {
    if (found.kind === 'date')
      return {
        kind: 'date',
        value: found.value,
        precision: found.precision,
        rule: found.rule,
      };
    if (found.kind === 'invalid') return { kind: 'invalid', reason: found.reason };
  }
  return undefined;
}
