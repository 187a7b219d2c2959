// Renders one analysed document: its text with the annotation layers
// (entities, claim source/cue/content, events, places, times) as toggleable
// highlights, a details panel for what was clicked, and side lists of claims,
// events and entities that jump to their spans. Used by the article view and
// the paste box. The text only ever enters the DOM as Text nodes.
import type { Extraction } from './api.ts';
import { append, clear, h, pct, statusBadge } from './dom.ts';
import { typeColour, typeLabel } from './palette.ts';

type Span = { start: number; end: number };

type Layer = 'entities' | 'claims' | 'events' | 'places' | 'times';
export const LAYER_NAMES: readonly Layer[] = ['entities', 'claims', 'events', 'places', 'times'];

interface Annotation {
  id: string;
  layer: Layer;
  span: Span;
  classes: string[];
  status?: string;
  /** One line for the tooltip. */
  summary: string;
  /** Label/value rows for the details panel. */
  rows: Array<[string, string]>;
  entityKey?: string;
}

function provenanceRows(p: {
  stage: string;
  model?: string | undefined;
  rule?: string | undefined;
  confidence: number;
}): Array<[string, string]> {
  const rows: Array<[string, string]> = [['stage', p.stage]];
  if (p.model) rows.push(['model', p.model]);
  if (p.rule) rows.push(['rule', p.rule]);
  rows.push(['confidence', pct(p.confidence)]);
  return rows;
}

function entityKey(m: { actor?: string | undefined; text: string }): string {
  if (m.actor) return m.actor;
  const name = m.text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']s$/u, '')
    .replace(/^the\s+/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return `name:${name}`;
}

export function annotations(x: Extraction): Annotation[] {
  const out: Annotation[] = [];
  for (const m of x.entities) {
    out.push({
      id: m.id,
      layer: 'entities',
      span: m.span,
      classes: ['ent', `ent-${m.type}`],
      summary: `${m.type}${m.actor ? ` · ${m.actor}` : ''} · ${pct(m.provenance.confidence)}`,
      rows: [
        ['entity', m.type],
        ['text', m.text],
        ...(m.actor ? ([['actor', m.actor]] as Array<[string, string]>) : []),
        ...(m.title ? ([['title', m.title.text]] as Array<[string, string]>) : []),
        ...(m.chain ? ([['chain', m.chain]] as Array<[string, string]>) : []),
        ...provenanceRows(m.provenance),
      ],
      entityKey: entityKey(m),
    });
  }
  for (const c of x.claims) {
    const common: Array<[string, string]> = [
      ['status', c.status],
      ['source', c.source.text],
      ['cue', c.cue.text],
      ['content', c.content.text],
      ['direct quote', c.direct ? 'yes' : 'no'],
      ...(c.negated ? ([['negated', 'yes']] as Array<[string, string]>) : []),
      ...provenanceRows(c.provenance),
    ];
    if (c.source.span) {
      out.push({
        id: `${c.id}/source`,
        layer: 'claims',
        span: c.source.span,
        classes: ['claim-source'],
        status: c.status,
        summary: `claim source · ${c.status}`,
        rows: [['claim part', 'source'], ...common],
      });
    }
    out.push({
      id: `${c.id}/cue`,
      layer: 'claims',
      span: c.cue.span,
      classes: ['claim-cue'],
      status: c.status,
      summary: `claim cue “${c.cue.lemma}” · ${c.status} · ${pct(c.provenance.confidence)}`,
      rows: [['claim part', 'cue'], ...common],
    });
    out.push({
      id: `${c.id}/content`,
      layer: 'claims',
      span: c.content.span,
      classes: ['claim-content'],
      status: c.status,
      summary: `claim content · ${c.status}`,
      rows: [['claim part', 'content'], ...common],
    });
  }
  for (const e of x.events) {
    out.push({
      id: e.id,
      layer: 'events',
      span: e.trigger.span,
      classes: ['event'],
      status: e.status,
      summary: `${typeLabel(e.type)} / ${typeLabel(e.subType)} · ${pct(e.provenance.confidence)}`,
      rows: [
        ['event', e.type],
        ['sub-event', e.subType],
        ['CAMEO', e.cameo],
        ...(e.actor1 ? ([['actor 1', e.actor1.text]] as Array<[string, string]>) : []),
        ...(e.actor2 ? ([['actor 2', e.actor2.text]] as Array<[string, string]>) : []),
        ...(e.location ? ([['location', e.location.text]] as Array<[string, string]>) : []),
        ...(e.time ? ([['date', `${e.time.value} (${e.time.precision})`]] as Array<[string, string]>) : []),
        ...e.quantities.map((q): [string, string] => [q.kind, q.text]),
        ['modality', e.modality],
        ['status', e.status],
        ...(e.negated ? ([['negated', 'yes']] as Array<[string, string]>) : []),
        ...provenanceRows(e.provenance),
      ],
    });
  }
  for (const p of x.places) {
    const r = p.resolved;
    out.push({
      id: p.id,
      layer: 'places',
      span: p.span,
      classes: ['place', r ? `precision-${r.precision}` : 'unresolved'],
      summary: r ? `${r.name} (${r.kind}, ${r.country}) ${r.lat.toFixed(2)}, ${r.lon.toFixed(2)}` : 'place not in gazetteer',
      rows: [
        ['place', p.text],
        ...(r
          ? ([
              ['resolved', `${r.name} (${r.kind})`],
              ['country', r.country],
              ['coordinates', `${r.lat.toFixed(4)}, ${r.lon.toFixed(4)}`],
              ['geo precision', String(r.precision)],
            ] as Array<[string, string]>)
          : ([['resolved', 'no']] as Array<[string, string]>)),
        ...provenanceRows(p.provenance),
      ],
    });
  }
  for (const t of x.times) {
    out.push({
      id: t.id,
      layer: 'times',
      span: t.span,
      classes: ['time'],
      summary: `${t.value} (${t.precision})`,
      rows: [['time', t.text], ['value', t.value], ['precision', t.precision], ...provenanceRows(t.provenance)],
    });
  }
  return out;
}

export interface ArticleView {
  element: HTMLElement;
  focus(span: Span): void;
}

export interface ArticleOptions {
  /** Where a side-list item links: a route for stored documents, none for pasted text. */
  linkFor?: (span: Span) => string;
  focus?: Span;
}

export function renderArticle(x: Extraction, options: ArticleOptions = {}): ArticleView {
  const text = x.document.text;
  const anns = annotations(x);
  const bounds = new Set<number>([0, text.length]);
  for (const a of anns) {
    bounds.add(Math.max(0, Math.min(a.span.start, text.length)));
    bounds.add(Math.max(0, Math.min(a.span.end, text.length)));
  }
  // A linked span gets its own cuts, so it can be marked even where no layer has a highlight.
  const linked = options.focus;
  if (linked) {
    bounds.add(Math.max(0, Math.min(linked.start, text.length)));
    bounds.add(Math.max(0, Math.min(linked.end, text.length)));
  }
  const cuts = [...bounds].sort((a, b) => a - b);

  const details = h(
    'aside',
    { class: 'details', 'aria-label': 'annotation details' },
    h('p', { class: 'muted' }, 'Click a highlight to see its type, provenance and confidence.'),
  );
  const body = h('div', { class: 'article-text', id: 'article-text' });
  const segments: Array<{ el: HTMLElement; span: Span }> = [];

  const showDetails = (covering: Annotation[]): void => {
    clear(details);
    for (const a of covering) {
      const dl = h('dl', { class: 'ann-detail', data: { ann: a.id } });
      for (const [k, v] of a.rows) append(dl, h('dt', {}, k), h('dd', {}, v));
      const card = h('div', { class: `ann-card layer-${a.layer}` }, h('h4', {}, a.summary), dl);
      if (a.entityKey) append(card, h('a', { href: `#/entity/${encodeURIComponent(a.entityKey)}` }, 'entity page →'));
      append(details, card);
    }
  };

  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    const piece = text.slice(start, end);
    const covering = anns.filter((a) => a.span.start <= start && a.span.end >= end && a.span.end > a.span.start);
    const inLinked = linked !== undefined && start >= linked.start && end <= linked.end;
    if (covering.length === 0 && !inLinked) {
      body.appendChild(document.createTextNode(piece));
      continue;
    }
    const classes = new Set<string>(['seg']);
    const statuses = new Set<string>();
    for (const a of covering) {
      classes.add(`layer-${a.layer}`);
      for (const c of a.classes) classes.add(c);
      if (a.layer === 'claims' && a.status) statuses.add(a.status);
    }
    const el = h(
      'span',
      {
        class: [...classes].join(' '),
        ...(covering.length ? { title: covering.map((a) => a.summary).join('\n') } : {}),
        tabindex: '0',
        data: {
          ann: covering.map((a) => a.id).join(' '),
          claimStatus: statuses.size > 0 ? [...statuses].join(' ') : undefined,
          start,
          end,
        },
        on: {
          click: () => showDetails(covering),
          keydown: (e) => {
            if (e.key === 'Enter') showDetails(covering);
          },
        },
      },
      piece,
    );
    body.appendChild(el);
    segments.push({ el, span: { start, end } });
  }

  const toggles = h('div', { class: 'layer-toggles', role: 'group', 'aria-label': 'layers' }, 'Layers: ');
  const textWrap = h('div', { class: 'article-wrap' }, toggles, body);
  for (const layer of LAYER_NAMES) {
    const count = anns.filter((a) => a.layer === layer).length;
    const box = h('input', {
      type: 'checkbox',
      checked: true,
      data: { layer },
      on: { change: () => textWrap.classList.toggle(`hide-${layer}`, !box.checked) },
    });
    append(toggles, h('label', { class: `toggle toggle-${layer}` }, box, ` ${layer} (${count})`));
  }

  const focus = (span: Span): void => {
    let first: HTMLElement | undefined;
    for (const s of segments) {
      const on = s.span.start < span.end && span.start < s.span.end;
      s.el.classList.toggle('focus', on);
      if (on && !first) first = s.el;
    }
    if (first) {
      first.scrollIntoView({ block: 'center' });
      showDetails(anns.filter((a) => a.span.start <= span.start && a.span.end >= span.end));
    }
  };

  const jump = (span: Span, label: Node | string): HTMLElement =>
    options.linkFor
      ? h('a', { href: options.linkFor(span), class: 'jump' }, label)
      : h('button', { type: 'button', class: 'jump link', on: { click: () => focus(span) } }, label);

  const claimList = h(
    'ul',
    { class: 'side-claims' },
    ...x.claims.map((c) =>
      h(
        'li',
        { data: { claim: c.id, status: c.status } },
        statusBadge(c.status),
        ' ',
        h('strong', {}, c.source.text || '(implicit)'),
        ' ',
        jump(c.cue.span, c.cue.text),
        ': ',
        h('span', { class: 'content' }, c.content.text),
      ),
    ),
  );
  const eventList = h(
    'ul',
    { class: 'side-events' },
    ...x.events.map((e) =>
      h(
        'li',
        { data: { event: e.id, type: e.type } },
        h('span', { class: 'type-dot', data: { type: e.type }, style: { background: typeColour(e.type) } }),
        jump(e.trigger.span, e.trigger.text),
        ` ${typeLabel(e.type)} / ${typeLabel(e.subType)}`,
        e.location ? ` @ ${e.location.text}` : '',
        e.time ? ` · ${e.time.value}` : '',
      ),
    ),
  );
  const byKey = new Map<string, { name: string; type: string; count: number; first: Span }>();
  for (const m of x.entities) {
    const key = entityKey(m);
    const prev = byKey.get(key);
    if (prev) prev.count++;
    else byKey.set(key, { name: m.text, type: m.type, count: 1, first: m.span });
  }
  const entityList = h(
    'ul',
    { class: 'side-entities' },
    ...[...byKey.entries()].map(([key, v]) =>
      h(
        'li',
        { data: { entity: key, type: v.type } },
        h('span', { class: `ent ent-${v.type} chip` }, v.type),
        ' ',
        h('a', { href: `#/entity/${encodeURIComponent(key)}` }, v.name),
        key.startsWith('name:') ? '' : h('span', { class: 'muted small' }, ` ${key}`),
        ` ×${v.count} `,
        jump(v.first, '↧'),
      ),
    ),
  );

  const side = h(
    'div',
    { class: 'article-side' },
    details,
    h('h3', {}, `Claims (${x.claims.length})`),
    x.claims.length ? claimList : h('p', { class: 'muted' }, 'No claims found.'),
    h('h3', {}, `Events (${x.events.length})`),
    x.events.length ? eventList : h('p', { class: 'muted' }, 'No events found.'),
    h('h3', {}, `Entities (${byKey.size})`),
    byKey.size ? entityList : h('p', { class: 'muted' }, 'No entities found.'),
  );
  const element = h('div', { class: 'article' }, textWrap, side);
  if (options.focus) {
    const f = options.focus;
    queueMicrotask(() => focus(f));
  }
  return { element, focus };
}
