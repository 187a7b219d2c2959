// Colours for event types. ACLED's six event types get fixed colours
// (close to ACLED's own dashboard palette); other ids get a stable hue.
const ACLED: Record<string, string> = {
  battles: '#c0392b',
  explosions_remote_violence: '#e67e22',
  violence_against_civilians: '#8e44ad',
  protests: '#2980b9',
  riots: '#16a085',
  strategic_developments: '#7f8c8d',
  // sitrep's additions to ACLED's six
  crisis: '#c9a227',
  statements: '#3d5a80',
};

function key(type: string): string {
  return type
    .toLowerCase()
    .replace(/[^a-z]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function typeColour(type: string): string {
  const fixed = ACLED[key(type)];
  if (fixed) return fixed;
  let hash = 0;
  for (const ch of type) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return `hsl(${hash % 360} 55% 45%)`;
}

let names: Record<string, string> = {};

/** The taxonomy's display names (from /api/taxonomy), loaded once at start-up. */
export function setTypeNames(eventTypes: Record<string, string>): void {
  names = eventTypes;
}

/** 'explosions_remote_violence' → 'Explosions/Remote violence' (taxonomy name), else a readable id. */
export function typeLabel(type: string): string {
  const named = names[type];
  if (named) return named;
  const spaced = type.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
