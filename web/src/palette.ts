// Colours for event types. ACLED's six event types get fixed colours
// (close to ACLED's own dashboard palette); other ids get a stable hue.
const ACLED: Record<string, string> = {
  battles: '#c0392b',
  explosions_remote_violence: '#e67e22',
  violence_against_civilians: '#8e44ad',
  protests: '#2980b9',
  riots: '#16a085',
  strategic_developments: '#7f8c8d',
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

/** 'explosions_remote_violence' → 'Explosions remote violence'; ACLED names pass through. */
export function typeLabel(type: string): string {
  const spaced = type.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
