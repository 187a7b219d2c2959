import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type ArticleFields, makeDocument } from './document.ts';
import { IngestError, reasonOf } from './errors.ts';
import { htmlToText } from './html.ts';
import { type ReadResult, readFailure } from './types.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  parseTagValue: false,
  trimValues: true,
});

type XmlValue = string | number | boolean | XmlObject | XmlValue[] | undefined;
interface XmlObject {
  [key: string]: XmlValue;
}

function textOf(value: XmlValue): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  return textOf(value['#text']);
}

function asObject(value: XmlValue): XmlObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

function asList(value: XmlValue): XmlObject[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map(asObject).filter((v): v is XmlObject => v !== undefined);
}

/** Whether a text looks like an RSS or Atom feed (as opposed to HTML). */
export function looksLikeFeed(head: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(head);
}

/**
 * The validator's reason on one line. Tags still open at the end come as a
 * pretty-printed JSON list ("Invalid '[    \"rss\", …]' found."): name them.
 */
function validationReason(err: { code: string; msg: string; line: number }): string {
  const open = /^Invalid '(\[[\s\S]*\])' found\.$/.exec(err.msg);
  if (err.code === 'InvalidXml' && open?.[1]) {
    try {
      const tags = JSON.parse(open[1]) as string[];
      return `the document ends with ${tags.map((t) => `<${t}>`).join(' ')} still open (cut off?)`;
    } catch {
      // Not the list form: fall through to the message as it is.
    }
  }
  return `${err.msg.replace(/\s+/g, ' ')} (line ${err.line})`;
}

/** Each RSS 2.0 item or Atom entry becomes one article; a bad item fails alone. */
export function readFeed(origin: string, xml: string): ReadResult[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new IngestError(origin, `malformed feed: ${validationReason(valid.err)}`);
  let root: XmlObject;
  try {
    root = parser.parse(xml) as XmlObject;
  } catch (error) {
    throw new IngestError(origin, `malformed feed: ${reasonOf(error)}`, { cause: error });
  }
  const rss = asObject(root.rss) ?? asObject(root['rdf:RDF']);
  const atom = asObject(root.feed);
  if (!rss && !atom) throw new IngestError(origin, 'not an RSS 2.0 or Atom feed (no <rss> or <feed> root)');

  const items: ArticleFields[] = [];
  if (rss) {
    const channel = asObject(rss.channel) ?? rss;
    const outlet = textOf(channel.title);
    for (const [n, item] of [...asList(channel.item), ...asList(rss.item)].entries()) {
      const html = textOf(item['content:encoded']) ?? textOf(item.description) ?? '';
      items.push({
        origin: `${origin}#item${n + 1}`,
        text: htmlToText(html),
        title: textOf(item.title),
        url: textOf(item.link) ?? textOf(item.guid),
        published: textOf(item.pubDate) ?? textOf(item['dc:date']),
        byline: textOf(item['dc:creator']) ?? textOf(item.author),
        source: outlet,
      });
    }
  } else if (atom) {
    const outlet = textOf(atom.title);
    for (const [n, entry] of asList(atom.entry).entries()) {
      const links = asList(entry.link);
      const alternate = links.find((l) => textOf(l['@rel']) === 'alternate' || l['@rel'] === undefined) ?? links[0];
      const content = entry.content ?? entry.summary;
      const type = textOf(asObject(content)?.['@type']);
      const raw = textOf(content) ?? '';
      items.push({
        origin: `${origin}#entry${n + 1}`,
        text: type === 'text' ? raw : htmlToText(raw),
        title: textOf(entry.title),
        url: alternate ? textOf(alternate['@href']) : undefined,
        published: textOf(entry.published) ?? textOf(entry.updated),
        byline: textOf(asObject(entry.author)?.name),
        source: outlet,
      });
    }
  }
  if (items.length === 0) throw new IngestError(origin, 'feed has no items');
  return items.map((fields): ReadResult => {
    try {
      return { ok: true, ...makeDocument(fields) };
    } catch (error) {
      return readFailure(fields.origin, error);
    }
  });
}
