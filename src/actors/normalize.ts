// Name normalisation for alias lookup: typographic quotes folded, a leading
// "the" and a trailing possessive dropped ("The Kremlin’s" → "Kremlin").
// Case is kept: the table decides per alias whether case matters.

const cache = new Map<string, string>();

export function normalizeName(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const name = normalizeUncached(text);
  // Mention texts repeat within and across documents; bound the cache, not the input.
  if (cache.size >= 50_000) cache.clear();
  cache.set(text, name);
  return name;
}

function normalizeUncached(text: string): string {
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
