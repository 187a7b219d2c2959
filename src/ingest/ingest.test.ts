import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentId, normalisePublished } from './document.ts';
import { type ReadResult, readInputs } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-ingest-'));
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
async function read(paths: string[], options = {}): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(paths, options)) out.push(r);
  return out;
}
function errors(results: ReadResult[]): string[] {
  return results.flatMap((r) => (r.ok ? [] : [`${r.error.input}: ${r.error.reason}`]));
}

const ARTICLE = 'Russian forces shelled the town of Sudzha on Thursday, the regional governor said in a statement.';

describe('readers', () => {
  it('reads plain text with a stable id and detected language', async () => {
    const [r] = await read([file('a.txt', `\uFEFF${ARTICLE}`)], { published: '2024-08-09' });
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.document.text).toBe(ARTICLE);
    expect(r.document.language).toBe('eng');
    expect(r.document.published).toBe('2024-08-09');
    expect(r.document.id).toBe(documentId(ARTICLE));
    expect(documentId(`  ${ARTICLE.replace(/ /g, '\n')} `)).toBe(documentId(ARTICLE));
    expect(documentId(ARTICLE, 'https://example.org/a')).not.toBe(documentId(ARTICLE));
  });

  it('reads HTML: body, title, byline, date and outlet, without scripts', async () => {
    const html = `<!doctype html><html><head><title>Shelling in Sudzha</title>
      <meta property="og:site_name" content="Example News">
      <meta property="article:published_time" content="2024-08-08T10:00:00Z"></head>
      <body><nav>Home | World</nav><article><h1>Shelling in Sudzha</h1><p class="byline">By Jane Doe</p>
      <p>${ARTICLE}</p><p>${ARTICLE.replace('Thursday', 'Friday')}</p><script>alert(1)</script></article></body></html>`;
    const [r] = await read([file('a.html', html)]);
    if (!r?.ok) throw new Error('expected a document');
    expect(r.document.title).toBe('Shelling in Sudzha');
    expect(r.document.source).toBe('Example News');
    expect(r.document.published).toBe('2024-08-08');
    expect(r.document.text).toContain(ARTICLE);
    expect(r.document.text).not.toContain('alert');
    expect(r.document.text.split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('reads malformed HTML without failing', async () => {
    const [r] = await read([file('broken.html', `<html><body><p>Unclosed <b>bold <div>${ARTICLE}</p>`)]);
    expect(r?.ok && r.document.text.includes('Sudzha')).toBe(true);
  });

  it('reads RSS 2.0 items as articles', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>One</title><link>https://example.org/1</link><pubDate>Thu, 08 Aug 2024 10:00:00 GMT</pubDate>
      <description>&lt;p&gt;${ARTICLE}&lt;/p&gt;</description></item>
      <item><title>Two</title><link>https://example.org/2</link><description>${ARTICLE.replace('Sudzha', 'Kursk')}</description></item>
      </channel></rss>`;
    const results = await read([file('feed.rss', rss)]);
    expect(results.map((r) => r.ok && [r.document.title, r.document.url, r.document.source, r.document.published])).toEqual([
      ['One', 'https://example.org/1', 'Wire', '2024-08-08'],
      ['Two', 'https://example.org/2', 'Wire', undefined],
    ]);
  });

  it('reads Atom entries as articles', async () => {
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
      <entry><title>A</title><link rel="alternate" href="https://example.org/a"/><published>2024-08-07T00:00:00Z</published>
      <content type="html">&lt;p&gt;${ARTICLE}&lt;/p&gt;</content></entry></feed>`;
    const [r] = await read([file('feed.atom', atom)]);
    if (!r?.ok) throw new Error('expected a document');
    expect([r.document.title, r.document.url, r.document.source, r.document.published, r.document.text]).toEqual([
      'A',
      'https://example.org/a',
      'Atom Wire',
      '2024-08-07',
      ARTICLE,
    ]);
  });

  it('reads JSONL: good lines survive bad ones, errors name file and line', async () => {
    const path = file(
      'batch.jsonl',
      [
        JSON.stringify({ id: 'x1', text: ARTICLE, source: 'Wire', published: '2024-08-08' }),
        '{not json',
        JSON.stringify({ title: 'no body' }),
        '',
        JSON.stringify({ html: `<p>${ARTICLE}</p>`, url: 'https://example.org/h' }),
      ].join('\n'),
    );
    const results = await read([path]);
    expect(results.filter((r) => r.ok).map((r) => r.ok && r.document.id)).toEqual(['x1', documentId(ARTICLE, 'https://example.org/h')]);
    expect(errors(results)).toEqual([
      `${path}:2: malformed JSON: Expected property name or '}' in JSON at position 1`,
      `${path}:3: invalid article: needs a non-empty 'text' or 'html' field`,
    ]);
  });

  it('walks directories recursively in a stable order, known extensions only', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'sitrep-walk-'));
    writeFileSync(join(sub, 'b.txt'), ARTICLE);
    writeFileSync(join(sub, 'ignored.png'), 'x');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(sub, 'a'));
    writeFileSync(join(sub, 'a', 'c.txt'), ARTICLE.replace('Sudzha', 'Kursk'));
    const results = await read([sub]);
    expect(results.map((r) => r.ok && r.document.origin)).toEqual([join(sub, 'a', 'c.txt'), join(sub, 'b.txt')]);
  });
});

describe('bad input: one-line error naming the input, the rest still read', () => {
  it.each([
    ['empty.txt', '', 'empty input'],
    ['blank.txt', '  \n\n ', 'empty input (no text)'],
    ['binary.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]), 'binary data, not text (expected text, HTML, JSONL or a feed)'],
    [
      'latin1.txt',
      new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]),
      'invalid UTF-8 at byte 3 (convert the file to UTF-8 or declare its charset)',
    ],
    [
      'bad.rss',
      '<?xml version="1.0"?><rss><channel><item><title>x</title></channel></rss>',
      "malformed feed: Expected closing tag 'item' (opened in line 1, col 36) instead of closing tag 'channel'. (line 1)",
    ],
    [
      'cut.rss',
      '<?xml version="1.0"?><rss><channel><item><title>x</title>',
      'malformed feed: the document ends with <rss> <channel> <item> still open (cut off?)',
    ],
    ['nofeed.xml', '<?xml version="1.0"?><rss><channel><title>t</title></channel></rss>', 'feed has no items'],
  ])('%s', async (name, content, reason) => {
    const path = file(name, content);
    const good = file(`good-${name}.txt`, ARTICLE);
    const results = await read([path, good]);
    expect(errors(results)).toEqual([`${path}: ${reason}`]);
    expect(results[1]?.ok).toBe(true);
  });

  it('refuses a file over the size limit', async () => {
    const path = file('big.txt', ARTICLE.repeat(10));
    expect(errors(await read([path], { maxBytes: 100 }))).toEqual([
      `${path}: file of ${ARTICLE.length * 10} bytes exceeds the size limit of 100 bytes (--max-bytes)`,
    ]);
  });

  it('names a folder that holds no article files, and still reads the next input', async () => {
    const empty = join(dir, 'no-articles');
    mkdirSync(empty);
    file('no-articles/notes.csv', 'a,b');
    const results = await read([empty, file('after-empty.txt', ARTICLE)]);
    expect(errors(results)).toEqual([
      `${empty}: no article files in the folder (looked for .txt .text .md .html .htm .xhtml .xml .rss .atom .jsonl .ndjson)`,
    ]);
    expect(results[1]?.ok).toBe(true);
  });

  it('names a missing path', async () => {
    expect(errors(await read([join(dir, 'nope.txt')]))).toEqual([`${join(dir, 'nope.txt')}: no such file or directory`]);
  });

  it('processes non-English text with its language recorded and a warning', async () => {
    const ru = 'Путин осудил вторжение украинских войск в Курскую область, назвав его крупномасштабной провокацией.';
    const [r] = await read([file('ru.txt', ru)]);
    if (!r?.ok) throw new Error('expected a document');
    expect(r.document.language).toBe('rus');
    expect(r.warnings).toEqual(["language detected as 'rus', not English: extraction quality will be poor"]);
  });

  it('decodes a declared legacy charset', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1252"></head><body><p>'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9]),
      Buffer.from(` ${ARTICLE}</p></body></html>`),
    ]);
    const [r] = await read([file('legacy.html', bytes)]);
    expect(r?.ok && r.document.text.startsWith('Café')).toBe(true);
  });
});

describe('normalisePublished', () => {
  it.each([
    ['2024-08-09', { date: '2024-08-09' }],
    ['2024-08-09T23:10:00+02:00', { date: '2024-08-09' }],
    ['Thu, 08 Aug 2024 10:00:00 GMT', { date: '2024-08-08' }],
    ['2024-02-30', { problem: "impossible publication date '2024-02-30'" }],
    ['yesterday-ish', { problem: "unreadable publication date 'yesterday-ish'" }],
  ])('%s', (value, expected) => {
    expect(normalisePublished(value)).toEqual(expected);
  });
});
