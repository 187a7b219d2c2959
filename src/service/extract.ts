import { makeDocument } from '../ingest/index.ts';
import type { Document, Extraction, Message } from '../model/index.ts';
import { createDefaultPipeline, type Pipeline } from '../pipeline/index.ts';

let pipeline: Pipeline | undefined;

function defaultPipeline(): Pipeline {
  pipeline ??= createDefaultPipeline();
  return pipeline;
}

/** Stage names, what each provides and its model: for `--help` and the API. */
export function pipelineStages(): { name: string; provides: readonly string[]; model?: string }[] {
  return defaultPipeline().stages.map((s) => ({ name: s.name, provides: s.provides, ...(s.model ? { model: s.model } : {}) }));
}

/**
 * Runs the default pipeline on one document. `published` (YYYY-MM-DD)
 * overrides the document's own date as the reference for relative dates;
 * ingest warnings are carried into the result's messages.
 */
export function extractDocument(document: Document, options: { published?: string; warnings?: readonly string[] } = {}): Extraction {
  const doc = options.published ? { ...document, published: options.published } : document;
  const result = defaultPipeline().run(doc, doc.published ? { published: doc.published } : {});
  const warnings: Message[] = (options.warnings ?? []).map((message) => ({ message, stage: 'ingest', severity: 'warning' }));
  return warnings.length ? { ...result, messages: [...warnings, ...result.messages] } : result;
}

/** Convenience for pasted text. */
export function extractText(text: string, fields: { title?: string; published?: string; source?: string; url?: string } = {}): Extraction {
  const { document, warnings } = makeDocument({ origin: '<text>', text, ...fields });
  return extractDocument(document, { warnings });
}
