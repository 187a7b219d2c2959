// Claims board: who claims what, with what status, and beside each claim the
// claims from other sources that corroborate or contradict it. Every claim
// links to its cue in the article view.
import { api, type ClaimView } from '../api.ts';
import { append, clear, h, spanHref, statusBadge } from '../dom.ts';

export function claimCard(c: ClaimView): HTMLElement {
  return h(
    'div',
    { class: 'claim-card', data: { claim: c.id, status: c.status } },
    h(
      'div',
      { class: 'claim-head' },
      statusBadge(c.status),
      ' ',
      c.source.actor
        ? h('a', { href: `#/entity/${encodeURIComponent(c.source.actor)}`, class: 'who' }, c.source.text)
        : h('strong', { class: 'who' }, c.source.text || '(implicit source)'),
      ' ',
      h('a', { href: spanHref(c.document, c.cue.span), class: 'cue' }, c.cue.text),
    ),
    h('blockquote', { class: c.direct ? 'direct' : 'reported' }, c.content.text),
    h('div', { class: 'muted small' }, [c.outlet, c.published, c.documentTitle ?? c.document].filter(Boolean).join(' · ')),
  );
}

export async function claimsBoard(root: HTMLElement): Promise<void> {
  const { groups } = await api.claims();
  const statuses = [...new Set(groups.flatMap((g) => g.claims.map((c) => c.status)))].sort();
  const rows = h('div', { class: 'board-rows' });
  const filter = { status: '', q: '' };
  const render = (): void => {
    clear(rows);
    const q = filter.q.toLowerCase();
    const shown = groups.filter(
      (g) =>
        (!filter.status || g.claims.some((c) => c.status === filter.status)) &&
        (!q || g.claims.some((c) => `${c.source.text} ${c.cue.text} ${c.content.text}`.toLowerCase().includes(q))),
    );
    for (const g of shown) {
      append(
        rows,
        h(
          'div',
          { class: 'board-row', data: { group: g.id } },
          h('div', { class: 'col' }, ...g.claims.map(claimCard)),
          h(
            'div',
            { class: 'col corroborating' },
            ...(g.corroborating.length ? g.corroborating.map(claimCard) : [h('p', { class: 'muted' }, '—')]),
          ),
          h(
            'div',
            { class: 'col contradicting' },
            ...(g.contradicting.length ? g.contradicting.map(claimCard) : [h('p', { class: 'muted' }, '—')]),
          ),
        ),
      );
    }
    if (shown.length === 0) append(rows, h('p', { class: 'muted' }, 'No claims match.'));
  };
  const sel = h(
    'select',
    {
      name: 'status',
      'aria-label': 'claim status',
      on: {
        change: () => {
          filter.status = sel.value;
          render();
        },
      },
    },
    h('option', { value: '' }, 'all statuses'),
    ...statuses.map((s) => h('option', { value: s }, s)),
  );
  const search = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'filter by source or text',
    on: {
      input: () => {
        filter.q = search.value;
        render();
      },
    },
  });
  append(
    root,
    h('h2', {}, 'Claims board'),
    h('form', { class: 'filters', on: { submit: (e) => e.preventDefault() } }, sel, search),
    h(
      'div',
      { class: 'board-head' },
      h('div', {}, 'Claim (source · cue · content)'),
      h('div', {}, 'Corroborating'),
      h('div', {}, 'Contradicting'),
    ),
    rows,
  );
  render();
}
