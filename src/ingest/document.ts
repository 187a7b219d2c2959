import { createHash } from 'node:crypto';
import type { Document } from '../model/index.ts';
import { IngestError } from './errors.ts';
import { francLanguage } from './language.ts';

export interface ArticleFields {
  text: string;
  origin: string;
  id?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
  byline?: string | undefined;
  source?: string | undefined;
  /** Any date string; normalised to YYYY-MM-DD. */
  published?: string | undefined;
}

export interface ReadDocument {
  document: Document;
  /** Non-fatal problems: non-English text, an unparseable date … */
  warnings: string[];
}

/** Whitespace-collapsed NFC text: what the document id is computed from. */
export function normaliseForId(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** A stable id: the same url and text give the same id on every machine. */
export function documentId(text: string, url?: string): string {
  const hash = createHash('sha256');
  hash.update(url?.trim() ?? '');
  hash.update('\n');
  hash.update(normaliseForId(text));
  return `d${hash.digest('hex').slice(0, 16)}`;
}

/** Language (ISO 639-3) of a text; 'und' when it is too short to tell. */
export function detectLanguage(text: string): string {
  // franc misreads short snippets (a one-line sentence comes out as Scots).
  if (text.length < 60) return 'und';
  // A paragraph is enough for franc; more text only costs time (it dominated ingest).
  return francLanguage(text.slice(0, 1000), 60);
}

/** A publication date as YYYY-MM-DD, or an explanation of why not. */
export function normalisePublished(value: string): { date: string } | { problem: string } {
  const trimmed = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
  if (iso) {
    const [, y, m, d] = iso;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) {
      return { problem: `impossible publication date '${trimmed}'` };
    }
    return { date: `${y}-${m}-${d}` };
  }
  const parsed = Date.parse(trimmed);
  if (Number.isNaN(parsed)) return { problem: `unreadable publication date '${trimmed}'` };
  return { date: new Date(parsed).toISOString().slice(0, 10) };
}

export function makeDocument(fields: ArticleFields): ReadDocument {
  const text = fields.text.replace(/^\uFEFF/, '');
  if (text.trim().length === 0) throw new IngestError(fields.origin, 'empty input (no text)');
  const warnings: string[] = [];
  const language = detectLanguage(text);
  if (language !== 'eng' && language !== 'und') {
    warnings.push(`language detected as '${language}', not English: extraction quality will be poor`);
  }
  let published: string | undefined;
  if (fields.published) {
    const result = normalisePublished(fields.published);
    if ('date' in result) published = result.date;
    else warnings.push(`${result.problem}: ignored`);
  }
  const document: Document = {
    id: fields.id?.trim() || documentId(text, fields.url),
    text,
    language,
    origin: fields.origin,
    ...(fields.url ? { url: fields.url.trim() } : {}),
    ...(fields.title ? { title: fields.title.trim() } : {}),
    ...(fields.byline ? { byline: fields.byline.trim() } : {}),
    ...(fields.source ? { source: fields.source.trim() } : {}),
    ...(published ? { published } : {}),
  };
  return { document, warnings };
}
