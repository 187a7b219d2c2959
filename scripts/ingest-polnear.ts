// `npm run ingest:polnear`: the archive end to end on PolNeAR train+dev (924
// real news articles, with outlet, date and title from metadata.tsv). Writes
// them as one JSONL batch in a temp dir (nothing is copied into the repo),
// runs the real `sitrep ingest` on it in a child process, and prints the
// figures: articles/s, database bytes (total and per article), peak RSS.
// Last stdout line: one JSON object. Skips cleanly when ../shared is absent.
//   tsx scripts/ingest-polnear.ts [--db PATH] [--polnear DIR] [--limit N]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    polnear: { type: 'string', default: join(ROOT, '..', 'shared', 'data', 'polnear') },
    limit: { type: 'string' },
  },
});
const polnear = values.polnear as string;

function last(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

if (!existsSync(join(polnear, 'metadata.tsv'))) {
  process.stderr.write(`ingest:polnear skipped: ${polnear} not found (PolNeAR lives in ../shared/data, present in CI)\n`);
  last({ task: 'ingest-polnear', skipped: true });
  process.exit(0);
}

interface Meta {
  publisher: string;
  date: string;
  title: string;
}
const meta = new Map<string, Meta>();
const [header, ...rows] = readFileSync(join(polnear, 'metadata.tsv'), 'utf8').split('\n').filter(Boolean);
const cols = (header ?? '').split('\t');
const col = (name: string) => cols.indexOf(name);
for (const row of rows) {
  const f = row.split('\t');
  meta.set(f[col('filename')] ?? '', {
    publisher: f[col('publisher')] ?? '',
    date: f[col('publication_date')] ?? '',
    title: f[col('title')] ?? '',
  });
}

const work = mkdtempSync(join(tmpdir(), 'sitrep-polnear-'));
const db = values.db ?? join(work, 'polnear.db');
const batch = join(work, 'polnear.jsonl');
const lines: string[] = [];
for (const split of ['train', 'dev']) {
  const dir = join(polnear, split, 'text');
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = basename(file, '.txt');
    const m = meta.get(name);
    lines.push(
      JSON.stringify({
        id: `polnear:${name}`,
        text: readFileSync(join(dir, file), 'utf8'),
        ...(m?.title && m.title !== 'None' ? { title: m.title } : {}),
        ...(m?.publisher ? { source: m.publisher } : {}),
        ...(m?.date ? { published: m.date } : {}),
      }),
    );
  }
}
const limit = values.limit ? Number(values.limit) : lines.length;
writeFileSync(batch, `${lines.slice(0, limit).join('\n')}\n`);
process.stderr.write(`ingest:polnear: ${Math.min(limit, lines.length)} articles → ${db}\n`);

const child = spawn(process.execPath, [join(ROOT, 'bin/sitrep.js'), 'ingest', batch, '--db', db, '--json'], {
  cwd: ROOT,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let stdout = '';
child.stdout.on('data', (b: Buffer) => {
  stdout += b.toString();
});
const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
if (!values.db) rmSync(work, { recursive: true, force: true });
else rmSync(batch, { force: true });
const articles = (summary.stored ?? 0) + (summary.existing ?? 0);
last({
  task: 'ingest-polnear',
  articles,
  stored: summary.stored,
  nearDuplicates: summary.nearDuplicates,
  errors: summary.errors,
  seconds: summary.seconds,
  articlesPerSecond: summary.articlesPerSecond,
  dbBytes: summary.dbBytes,
  dbBytesPerArticle: articles ? Math.round((summary.dbBytes ?? 0) / articles) : 0,
  peakRssMb: Math.round((summary.peakRssBytes ?? 0) / 2 ** 20),
});
process.exit(code === 0 && summary.errors === 0 ? 0 : 1);
