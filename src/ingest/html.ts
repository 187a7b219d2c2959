import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { type ArticleFields, makeDocument, type ReadDocument } from './document.ts';
import { IngestError } from './errors.ts';

// The DOM (≈30 MB resident) loads on the first HTML input only: plain-text
// and JSONL-text batches never pay for it.
const require = createRequire(import.meta.url);
let dom: { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof ReadabilityClass } | undefined;
function loadDom(): NonNullable<typeof dom> {
  dom ??= {
    parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
    Readability: (require('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  };
  return dom;
}

const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BLOCKQUOTE',
  'PRE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'TR',
  'TABLE',
  'UL',
  'OL',
  'FIGURE',
  'FIGCAPTION',
  'BR',
  'HR',
  'DD',
  'DT',
  'ASIDE',
  'MAIN',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'OBJECT']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of an HTML fragment with one paragraph a line (block elements break lines). */
export function htmlToText(html: string): string {
  const { document } = loadDom().parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const parts: string[] = [];
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      parts.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1 || SKIP.has(node.nodeName)) return;
    const block = BLOCK.has(node.nodeName);
    if (block) parts.push('\n');
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i] as DomNode);
    if (block) parts.push('\n');
  };
  walk(document.body as unknown as DomNode);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

function meta(doc: Document, ...names: string[]): string | undefined {
  for (const name of names) {
    const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

/**
 * An HTML page → one article: body, title, byline and publication date via
 * Mozilla Readability on a linkedom DOM; falls back to the page's visible
 * text when Readability finds no article (short or malformed pages).
 */
export function readHtml(origin: string, html: string, defaults: Partial<ArticleFields> = {}): ReadDocument {
  if (!/<[a-z!]/i.test(html)) throw new IngestError(origin, 'not HTML (no tags found)');
  // linkedom needs a whole page; a fragment ("<p>…</p>") is wrapped in one.
  const page = /<(?:html|body)[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  const { parseHTML, Readability } = loadDom();
  const { document } = parseHTML(page);
  const doc = document as unknown as Document;
  const published =
    meta(doc, 'article:published_time', 'datePublished', 'date', 'pubdate', 'og:published_time', 'dc.date') ??
    doc.querySelector('time[datetime]')?.getAttribute('datetime') ??
    undefined;
  const siteName = meta(doc, 'og:site_name', 'application-name');
  const url = meta(doc, 'og:url') ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  // Readability mutates the DOM it reads: keep the body for the fallback.
  const bodyHtml = doc.body?.innerHTML ?? '';
  let article: ReturnType<ReadabilityClass['parse']> = null;
  try {
    article = new Readability(doc, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? htmlToText(article.content) : '';
  if (text.trim().length === 0) text = htmlToText(bodyHtml);
  if (text.trim().length === 0) throw new IngestError(origin, 'no article text found in the HTML');
  const title = article?.title || doc.title || undefined;
  return makeDocument({
    ...defaults,
    origin,
    text,
    title: defaults.title ?? title,
    byline: defaults.byline ?? article?.byline ?? undefined,
    source: defaults.source ?? siteName ?? article?.siteName ?? undefined,
    published: defaults.published ?? article?.publishedTime ?? published,
    url: defaults.url ?? url,
  });
}
