import type { Span, TextSpan } from './schema.ts';

export function span(start: number, end: number): Span {
  if (end < start) throw new RangeError(`span end ${end} before start ${start}`);
  return { start, end };
}

export function textSpan(text: string, start: number, end: number): TextSpan {
  return { span: span(start, end), text: text.slice(start, end) };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Orders spans by start, then longer first: the order highlights nest in. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}
