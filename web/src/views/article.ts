// Article view: one stored document with its annotation layers; the route's
// `?span=start-end` highlights and scrolls to the fact another view linked.
import { api } from '../api.ts';
import { renderArticle } from '../article.ts';
import { append, h, spanHref } from '../dom.ts';

export async function articleView(root: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  const x = await api.document(id);
  const m = /^(\d+)-(\d+)$/.exec(params.get('span') ?? '');
  const focus = m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
  const d = x.document;
  const view = renderArticle(x, { linkFor: (span) => spanHref(d.id, span), ...(focus ? { focus } : {}) });
  append(
    root,
    h('h2', { class: 'doc-title' }, d.title ?? d.id),
    h(
      'p',
      { class: 'muted doc-meta' },
      [d.source, d.published, d.language, d.origin].filter(Boolean).join(' · '),
      d.url ? ' · ' : '',
      d.url ? h('a', { href: d.url }, 'original') : '',
    ),
    view.element,
  );
}
