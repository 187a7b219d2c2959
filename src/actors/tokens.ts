// Token positions of mentions inside their sentence, so the rules can look at
// the words right before and after a name. Offsets are document offsets.
import type { EntityMention, Sentence, Token } from '../model/index.ts';

export interface MentionTokens {
  readonly tokens: readonly Token[];
  /** Index (in `tokens`) of the mention's first token. */
  readonly first: number;
  /** Index of its last token. */
  readonly last: number;
}

/** The sentence holding `offset`, by binary search over sentence spans. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (!s) break;
    if (offset < s.span.start) hi = mid - 1;
    else if (offset >= s.span.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export function sentenceOf(sentences: readonly Sentence[], mention: EntityMention): Sentence | undefined {
  const byIndex = sentences[mention.sentence];
  if (byIndex && byIndex.span.start <= mention.span.start && mention.span.end <= byIndex.span.end) return byIndex;
  return sentenceAt(sentences, mention.span.start);
}

export function mentionTokens(sentences: readonly Sentence[], mention: EntityMention): MentionTokens | undefined {
  const sentence = sentenceOf(sentences, mention);
  if (!sentence) return undefined;
  const tokens = sentence.tokens;
  const first = tokens.findIndex((t) => t.span.end > mention.span.start);
  if (first < 0) return undefined;
  let last = first;
  while (last + 1 < tokens.length && (tokens[last + 1]?.span.start ?? Infinity) < mention.span.end) last++;
  return { tokens, first, last };
}

/** Lower-cased token text with typographic apostrophes folded. */
const words = new Map<string, string>();

export function word(token: Token | undefined): string {
  if (!token) return '';
  const known = words.get(token.text);
  if (known !== undefined) return known;
  const folded = token.text.replace(/[\u2018\u2019]/g, "'").toLowerCase();
  // Token texts repeat heavily; the bound keeps a long-running server's memory flat.
  if (words.size >= 100_000) words.clear();
  words.set(token.text, folded);
  return folded;
}

export function isPossessive(token: Token | undefined): boolean {
  const w = word(token);
  return w === "'s" || w === "'";
}
