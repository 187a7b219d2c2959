// Runs the default pipeline over one candidate event's articles from
// ../shared/data/ukraine-media-2022 and prints what fusion makes of them:
// multi-outlet event clusters, corroborated claims, contradictions with the
// spans on both sides. Last line: one JSON object with the counts.
//   npx tsx scripts/fuse-ukraine.ts [olenivka-prison-explosion|crimean-bridge-blast|…] [--json FILE]
import { writeFileSync } from 'node:fs';
import { digest, fuse, readUkraineEvent } from '../src/fuse/index.ts';
import { createDefaultPipeline } from '../src/pipeline/index.ts';

const DIR = new URL('../../shared/data/ukraine-media-2022', import.meta.url).pathname;
const event = process.argv[2] ?? 'olenivka-prison-explosion';
const jsonAt = process.argv.indexOf('--json');

const docs = await readUkraineEvent(DIR, event);
const pipeline = createDefaultPipeline();
const started = Date.now();
const extractions = docs.map((d) => pipeline.run(d));
const fusion = fuse(extractions);
console.log(
  `${event}: ${docs.length} articles (${[...new Set(docs.map((d) => d.source))].join(', ')}), pipeline stages ${pipeline.stages.map((s) => s.name).join(' → ')}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
for (const line of digest(fusion)) console.log(line);
if (jsonAt > 0 && process.argv[jsonAt + 1]) writeFileSync(process.argv[jsonAt + 1] as string, JSON.stringify(fusion, null, 1));
const count = (k: string) => fusion.contradictions.filter((c) => c.kind === k).length;
console.log(
  JSON.stringify({
    event,
    articles: docs.length,
    events: extractions.reduce((n, x) => n + x.events.length, 0),
    claims: extractions.reduce((n, x) => n + x.claims.length, 0),
    eventClusters: fusion.events.length,
    multiOutletClusters: fusion.events.filter((e) => e.outlets.length > 1).length,
    corroboratedClaimGroups: fusion.claims.filter((g) => g.corroboration.outlets.length > 1).length,
    contradictions: { denial: count('denial'), figures: count('figures'), blame: count('blame') },
  }),
);
