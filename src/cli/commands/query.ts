import { type Command, Option } from 'commander';
import { CLAIM_STATUSES, type ClaimStatus, ENTITY_TYPES, type EntityType } from '../../model/index.ts';
import {
  type ActorSummary,
  type DocumentSummary,
  defaultDbPath,
  type Filter,
  type SearchHit,
  type Store,
  type StoredClaim,
  type StoredEntity,
  type StoredEvent,
  type StoredPlace,
  StoreError,
} from '../../store/index.ts';
import { type Cli, UsageError } from '../cli.ts';
import { openCliStore } from './ingest.ts';
import { parseIsoDate } from './options.ts';

export interface FilterFlags {
  db: string;
  entity?: string;
  actor?: string;
  eventType?: string;
  place?: string;
  from?: string;
  to?: string;
  status?: string;
  source?: string;
  document?: string;
  entityType?: string;
  includeDuplicates?: boolean;
  limit?: string;
}

/** The filter options `query` and `export` share. */
export function addFilterOptions(command: Command): Command {
  return command
    .option('--db <path>', 'archive database file (env SITREP_DB)', defaultDbPath())
    .option('--entity <text>', 'documents mentioning this entity (mention text, case-insensitive)')
    .option('--actor <id>', 'canonical actor id, e.g. RUS.MOD')
    .option('--event-type <type>', 'ACLED event type or sub-event type, e.g. Battles')
    .option('--place <name>', 'place name, mention text, ISO country code or admin1 region')
    .option('--from <date>', 'from this date (YYYY-MM-DD; event date for events, else publication date)')
    .option('--to <date>', 'up to this date, inclusive')
    .addOption(new Option('--status <status>', 'claim status').choices([...CLAIM_STATUSES]))
    .option('--source <outlet>', 'outlet (case-insensitive)')
    .option('--document <id>', 'one document')
    .addOption(new Option('--entity-type <type>', 'entity type (with --show entities)').choices([...ENTITY_TYPES]))
    .option('--include-duplicates', 'include documents linked as near-duplicates of another')
    .option('--limit <n>', 'at most this many results');
}

export function filterFrom(flags: FilterFlags): Filter {
  let limit: number | undefined;
  if (flags.limit !== undefined) {
    limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit <= 0) throw new UsageError(`--limit expects a positive whole number, got '${flags.limit}'`);
  }
  const from = flags.from === undefined ? undefined : parseIsoDate(flags.from, '--from');
  const to = flags.to === undefined ? undefined : parseIsoDate(flags.to, '--to');
  if (from && to && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  return {
    ...(flags.entity ? { entity: flags.entity } : {}),
    ...(flags.actor ? { actor: flags.actor } : {}),
    ...(flags.eventType ? { eventType: flags.eventType } : {}),
    ...(flags.place ? { place: flags.place } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(flags.status ? { claimStatus: flags.status as ClaimStatus } : {}),
    ...(flags.source ? { source: flags.source } : {}),
    ...(flags.document ? { documentId: flags.document } : {}),
    ...(flags.entityType ? { entityType: flags.entityType as EntityType } : {}),
    ...(flags.includeDuplicates ? { includeDuplicates: true } : {}),
    ...(limit ? { limit } : {}),
  };
}

const SHOW = ['hits', 'documents', 'events', 'claims', 'entities', 'places', 'actors'] as const;
type Show = (typeof SHOW)[number];

const dash = (s: string | undefined): string => s ?? '—';

function hitLine(h: SearchHit): string {
  return `${h.documentId}  ${dash(h.published)}  ${dash(h.source)}  #${h.sentence} @${h.span.start}-${h.span.end}  ${h.snippet}`;
}

function documentLine(d: DocumentSummary): string {
  const c = d.counts;
  return `${d.id}  ${dash(d.published)}  ${dash(d.source)}  ${d.title ? `“${d.title}”  ` : ''}${c.sentences} sentences, ${c.entities} entities, ${c.claims} claims, ${c.events} events, ${c.places} places${d.duplicateOf ? `  (copy of ${d.duplicateOf})` : ''}`;
}

function eventLine(e: StoredEvent): string {
  const who = [e.actor1?.text, e.actor2?.text].filter(Boolean).join(' → ');
  return `${dash(e.time?.value)}  ${e.type} / ${e.subType}  “${e.trigger.text}”${who ? `  ${who}` : ''}${e.location ? `  @ ${e.location.text}` : ''}  [${e.status}${e.negated ? ', negated' : ''}]  ${e.documentId}@${e.trigger.span.start}-${e.trigger.span.end}`;
}

function claimLine(c: StoredClaim): string {
  return `[${c.status}${c.negated ? ', negated' : ''}] ${c.source.text} —${c.cue.text}→ ${c.direct ? '“' : ''}${c.content.text}${c.direct ? '”' : ''}  ${c.documentId}@${c.content.span.start}-${c.content.span.end}`;
}

function entityLine(e: StoredEntity): string {
  return `${e.type.padEnd(17)} ${e.text}${e.actor ? ` → ${e.actor}` : ''}  ${e.documentId}@${e.span.start}-${e.span.end}`;
}

function placeLine(p: StoredPlace): string {
  const r = p.resolved;
  return `${p.text}${r ? ` → ${r.name} (${r.kind}, ${r.country}${r.admin1 ? `, ${r.admin1}` : ''}) ${r.lat.toFixed(4)},${r.lon.toFixed(4)} precision ${r.precision}` : ' (unresolved)'}  ${p.documentId}@${p.span.start}-${p.span.end}`;
}

function actorLine(a: ActorSummary): string {
  return `${a.id.padEnd(16)} ${a.label}  ${a.mentions} linked mentions, in ${a.documents} documents${
    a.names.length > 1
      ? `  (${a.names
          .slice(0, 5)
          .map((n) => n.text)
          .join(', ')}${a.names.length > 5 ? ', …' : ''})`
      : ''
  }`;
}

function select(store: Store, show: Show, text: string, filter: Filter): { items: unknown[]; line: (item: never) => string } {
  switch (show) {
    case 'hits':
      if (!text) throw new UsageError('--show hits needs search words');
      return { items: store.search({ ...filter, text }), line: hitLine };
    case 'documents':
      return { items: text ? documentsMatching(store, text, filter) : store.documents(filter), line: documentLine };
    case 'events':
      return { items: inMatching(store, text, filter, (f) => store.events(f)), line: eventLine };
    case 'claims':
      return { items: inMatching(store, text, filter, (f) => store.claims(f)), line: claimLine };
    case 'entities':
      return { items: inMatching(store, text, filter, (f) => store.entities(f)), line: entityLine };
    case 'places':
      return { items: inMatching(store, text, filter, (f) => store.places(f)), line: placeLine };
    case 'actors':
      return { items: store.actors(filter), line: actorLine };
  }
}

/** Documents with a sentence matching the words, best first. */
function documentsMatching(store: Store, text: string, filter: Filter): DocumentSummary[] {
  const { limit, ...rest } = filter;
  const order: string[] = [];
  for (const h of store.search({ ...rest, text, limit: 10_000 })) if (!order.includes(h.documentId)) order.push(h.documentId);
  const byId = new Map(store.documents({ ...rest, includeDuplicates: true }).map((d) => [d.id, d]));
  const docs = order.map((id) => byId.get(id)).filter((d): d is DocumentSummary => d !== undefined);
  return limit ? docs.slice(0, limit) : docs;
}

/** Items of the documents whose text matches the words (all items when there are no words). */
function inMatching<T>(store: Store, text: string, filter: Filter, read: (f: Filter) => T[]): T[] {
  if (!text) return read(filter);
  const { limit, ...rest } = filter;
  const items = documentsMatching(store, text, rest).flatMap((d) => read({ ...rest, documentId: d.id, includeDuplicates: true }));
  return limit ? items.slice(0, limit) : items;
}

export function registerQuery(cli: Cli): void {
  const command = cli.program
    .command('query')
    .description('search the archive: full-text words and filters; prints sentences, documents or items')
    .argument('[words...]', 'words to find (all of them); "quoted phrase", prefix*');
  addFilterOptions(command)
    .addOption(new Option('--show <what>', 'what to list (default: hits with words, else documents)').choices([...SHOW]))
    .addOption(new Option('--format <format>', 'output format').choices(['pretty', 'json', 'jsonl']).default('pretty'))
    .addHelpText(
      'after',
      '\nExamples:\n  sitrep query putin condemned\n  sitrep query --show events --event-type Battles --from 2024-08-01\n  sitrep query --show claims --status denied --source Reuters',
    )
    .action((words: string[], flags: FilterFlags & { show?: Show; format: 'pretty' | 'json' | 'jsonl' }) => {
      const filter = filterFrom(flags);
      const text = words.join(' ').trim();
      const show: Show = flags.show ?? (text ? 'hits' : 'documents');
      const store = openCliStore(cli, flags.db, { readonly: true });
      if (!store) return;
      try {
        const { items, line } = select(store, show, text, filter);
        if (flags.format === 'json') cli.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
        else if (flags.format === 'jsonl') for (const item of items) cli.stdout.write(`${JSON.stringify(item)}\n`);
        else {
          for (const item of items) cli.stdout.write(`${line(item as never)}\n`);
          cli.stderr.write(`${items.length} ${show === 'hits' ? 'matching sentences' : show}\n`);
        }
      } catch (error) {
        if (error instanceof StoreError) {
          cli.stderr.write(`sitrep: ${error.message}\n`);
          cli.exit(error.code === 'bad_query' ? 2 : 1);
          return;
        }
        throw error;
      } finally {
        store.close();
      }
    });
}
