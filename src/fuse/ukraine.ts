// The ukraine-media-2022 corpus (../shared/data/ukraine-media-2022, research
// use only: texts are read at run time, never copied into the repo) and its
// heuristic candidate event clusters, as sitrep Documents; plus a readable
// digest of a Fusion for reading the output by eye.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Document } from '../model/index.ts';
import type { ClaimSide, Fusion } from './types.ts';

const ArticleSchema = z.object({
  id: z.string(),
  outlet: z.string(),
  wire_agency: z.string().nullable().optional(),
  date_iso: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  url: z.string(),
  title: z.string(),
  text: z.string(),
});

const ClustersSchema = z.object({
  clusters: z.array(z.object({ event: z.string(), date_from: z.string(), date_to: z.string(), ids: z.array(z.string()) })),
});

/** Reads one candidate event's articles as Documents (ids sorted), streaming the 50 MB JSONL. */
export async function readUkraineEvent(dir: string, event: string): Promise<Document[]> {
  const clusters = ClustersSchema.parse(JSON.parse(readFileSync(join(dir, 'candidate_event_clusters.json'), 'utf8'))).clusters;
  const cluster = clusters.find((c) => c.event === event);
  if (!cluster) throw new Error(`${event}: not a candidate event (one of ${clusters.map((c) => c.event).join(', ')})`);
  const wanted = new Set(cluster.ids);
  const docs: Document[] = [];
  const lines = createInterface({
    input: createReadStream(join(dir, 'ukraine_media_2022.jsonl'), 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
    if (!id || !wanted.has(id)) continue;
    const a = ArticleSchema.parse(JSON.parse(line));
    // AP copies carried by the Daily Mail are the agency's text, not the outlet's.
    const source = a.wire_agency ? `${a.wire_agency} (via ${a.outlet})` : a.outlet;
    docs.push({
      id: a.id,
      text: `${a.title}\n\n${a.text}`,
      title: a.title,
      url: a.url,
      source,
      published: a.date_iso,
      language: 'eng',
      origin: `ukraine-media-2022:${a.id}`,
    });
  }
  return docs.sort((x, y) => x.id.localeCompare(y.id));
}

function quote(s: ClaimSide, max = 160): string {
  const t = s.text.replace(/\s+/g, ' ');
  return `${s.outlet ?? s.doc} ${s.doc}@${s.span.start}-${s.span.end} [${s.source}, ${s.status}] "${t.length > max ? `${t.slice(0, max)}…` : t}"`;
}

/** A human-readable digest: multi-outlet event clusters, corroborated claim groups, contradictions. */
export function digest(fusion: Fusion, limit = 12): string[] {
  const out: string[] = [];
  const multi = fusion.events.filter((e) => e.outlets.length > 1);
  out.push(`${fusion.events.length} event clusters, ${multi.length} reported by more than one outlet:`);
  for (const e of multi.slice(0, limit)) {
    const lemmas = [...new Set(e.members.map((m) => m.text.toLowerCase()))].slice(0, 6).join('/');
    out.push(
      `  ${e.id} ${e.type}/${e.subType} "${lemmas}" ${e.members.length} mentions, outlets ${e.outlets.join(', ')}; places ${e.places.slice(0, 4).join(', ') || '-'}; actors ${e.actors.join(', ') || '-'}${e.dates ? `; ${e.dates.from}..${e.dates.to}` : ''}`,
    );
  }
  const corroborated = fusion.claims.filter((g) => g.corroboration.outlets.length > 1);
  out.push(`${fusion.claims.length} claim groups, ${corroborated.length} corroborated by more than one outlet:`);
  for (const g of corroborated.slice(0, limit)) {
    out.push(`  ${g.id} outlets ${g.corroboration.outlets.join(', ')}; sources ${g.corroboration.sources.slice(0, 5).join(' | ')}`);
    for (const c of g.claims.slice(0, 3)) out.push(`    ${quote(c)}`);
  }
  out.push(`${fusion.contradictions.length} contradictions:`);
  for (const c of fusion.contradictions.slice(0, limit * 2)) {
    out.push(`  ${c.kind}: ${c.rule}`);
    out.push(`    A ${quote(c.a)}`);
    out.push(`    B ${quote(c.b)}`);
  }
  return out;
}
