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
import { typeColour } from './palette.ts';

maplibregl.setWorkerUrl(workerUrl);

let countries: Promise<GeoJSON.FeatureCollection> | undefined;

function loadCountries(): Promise<GeoJSON.FeatureCollection> {
  countries ??= fetch(countriesUrl)
    .then((r) => r.json())
    .then((topo: TopoJSON.Topology) => feature(topo, topo.objects.countries as TopoJSON.GeometryCollection) as GeoJSON.FeatureCollection);
  return countries;
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
        title: `${e.type} / ${e.subType}: ${e.trigger.text} — ${p.name} (precision ${p.precision})`,
        role: 'button',
        'aria-label': `${e.type} at ${p.name}`,
        data: { event: e.id, type: e.type, precision: p.precision, place: p.name },
        style: { width: `${2 * r}px`, height: `${2 * r}px`, background: typeColour(e.type), borderColor: typeColour(e.type) },
      });
      const popup = new maplibregl.Popup({ offset: r, maxWidth: '320px' }).setDOMContent(
        h(
          'div',
          { class: 'popup' },
          h('strong', {}, `${e.type} / ${e.subType}`),
          h('div', {}, `${p.name} · ${e.date ?? 'undated'}`),
          h('div', {}, statusBadge(e.status), ' ', e.sentence),
          h('a', { href: spanHref(e.document, e.trigger.span) }, 'open in article →'),
        ),
      );
      markers.push(new maplibregl.Marker({ element: dot, offset }).setLngLat([p.lon, p.lat]).setPopup(popup).addTo(map));
      bounds.extend([p.lon, p.lat]);
    }
    element.dataset.markers = String(markers.length);
    if (located.length > 0) map.fitBounds(bounds, { padding: 80, maxZoom: 6, duration: 0 });
  };
  return { element, show, ready };
}
