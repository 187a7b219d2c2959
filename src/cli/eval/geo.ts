// `sitrep eval geo`: toponym resolution with gold mentions given. Each gold
// toponym becomes a LOCATION mention, the geo stage resolves them with the
// whole article as context, and a resolution counts as correct within 161 km
// (100 miles) of the gold coordinates (Acc@161, Gritta et al. 2020). Mentions
// left unresolved count as wrong. The corpora are GPL-3: read from
// ../shared/data at eval time, never copied into the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { XMLParser } from 'fast-xml-parser';
import { createGeoStage, distanceKm } from '../../geo/index.ts';
import type { Document, EntityMention } from '../../model/index.ts';
import { segment } from '../../text/index.ts';
import { type Cli, UsageError } from '../cli.ts';

interface GoldToponym {
  readonly start: number;
  readonly end: number;
  readonly lat: number;
  readonly lon: number;
}
interface GoldArticle {
  readonly id: string;
  readonly text: string;
  readonly toponyms: readonly GoldToponym[];
}

const CORPORA = {
  lgl: { file: 'lgl/all/lgl.xml', task: 'geo-lgl' },
  gwn: { file: 'geowebnews/all/GWN.xml', task: 'geo-gwn' },
} as const;
type CorpusName = keyof typeof CORPORA;

// GeoWebNews types that are not toponyms or not places (Gritta et al. 2020, §3).
const GWN_SKIP = new Set(['Literal_Expression', 'Non_Lit_Expression', 'Non_Toponym', 'Demonym', 'Language', 'Homonym']);

type XmlNode = Record<string, unknown>;
const asArray = (x: unknown): XmlNode[] => (Array.isArray(x) ? (x as XmlNode[]) : x ? [x as XmlNode] : []);
const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');

function readCorpus(path: string, corpus: CorpusName): { articles: GoldArticle[]; skipped: number } {
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    isArray: (name) => name === 'article' || name === 'toponym',
  });
  const root = parser.parse(readFileSync(path, 'utf8')) as { articles?: { article?: unknown } };
  const articles: GoldArticle[] = [];
  let skipped = 0;
  for (const [i, a] of asArray(root.articles?.article).entries()) {
    const text = str(a.text);
    const toponyms: GoldToponym[] = [];
    const list = asArray((a.toponyms as XmlNode | undefined)?.toponym);
    for (const t of list) {
      const start = Number(str(t.start));
      const end = Number(str(t.end));
      let lat: number;
      let lon: number;
      if (corpus === 'lgl') {
        const tag = t.gaztag as XmlNode | undefined;
        lat = Number(str(tag?.lat));
        lon = Number(str(tag?.lon));
      } else {
        if (GWN_SKIP.has(str(t.type).trim())) continue;
        lat = Number(str(t.latitude));
        lon = Number(str(t.longitude));
      }
      if (!str(t.start) || !Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) continue;
      // A few gold offsets do not match the text (SOURCE.txt counts 5 in GWN): skip them.
      const phrase = str(corpus === 'lgl' ? t.phrase : t.extractedName).trim();
      if (!(end > start) || (phrase && text.slice(start, end).trim() !== phrase)) {
        skipped++;
        continue;
      }
      toponyms.push({ start, end, lat, lon });
    }
    articles.push({ id: str(a['@_docid']) || str(a['@_file']) || String(i), text, toponyms });
  }
  return { articles, skipped };
}

export function registerGeoEval(evalCommand: Command, cli: Cli): void {
  evalCommand
    .command('geo')
    .description('toponym resolution accuracy within 161 km on LGL or GeoWebNews (gold mentions given)')
    .option('--corpus <name>', 'lgl or gwn', 'lgl')
    .option('--data <dir>', 'the shared data directory', '../shared/data')
    .option('--limit <n>', 'only the first n articles')
    .action((opts: { corpus: string; data: string; limit?: string }) => {
      if (!(opts.corpus in CORPORA)) throw new UsageError(`--corpus ${opts.corpus}: expected lgl or gwn`);
      const corpus = opts.corpus as CorpusName;
      const path = join(opts.data, CORPORA[corpus].file);
      if (!existsSync(path)) throw new UsageError(`${path}: not found (is ../shared/data beside the checkout?)`);
      const limit = opts.limit === undefined ? Number.POSITIVE_INFINITY : Number(opts.limit);
      if (!(limit > 0)) throw new UsageError(`--limit ${opts.limit}: expected a positive number`);

      const { articles, skipped } = readCorpus(path, corpus);
      const stage = createGeoStage();
      let n = 0;
      let correct = 0;
      let resolved = 0;
      const errors: number[] = [];
      const started = performance.now();
      for (const article of articles.slice(0, limit)) {
        if (article.toponyms.length === 0) continue;
        const entities: EntityMention[] = article.toponyms.map((t) => ({
          id: `e:${t.start}-${t.end}`,
          type: 'LOCATION',
          span: { start: t.start, end: t.end },
          text: article.text.slice(t.start, t.end),
          sentence: 0,
          provenance: { stage: 'gold', confidence: 1 },
        }));
        const document: Document = { id: article.id, text: article.text, language: 'eng', origin: path };
        const { places } = stage.run({ document, layers: { sentences: segment(article.text), entities } }, {});
        const byMention = new Map(places.map((p) => [p.mention, p]));
        for (const t of article.toponyms) {
          n++;
          const r = byMention.get(`e:${t.start}-${t.end}`)?.resolved;
          if (!r) continue;
          resolved++;
          const km = distanceKm(t.lat, t.lon, r.lat, r.lon);
          errors.push(km);
          if (km <= 161) correct++;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      errors.sort((a, b) => a - b);
      const median = errors.length ? (errors[Math.floor(errors.length / 2)] ?? 0) : 0;
      const round = (x: number) => Math.round(x * 10000) / 10000;
      cli.stdout.write(
        `${path}: ${n} gold toponyms with coordinates (${skipped} skipped: offsets not matching the text), ` +
          `${resolved} resolved, ${correct} within 161 km; median error of resolved ${median.toFixed(1)} km; ${seconds.toFixed(1)} s\n`,
      );
      cli.stdout.write(
        `${JSON.stringify({
          task: CORPORA[corpus].task,
          accuracy161: round(n ? correct / n : 0),
          n,
          resolved: round(n ? resolved / n : 0),
          medianErrorKm: Math.round(median),
        })}\n`,
      );
    });
}
