// Ambient types for the few untyped imports (topojson-client ships none).
/// <reference types="vite/client" />

declare namespace TopoJSON {
  interface GeometryCollection {
    type: 'GeometryCollection';
    geometries: unknown[];
  }
  interface Topology {
    type: 'Topology';
    objects: Record<string, GeometryCollection>;
    arcs: number[][][];
    transform?: { scale: [number, number]; translate: [number, number] };
  }
}

declare module 'topojson-client' {
  export function feature(topology: TopoJSON.Topology, object: TopoJSON.GeometryCollection): GeoJSON.FeatureCollection;
}
