// The offline map: MapLibre GL drawing Natural Earth country polygons from
// the world-atlas package (1:50m, converted from TopoJSON in the browser).
// No tiles, no glyphs, nothing fetched from the internet: labels are HTML
// markers, so the style needs no font server.

import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { feature } from 'topojson-client';
import countriesUrl from 'world-atlas/countries-50m.json?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { EventView } from './api.ts';
import { h, spanHref, statusBadge } from './dom.ts';
import { typeColour, typeLabel } from './palette.ts';

maplibregl.setWorkerUrl(workerUrl);

let countries: Promise<GeoJSON.FeatureCollection> | undefined;

function loadCountries(): Promise<GeoJSON.FeatureCollection> {
  countries ??= fetch(countriesUrl)
    .then((r) => r.json())
    .then((topo: TopoJSON.Topology) => feature(topo, topo.objects.countries as TopoJSON.GeometryCollection) as GeoJSON.FeatureCollection);
  return countries;
}

/** A label point per country, on its largest polygon. */
function countryLabels(fc: GeoJSON.FeatureCollection): Array<{ name: string; at: [number, number] }> {
  const out: Array<{ name: string; at: [number, number] }> = [];
  for (const f of fc.features) {
    const name = (f.properties as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    let best: { area: number; at: [number, number] } | undefined;
    for (const poly of polygons) {
      const ring = poly[0] ?? [];
      const xs = ring.map((c) => c[0] ?? 0);
      const ys = ring.map((c) => c[1] ?? 0);
      const area = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
      // The mean of the vertices, not the box centre: Russia's box spans the antimeridian.
      const at: [number, number] = [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length];
      if (!best || area > best.area) best = { area, at };
    }
    // Tiny countries would only clutter the map.
    if (!best || best.area <= 4) continue;
    if (best.area < 2000) {
      out.push({ name, at: best.at });
      continue;
    }
    // A country as wide as Russia gets a label every 40° of longitude, so one is near the events.
    const ring = polygons.reduce((a, b) => ((b[0]?.length ?? 0) > (a[0]?.length ?? 0) ? b : a))[0] ?? [];
    const bands = new Map<number, { x: number; y: number; n: number }>();
    for (const [x = 0, y = 0] of ring) {
      const band = Math.floor(x / 40);
      const b = bands.get(band) ?? { x: 0, y: 0, n: 0 };
      bands.set(band, { x: b.x + x, y: b.y + y, n: b.n + 1 });
    }
    for (const b of bands.values()) if (b.n > 50) out.push({ name, at: [b.x / b.n, b.y / b.n - 3] });
  }
  return out;
}

export interface EventMap {
  element: HTMLElement;
  show(events: EventView[]): void;
  ready: Promise<void>;
}

/** Marker radius by ACLED geo-precision: a town is a dot, a region or country a wide ring. */
const RADIUS: Record<1 | 2 | 3, number> = { 1: 8, 2: 12, 3: 16 };

export function createEventMap(): EventMap {
  const element = h('div', { class: 'map', id: 'map', 'aria-label': 'map of events' });
  const map = new maplibregl.Map({
    container: element,
    style: {
      version: 8,
      sources: {},
      layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dfe9f0' } }],
    },
    center: [35, 50],
    zoom: 3,
    attributionControl: { compact: true, customAttribution: 'Natural Earth via world-atlas' },
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  // Browser tests read the map's rendered features through this handle.
  (window as unknown as { sitrepMap?: maplibregl.Map }).sitrepMap = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  let markers: maplibregl.Marker[] = [];

  const ready = new Promise<void>((resolve) => {
    map.on('load', () => {
      void loadCountries().then((fc) => {
        map.addSource('countries', { type: 'geojson', data: fc });
        map.addLayer({ id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': '#f6f3ea' } });
        map.addLayer({
          id: 'borders',
          type: 'line',
          source: 'countries',
          paint: { 'line-color': '#9a9a9a', 'line-width': 0.8 },
        });
        for (const label of countryLabels(fc)) {
          new maplibregl.Marker({ element: h('div', { class: 'country-label' }, label.name) }).setLngLat(label.at).addTo(map);
        }
        element.dataset.ready = 'true';
        resolve();
      });
    });
  });

  const show = (events: EventView[]): void => {
    for (const m of markers) m.remove();
    markers = [];
    // One marker per place: a pie of its event types, the count inside, the events in its popup.
    const byPlace = new Map<string, { point: NonNullable<EventView['point']>; events: EventView[] }>();
    for (const e of events) {
      if (!e.point) continue;
      const key = `${e.point.lat.toFixed(3)},${e.point.lon.toFixed(3)},${e.point.precision}`;
      const group = byPlace.get(key) ?? { point: e.point, events: [] };
      group.events.push(e);
      byPlace.set(key, group);
    }
    const bounds = new maplibregl.LngLatBounds();
    // Frame the precise events: a country-level point (Russia's centroid is in Siberia) would zoom the map out to a continent.
    const groups = [...byPlace.values()].sort((a, b) => b.point.precision - a.point.precision);
    const precise = groups.some((g) => g.point.precision < 3);
    for (const { point: p, events: here } of groups) {
      const counts = new Map<string, number>();
      for (const e of here) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
      const types = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      let acc = 0;
      const stops = types.map(([type, n]) => {
        const from = (acc / here.length) * 360;
        acc += n;
        return `${typeColour(type)} ${from}deg ${(acc / here.length) * 360}deg`;
      });
      const r = RADIUS[p.precision] + Math.min(6, here.length - 1);
      const attributed = here.every((e) => e.status !== 'asserted' && e.status !== 'reported');
      const dot = h(
        'div',
        {
          class: `event-marker precision-${p.precision}${attributed ? ' attributed' : ''}`,
          title: `${p.name} (geo-precision ${p.precision}): ${types.map(([t, n]) => `${n} ${typeLabel(t)}`).join(', ')}`,
          role: 'button',
          'aria-label': `${here.length} events at ${p.name}`,
          data: { type: types[0]?.[0], precision: p.precision, place: p.name, count: here.length },
          style: { width: `${2 * r}px`, height: `${2 * r}px`, background: `conic-gradient(${stops.join(', ')})`, borderColor: '#fff' },
        },
        here.length > 1 ? h('span', { class: 'count' }, here.length) : null,
        p.precision < 3 ? h('span', { class: 'place-label' }, p.name) : null,
      );
      const popup = new maplibregl.Popup({ offset: r, maxWidth: '360px' }).setDOMContent(
        h(
          'div',
          { class: 'popup' },
          h('strong', {}, `${p.name} · ${here.length} event${here.length === 1 ? '' : 's'}`),
          h(
            'ul',
            {},
            ...here.map((e) =>
              h(
                'li',
                { data: { event: e.id } },
                h('span', { class: 'swatch', style: { background: typeColour(e.type) } }),
                `${e.date ?? 'undated'} ${typeLabel(e.subType)} `,
                statusBadge(e.status),
                ' ',
                h('a', { href: spanHref(e.document, e.trigger.span) }, `“${e.trigger.text}”`),
              ),
            ),
          ),
        ),
      );
      markers.push(new maplibregl.Marker({ element: dot }).setLngLat([p.lon, p.lat]).setPopup(popup).addTo(map));
      if (!precise || p.precision < 3) bounds.extend([p.lon, p.lat]);
    }
    element.dataset.markers = String(markers.length);
    element.dataset.idle = 'false';
    if (groups.length > 0) map.fitBounds(bounds, { padding: 80, maxZoom: 4.5, duration: 0 });
    // Tiling 1:50m polygons takes a moment under software WebGL; tests wait for this.
    map.once('idle', () => {
      element.dataset.idle = 'true';
    });
  };
  return { element, show, ready };
}
