// chrono's casual English configuration with each parser skipped where it
// cannot match. chrono runs all 18 parsers over every sentence, each a
// pattern tried from every position. Each parser below can only match text
// that holds one of the words or character shapes named (read off its
// pattern in chrono-node 2.10: a month name, a weekday, a digit, "ago" …);
// where none is present its result was always empty, so the refiners see
// the same results. Parsers not listed (a newer chrono) always run.
//
// A word is looked for by its first three letters, as one bit of a hashed
// set of the text's trigrams, filled in one pass: a word in the text puts
// its first trigram there; a collision only runs a parser needlessly.
// chrono's patterns are case-insensitive without the u flag, which folds
// ASCII letters only, and so does the scan.
import * as chrono from 'chrono-node/en';

/** Character shapes some parsers need, each a bit of `Scan.shapes`. */
const DIGIT = 1;
/** Four digits in a row. */
const FOUR_DIGITS = 2;
/** \d{4}-\d */
const ISO_DATE = 4;
/** \d[/.-]\d */
const DIGIT_SEPARATOR_DIGIT = 8;
/** \d/\d */
const DIGIT_SLASH_DIGIT = 16;
/** + or - */
const SIGN = 32;
/** "in", the one needed word shorter than three letters. */
const IN = 64;

interface Needs {
  readonly words?: readonly string[];
  readonly shapes?: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NEEDS: Readonly<Record<string, Needs>> = {
  ENYearMonthDayParser: { shapes: FOUR_DIGITS },
  ISOFormatParser: { shapes: ISO_DATE },
  SlashDateFormatParser: { shapes: DIGIT_SEPARATOR_DIGIT },
  // (within|in|for) + a duration: with forwardDate off chrono requires the preposition.
  ENTimeUnitWithinFormatParser: { words: ['for'], shapes: IN },
  ENMonthNameLittleEndianParser: { words: MONTHS },
  ENMonthNameMiddleEndianParser: { words: MONTHS },
  ENWeekdayParser: { words: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'week'] },
  ENSlashMonthFormatParser: { shapes: DIGIT_SLASH_DIGIT },
  ENTimeExpressionParser: { shapes: DIGIT },
  ENTimeUnitAgoFormatParser: { words: ['ago', 'before', 'earlier'] },
  ENTimeUnitLaterFormatParser: { words: ['later', 'after', 'now', 'henceforth', 'forward', 'out'] },
  ENYearMonthNameParser: { words: MONTHS },
  ENCasualDateParser: { words: ['now', 'today', 'tonight', 'tomorrow', 'overmorrow', 'tmr', 'yesterday', 'night'] },
  ENCasualTimeParser: { words: ['morning', 'afternoon', 'evening', 'night', 'midday', 'noon'] },
  ENEndOfCurrentMonthParser: { words: ['month'] },
  ENMonthNameParser: { words: MONTHS },
  ENRelativeDateFormatParser: { words: ['this', 'last', 'past', 'next', 'after'] },
  ENTimeUnitCasualRelativeFormatParser: { words: ['this', 'last', 'past', 'next', 'after'], shapes: SIGN },
};

const BITS = 4096;
const trigramBit = (a: number, b: number, c: number): number =>
  (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d)) >>> 20;
const fold = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c);

/** The last text scanned: its trigram bits and shapes (chrono asks once per parser). */
const trigrams = new Int32Array(BITS / 32);
let scanned: string | undefined;
let shapes = 0;

function scan(text: string): void {
  if (text === scanned) return;
  trigrams.fill(0);
  shapes = 0;
  let a = -1;
  let b = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = fold(text.charCodeAt(i));
    const digit = c >= 0x30 && c <= 0x39;
    if (digit) {
      shapes |= DIGIT;
      if (++run >= 4) shapes |= FOUR_DIGITS;
      // b is a separator after a digit: a.
      if (a >= 0x30 && a <= 0x39 && (b === 0x2f || b === 0x2e || b === 0x2d)) {
        shapes |= DIGIT_SEPARATOR_DIGIT;
        if (b === 0x2f) shapes |= DIGIT_SLASH_DIGIT;
      }
      if (b === 0x2d && i >= 5 && isDigits(text, i - 5, i - 1)) shapes |= ISO_DATE;
    } else run = 0;
    if (c === 0x2b || c === 0x2d) shapes |= SIGN;
    if (b === 0x69 && c === 0x6e) shapes |= IN;
    if (a >= 0) {
      const bit = trigramBit(a, b, c);
      trigrams[bit >>> 5] = (trigrams[bit >>> 5] as number) | (1 << (bit & 31));
    }
    a = b;
    b = c;
  }
  scanned = text;
}

function isDigits(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether the scanned text may hold what a parser needs. */
function mayMatch(wordBits: readonly number[], needShapes: number): boolean {
  if ((shapes & needShapes) !== 0) return true;
  for (const bit of wordBits) if (((trigrams[bit >>> 5] as number) & (1 << (bit & 31))) !== 0) return true;
  return false;
}

const NEVER = /^(?!)/;

function gated(parser: chrono.Parser): chrono.Parser {
  const name = (parser as object).constructor.name;
  const needs = Object.hasOwn(NEEDS, name) ? NEEDS[name] : undefined;
  if (!needs) return parser;
  const wordBits = (needs.words ?? []).map((w) => trigramBit(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2)));
  const needShapes = needs.shapes ?? 0;
  const within = name === 'ENTimeUnitWithinFormatParser';
  return {
    pattern(context) {
      if (within && context.option.forwardDate) return parser.pattern(context);
      scan(context.text);
      return mayMatch(wordBits, needShapes) ? parser.pattern(context) : NEVER;
    },
    extract: (context, match) => parser.extract(context, match),
  };
}

/** chrono's casual English configuration, parsers gated as above. */
export const casual = new chrono.Chrono({ parsers: chrono.casual.parsers.map(gated), refiners: [...chrono.casual.refiners] });
