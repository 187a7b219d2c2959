// A Penn-Treebank-like tokeniser that never rewrites the text: every token
// is a [start, end) slice of the original string. It follows the CoNLL-2003
// conventions the gold data uses: clitics split ("Russia’s" → "Russia" "’s",
// "don't" → "do" "n't"), hyphenated words and numbers kept whole ("10-km",
// "3,000", "U.S.-led"), punctuation and quotes split off.
import abbreviations from './abbreviations.json' with { type: 'json' };

export interface RawToken {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(abbreviations.abbreviations.map((a) => a.toLowerCase()));

/** Characters peeled off the front of a word. */
const LEADING = new Set(['"', '“', '‘', "'", '`', '(', '[', '{', '«', '„', '‹', '¿', '¡', '$', '£', '€', '#', '*', '•']);
/** Characters peeled off the end of a word (the final period is handled apart). */
const TRAILING = new Set(['"', '”', '’', "'", ')', ']', '}', '»', '›', ',', ';', ':', '!', '?', '%', '*', '…']);
/** Characters that always stand alone, even inside a word (― is the horizontal bar that signs a quotation: "… about.”―Sonya"). */
const ALWAYS_SPLIT = /[―—–…]|--|\.\.\.+/g;

const CLITIC = /^(.+?)(['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)|[nN]['’][tT])$/;
const CLITIC_ONLY = /^['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)$/;
// A module constant: tsx (esbuild) compiles a \p{…} literal inside a
// function to `new RegExp(…)`, built again on every call.
const DOTTED_LETTERS = /^(?:\p{L}\.)+$/u;
/** LEADING and TRAILING as flags per UTF-16 code unit (each mark is one). */
const codeFlags = (chars: ReadonlySet<string>): Uint8Array => {
  const flags = new Uint8Array(0x10000);
  for (const ch of chars) flags[ch.charCodeAt(0)] = 1;
  return flags;
};
const LEADING_CODE = codeFlags(LEADING);
const TRAILING_CODE = codeFlags(TRAILING);
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;

function isWhitespace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x3000 ||
    code === 0x202f ||
    code === 0xfeff
  );
}

/** Whether a word ending in "." keeps its period (abbreviation, initial, acronym). */
export function keepsPeriod(word: string): boolean {
  if (!word.endsWith('.') || word.length < 2) return false;
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return true;
  // Initials and dotted acronyms: "J.", "U.S.", "a.m.", "U.N."
  if (DOTTED_LETTERS.test(word)) return true;
  return false;
}

/** Tokenises text[from, to) and appends tokens to `out`. */
export function tokenizeRange(text: string, from: number, to: number, out: RawToken[] = []): RawToken[] {
  let i = from;
  while (i < to) {
    while (i < to && isWhitespace(text.charCodeAt(i))) i++;
    if (i >= to) break;
    let j = i;
    while (j < to && !isWhitespace(text.charCodeAt(j))) j++;
    splitChunk(text, i, j, out);
    i = j;
  }
  return out;
}

export function tokenize(text: string): RawToken[] {
  return tokenizeRange(text, 0, text.length);
}

/** Whether text[start, end) holds something ALWAYS_SPLIT matches: ―, —, –, …, "--" or "...". */
function hasAlwaysSplit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2015 || c === 0x2014 || c === 0x2013 || c === 0x2026) return true;
    if (c === 0x2d && text.charCodeAt(i + 1) === 0x2d && i + 1 < end) return true;
    if (c === 0x2e && i + 2 < end && text.charCodeAt(i + 1) === 0x2e && text.charCodeAt(i + 2) === 0x2e) return true;
  }
  return false;
}

/**
 * Where a citation mark glued to a word starts ("al-Freiji.[2]", "13.[4][5]",
 * "troops[12]" in text copied from Wikipedia): a "[" closed by "]" within six
 * characters with no space or bracket between, holding only digits or
 * following sentence punctuation. -1 when there is none. Editorial brackets
 * are left to peel(): at a word's start ("“[W]e") or completing it ("love[s]").
 */
function citationStart(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    if (text.charCodeAt(i) !== 0x5b || LEADING_CODE[text.charCodeAt(i - 1)] === 1) continue;
    const afterPunctuation = /[.,;:!?]/.test(text[i - 1] as string);
    let digits = true;
    for (let j = i + 1; j < end && j <= i + 7; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5d) {
        if (j > i + 1 && (digits || afterPunctuation)) return i;
        break;
      }
      if (c === 0x5b) break;
      if (c < 0x30 || c > 0x39) digits = false;
    }
  }
  return -1;
}

/** Splits one whitespace-free chunk before citation marks and at dashes/ellipses, then peels each part. */
function splitChunk(text: string, start: number, end: number, out: RawToken[]): void {
  const cite = citationStart(text, start, end);
  if (cite !== -1) {
    splitChunk(text, start, cite, out);
    splitChunk(text, cite, end, out);
    return;
  }
  // Most chunks have no dash or ellipsis: peel them without slicing and scanning with the pattern.
  if (!hasAlwaysSplit(text, start, end)) {
    peel(text, start, end, out);
    return;
  }
  const chunk = text.slice(start, end);
  ALWAYS_SPLIT.lastIndex = 0;
  let last = 0;
  for (let m = ALWAYS_SPLIT.exec(chunk); m !== null; m = ALWAYS_SPLIT.exec(chunk)) {
    if (m.index > last) peel(text, start + last, start + m.index, out);
    out.push({ start: start + m.index, end: start + m.index + m[0].length });
    last = m.index + m[0].length;
  }
  if (last < chunk.length) peel(text, start + last, end, out);
}

/** Whether text[start, end) holds an apostrophe, which every clitic has. */
function hasApostrophe(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === APOSTROPHE || c === RIGHT_QUOTE) return true;
  }
  return false;
}

function peel(text: string, start: number, end: number, out: RawToken[]): void {
  let s = start;
  let e = end;
  while (s < e && LEADING_CODE[text.charCodeAt(s)] === 1) {
    // "'s" at the start of a chunk is a clitic, not a quote ("the Kremlin ’s").
    if (CLITIC_ONLY.test(text.slice(s, e))) break;
    out.push({ start: s, end: s + 1 });
    s++;
  }
  // Trailing marks come off one character at a time; they are pushed after the word.
  for (;;) {
    if (s >= e) break;
    const ch = text.charCodeAt(e - 1);
    if (ch === 0x2e) {
      if (keepsPeriod(text.slice(s, e))) break;
      // A number's decimal point is inside, never at the end; a lone "." is punctuation.
      e--;
      continue;
    }
    // An editorial bracket completing a word ("love[s]") stays on it.
    if (ch === 0x5d && text.lastIndexOf('[', e - 1) > s) break;
    // An apostrophe after "s" ("soldiers’") comes off like any other trailing mark.
    if (TRAILING_CODE[ch] === 1) {
      e--;
      continue;
    }
    break;
  }
  if (s < e) {
    const m = hasApostrophe(text, s, e) ? CLITIC.exec(text.slice(s, e)) : null;
    if (m?.[1] && m[2] && !/^[nN]$/.test(m[1])) {
      out.push({ start: s, end: s + m[1].length });
      out.push({ start: s + m[1].length, end: e });
    } else {
      out.push({ start: s, end: e });
    }
  }
  for (let k = e; k < end; k++) out.push({ start: k, end: k + 1 });
}
