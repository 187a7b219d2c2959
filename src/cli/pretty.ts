import type { Extraction } from '../model/index.ts';

/** A short human-readable rendering of one extraction for the terminal. */
export function formatPretty(x: Extraction): string {
  const d = x.document;
  const lines = [
    `# ${d.title ?? d.origin}  [${d.id}]`,
    `  source: ${d.source ?? '—'}  published: ${d.published ?? '—'}  language: ${d.language}`,
    `  ${x.sentences.length} sentences, ${x.sentences.reduce((n, s) => n + s.tokens.length, 0)} tokens`,
  ];
  if (x.entities.length) {
    lines.push('  entities:');
    for (const e of x.entities)
      lines.push(`    ${e.type.padEnd(18)} ${e.text}${e.actor ? `  → ${e.actor}` : ''}  @${e.span.start}-${e.span.end}`);
  }
  if (x.claims.length) {
    lines.push('  claims:');
    for (const c of x.claims)
      lines.push(`    [${c.status}] ${c.source.text} —${c.cue.text}→ ${c.direct ? '“' : ''}${c.content.text}${c.direct ? '”' : ''}`);
  }
  if (x.events.length) {
    lines.push('  events:');
    for (const e of x.events) {
      lines.push(
        `    ${e.type} / ${e.subType} (${e.status}) “${e.trigger.text}”${e.location ? ` @ ${e.location.text}` : ''}${e.time ? ` on ${e.time.value}` : ''}`,
      );
    }
  }
  if (x.places.length) {
    lines.push('  places:');
    for (const p of x.places) {
      const r = p.resolved;
      lines.push(
        `    ${p.text} → ${r ? `${r.name}, ${r.country} (${r.lat.toFixed(3)}, ${r.lon.toFixed(3)}) precision ${r.precision}` : 'unresolved'}`,
      );
    }
  }
  if (x.times.length) {
    lines.push('  times:');
    for (const t of x.times) lines.push(`    ${t.text} → ${t.value} (${t.precision})`);
  }
  for (const m of x.messages) lines.push(`  ${m.severity}: [${m.stage}] ${m.message}`);
  return lines.join('\n');
}
