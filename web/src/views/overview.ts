// Overview: every event in the archive on the offline map (colour = event
// type, size = geo-precision), a timeline histogram by day, and filters by
// date, type, actor and claim status. Each event links to its span.
import { api, type EventView } from '../api.ts';
import { append, clear, h, spanHref, statusBadge, svg } from '../dom.ts';
import { createEventMap } from '../map.ts';
import { typeColour, typeLabel } from '../palette.ts';

interface Filter {
  from: string;
  to: string;
  type: string;
  actor: string;
  status: string;
}

function actorsOf(e: EventView): string[] {
  const out: string[] = [];
  for (const a of [e.actor1, e.actor2]) if (a) out.push(a.actor ?? a.text);
  return out;
}

function matches(e: EventView, f: Filter): boolean {
  if (f.from && (!e.date || e.date < f.from)) return false;
  if (f.to && (!e.date || e.date > f.to)) return false;
  if (f.type && e.type !== f.type) return false;
  if (f.actor && !actorsOf(e).includes(f.actor)) return false;
  if (f.status && e.status !== f.status) return false;
  return true;
}

function select(
  name: string,
  label: string,
  values: string[],
  onChange: (v: string) => void,
  show: (v: string) => string = (v) => v,
): HTMLElement {
  const sel = h(
    'select',
    { name, 'aria-label': label, on: { change: () => onChange(sel.value) } },
    h('option', { value: '' }, `all ${label}`),
    ...values.map((v) => h('option', { value: v }, show(v))),
  );
  return h('label', { class: 'filter' }, sel);
}

const DAY = 86_400_000;

function timeline(events: EventView[], onPick: (date: string) => void): SVGSVGElement {
  const dated = events.filter((e) => e.date);
  const width = 900;
  const height = 110;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img', 'aria-label': 'events per day' });
  if (dated.length === 0) {
    chart.appendChild(svg('text', { x: 10, y: 60, class: 'muted' }));
    (chart.lastChild as SVGTextElement).textContent = 'No dated events.';
    return chart;
  }
  const days = dated.map((e) => Date.parse(`${e.date}T00:00:00Z`));
  let min = Math.min(...days) - 3 * DAY;
  let max = Math.max(...days) + 3 * DAY;
  if (max - min < 14 * DAY) {
    const mid = (min + max) / 2;
    min = mid - 7 * DAY;
    max = mid + 7 * DAY;
  }
  const n = Math.round((max - min) / DAY) + 1;
  const buckets: Array<Map<string, number>> = Array.from({ length: n }, () => new Map());
  for (const e of dated) {
    const i = Math.round((Date.parse(`${e.date}T00:00:00Z`) - min) / DAY);
    const b = buckets[i];
    if (b) b.set(e.type, (b.get(e.type) ?? 0) + 1);
  }
  const peak = Math.max(1, ...buckets.map((b) => [...b.values()].reduce((s, v) => s + v, 0)));
  const barW = (width - 20) / n;
  const plotH = height - 24;
  buckets.forEach((b, i) => {
    const date = new Date(min + i * DAY).toISOString().slice(0, 10);
    let y = plotH;
    const g = svg('g', { class: 'bar', 'data-date': date });
    const title = svg('title');
    const total = [...b.values()].reduce((s, v) => s + v, 0);
    title.textContent = `${date}: ${total} event${total === 1 ? '' : 's'}`;
    g.appendChild(title);
    g.appendChild(svg('rect', { x: 10 + i * barW, y: 0, width: barW, height: plotH, fill: 'transparent' }));
    for (const [type, count] of b) {
      const hgt = (count / peak) * (plotH - 6);
      y -= hgt;
      g.appendChild(
        svg('rect', { x: 10 + i * barW + 1, y, width: Math.max(1, barW - 2), height: hgt, fill: typeColour(type), 'data-type': type }),
      );
    }
    g.addEventListener('click', () => onPick(date));
    chart.appendChild(g);
    if (i % Math.ceil(n / 8) === 0) {
      const label = svg('text', { x: 10 + i * barW, y: height - 6, class: 'tick' });
      label.textContent = date;
      chart.appendChild(label);
    }
  });
  chart.appendChild(svg('line', { x1: 10, x2: width - 10, y1: plotH, y2: plotH, stroke: '#999' }));
  return chart;
}

export async function overview(root: HTMLElement): Promise<void> {
  const { events } = await api.events();
  const filter: Filter = { from: '', to: '', type: '', actor: '', status: '' };
  const types = [...new Set(events.map((e) => e.type))].sort();
  const actors = [...new Set(events.flatMap(actorsOf))].sort();
  const statuses = [...new Set(events.map((e) => e.status))].sort();

  const eventMap = createEventMap();
  const chartBox = h('div', { class: 'timeline-box' });
  const table = h('tbody');
  const count = h('span', { class: 'count', id: 'event-count' });
  const legend = h(
    'div',
    { class: 'legend' },
    ...types.map((t) =>
      h('span', { class: 'legend-item' }, h('span', { class: 'swatch', style: { background: typeColour(t) } }), typeLabel(t)),
    ),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch ring small' }), 'town'),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch ring medium' }), 'region'),
    h('span', { class: 'legend-item' }, h('span', { class: 'swatch ring large' }), 'country / area'),
  );
  const fromInput = h('input', { type: 'date', name: 'from', 'aria-label': 'from date' });
  const toInput = h('input', { type: 'date', name: 'to', 'aria-label': 'to date' });

  const refresh = (): void => {
    const shown = events.filter((e) => matches(e, filter));
    const unlocated = shown.filter((e) => !e.point).length;
    count.textContent = `${shown.length} of ${events.length} events${unlocated ? ` (${unlocated} without a resolved place)` : ''}`;
    eventMap.show(shown);
    clear(chartBox);
    chartBox.appendChild(
      timeline(shown, (date) => {
        filter.from = date;
        filter.to = date;
        fromInput.value = date;
        toInput.value = date;
        refresh();
      }),
    );
    clear(table);
    for (const e of shown) {
      append(
        table,
        h(
          'tr',
          { data: { event: e.id, document: e.document } },
          h('td', {}, e.date ?? ''),
          h(
            'td',
            {},
            h('span', { class: 'swatch', style: { background: typeColour(e.type) } }),
            `${typeLabel(e.type)} / ${typeLabel(e.subType)}`,
          ),
          h('td', {}, [e.actor1?.text, e.actor2?.text].filter(Boolean).join(' → ')),
          h('td', {}, e.point ? `${e.point.name} (p${e.point.precision})` : (e.location?.text ?? '')),
          h('td', {}, statusBadge(e.status)),
          h(
            'td',
            {},
            h('a', { href: spanHref(e.document, e.trigger.span) }, e.trigger.text),
            ' ',
            h('span', { class: 'muted' }, e.documentTitle ?? e.document),
          ),
        ),
      );
    }
  };

  const set = (k: keyof Filter) => (v: string) => {
    filter[k] = v;
    refresh();
  };
  fromInput.addEventListener('change', () => set('from')(fromInput.value));
  toInput.addEventListener('change', () => set('to')(toInput.value));
  const filters = h(
    'form',
    { class: 'filters', on: { submit: (e) => e.preventDefault() } },
    h('label', { class: 'filter' }, 'from ', fromInput),
    h('label', { class: 'filter' }, 'to ', toInput),
    select('type', 'types', types, set('type'), typeLabel),
    select('actor', 'actors', actors, set('actor')),
    select('status', 'statuses', statuses, set('status')),
    h(
      'button',
      {
        type: 'reset',
        on: {
          click: () => {
            Object.assign(filter, { from: '', to: '', type: '', actor: '', status: '' });
            queueMicrotask(refresh);
          },
        },
      },
      'reset',
    ),
    count,
  );

  append(
    root,
    h('h2', {}, 'Overview'),
    filters,
    h('div', { class: 'map-wrap' }, eventMap.element, legend),
    chartBox,
    h(
      'table',
      { class: 'events' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'date'),
          h('th', {}, 'type'),
          h('th', {}, 'actors'),
          h('th', {}, 'place'),
          h('th', {}, 'status'),
          h('th', {}, 'source span'),
        ),
      ),
      table,
    ),
  );
  await eventMap.ready;
  refresh();
}
