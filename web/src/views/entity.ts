// Entity/actor page: every mention across the archive, the claims it made
// and the claims made about it, and events it took part in.
import { api, type EntitySummary } from '../api.ts';
import { append, clear, h, spanHref, statusBadge } from '../dom.ts';
import { claimCard } from './claims.ts';

function entityLink(e: EntitySummary): HTMLElement {
  return h('a', { href: `#/entity/${encodeURIComponent(e.id)}` }, e.name);
}

export async function entityList(root: HTMLElement): Promise<void> {
  const { entities } = await api.entities();
  const body = h('tbody');
  const render = (q: string): void => {
    clear(body);
    for (const e of entities.filter(
      (x) => !q || x.name.toLowerCase().includes(q.toLowerCase()) || x.id.toLowerCase().includes(q.toLowerCase()),
    )) {
      append(
        body,
        h(
          'tr',
          { data: { entity: e.id } },
          h('td', {}, entityLink(e)),
          h('td', {}, h('span', { class: `ent ent-${e.type} chip` }, e.type)),
          h('td', {}, e.actor ?? ''),
          h('td', {}, e.mentions),
          h('td', {}, e.documents),
        ),
      );
    }
  };
  const search = h('input', { type: 'search', placeholder: 'filter entities', on: { input: () => render(search.value) } });
  append(
    root,
    h('h2', {}, 'Entities and actors'),
    h('form', { class: 'filters', on: { submit: (e) => e.preventDefault() } }, search),
    h(
      'table',
      { class: 'entities' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'name'), h('th', {}, 'type'), h('th', {}, 'actor'), h('th', {}, 'mentions'), h('th', {}, 'documents')),
      ),
      body,
    ),
  );
  render('');
}

export async function entityPage(root: HTMLElement, id: string): Promise<void> {
  const d = await api.entity(id);
  const e = d.entity;
  append(
    root,
    h('h2', {}, e.name, ' ', h('span', { class: `ent ent-${e.type} chip` }, e.type)),
    h(
      'p',
      { class: 'muted' },
      `${e.actor ? `actor ${e.actor} · ` : ''}${e.mentions} mentions in ${e.documents} document${e.documents === 1 ? '' : 's'}`,
    ),
    h('h3', {}, `Claims by ${e.name} (${d.claimsBy.length})`),
    d.claimsBy.length ? h('div', { class: 'cards' }, ...d.claimsBy.map(claimCard)) : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, `Claims about ${e.name} (${d.claimsAbout.length})`),
    d.claimsAbout.length ? h('div', { class: 'cards' }, ...d.claimsAbout.map(claimCard)) : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, `Events (${d.events.length})`),
    d.events.length
      ? h(
          'ul',
          {},
          ...d.events.map((ev) =>
            h(
              'li',
              {},
              statusBadge(ev.status),
              ` ${ev.date ?? ''} ${ev.type} / ${ev.subType}: `,
              h('a', { href: spanHref(ev.document, ev.trigger.span) }, ev.trigger.text),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'None.'),
    h('h3', {}, `Mentions (${d.mentions.length})`),
    h(
      'ul',
      { class: 'mentions' },
      ...d.mentions.map((m) =>
        h(
          'li',
          { data: { mention: m.id } },
          h('a', { href: spanHref(m.document, m.span) }, m.text),
          ' — ',
          h('span', { class: 'muted' }, m.sentence),
          ' ',
          h('span', { class: 'muted small' }, m.documentTitle ?? m.document),
        ),
      ),
    ),
  );
}
