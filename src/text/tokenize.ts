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
/** Characters that always stand alone, even inside a word. */
const ALWAYS_SPLIT = /[—–…]|--|\.\.\.+/g;

const CLITIC = /^(.+?)(['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)|[nN]['’][tT])$/;
const CLITIC_ONLY = /^['’](?:s|S|re|RE|ve|VE|ll|LL|d|D|m|M)$/;

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
  if (/^(?:\p{L}\.)+$/u.test(word)) return true;
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

/** Splits one whitespace-free chunk at dashes/ellipses, then peels each part. */
function splitChunk(text: string, start: number, end: number, out: RawToken[]): void {
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

function peel(text: string, start: number, end: number, out: RawToken[]): void {
  let s = start;
  let e = end;
  while (s < e && LEADING.has(text[s] as string)) {
    // "'s" at the start of a chunk is a clitic, not a quote ("the Kremlin ’s").
    if (CLITIC_ONLY.test(text.slice(s, e))) break;
    out.push({ start: s, end: s + 1 });
    s++;
  }
  const tail: RawToken[] = [];
  for (;;) {
    if (s >= e) break;
    const ch = text[e - 1] as string;
    if (ch === '.') {
      const word = text.slice(s, e);
      if (keepsPeriod(word)) break;
      // A number's decimal point is inside, never at the end; a lone "." is punctuation.
      tail.push({ start: e - 1, end: e });
      e--;
      continue;
    }
    if (TRAILING.has(ch)) {
      // Keep an apostrophe that ends a clitic or plural possessive as part of the clitic step.
      if ((ch === '’' || ch === "'") && e - s > 1 && /[sS]$/.test(text[e - 2] as string) && e - s > 2) {
        // "soldiers’" → "soldiers" "’"
        tail.push({ start: e - 1, end: e });
        e--;
        continue;
      }
      tail.push({ start: e - 1, end: e });
      e--;
      continue;
    }
    break;
  }
  if (s < e) {
    const word = text.slice(s, e);
    const m = CLITIC.exec(word);
    if (m?.[1] && m[2] && !/^[nN]$/.test(m[1])) {
      out.push({ start: s, end: s + m[1].length });
      out.push({ start: s + m[1].length, end: e });
    } else {
      out.push({ start: s, end: e });
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) out.push(tail[k] as RawToken);
}
