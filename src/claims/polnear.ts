// Reader for PolNeAR v1.0.0 attribution annotations (Newell, Margolin & Ruths,
// LREC 2018): brat standoff `.ann` files beside raw `.txt` articles. `T` lines
// are spans `Type begin end[;begin end…]\ttext`, `E` lines tie one
// attribution's Source, Cue and Content (Content2 for a second content).
// Discard/Discuss spans are annotator notes, not attributions: skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Span } from '../model/index.ts';

export type Role = 'source' | 'cue' | 'content';
export const ROLES: readonly Role[] = ['source', 'cue', 'content'];

/** One attribution; a role is a list of fragments (discontinuous in brat). */
export interface GoldAttribution {
  readonly id: string;
  readonly source: readonly Span[];
  readonly cue: readonly Span[];
  readonly content: readonly Span[];
}

export interface PolnearAnnotation {
  /** Annotator id: the file name's last `_xxxx` part. */
  readonly annotator: string;
  readonly attributions: readonly GoldAttribution[];
}

export interface PolnearArticle {
  readonly name: string;
  readonly text: string;
  /** One entry per annotator; most articles have one. Sorted by annotator id. */
  readonly annotations: readonly PolnearAnnotation[];
}

export class PolnearFormatError extends Error {
  override readonly name = 'PolnearFormatError';
}

const ANNOTATOR = /^(.*)_([0-9a-f]{4})\.ann$/;

function parseFragments(field: string, where: string): Span[] {
  return field.split(';').map((part) => {
    const m = /^(\d+) (\d+)$/.exec(part.trim());
    if (!m) throw new PolnearFormatError(`${where}: bad offsets '${part}'`);
    return { start: Number(m[1]), end: Number(m[2]) };
  });
}

/** Trims whitespace inside each fragment so spans meet token boundaries. */
function trimFragment(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { start, end };
}

export function parseAnn(ann: string, text: string, where: string): GoldAttribution[] {
  const spans = new Map<string, { type: string; fragments: Span[] }>();
  const events: { id: string; args: [string, string][] }[] = [];
  for (const [n, line] of ann.split('\n').entries()) {
    if (line.trim() === '') continue;
    // The text column may itself hold newlines: continuation lines carry no id.
    if (!/^[TE]\d+\t/.test(line)) continue;
    const cols = line.split('\t');
    const id = cols[0] ?? '';
    if (id.startsWith('T')) {
      const head = cols[1] ?? '';
      const sp = head.indexOf(' ');
      if (sp < 0) throw new PolnearFormatError(`${where}:${n + 1}: bad T line`);
      const type = head.slice(0, sp);
      const fragments = parseFragments(head.slice(sp + 1), `${where}:${n + 1}`)
        .map((f) => trimFragment(text, f))
        .filter((f) => f.end > f.start);
      spans.set(id, { type, fragments });
    } else if (id.startsWith('E')) {
      const args = (cols[1] ?? '')
        .split(' ')
        .filter((a) => a.includes(':'))
        .map((a) => a.split(':') as [string, string]);
      events.push({ id, args });
    }
  }
  const out: GoldAttribution[] = [];
  for (const ev of events) {
    const roles: Record<Role, Span[]> = { source: [], cue: [], content: [] };
    for (const [role, ref] of ev.args) {
      const t = spans.get(ref);
      if (!t) continue;
      if (role === 'Source') roles.source.push(...t.fragments);
      else if (role === 'Cue') roles.cue.push(...t.fragments);
      else if (role.startsWith('Content')) roles.content.push(...t.fragments);
    }
    if (roles.cue.length === 0) continue;
    for (const r of ROLES) roles[r].sort((a, b) => a.start - b.start);
    out.push({ id: ev.id, ...roles });
  }
  return out;
}

/** Reads DIR/text/*.txt with DIR/attributions/*_<annotator>.ann. */
export function readPolnear(dir: string): PolnearArticle[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir) || !existsSync(annDir)) {
    throw new PolnearFormatError(`${dir}: expected text/ and attributions/ folders`);
  }
  const byName = new Map<string, { annotator: string; file: string }[]>();
  for (const file of readdirSync(annDir).sort()) {
    const m = ANNOTATOR.exec(file);
    if (!m) continue;
    const name = m[1] as string;
    const list = byName.get(name) ?? [];
    list.push({ annotator: m[2] as string, file });
    byName.set(name, list);
  }
  const articles: PolnearArticle[] = [];
  for (const [name, anns] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const txtPath = join(textDir, `${name}.txt`);
    if (!existsSync(txtPath)) throw new PolnearFormatError(`${txtPath}: missing text for ${anns[0]?.file}`);
    const text = readFileSync(txtPath, 'utf8');
    const annotations = anns.map(({ annotator, file }) => ({
      annotator,
      attributions: parseAnn(readFileSync(join(annDir, file), 'utf8'), text, basename(file)),
    }));
    articles.push({ name, text, annotations });
  }
  if (articles.length === 0) throw new PolnearFormatError(`${annDir}: no *_<annotator>.ann files`);
  return articles;
}
