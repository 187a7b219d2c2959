// The Hono app: JSON API over the store plus the built web UI. Built by
// createApp(options) so tests drive it in-process with app.request().
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getMimeType } from 'hono/utils/mime';
import { z } from 'zod';
import { loadTaxonomy } from '../events/index.ts';
import { decodeBytes, IngestError, readText } from '../ingest/index.ts';
import { ClaimStatusSchema, type Document, ENTITY_TYPES, type Extraction, IsoDateSchema } from '../model/index.ts';
import { extractDocument, pipelineStages } from '../service/index.ts';
import { archiveEventRows, csvHeader, csvLine, type Filter, geoJsonFeature, type Store, StoreError } from '../store/index.ts';
import { ApiError, errorResponse, parseInput } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { ArchiveReader } from './read.ts';
import { placeViews } from './views.ts';

export interface AppOptions {
  /** The archive the API reads (and POST /api/documents writes). */
  readonly store: Store;
  /**
   * Bearer token required by every write endpoint (POST). `sitrep serve`
   * insists on one when bound to a non-loopback address.
   */
  readonly token?: string;
  /** Directory of the built UI (web/dist); absent → API only. */
  readonly webRoot?: string;
  /** Largest request body, bytes. Default 2 MiB (articles are ~10 kB). */
  readonly maxBodyBytes?: number;
  /** Where server-side failures are logged (never sent to clients). */
  readonly log?: (line: string) => void;
}

const DEFAULT_MAX_BODY = 2 * 1024 * 1024;

const FilterQuerySchema = z
  .object({
    document: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    entity: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    place: z.string().min(1).optional(),
    status: ClaimStatusSchema.optional(),
    entityType: z.enum(ENTITY_TYPES).optional(),
    duplicates: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    offset: z.coerce.number().int().min(0).optional(),
  })
  .strict();
type FilterQuery = z.infer<typeof FilterQuerySchema>;

function toFilter(q: FilterQuery): Filter {
  return {
    ...(q.document ? { documentId: q.document } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.entity ? { entity: q.entity } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.type ? { eventType: q.type } : {}),
    ...(q.place ? { place: q.place } : {}),
    ...(q.status ? { claimStatus: q.status } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}),
    ...(q.duplicates === 'true' ? { includeDuplicates: true } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.offset ? { offset: q.offset } : {}),
  };
}

const ArticleBodySchema = z
  .object({
    text: z.string().min(1, 'empty text').max(1_000_000),
    title: z.string().max(1000).optional(),
    published: IsoDateSchema.optional(),
    source: z.string().max(200).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();
type ArticleBody = z.infer<typeof ArticleBodySchema>;

const FormFieldsSchema = z.object({
  published: IsoDateSchema.optional(),
  source: z.string().max(200).optional(),
  title: z.string().max(1000).optional(),
});

/** Reads a pasted article (JSON) or an uploaded file (multipart) into a Document. */
async function readArticle(req: Request): Promise<{ document: Document; warnings: string[] }> {
  const type = req.headers.get('content-type') ?? '';
  let origin: string;
  let text: string;
  let hint = '';
  let fields: { title?: string | undefined; published?: string | undefined; source?: string | undefined; url?: string | undefined };
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData().catch(() => {
      throw new ApiError(400, 'invalid_input', 'body: unreadable multipart form');
    });
    const file = form.get('file');
    if (!(file instanceof File)) throw new ApiError(400, 'invalid_input', "form.file: expected an uploaded file in field 'file'");
    fields = parseInput(
      FormFieldsSchema,
      Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'file' && typeof v === 'string' && v !== '')),
      'form',
    );
    origin = file.name || '<upload>';
    hint = extname(origin).toLowerCase();
    text = decodeBytes(origin, new Uint8Array(await file.arrayBuffer()));
  } else if (type.startsWith('application/json')) {
    const raw: unknown = await req.json().catch(() => {
      throw new ApiError(400, 'invalid_input', 'body: not valid JSON');
    });
    const body: ArticleBody = parseInput(ArticleBodySchema, raw, 'body');
    fields = body;
    origin = '<pasted>';
    text = body.text;
  } else {
    throw new ApiError(415, 'unsupported_media_type', 'send application/json {"text": …} or multipart/form-data with a file');
  }
  const results = readText(
    origin,
    text,
    { ...(fields.published ? { published: fields.published } : {}), ...(fields.source ? { source: fields.source } : {}) },
    hint,
  );
  const first = results[0];
  if (!first) throw new ApiError(400, 'invalid_input', `${origin}: no article found`);
  if (!first.ok) throw new ApiError(400, 'invalid_input', first.error.message);
  const document: Document = {
    ...first.document,
    ...(fields.title ? { title: fields.title } : {}),
    ...(fields.url ? { url: fields.url } : {}),
  };
  return { document, warnings: first.warnings };
}

export function createApp(options: AppOptions): Hono {
  const { store, token, webRoot } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = new Hono();

  app.onError((error, c) => {
    if (error instanceof StoreError) {
      const status = error.code === 'bad_query' ? 400 : error.code === 'locked' ? 503 : 500;
      if (status === 500) log(`sitrep serve: ${error.message}`);
      const message = status === 500 ? 'the archive cannot be read' : error.message.replace(`${error.path}: `, '');
      return errorResponse(new ApiError(status, `store_${error.code}`, message, { cause: error }), c, log);
    }
    if (error instanceof IngestError) return errorResponse(new ApiError(400, 'invalid_input', error.message, { cause: error }), c, log);
    return errorResponse(error, c, log);
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  // Writes: size-limited, and token-guarded when a token is configured.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (token !== undefined) {
      const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '');
      if (given !== token) throw new ApiError(401, 'unauthorized', 'this endpoint needs the server token (Authorization: Bearer <token>)');
    }
    return next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `request body exceeds ${maxBodyBytes} bytes`);
      },
    }),
  );

  const filterOf = (query: Record<string, string>, allowed?: readonly (keyof FilterQuery)[]): Filter => {
    const q = parseInput(FilterQuerySchema, query, 'query');
    if (allowed) {
      const extra = Object.keys(q).find((k) => !allowed.includes(k as keyof FilterQuery));
      if (extra) throw new ApiError(400, 'invalid_input', `query.${extra}: not a filter of this endpoint`);
    }
    return toFilter(q);
  };

  app.get('/api/health', (c) => c.json({ ok: true, documents: store.stats().documents, stages: pipelineStages() }));
  app.get('/api/taxonomy', (c) => {
    // Display names of event types and sub-types (the events carry ids such as 'explosions_remote_violence').
    const names: Record<string, string> = {};
    for (const type of loadTaxonomy().types) {
      names[type.id] = type.name;
      for (const sub of type.subTypes) names[sub.id] = sub.name;
    }
    return c.json({ eventTypes: names });
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  app.get('/api/stats', (c) => {
    const { path: _path, ...stats } = store.stats();
    return c.json(stats);
  });

  app.get('/api/documents', (c) => c.json({ documents: store.documents(filterOf(c.req.query())) }));
  app.get('/api/documents/:id', (c) => {
    const id = c.req.param('id');
    const x = store.extraction(id);
    if (!x) throw new ApiError(404, 'not_found', `no document '${id}'`);
    return c.json(x);
  });

  app.get('/api/events', (c) => {
    const reader = new ArchiveReader(store);
    return c.json({ events: reader.events(filterOf(c.req.query())) });
  });
  app.get('/api/claims', (c) => {
    const reader = new ArchiveReader(store);
    const claims = reader.claims(filterOf(c.req.query()));
    return c.json({ claims, groups: reader.claimGroups(claims) });
  });
  app.get('/api/entities', (c) => {
    const { q, ...rest } = c.req.query();
    const reader = new ArchiveReader(store);
    const needle = q?.toLowerCase();
    const entities = reader
      .entities(filterOf(rest))
      .filter((e) => !needle || e.name.toLowerCase().includes(needle) || e.id.toLowerCase().includes(needle));
    return c.json({ entities });
  });
  app.get('/api/entities/:id', (c) => {
    const id = c.req.param('id');
    const detail = new ArchiveReader(store).entity(id);
    if (!detail) throw new ApiError(404, 'not_found', `no entity '${id}'`);
    return c.json(detail);
  });
  app.get('/api/actors', (c) => c.json({ actors: store.actors(filterOf(c.req.query())) }));
  app.get('/api/places', (c) => {
    const filter = filterOf(c.req.query());
    const reader = new ArchiveReader(store);
    const wanted = new Map<string, Set<string>>();
    for (const p of store.places(filter)) {
      const ids = wanted.get(p.documentId) ?? new Set<string>();
      ids.add(p.id);
      wanted.set(p.documentId, ids);
    }
    const places = [...wanted].flatMap(([doc, ids]) => {
      const x = reader.extraction(doc);
      return x ? placeViews(x).filter((p) => ids.has(p.id)) : [];
    });
    return c.json({ places });
  });
  app.get('/api/search', (c) => {
    const { q, ...rest } = c.req.query();
    if (!q || q.trim() === '') throw new ApiError(400, 'invalid_input', 'query.q: search words required');
    return c.json({ hits: store.search({ ...filterOf(rest), text: q }) });
  });
  app.get('/api/clusters', (c) => {
    const kind = parseInput(z.enum(['event', 'claim']).optional(), c.req.query('kind'), 'query');
    const document = c.req.query('document');
    return c.json({ clusters: store.clusters({ ...(kind ? { kind } : {}), ...(document ? { documentId: document } : {}) }) });
  });

  // Exports stream: an archive's CSV can be larger than is wise to hold in memory.
  app.get('/api/export', (c) => {
    const { format: rawFormat, ...rest } = c.req.query();
    const format = parseInput(
      z.enum(['json', 'jsonl', 'csv', 'geojson'], { error: 'expected json, jsonl, csv or geojson' }),
      rawFormat,
      'query',
    );
    const filter = filterOf(rest);
    const { limit, ...documents } = filter;
    const encoder = new TextEncoder();
    function* chunks(): Generator<string> {
      let n = 0;
      switch (format) {
        case 'jsonl':
          for (const x of store.extractions(filter)) yield `${JSON.stringify(x)}\n`;
          return;
        case 'json':
          yield '{"extractions":[';
          for (const x of store.extractions(filter)) yield `${n++ ? ',' : ''}\n${JSON.stringify(x)}`;
          yield `\n],"clusters":${JSON.stringify(filter.documentId ? store.clusters({ documentId: filter.documentId }) : store.clusters())}}\n`;
          return;
        case 'csv':
          yield csvHeader();
          for (const row of archiveEventRows(store, documents)) {
            if (limit !== undefined && n++ >= limit) break;
            yield csvLine(row);
          }
          return;
        case 'geojson':
          yield '{"type":"FeatureCollection","features":[';
          for (const row of archiveEventRows(store, documents)) {
            const feature = geoJsonFeature(row);
            if (!feature) continue;
            if (limit !== undefined && n >= limit) break;
            yield `${n++ ? ',' : ''}\n${JSON.stringify(feature)}`;
          }
          yield '\n]}\n';
          return;
      }
    }
    const it = chunks();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = it.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
    });
    const types = { json: 'application/json', jsonl: 'application/x-ndjson', csv: 'text/csv', geojson: 'application/geo+json' } as const;
    c.header('Content-Type', `${types[format]}; charset=utf-8`);
    c.header('Content-Disposition', `attachment; filename="sitrep-events.${format}"`);
    return c.body(body);
  });

  const analyse = async (req: Request): Promise<Extraction> => {
    const { document, warnings } = await readArticle(req);
    return extractDocument(document, { warnings });
  };
  app.post('/api/extract', async (c) => c.json(await analyse(c.req.raw)));
  app.post('/api/documents', async (c) => {
    const x = await analyse(c.req.raw);
    const result = store.ingest(x);
    return c.json(result, result.kind === 'exists' ? 200 : 201);
  });

  app.all('/api/*', (c) => {
    throw new ApiError(404, 'not_found', `no API route ${c.req.method} ${c.req.path}`);
  });

  if (webRoot) {
    const root = resolve(webRoot);
    app.get('*', async (c) => {
      const rel = decodeURIComponent(c.req.path).replace(/^\/+/, '') || 'index.html';
      const file = resolve(root, rel);
      if (file !== root && !file.startsWith(root + sep)) throw new ApiError(404, 'not_found', 'not found');
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new ApiError(404, 'not_found', `no file ${c.req.path}`);
      const body = await readFile(file);
      c.header('Content-Type', getMimeType(file) ?? 'application/octet-stream');
      // Vite fingerprints assets: cache them; always revalidate the page itself.
      c.header('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(body);
    });
  }
  return app;
}
