// The OpenAPI 3.1 description served at /api/openapi.json. The Extraction
// schema comes from the model's zod schemas (one source of truth); the view
// shapes are summarised here by hand.
import { extractionJsonSchema } from '../model/index.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const filterParams = [
  ['document', 'document id'],
  ['source', 'outlet (case-insensitive)'],
  ['from', 'first date, YYYY-MM-DD (inclusive)'],
  ['to', 'last date, YYYY-MM-DD (inclusive)'],
  ['entity', 'entity mention text (case-insensitive exact)'],
  ['actor', 'canonical actor id, e.g. RUS.MIL'],
  ['type', 'event type or sub-event type'],
  ['place', 'place name, ISO country code or admin1'],
  ['status', 'claim status'],
  ['entityType', 'entity type, e.g. PERSON'],
  ['duplicates', "'true' to include near-duplicate documents"],
  ['limit', 'at most this many items'],
  ['offset', 'skip this many items'],
].map(
  ([name, description]): Json => ({
    name: name as string,
    in: 'query',
    required: false,
    description: description as string,
    schema: { type: name === 'limit' || name === 'offset' ? 'integer' : 'string' },
  }),
);

const error: Json = {
  description: 'error',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } },
            required: ['status', 'code', 'message'],
          },
        },
      },
    },
  },
};

function list(key: string, description: string): Json {
  return {
    description,
    content: { 'application/json': { schema: { type: 'object', properties: { [key]: { type: 'array', items: { type: 'object' } } } } } },
  };
}

const articleBody: Json = {
  required: true,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['text'],
        additionalProperties: false,
        properties: {
          text: { type: 'string', description: 'article text or HTML' },
          title: { type: 'string' },
          published: { type: 'string', format: 'date' },
          source: { type: 'string' },
          url: { type: 'string', format: 'uri' },
        },
      },
    },
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'string', format: 'binary' },
          published: { type: 'string', format: 'date' },
          source: { type: 'string' },
          title: { type: 'string' },
        },
      },
    },
  },
};

export function openApiDocument(): Json {
  const extraction = { $ref: '#/components/schemas/Extraction' };
  const get = (summary: string, ok: Json, params: Json[] = filterParams): Json => ({
    get: { summary, parameters: params, responses: { '200': ok, '400': error } },
  });
  const idParam: Json = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitrep API',
      version: '0.1.0',
      description:
        'Structured, sourced situation pictures: documents, entities, claims, events and places, each with spans into the original text and provenance. Write endpoints (POST) need `Authorization: Bearer <token>` when the server has a token (always, when bound to a non-loopback address).',
    },
    components: {
      schemas: { Extraction: extractionJsonSchema() as Json },
      securitySchemes: { token: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/api/health': get('liveness, document count and pipeline stages', { description: 'ok' }, []),
      '/api/taxonomy': get('display names of event types and sub-types, by id', { description: '{ eventTypes: { [id]: name } }' }, []),
      '/api/stats': get('archive statistics', { description: 'counts per layer' }, []),
      '/api/documents': {
        get: {
          summary: 'list documents',
          parameters: filterParams,
          responses: { '200': list('documents', 'document summaries'), '400': error },
        },
        post: {
          summary: 'analyse an article and store it in the archive',
          security: [{ token: [] }],
          requestBody: articleBody,
          responses: {
            '201': { description: 'stored (IngestResult)' },
            '200': { description: 'already stored' },
            '400': error,
            '401': error,
            '413': error,
            '415': error,
          },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'one document with all its annotation layers',
          parameters: [idParam],
          responses: {
            '200': { description: 'the stored Extraction', content: { 'application/json': { schema: extraction } } },
            '404': error,
          },
        },
      },
      '/api/events': get('events with their place, date and source span', list('events', 'EventView[]')),
      '/api/claims': get('claims, and claims grouped by proposition with corroborating and contradicting sides', {
        description: '{ claims: ClaimView[], groups: ClaimGroup[] }',
      }),
      '/api/entities': get('entities and actors with mention counts', list('entities', 'EntitySummary[]'), [
        { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
        ...filterParams,
      ]),
      '/api/entities/{id}': {
        get: {
          summary: "an entity or actor: its mentions, claims by and about it, events (id: an actor id or 'name:<normalised name>')",
          parameters: [idParam],
          responses: { '200': { description: 'EntityDetail' }, '404': error },
        },
      },
      '/api/actors': get('canonical actors', list('actors', 'ActorSummary[]')),
      '/api/places': get('place mentions and their gazetteer resolution', list('places', 'PlaceView[]')),
      '/api/search': get('full-text search over sentences', list('hits', 'SearchHit[]'), [
        { name: 'q', in: 'query', required: true, schema: { type: 'string' }, description: 'words; "quoted phrases" and prefix* allowed' },
        ...filterParams,
      ]),
      '/api/clusters': get('cross-document event clusters and claim groups', list('clusters', 'ClusterRecord[]'), [
        { name: 'kind', in: 'query', required: false, schema: { type: 'string', enum: ['event', 'claim'] } },
        { name: 'document', in: 'query', required: false, schema: { type: 'string' } },
      ]),
      '/api/export': get('the archive as json, jsonl, csv (ACLED columns) or geojson', { description: 'a file' }, [
        { name: 'format', in: 'query', required: true, schema: { type: 'string', enum: ['json', 'jsonl', 'csv', 'geojson'] } },
        ...filterParams,
      ]),
      '/api/extract': {
        post: {
          summary: 'analyse pasted text or an uploaded file without storing it',
          security: [{ token: [] }],
          requestBody: articleBody,
          responses: {
            '200': { description: 'the Extraction', content: { 'application/json': { schema: extraction } } },
            '400': error,
            '401': error,
            '413': error,
            '415': error,
          },
        },
      },
    },
  };
}
