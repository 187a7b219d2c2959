// Name normalisation for alias lookup: typographic quotes folded, a leading
// "the" and a trailing possessive dropped ("The Kremlin’s" → "Kremlin").
// Case is kept: the table decides per alias whether case matters.

export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["(]+|[")]+$/g, '')
    .replace(/^the /i, '')
    .replace(/'s?$/, '')
    .trim();
}
