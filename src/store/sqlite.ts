// The SQLite implementation of Store (better-sqlite3: synchronous, so one
// document's transaction is one function call, and FTS5 is built in).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import {
  ClaimSchema,
  DocumentSchema,
  EntityMentionSchema,
  EventSchema,
  type Extraction,
  MessageSchema,
  PlaceSchema,
  SentenceSchema,
  TimeRefSchema,
  type Token,
} from '../model/index.ts';
import { StoreError, toStoreError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { fingerprint, fromBlob, MIN_SHINGLES, similarity, toBlob } from './minhash.ts';
import type {
  ActorSummary,
  ClusterKind,
  ClusterRecord,
  DocumentSummary,
  Filter,
  IngestOptions,
  IngestResult,
  LayerCounts,
  SearchHit,
  SearchQuery,
  Store,
  StoredClaim,
  StoredDocument,
  StoredEntity,
  StoredEvent,
  StoredPlace,
  StoredSentence,
  StoredTime,
  StoreOptions,
  StoreStats,
} from './types.ts';

type Db = Database.Database;
type Params = (string | number | null)[];

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_MIN_SIMILARITY = 0.7;
const PAGE = 256;

// ---- rows, validated where they leave the database -------------------------

const DocumentRowSchema = z.object({
  doc: z.number().int(),
  id: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  byline: z.string().nullable(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  language: z.string(),
  origin: z.string(),
  messages: z.string(),
  extra: z.string(),
  duplicate_of_id: z.string().nullable(),
  duplicate_similarity: z.number().nullable(),
});

const SummaryRowSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  language: z.string(),
  origin: z.string(),
  chars: z.number().int(),
  duplicate_of_id: z.string().nullable(),
  n_sentences: z.number().int(),
  n_entities: z.number().int(),
  n_claims: z.number().int(),
  n_events: z.number().int(),
  n_places: z.number().int(),
  n_times: z.number().int(),
});

const SentenceRowSchema = z.object({
  id: z.string(),
  i: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  tokens: z.string(),
  extra: z.string(),
  doc_text: z.string(),
});

/** Tokens stored compactly: `{i0, o: [start, end, …]}` when each token is its slice of the text, in order. */
const CompactTokensSchema = z.object({
  i0: z.number().int(),
  o: z.array(z.number().int()),
});
const TokensSchema = z.union([
  CompactTokensSchema,
  z.array(
    z.object({
      i: z.number(),
      span: z.object({ start: z.number(), end: z.number() }),
      text: z.string(),
    }),
  ),
]);

const ItemRowSchema = z.object({ id: z.string(), json: z.string() });

const HitRowSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  source: z.string().nullable(),
  published: z.string().nullable(),
  i: z.number().int(),
  start: z.number().int(),
  end: z.number().int(),
  snippet: z.string(),
  rank: z.number(),
});

const ClusterRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['entity', 'event', 'claim', 'contradiction']),
  label: z.string(),
  data: z.string(),
});
const MemberRowSchema = z.object({
  cluster: z.string(),
  id: z.string(),
  item: z.string(),
  role: z.string().nullable(),
});

function optional<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as {
    [P in K]?: V;
  };
}

// ---- filters ----------------------------------------------------------------

/** Which item table a read is over, and so which filters apply to its rows directly. */
type Scope = 'documents' | 'entities' | 'claims' | 'events' | 'places' | 'times' | 'sentences';

const PLACE_MATCH = '(p.name = ? OR p.text = ? OR p.country = ? OR p.admin1 = ?)';

/**
 * SQL conditions for a filter over `documents d` joined to the item table
 * `x`. A filter the item table answers itself (an event's type on events)
 * applies to its rows; otherwise it selects the documents that have such an
 * item ("entities in documents reporting a Battle").
 */
function conditions(filter: Filter, scope: Scope, params: Params): string[] {
  const where: string[] = [];
  if (!filter.includeDuplicates) where.push('d.duplicate_of IS NULL');
  if (filter.documentId !== undefined) {
    where.push('d.id = ?');
    params.push(filter.documentId);
  }
  if (filter.source !== undefined) {
    where.push('d.source = ?');
    params.push(filter.source);
  }
  const date = scope === 'events' ? 'COALESCE(x.event_date, d.published)' : 'd.published';
  if (filter.from !== undefined) {
    where.push(`${date} >= ?`);
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push(`${date} <= ?`);
    params.push(filter.to);
  }
  if (filter.entity !== undefined) {
    if (scope === 'entities') where.push('x.text = ?');
    else if (scope === 'claims') where.push('(x.source_text = ? OR EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.doc AND e.text = ?))');
    else where.push('EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.doc AND e.text = ?)');
    params.push(filter.entity);
    if (scope === 'claims') params.push(filter.entity);
  }
  if (filter.entityType !== undefined) {
    where.push(scope === 'entities' ? 'x.type = ?' : 'EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.doc AND e.type = ?)');
    params.push(filter.entityType);
  }
  if (filter.actor !== undefined) {
    const a = filter.actor;
    if (scope === 'entities') {
      where.push('x.actor = ?');
      params.push(a);
    } else if (scope === 'claims') {
      where.push('x.source_actor = ?');
      params.push(a);
    } else if (scope === 'events') {
      where.push('(x.actor1 = ? OR x.actor2 = ?)');
      params.push(a, a);
    } else {
      where.push(
        '(EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.doc AND e.actor = ?) OR EXISTS (SELECT 1 FROM claims c WHERE c.doc = d.doc AND c.source_actor = ?) OR EXISTS (SELECT 1 FROM events v WHERE v.doc = d.doc AND (v.actor1 = ? OR v.actor2 = ?)))',
      );
      params.push(a, a, a, a);
    }
  }
  if (filter.eventType !== undefined) {
    where.push(
      scope === 'events'
        ? '(x.type = ? OR x.sub_type = ?)'
        : 'EXISTS (SELECT 1 FROM events v WHERE v.doc = d.doc AND (v.type = ? OR v.sub_type = ?))',
    );
    params.push(filter.eventType, filter.eventType);
  }
  if (filter.place !== undefined) {
    const p = filter.place;
    if (scope === 'places') where.push(PLACE_MATCH.replaceAll('p.', 'x.'));
    else if (scope === 'events') where.push(`EXISTS (SELECT 1 FROM places p WHERE p.doc = d.doc AND p.id = x.place AND ${PLACE_MATCH})`);
    else where.push(`EXISTS (SELECT 1 FROM places p WHERE p.doc = d.doc AND ${PLACE_MATCH})`);
    params.push(p, p, p, p);
  }
  if (filter.claimStatus !== undefined) {
    if (scope === 'claims' || scope === 'events') where.push('x.status = ?');
    else where.push('EXISTS (SELECT 1 FROM claims c WHERE c.doc = d.doc AND c.status = ?)');
    params.push(filter.claimStatus);
  }
  return where;
}

function whereClause(where: readonly string[]): string {
  return where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
}

function limitClause(filter: Filter, params: Params): string {
  if (filter.limit === undefined && filter.offset === undefined) return '';
  params.push(filter.limit ?? -1, filter.offset ?? 0);
  return 'LIMIT ? OFFSET ?';
}

/** User words → an FTS5 query: every word or "phrase" must occur; `word*` is a prefix. */
export function ftsQuery(text: string): string {
  const parts: string[] = [];
  for (const m of text.matchAll(/"([^"]*)"|([\p{L}\p{N}]+)(\*)?/gu)) {
    if (m[1] !== undefined) {
      const words = m[1].match(/[\p{L}\p{N}]+/gu);
      if (words) parts.push(`"${words.join(' ')}"`);
    } else if (m[2] !== undefined) {
      parts.push(`"${m[2]}"${m[3] ?? ''}`);
    }
  }
  return parts.join(' ');
}

// ---- fields without a column ---

const DOCUMENT_COLUMNS = new Set(['id', 'text', 'url', 'title', 'byline', 'source', 'published', 'language', 'origin']);
const SENTENCE_COLUMNS = new Set(['i', 'span', 'text', 'tokens']);

function extraFields(value: object, columns: ReadonlySet<string>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!columns.has(key) && v !== undefined) extra[key] = v;
  return extra;
}

// ---- tokens -----------------------------------------------------------------

function encodeTokens(tokens: readonly Token[], text: string): string {
  const first = tokens[0];
  const i0 = first ? first.i : 0;
  const offsets: number[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.i !== i0 + k || t.text !== text.slice(t.span.start, t.span.end)) return JSON.stringify(tokens);
    offsets.push(t.span.start, t.span.end);
  }
  return JSON.stringify({ i0, o: offsets });
}

function decodeTokens(json: string, text: string): Token[] {
  const parsed = TokensSchema.parse(JSON.parse(json));
  if (Array.isArray(parsed)) return parsed;
  const tokens: Token[] = [];
  for (let k = 0; k + 1 < parsed.o.length; k += 2) {
    const start = parsed.o[k] as number;
    const end = parsed.o[k + 1] as number;
    tokens.push({
      i: parsed.i0 + k / 2,
      span: { start, end },
      text: text.slice(start, end),
    });
  }
  return tokens;
}

// ---- the store --------------------------------------------------------------

function migrate(db: Db, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new StoreError(
      'newer_schema',
      path,
      `database schema version ${version} is newer than this sitrep understands (${MIGRATIONS.length}); upgrade sitrep`,
    );
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
    if (tables > 0) throw new StoreError('not_sitrep', path, 'file is an SQLite database but not a sitrep archive');
  }
  if (version === MIGRATIONS.length) return version;
  db.transaction(() => {
    // Another process may have migrated between our read and our lock.
    let current = db.pragma('user_version', { simple: true }) as number;
    for (; current < MIGRATIONS.length; current++) {
      db.exec(MIGRATIONS[current] as string);
      db.pragma(`user_version = ${current + 1}`);
    }
  }).immediate();
  return MIGRATIONS.length;
}

/** The archive file when none is given: $SITREP_DB, else ./sitrep.db. */
export function defaultDbPath(): string {
  return process.env.SITREP_DB || 'sitrep.db';
}

export function openStore(path: string, options: StoreOptions = {}): Store {
  const readonly = options.readonly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (readonly && !existsSync(path)) throw new StoreError('not_found', path, 'no database file here');
  let db: Db | undefined;
  try {
    if (!readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, {
      readonly,
      fileMustExist: readonly,
      timeout: busyTimeoutMs,
    });
    if (!readonly) {
      // WAL: readers (the web server, `sitrep query`) never block the ingester
      // and see only committed documents. NORMAL sync keeps every commit atomic
      // (a kill -9 loses at most the open transaction) without an fsync per document.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    const schemaVersion = readonly ? (db.pragma('user_version', { simple: true }) as number) : migrate(db, path);
    if (readonly && schemaVersion !== MIGRATIONS.length) {
      throw schemaVersion > MIGRATIONS.length
        ? new StoreError('newer_schema', path, `database schema version ${schemaVersion} is newer than this sitrep understands`)
        : new StoreError(
            'not_sitrep',
            path,
            `not a sitrep archive at schema version ${MIGRATIONS.length} (found ${schemaVersion}); open it once read-write to migrate`,
          );
    }
    if (options.verify) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new StoreError('corrupt', path, `database file is corrupt (quick_check: ${String(result)})`);
    }
    return new SqliteStore(db, path, schemaVersion, options.nearDuplicateMinSimilarity ?? DEFAULT_MIN_SIMILARITY);
  } catch (error) {
    db?.close();
    throw toStoreError(error, path);
  }
}

class SqliteStore implements Store {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    readonly path: string,
    private readonly schemaVersion: number,
    private readonly minSimilarity: number,
  ) {}

  /** Prepared once per SQL text. */
  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toStoreError(error, this.path);
    }
  }

  private docRow(documentId: string): number | undefined {
    return this.sql('SELECT doc FROM documents WHERE id = ?').pluck().get(documentId) as number | undefined;
  }

  has(documentId: string): boolean {
    return this.guard(() => this.docRow(documentId) !== undefined);
  }

  ingest(extraction: Extraction, options: IngestOptions = {}): IngestResult {
    return this.guard(() => this.db.transaction(() => this.write(extraction, options)).immediate());
  }

  private write(x: Extraction, options: IngestOptions): IngestResult {
    const d = x.document;
    const existing = this.docRow(d.id);
    if (existing !== undefined && !options.replace) return { kind: 'exists', documentId: d.id };

    const fp = fingerprint(d.text);
    const duplicate = this.findDuplicate(fp, existing);
    const counts: LayerCounts = {
      sentences: x.sentences.length,
      entities: x.entities.length,
      claims: x.claims.length,
      events: x.events.length,
      places: x.places.length,
      times: x.times.length,
    };
    const columns = [
      d.id,
      d.text,
      d.url ?? null,
      d.title ?? null,
      d.byline ?? null,
      d.source ?? null,
      d.published ?? null,
      d.language,
      d.origin,
      fp.contentHash,
      toBlob(fp.minhash),
      fp.shingles,
      duplicate?.doc ?? null,
      duplicate?.similarity ?? null,
      JSON.stringify(x.messages),
      JSON.stringify(extraFields(d, DOCUMENT_COLUMNS)),
      counts.sentences,
      counts.entities,
      counts.claims,
      counts.events,
      counts.places,
      counts.times,
    ];
    let doc: number;
    if (existing !== undefined) {
      doc = existing;
      for (const table of ['sentences', 'entities', 'claims', 'events', 'places', 'times', 'cluster_members', 'minhash_bands']) {
        this.sql(`DELETE FROM ${table} WHERE doc = ?`).run(doc);
      }
      this.sql(
        `UPDATE documents SET id = ?, text = ?, url = ?, title = ?, byline = ?, source = ?, published = ?, language = ?, origin = ?,
           content_hash = ?, minhash = ?, shingles = ?, duplicate_of = ?, duplicate_similarity = ?,
           messages = ?, extra = ?, n_sentences = ?, n_entities = ?, n_claims = ?, n_events = ?, n_places = ?, n_times = ?
         WHERE doc = ?`,
      ).run(...columns, doc);
    } else {
      doc = Number(
        this.sql(
          `INSERT INTO documents (id, text, url, title, byline, source, published, language, origin,
             content_hash, minhash, shingles, duplicate_of, duplicate_similarity,
             messages, extra, n_sentences, n_entities, n_claims, n_events, n_places, n_times)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...columns).lastInsertRowid,
      );
    }

    // Only originals are indexed, so a copy of a copy links to the original.
    if (!duplicate && fp.shingles >= MIN_SHINGLES) {
      const insertBand = this.sql('INSERT OR IGNORE INTO minhash_bands (key, doc) VALUES (?, ?)');
      for (const key of fp.bands) insertBand.run(key, doc);
    }

    const insertSentence = this.sql('INSERT INTO sentences (doc, i, start, "end", text, tokens, extra) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of x.sentences) {
      const extra = JSON.stringify(extraFields(s, SENTENCE_COLUMNS));
      insertSentence.run(doc, s.i, s.span.start, s.span.end, s.text, encodeTokens(s.tokens, d.text), extra);
    }
    const actors = new Set<string>();
    const insertEntity = this.sql(
      'INSERT INTO entities (doc, id, ord, type, text, sentence, chain, actor, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    x.entities.forEach((e, ord) => {
      this.unique(insertEntity, 'entity', e.id, [
        doc,
        e.id,
        ord,
        e.type,
        e.text,
        e.sentence,
        e.chain ?? null,
        e.actor ?? null,
        JSON.stringify(e),
      ]);
      if (e.actor) actors.add(e.actor);
    });
    const insertClaim = this.sql(
      'INSERT INTO claims (doc, id, ord, sentence, status, negated, source_text, source_actor, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    x.claims.forEach((c, ord) => {
      this.unique(insertClaim, 'claim', c.id, [
        doc,
        c.id,
        ord,
        c.sentence,
        c.status,
        c.negated ? 1 : 0,
        c.source.text,
        c.source.actor ?? null,
        JSON.stringify(c),
      ]);
      if (c.source.actor) actors.add(c.source.actor);
    });
    const insertEvent = this.sql(
      'INSERT INTO events (doc, id, ord, sentence, type, sub_type, event_date, place, actor1, actor2, status, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    x.events.forEach((e, ord) => {
      this.unique(insertEvent, 'event', e.id, [
        doc,
        e.id,
        ord,
        e.sentence,
        e.type,
        e.subType,
        e.time?.value ?? null,
        e.location?.place ?? null,
        e.actor1?.actor ?? null,
        e.actor2?.actor ?? null,
        e.status,
        JSON.stringify(e),
      ]);
      if (e.actor1?.actor) actors.add(e.actor1.actor);
      if (e.actor2?.actor) actors.add(e.actor2.actor);
    });
    const insertPlace = this.sql('INSERT INTO places (doc, id, ord, text, name, country, admin1, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    x.places.forEach((p, ord) => {
      this.unique(insertPlace, 'place', p.id, [
        doc,
        p.id,
        ord,
        p.text,
        p.resolved?.name ?? null,
        p.resolved?.country ?? null,
        p.resolved?.admin1 ?? null,
        JSON.stringify(p),
      ]);
    });
    const insertTime = this.sql('INSERT INTO times (doc, id, ord, value, json) VALUES (?, ?, ?, ?, ?)');
    x.times.forEach((t, ord) => {
      this.unique(insertTime, 'time', t.id, [doc, t.id, ord, t.value, JSON.stringify(t)]);
    });
    const insertActor = this.sql('INSERT OR IGNORE INTO actors (id, first_doc) VALUES (?, ?)');
    for (const a of actors) insertActor.run(a, doc);

    if (duplicate) {
      return {
        kind: 'near_duplicate',
        documentId: d.id,
        duplicateOf: duplicate.id,
        similarity: duplicate.similarity,
        counts,
      };
    }
    return {
      kind: existing !== undefined ? 'replaced' : 'inserted',
      documentId: d.id,
      counts,
    };
  }

  /** Runs an insert, turning a repeated item id into one clear error (the transaction rolls back). */
  private unique(statement: Database.Statement, what: string, id: string, values: Params): void {
    try {
      statement.run(...values);
    } catch (error) {
      if (error instanceof Error && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StoreError('invalid_input', this.path, `${what} id '${id}' occurs twice in one document`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * The stored original this text copies: an identical word sequence, else
   * the most similar original sharing an LSH band whose estimated Jaccard
   * similarity reaches the threshold (ties: the earliest stored).
   */
  private findDuplicate(
    fp: ReturnType<typeof fingerprint>,
    self: number | undefined,
  ): { doc: number; id: string; similarity: number } | undefined {
    const exact = this.sql(
      'SELECT doc, id FROM documents WHERE content_hash = ? AND duplicate_of IS NULL AND doc IS NOT ? ORDER BY doc LIMIT 1',
    ).get(fp.contentHash, self ?? null) as { doc: number; id: string } | undefined;
    if (exact) return { ...exact, similarity: 1 };
    if (fp.shingles < MIN_SHINGLES) return undefined;
    const candidates = this.sql(
      `SELECT d.doc, d.id, d.minhash FROM documents d
       WHERE d.doc IN (SELECT b.doc FROM minhash_bands b WHERE b.key IN (${fp.bands.map(() => '?').join(', ')}))
         AND d.duplicate_of IS NULL AND d.doc IS NOT ?
       ORDER BY d.doc`,
    ).all(...fp.bands, self ?? null) as { doc: number; id: string; minhash: Buffer }[];
    let best: { doc: number; id: string; similarity: number } | undefined;
    for (const c of candidates) {
      const s = similarity(fp.minhash, fromBlob(c.minhash));
      if (s >= this.minSimilarity && (!best || s > best.similarity)) best = { doc: c.doc, id: c.id, similarity: s };
    }
    return best;
  }

  // ---- reads ----------------------------------------------------------------

  documents(filter: Filter = {}): DocumentSummary[] {
    return this.guard(() => {
      const params: Params = [];
      const where = conditions(filter, 'documents', params);
      const limit = limitClause(filter, params);
      const rows = this.sql(
        `SELECT d.id, d.title, d.source, d.published, d.url, d.language, d.origin, length(d.text) AS chars,
           o.id AS duplicate_of_id, d.n_sentences, d.n_entities, d.n_claims, d.n_events, d.n_places, d.n_times
         FROM documents d LEFT JOIN documents o ON o.doc = d.duplicate_of
         ${whereClause(where)} ORDER BY d.published IS NULL, d.published, d.doc ${limit}`,
      ).all(...params);
      return rows.map((raw) => {
        const r = this.row(SummaryRowSchema, raw, 'documents');
        return {
          id: r.id,
          ...optional('title', r.title),
          ...optional('source', r.source),
          ...optional('published', r.published),
          ...optional('url', r.url),
          language: r.language,
          origin: r.origin,
          chars: r.chars,
          ...optional('duplicateOf', r.duplicate_of_id),
          counts: {
            sentences: r.n_sentences,
            entities: r.n_entities,
            claims: r.n_claims,
            events: r.n_events,
            places: r.n_places,
            times: r.n_times,
          },
        };
      });
    });
  }

  private row<S extends z.ZodType>(schema: S, raw: unknown, table: string): z.infer<S> {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      throw new StoreError('invalid_row', this.path, `unexpected row in ${table}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  /** Parses a JSON column (merged over `columns` when given) and validates it against the model. */
  private item<S extends z.ZodType>(schema: S, json: string, table: string, id: string, columns?: Record<string, unknown>): z.infer<S> {
    let value: unknown;
    try {
      value = JSON.parse(json);
      if (columns) value = { ...(value as object), ...columns };
    } catch (error) {
      throw new StoreError('invalid_row', this.path, `${table} row '${id}' holds invalid JSON`, { cause: error });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError(
        'invalid_row',
        this.path,
        `${table} row '${id}' does not match the model: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
      );
    }
    return parsed.data;
  }

  document(documentId: string): StoredDocument | undefined {
    return this.guard(() => {
      const raw = this.sql(
        `SELECT d.doc, d.id, d.text, d.url, d.title, d.byline, d.source, d.published, d.language, d.origin, d.messages, d.extra,
           o.id AS duplicate_of_id, d.duplicate_similarity
         FROM documents d LEFT JOIN documents o ON o.doc = d.duplicate_of WHERE d.id = ?`,
      ).get(documentId);
      if (raw === undefined) return undefined;
      const r = this.row(DocumentRowSchema, raw, 'documents');
      const document = this.item(DocumentSchema, r.extra, 'documents', r.id, {
        id: r.id,
        text: r.text,
        ...optional('url', r.url),
        ...optional('title', r.title),
        ...optional('byline', r.byline),
        ...optional('source', r.source),
        ...optional('published', r.published),
        language: r.language,
        origin: r.origin,
      });
      const messages = this.item(z.array(MessageSchema), r.messages, 'documents.messages', r.id);
      const duplicates = (
        this.sql('SELECT id, duplicate_similarity AS similarity, source FROM documents WHERE duplicate_of = ? ORDER BY doc').all(r.doc) as {
          id: string;
          similarity: number;
          source: string | null;
        }[]
      ).map((c) => ({
        id: c.id,
        similarity: c.similarity,
        ...optional('source', c.source),
      }));
      return {
        document,
        messages,
        ...(r.duplicate_of_id !== null
          ? {
              duplicateOf: {
                id: r.duplicate_of_id,
                similarity: r.duplicate_similarity ?? 1,
              },
            }
          : {}),
        duplicates,
      };
    });
  }

  extraction(documentId: string): Extraction | undefined {
    return this.guard(() => {
      const stored = this.document(documentId);
      if (!stored) return undefined;
      const scope: Filter = { documentId, includeDuplicates: true };
      const strip = <T extends { documentId: string }>(items: T[]): Omit<T, 'documentId'>[] =>
        items.map(({ documentId: _, ...rest }) => rest);
      return {
        document: stored.document,
        sentences: strip(this.sentences(documentId)),
        entities: strip(this.entities(scope)),
        claims: strip(this.claims(scope)),
        events: strip(this.events(scope)),
        places: strip(this.places(scope)),
        times: strip(this.times(scope)),
        messages: [...stored.messages],
      };
    });
  }

  *extractions(filter: Filter = {}): IterableIterator<Extraction> {
    // Pages of ids, so no statement stays open while each document is read.
    let offset = filter.offset ?? 0;
    let remaining = filter.limit ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = this.documents({
        ...filter,
        offset,
        limit: Math.min(PAGE, remaining),
      });
      for (const summary of page) {
        const x = this.extraction(summary.id);
        if (x) yield x;
      }
      if (page.length < PAGE) return;
      offset += page.length;
      remaining -= page.length;
    }
  }

  sentences(documentId: string): StoredSentence[] {
    return this.guard(() =>
      this.sql(
        `SELECT d.id, s.i, s.start, s."end" AS "end", s.text, s.tokens, s.extra, d.text AS doc_text
         FROM sentences s JOIN documents d ON d.doc = s.doc WHERE d.id = ? ORDER BY s.i`,
      )
        .all(documentId)
        .map((raw) => {
          const r = this.row(SentenceRowSchema, raw, 'sentences');
          let tokens: Token[];
          try {
            tokens = decodeTokens(r.tokens, r.doc_text);
          } catch (error) {
            throw new StoreError('invalid_row', this.path, `sentence ${r.i} of '${r.id}' holds invalid tokens`, { cause: error });
          }
          const sentence = this.item(SentenceSchema, r.extra, 'sentences', `${r.id}#${r.i}`, {
            i: r.i,
            span: { start: r.start, end: r.end },
            text: r.text,
            tokens,
          });
          return { ...sentence, documentId: r.id };
        }),
    );
  }

  private items<S extends z.ZodType>(table: Scope, schema: S, filter: Filter): (z.infer<S> & { documentId: string })[] {
    return this.guard(() => {
      const params: Params = [];
      const where = conditions(filter, table, params);
      const limit = limitClause(filter, params);
      return this.sql(
        `SELECT d.id, x.json FROM ${table} x JOIN documents d ON d.doc = x.doc ${whereClause(where)}
         ORDER BY d.published IS NULL, d.published, d.doc, x.ord ${limit}`,
      )
        .all(...params)
        .map((raw) => {
          const r = this.row(ItemRowSchema, raw, table);
          const item = this.item(schema, r.json, table, r.id) as object;
          return { ...item, documentId: r.id } as z.infer<S> & { documentId: string };
        });
    });
  }

  entities(filter: Filter = {}): StoredEntity[] {
    return this.items('entities', EntityMentionSchema, filter);
  }

  claims(filter: Filter = {}): StoredClaim[] {
    return this.items('claims', ClaimSchema, filter);
  }

  events(filter: Filter = {}): StoredEvent[] {
    return this.items('events', EventSchema, filter);
  }

  places(filter: Filter = {}): StoredPlace[] {
    return this.items('places', PlaceSchema, filter);
  }

  times(filter: Filter = {}): StoredTime[] {
    return this.items('times', TimeRefSchema, filter);
  }

  actors(filter: Filter = {}): ActorSummary[] {
    return this.guard(() => {
      const { limit, offset, ...scope } = filter;
      const params: Params = [];
      const where = conditions(scope, 'documents', params);
      // Every reference to an actor: entity mentions, claim sources, event arguments.
      const rows = this.sql(
        `WITH refs (doc, actor, text, mention) AS (
           SELECT doc, actor, text, 1 FROM entities WHERE actor IS NOT NULL
           UNION ALL SELECT doc, source_actor, source_text, 0 FROM claims WHERE source_actor IS NOT NULL
           UNION ALL SELECT doc, actor1, json_extract(json, '$.actor1.text'), 0 FROM events WHERE actor1 IS NOT NULL
           UNION ALL SELECT doc, actor2, json_extract(json, '$.actor2.text'), 0 FROM events WHERE actor2 IS NOT NULL)
         SELECT x.actor, x.text, count(*) AS n, sum(x.mention) AS mentions, group_concat(DISTINCT x.doc) AS docs
         FROM refs x JOIN documents d ON d.doc = x.doc ${whereClause(where)} GROUP BY x.actor, x.text`,
      ).all(...params) as { actor: string; text: string; n: number; mentions: number; docs: string }[];
      const byActor = new Map<string, { names: { text: string; count: number }[]; mentions: number; docs: Set<string> }>();
      for (const r of rows) {
        const a = byActor.get(r.actor) ?? { names: [], mentions: 0, docs: new Set<string>() };
        a.names.push({ text: r.text, count: r.n });
        a.mentions += r.mentions;
        for (const doc of r.docs.split(',')) a.docs.add(doc);
        byActor.set(r.actor, a);
      }
      const ids =
        filter.documentId === undefined ? (this.sql('SELECT id FROM actors ORDER BY id').pluck().all() as string[]) : [...byActor.keys()];
      const all = ids.map((id): ActorSummary => {
        const a = byActor.get(id);
        const names = (a?.names ?? []).sort((x, y) => y.count - x.count || x.text.localeCompare(y.text));
        return { id, label: names[0]?.text ?? id, mentions: a?.mentions ?? 0, documents: a?.docs.size ?? 0, names };
      });
      all.sort((x, y) => y.documents - x.documents || y.mentions - x.mentions || x.id.localeCompare(y.id));
      const start = offset ?? 0;
      return all.slice(start, limit === undefined ? undefined : start + limit);
    });
  }

  actor(actorId: string): ActorSummary | undefined {
    return this.actors().find((a) => a.id === actorId);
  }

  search(query: SearchQuery): SearchHit[] {
    return this.guard(() => {
      const match = ftsQuery(query.text);
      if (match === '') throw new StoreError('bad_query', this.path, `search text '${query.text}' has no words`);
      const params: Params = [match];
      const where = conditions(query, 'sentences', params);
      const limit = limitClause({ limit: query.limit ?? 50, ...optional('offset', query.offset) }, params);
      return this.sql(
        `SELECT d.id, d.title, d.source, d.published, s.i, s.start, s."end" AS "end",
           highlight(sentences_fts, 0, '«', '»') AS snippet, bm25(sentences_fts) AS rank
         FROM sentences_fts JOIN sentences s ON s.rowid = sentences_fts.rowid JOIN documents d ON d.doc = s.doc
         WHERE sentences_fts MATCH ? ${where.length > 0 ? `AND ${where.join(' AND ')}` : ''}
         ORDER BY rank, d.doc, s.i ${limit}`,
      )
        .all(...params)
        .map((raw) => {
          const r = this.row(HitRowSchema, raw, 'sentences_fts');
          return {
            documentId: r.id,
            ...optional('title', r.title),
            ...optional('source', r.source),
            ...optional('published', r.published),
            sentence: r.i,
            span: { start: r.start, end: r.end },
            snippet: r.snippet,
            rank: r.rank,
          };
        });
    });
  }

  // ---- fusion ---------------------------------------------------------------

  saveClusters(kinds: ClusterKind | readonly ClusterKind[], clusters: readonly ClusterRecord[]): void {
    const replaced = new Set<ClusterKind>(typeof kinds === 'string' ? [kinds] : kinds);
    this.guard(() =>
      this.db
        .transaction(() => {
          const remove = this.sql('DELETE FROM clusters WHERE kind = ?');
          for (const kind of replaced) remove.run(kind);
          const insertCluster = this.sql('INSERT INTO clusters (id, kind, label, data) VALUES (?, ?, ?, ?)');
          const insertMember = this.sql(
            'INSERT OR IGNORE INTO cluster_members (cluster, doc, item, role) SELECT ?, doc, ?, ? FROM documents WHERE id = ?',
          );
          for (const c of clusters) {
            if (!replaced.has(c.kind)) {
              throw new StoreError(
                'invalid_input',
                this.path,
                `cluster '${c.id}' is a ${c.kind} cluster, not ${[...replaced].join(' or ')}`,
              );
            }
            try {
              insertCluster.run(c.id, c.kind, c.label, JSON.stringify(c.data ?? null));
            } catch (error) {
              if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
                throw new StoreError('invalid_input', this.path, `cluster id '${c.id}' occurs twice`, { cause: error });
              }
              throw error;
            }
            for (const m of c.members) {
              const r = insertMember.run(c.id, m.itemId, m.role ?? null, m.documentId);
              if (r.changes === 0 && !this.docRow(m.documentId)) {
                throw new StoreError('invalid_input', this.path, `cluster '${c.id}' names unknown document '${m.documentId}'`);
              }
            }
          }
        })
        .immediate(),
    );
  }

  clusters(filter: { readonly kind?: ClusterRecord['kind']; readonly documentId?: string } = {}): ClusterRecord[] {
    return this.guard(() => {
      const where: string[] = [];
      const params: Params = [];
      if (filter.kind) {
        where.push('c.kind = ?');
        params.push(filter.kind);
      }
      if (filter.documentId !== undefined) {
        where.push('c.id IN (SELECT m.cluster FROM cluster_members m JOIN documents d ON d.doc = m.doc WHERE d.id = ?)');
        params.push(filter.documentId);
      }
      const rows = this.sql(`SELECT c.id, c.kind, c.label, c.data FROM clusters c ${whereClause(where)} ORDER BY c.kind, c.id`)
        .all(...params)
        .map((raw) => this.row(ClusterRowSchema, raw, 'clusters'));
      const members = this.sql(
        `SELECT m.cluster, d.id, m.item, m.role FROM cluster_members m JOIN documents d ON d.doc = m.doc
         JOIN clusters c ON c.id = m.cluster ${whereClause(where)} ORDER BY m.cluster, d.doc, m.item`,
      )
        .all(...params)
        .map((raw) => this.row(MemberRowSchema, raw, 'cluster_members'));
      const byCluster = new Map<string, ClusterRecord['members'][number][]>();
      for (const m of members) {
        const list = byCluster.get(m.cluster) ?? [];
        list.push({
          documentId: m.id,
          itemId: m.item,
          ...optional('role', m.role),
        });
        byCluster.set(m.cluster, list);
      }
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        label: r.label,
        members: byCluster.get(r.id) ?? [],
        data: this.item(z.unknown(), r.data, 'clusters', r.id),
      }));
    });
  }

  stats(): StoreStats {
    return this.guard(() => {
      const r = this.sql(
        `SELECT count(*) AS documents, count(duplicate_of) AS duplicates,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_sentences END), 0) AS sentences,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_entities END), 0) AS entities,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_claims END), 0) AS claims,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_events END), 0) AS events,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_places END), 0) AS places,
           coalesce(sum(CASE WHEN duplicate_of IS NULL THEN n_times END), 0) AS times
         FROM documents`,
      ).get() as Omit<StoreStats, 'path' | 'schemaVersion' | 'actors' | 'clusters' | 'bytes'>;
      const actors = this.sql('SELECT count(*) FROM actors').pluck().get() as number;
      const clusters = this.sql('SELECT count(*) FROM clusters').pluck().get() as number;
      return {
        path: this.path,
        schemaVersion: this.schemaVersion,
        ...r,
        actors,
        clusters,
        bytes: this.bytes(),
      };
    });
  }

  private bytes(): number {
    if (this.path === ':memory:') return 0;
    let total = 0;
    for (const file of [this.path, `${this.path}-wal`]) {
      try {
        total += statSync(file).size;
      } catch {
        // No WAL file between checkpoints.
      }
    }
    return total;
  }

  close(): void {
    if (!this.db.open) return;
    this.guard(() => {
      if (!this.db.readonly) this.db.pragma('optimize');
      this.db.close();
    });
  }
}
