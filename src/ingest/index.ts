// Reading articles: plain text, HTML (Readability), JSONL batches, RSS/Atom
// feeds, directories and stdin → Documents with stable ids and detected
// language. It does not analyse text; a bad input becomes a named error.
export { decodeBytes } from './decode.ts';
export { type ArticleFields, detectLanguage, documentId, makeDocument, normalisePublished, type ReadDocument } from './document.ts';
export { IngestError } from './errors.ts';
export { looksLikeFeed, readFeed } from './feed.ts';
export { htmlToText, readHtml } from './html.ts';
export { JsonlArticleSchema } from './jsonl.ts';
export { readInputs, readText } from './read.ts';
export { DEFAULT_MAX_BYTES, type ReadOptions, type ReadResult } from './types.ts';
