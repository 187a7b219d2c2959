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
const RADIUS: Record<1 | 2 | 3, number> = { 1: 7, 2: 12, 3: 18 };

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
    const located = events.filter((e) => e.point);
    // Events at the same point fan out on a small circle so each stays clickable.
    const seen = new Map<string, number>();
    const bounds = new maplibregl.LngLatBounds();
    // Frame the precise events: a country-level point (Russia's centroid is in Siberia) would zoom the map out to a continent.
    const precise = located.some((e) => (e.point?.precision ?? 3) < 3);
    for (const e of located) {
      const p = e.point as NonNullable<EventView['point']>;
      const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const angle = n * 2.4;
      const offset: [number, number] = n === 0 ? [0, 0] : [Math.cos(angle) * (6 + 3 * n), Math.sin(angle) * (6 + 3 * n)];
      const r = RADIUS[p.precision];
      const dot = h('div', {
        class: `event-marker precision-${p.precision}${e.status !== 'asserted' && e.status !== 'reported' ? ' attributed' : ''}`,
        title: `${typeLabel(e.type)} / ${typeLabel(e.subType)}: ${e.trigger.text} — ${p.name} (precision ${p.precision})`,
        role: 'button',
        'aria-label': `${typeLabel(e.type)} at ${p.name}`,
        data: { event: e.id, type: e.type, precision: p.precision, place: p.name },
        style: { width: `${2 * r}px`, height: `${2 * r}px`, background: typeColour(e.type), borderColor: typeColour(e.type) },
      });
      if (n === 0 && p.precision < 3) dot.appendChild(h('span', { class: 'place-label' }, p.name));
      const popup = new maplibregl.Popup({ offset: r, maxWidth: '320px' }).setDOMContent(
        h(
          'div',
          { class: 'popup' },
          h('strong', {}, `${typeLabel(e.type)} / ${typeLabel(e.subType)}`),
          h('div', {}, `${p.name} · ${e.date ?? 'undated'}`),
          h('div', {}, statusBadge(e.status), ' ', e.sentence),
          h('a', { href: spanHref(e.document, e.trigger.span) }, 'open in article →'),
        ),
      );
      markers.push(new maplibregl.Marker({ element: dot, offset }).setLngLat([p.lon, p.lat]).setPopup(popup).addTo(map));
      if (!precise || p.precision < 3) bounds.extend([p.lon, p.lat]);
    }
    element.dataset.markers = String(markers.length);
    element.dataset.idle = 'false';
    if (located.length > 0) map.fitBounds(bounds, { padding: 80, maxZoom: 4.5, duration: 0 });
    // Tiling 1:50m polygons takes a moment under software WebGL; tests wait for this.
    map.once('idle', () => {
      element.dataset.idle = 'true';
    });
  };
  return { element, show, ready };
}
