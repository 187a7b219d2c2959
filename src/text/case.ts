// Capitalisation class of a word, read by the NER and POS feature templates.

/** 0 no letters, 1 lower case, 2 Initial capital only, 3 ALL CAPS, 4 mixed. */
export type CapClass = 0 | 1 | 2 | 3 | 4;

export function capClass(w: string): CapClass {
  // ASCII words (most) without the Unicode regexes: same classes.
  let uppers = 0;
  let lowers = 0;
  let firstLetterUpper = false;
  let ascii = true;
  for (let i = 0; i < w.length && ascii; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) ascii = false;
    else if (c >= 65 && c <= 90) {
      if (uppers + lowers === 0) firstLetterUpper = true;
      uppers++;
    } else if (c >= 97 && c <= 122) lowers++;
  }
  if (ascii) {
    if (uppers === 0 && lowers === 0) return 0;
    if (uppers === 0) return 1;
    if (lowers === 0) return 3;
    return firstLetterUpper && uppers === 1 ? 2 : 4;
  }
  const hasUpper = /\p{Lu}/u.test(w);
  const hasLower = /\p{Ll}/u.test(w);
  if (!hasUpper && !hasLower) return 0;
  if (!hasUpper) return 1;
  if (!hasLower) return 3;
  return /^\P{L}*\p{Lu}[^\p{Lu}]*$/u.test(w) ? 2 : 4;
}
