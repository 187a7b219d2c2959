// Documents: the archive's articles, with full-text search.
import { api, type DocumentSummary, type SearchHit } from '../api.ts';
import { append, clear, h, spanHref } from '../dom.ts';

/** The store marks matches with « »; they become <mark> elements, the rest stays text. */
function snippet(text: string): HTMLElement {
  const el = h('div', { class: 'snippet' });
  text.split(/([«»])/).reduce((inside, part) => {
    if (part === '«') return true;
    if (part === '»') return false;
    append(el, inside ? h('mark', {}, part) : part);
    return inside;
  }, false);
  return el;
}

function hitRow(hit: SearchHit): HTMLElement {
  return h(
    'li',
    { data: { document: hit.documentId } },
    h('a', { href: spanHref(hit.documentId, hit.span) }, hit.title ?? hit.documentId),
    h('div', { class: 'muted small' }, [hit.source, hit.published].filter(Boolean).join(' · ')),
    snippet(hit.snippet),
  );
}

function row(d: DocumentSummary): HTMLElement {
  return h(
    'li',
    { data: { document: d.id } },
    h('a', { href: `#/doc/${encodeURIComponent(d.id)}` }, d.title ?? d.id),
    h(
      'div',
      { class: 'muted small' },
      [d.source, d.published, `${d.counts.entities} entities · ${d.counts.claims} claims · ${d.counts.events} events`]
        .filter(Boolean)
        .join(' · '),
    ),
  );
}

export async function documentList(root: HTMLElement): Promise<void> {
  const list = h('ul', { class: 'documents' });
  const show = async (q: string): Promise<void> => {
    clear(list);
    if (q.trim()) {
      const { hits } = await api.search(q);
      for (const hit of hits) append(list, hitRow(hit));
      if (hits.length === 0) append(list, h('li', { class: 'muted' }, 'No matches.'));
    } else {
      const { documents } = await api.documents();
      for (const d of documents) append(list, row(d));
    }
  };
  const search = h('input', { type: 'search', name: 'q', placeholder: 'search the archive' });
  append(
    root,
    h('h2', {}, 'Documents'),
    h(
      'form',
      {
        class: 'filters',
        on: {
          submit: (e) => {
            e.preventDefault();
            void show(search.value);
          },
        },
      },
      search,
      h('button', { type: 'submit' }, 'search'),
    ),
    list,
  );
  await show('');
}
