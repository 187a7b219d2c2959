// Mentions by position. Claims, references and event arguments each ask
// "which mentions lie in this span?" once per claim or argument; a scan of
// every mention per question made a long document's claims stage grow with
// claims × mentions. An index sorted by start, built once per mention array,
// answers each question by binary search. Answers keep the array's own order,
// so callers that sort or take the first match get what a scan gave them.
import type { EntityMention } from '../model/index.ts';

interface MentionIndex {
  /** Array length when built: an array that grew is indexed again. */
  readonly length: number;
  /** Positions in the array, by span start (ties by position). */
  readonly order: Int32Array;
  /** Span starts in `order`'s order. */
  readonly starts: Float64Array;
  /** The longest mention, in characters: bounds how far back an overlap can start. */
  readonly maxLength: number;
}

const indexes = new WeakMap<readonly EntityMention[], MentionIndex>();

function indexOf(mentions: readonly EntityMention[]): MentionIndex {
  const known = indexes.get(mentions);
  if (known && known.length === mentions.length) return known;
  const order = Int32Array.from(mentions.keys()).sort(
    (a, b) => (mentions[a] as EntityMention).span.start - (mentions[b] as EntityMention).span.start || a - b,
  );
  const starts = Float64Array.from(order, (k) => (mentions[k] as EntityMention).span.start);
  let maxLength = 0;
  for (const m of mentions) maxLength = Math.max(maxLength, m.span.end - m.span.start);
  const index = { length: mentions.length, order, starts, maxLength };
  indexes.set(mentions, index);
  return index;
}

/** Mentions whose span starts in [from, to), in array order. */
export function mentionsStartingIn(mentions: readonly EntityMention[], from: number, to: number): EntityMention[] {
  const { order, starts } = indexOf(mentions);
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  const picked: number[] = [];
  for (let k = lo; k < starts.length && (starts[k] as number) < to; k++) picked.push(order[k] as number);
  picked.sort((a, b) => a - b);
  return picked.map((k) => mentions[k] as EntityMention);
}

/** Mentions whose span lies inside [from, to), in array order. */
export function mentionsWithin(mentions: readonly EntityMention[], from: number, to: number): EntityMention[] {
  return mentionsStartingIn(mentions, from, to).filter((m) => m.span.end <= to);
}

/** Mentions whose span overlaps [from, to), in array order. */
export function mentionsOverlapping(mentions: readonly EntityMention[], from: number, to: number): EntityMention[] {
  const back = indexOf(mentions).maxLength;
  return mentionsStartingIn(mentions, from - back, to).filter((m) => m.span.start < to && from < m.span.end);
}
