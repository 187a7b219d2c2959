// sitrep's data model: documents, spans, sentences and tokens, and the
// annotation layers later stages fill (entities, claims, events, places,
// times). Zod schemas are the single source of the types; validate at the edges.

export { extractionJsonSchema } from './json-schema.ts';
export * from './schema.ts';
export * from './span.ts';
