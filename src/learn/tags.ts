// Span ⇄ tag conversion for BIO and BILOU (Ratinov & Roth 2009, "Design
// challenges and misconceptions in NER", compare the two), and the tag
// transitions each scheme allows, which Viterbi enforces as hard constraints.

export type Scheme = 'BIO' | 'BILOU';
export interface LabelSpan {
  readonly type: string;
  /** Token index of the first token. */
  readonly start: number;
  /** Token index after the last token (exclusive). */
  readonly end: number;
}

interface ParsedTag {
  readonly prefix: string;
  readonly type: string;
}
/** parse() results per tag string: tag sets are small, and this runs per token. */
const parsed = new Map<string, ParsedTag>();

function parse(tag: string): ParsedTag {
  let p = parsed.get(tag);
  if (p === undefined) {
    const dash = tag.indexOf('-');
    p = tag === 'O' || dash < 0 ? { prefix: 'O', type: '' } : { prefix: tag.slice(0, dash), type: tag.slice(dash + 1) };
    if (parsed.size < 10_000) parsed.set(tag, p);
  }
  return p;
}

/**
 * Token spans from tags. Lenient like conlleval: an `I-X` (or `L-X`) that
 * does not continue an open X span starts a new one, so ill-formed input
 * still yields every entity. (A plain loop without inner closures: it runs
 * per sentence and tsx's keepNames makes each closure creation costly.)
 */
export function spansFromTags(tags: readonly string[], scheme: Scheme): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let openType: string | undefined;
  let openStart = 0;
  for (let i = 0; i < tags.length; i++) {
    const { prefix, type } = parse(tags[i] as string);
    if (prefix === 'O') {
      if (openType !== undefined) spans.push({ type: openType, start: openStart, end: i });
      openType = undefined;
      continue;
    }
    const continues = openType !== undefined && openType === type && (prefix === 'I' || prefix === 'L');
    if (!continues) {
      if (openType !== undefined) spans.push({ type: openType, start: openStart, end: i });
      openType = type;
      openStart = i;
    }
    if (scheme === 'BILOU' && (prefix === 'L' || prefix === 'U')) {
      spans.push({ type: openType as string, start: openStart, end: i + 1 });
      openType = undefined;
    }
  }
  if (openType !== undefined) spans.push({ type: openType, start: openStart, end: tags.length });
  return spans;
}

/** A label set's tags parsed once, for reading label ids without strings (spansFromLabelIds). */
export interface LabelScheme {
  /** Per label id: 0 outside ('O'), 2 I, 3 L, 4 U, 1 any other prefix (B, or one spansFromTags treats like B). */
  readonly prefix: Uint8Array;
  /** Per label id: index into `types`. */
  readonly typeOf: Int32Array;
  readonly types: readonly string[];
}

const PREFIX_CODES: Readonly<Record<string, number>> = { O: 0, I: 2, L: 3, U: 4 };

export function labelScheme(labels: readonly string[]): LabelScheme {
  const types: string[] = [];
  const prefix = new Uint8Array(labels.length);
  const typeOf = new Int32Array(labels.length);
  labels.forEach((label, id) => {
    const p = parse(label);
    prefix[id] = PREFIX_CODES[p.prefix] ?? 1;
    let t = types.indexOf(p.type);
    if (t < 0) t = types.push(p.type) - 1;
    typeOf[id] = t;
  });
  return { prefix, typeOf, types };
}

/**
 * spansFromTags over label ids: the spans of ids[from .. to), with token
 * indices relative to `from`. Same leniency, same spans.
 */
export function spansFromLabelIds(ids: Int32Array, from: number, to: number, ls: LabelScheme, scheme: Scheme): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let open = -1;
  let openStart = 0;
  for (let i = from; i < to; i++) {
    const id = ids[i] as number;
    const prefix = ls.prefix[id] as number;
    if (prefix === 0) {
      if (open >= 0) spans.push({ type: ls.types[open] as string, start: openStart - from, end: i - from });
      open = -1;
      continue;
    }
    const type = ls.typeOf[id] as number;
    const continues = open === type && (prefix === 2 || prefix === 3);
    if (!continues) {
      if (open >= 0) spans.push({ type: ls.types[open] as string, start: openStart - from, end: i - from });
      open = type;
      openStart = i;
    }
    if (scheme === 'BILOU' && (prefix === 3 || prefix === 4)) {
      spans.push({ type: ls.types[open] as string, start: openStart - from, end: i + 1 - from });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ type: ls.types[open] as string, start: openStart - from, end: to - from });
  return spans;
}

/** Tags for `length` tokens from non-overlapping spans (later overlaps are dropped). */
export function tagsFromSpans(length: number, spans: readonly LabelSpan[], scheme: Scheme): string[] {
  const tags = new Array<string>(length).fill('O');
  for (const s of spans) {
    if (s.start < 0 || s.end > length || s.end <= s.start) continue;
    let free = true;
    for (let i = s.start; i < s.end; i++) if (tags[i] !== 'O') free = false;
    if (!free) continue;
    for (let i = s.start; i < s.end; i++) {
      const single = s.end - s.start === 1;
      let prefix: string;
      if (scheme === 'BIO') prefix = i === s.start ? 'B' : 'I';
      else if (single) prefix = 'U';
      else prefix = i === s.start ? 'B' : i === s.end - 1 ? 'L' : 'I';
      tags[i] = `${prefix}-${s.type}`;
    }
  }
  return tags;
}

export interface Constraints {
  /** allowed[prev * L + cur]: may `cur` follow `prev`. */
  readonly allowed: Uint8Array;
  /** May a sequence start / end with this label. */
  readonly start: Uint8Array;
  readonly end: Uint8Array;
  /** Allowed predecessors of each label: pred[predStart[y] .. predStart[y+1]). */
  readonly pred: Int32Array;
  readonly predStart: Int32Array;
  /** Allowed successors of each label, likewise. */
  readonly succ: Int32Array;
  readonly succStart: Int32Array;
}

function withLists(L: number, allowed: Uint8Array, start: Uint8Array, end: Uint8Array): Constraints {
  const pred: number[] = [];
  const predStart = new Int32Array(L + 1);
  const succ: number[] = [];
  const succStart = new Int32Array(L + 1);
  for (let y = 0; y < L; y++) {
    predStart[y] = pred.length;
    for (let p = 0; p < L; p++) if (allowed[p * L + y]) pred.push(p);
    succStart[y] = succ.length;
    for (let z = 0; z < L; z++) if (allowed[y * L + z]) succ.push(z);
  }
  predStart[L] = pred.length;
  succStart[L] = succ.length;
  return { allowed, start, end, pred: Int32Array.from(pred), predStart, succ: Int32Array.from(succ), succStart };
}

/** Which transitions the tag scheme allows between `labels`. */
export function schemeConstraints(labels: readonly string[], scheme: Scheme | 'none'): Constraints {
  const L = labels.length;
  const allowed = new Uint8Array(L * L).fill(1);
  const start = new Uint8Array(L).fill(1);
  const end = new Uint8Array(L).fill(1);
  if (scheme === 'none') return withLists(L, allowed, start, end);
  const parsed = labels.map(parse);
  // "inside" = the previous tag leaves a span open that must be continued.
  const leavesOpen = (p: string): boolean => scheme === 'BILOU' && (p === 'B' || p === 'I');
  const needsOpen = (p: string): boolean => p === 'I' || (scheme === 'BILOU' && p === 'L');
  for (let a = 0; a < L; a++) {
    const pa = parsed[a] as { prefix: string; type: string };
    if (needsOpen(pa.prefix)) start[a] = 0;
    if (leavesOpen(pa.prefix)) end[a] = 0;
    for (let b = 0; b < L; b++) {
      const pb = parsed[b] as { prefix: string; type: string };
      let ok: boolean;
      if (needsOpen(pb.prefix)) {
        const opens = pa.prefix === 'B' || pa.prefix === 'I';
        ok = opens && pa.type === pb.type;
      } else {
        ok = !leavesOpen(pa.prefix);
      }
      allowed[a * L + b] = ok ? 1 : 0;
    }
  }
  return withLists(L, allowed, start, end);
}
