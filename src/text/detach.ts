/**
 * The string as one of its own. V8 keeps a slice of 13 or more characters
 * (SlicedString::kMinLength) as a view into the string it was cut from, so a
 * token's text held by a long-lived cache would keep its whole document
 * alive; concatenating flattens into a fresh copy, and the slice of that
 * refers to the copy only.
 */
export function detached(s: string): string {
  return s.length >= 13 ? `${s} `.slice(0, -1) : s;
}
