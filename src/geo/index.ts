// Places: resolves LOCATION mentions to gazetteer readings (city, admin-1
// region, country, or an area such as "eastern Ukraine") with coordinates and
// ACLED precision, using document context. It does not find the mentions (NER
// does) and keeps places it cannot resolve, unresolved.
export {
  defaultGazetteer,
  type Gazetteer,
  type GazetteerEntry,
  GazetteerError,
  loadGazetteer,
  normaliseName,
} from './gazetteer.ts';
export {
  distanceKm,
  type GeoPrecision,
  type PlaceContext,
  parseDescriptor,
  type ResolvedPlace,
  resolvePlace,
} from './resolve.ts';
export { createGeoStage, type GeoStageOptions } from './stage.ts';
