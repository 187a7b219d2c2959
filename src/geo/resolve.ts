import { defaultGazetteer, type Gazetteer, type GazetteerEntry, normaliseName } from './gazetteer.ts';

/** ACLED geo-precision: 1 town, 2 region/district, 3 country or large area (ACLED codebook 2023, §Geo-precision). */
export type GeoPrecision = 1 | 2 | 3;

export interface ResolvedPlace {
  readonly name: string;
  readonly kind: 'city' | 'admin1' | 'country' | 'area';
  readonly country: string;
  readonly admin1?: string;
  readonly lat: number;
  readonly lon: number;
  readonly precision: GeoPrecision;
  readonly gazetteerId?: string;
  /** Why this reading won (descriptor and context rules), for provenance. */
  readonly rule: string;
  readonly confidence: number;
}

export interface PlaceContext {
  /** ISO2 codes of countries the document mentions (places or nationalities), with counts. */
  readonly countries?: ReadonlyMap<string, number>;
  /** ISO 3166-2 codes of admin-1 regions the document mentions ("Texas" for Paris, Texas), with counts. */
  readonly admin1s?: ReadonlyMap<string, number>;
  /** Places already resolved in the document, to prefer readings near them. */
  readonly near?: ReadonlyArray<{ readonly lat: number; readonly lon: number }>;
  readonly gazetteer?: Gazetteer;
}

type KindHint = 'city' | 'admin1' | 'district' | undefined;

interface Descriptor {
  readonly core: string;
  readonly hint: KindHint;
  readonly direction?: Direction;
  /** The direction as written ("eastern", "southwest"). */
  readonly directionWord?: string;
  readonly rule: string;
}

type Direction = 'north' | 'south' | 'east' | 'west' | 'northeast' | 'northwest' | 'southeast' | 'southwest' | 'central';

// "the town of Sudzha", "the city of Kursk": a settlement (precision 1).
const SETTLEMENT_OF =
  /^(?:the\s+)?(?:(?:border|frontline|front-line|small|nearby|southern|northern|eastern|western|key|strategic|industrial|port|coastal|occupied)\s+)*(town|city|village|settlement|hamlet|port|capital|township|municipality)\s+of\s+(.+)$/i;
// "the region of Kursk", "the province of Idlib": an admin-1 region.
const REGION_OF = /^(?:the\s+)?(region|province|oblast|governorate|state)\s+of\s+(.+)$/i;
// "the Kursk region", "Kursk Oblast", "Idlib province".
const REGION_SUFFIX = /^(.+?)\s+(region|oblast|province|governorate|krai|kray|state)$/i;
// "the Bakhmut district", "Sudzha area": around a place, precision 2.
const DISTRICT_SUFFIX = /^(.+?)\s+(district|raion|rayon|county|parish|area|countryside|outskirts)$/i;
const DIRECTION =
  /^(?:the\s+)?(north|south|east|west|northern|southern|eastern|western|central|north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?)\s+(?:part\s+of\s+|parts\s+of\s+)?(.+)$/i;

function directionOf(word: string): Direction {
  const w = word.toLowerCase().replace(/[- ]/g, '').replace(/ern$/, '');
  switch (w) {
    case 'north':
    case 'south':
    case 'east':
    case 'west':
    case 'northeast':
    case 'northwest':
    case 'southeast':
    case 'southwest':
      return w;
    default:
      return 'central';
  }
}

/** Splits a place phrase into its name and what the words around it say about it. */
export function parseDescriptor(phrase: string, gazetteer: Gazetteer): Descriptor {
  const text = phrase.trim().replace(/\s+/g, ' ');
  // A whole phrase that is itself a name ("North Korea", "West Bank") is not a descriptor.
  if (gazetteer.byName.has(normaliseName(text))) return { core: text, hint: undefined, rule: 'name' };
  let m = SETTLEMENT_OF.exec(text) ?? REGION_OF.exec(text);
  if (m) {
    // "the region of southwest Russia": the inner phrase's direction wins over the kind word.
    const inner = parseDescriptor(m[2] ?? '', gazetteer);
    if (inner.direction) return inner;
    const word = (m[1] ?? '').toLowerCase();
    const hint = /^(?:region|province|oblast|governorate|state)$/.test(word) ? 'admin1' : 'city';
    return { core: inner.core, hint: inner.hint ?? hint, rule: `descriptor:${word}-of` };
  }
  m = DIRECTION.exec(text);
  if (m) {
    const inner = parseDescriptor(m[2] ?? '', gazetteer);
    const word = (m[1] ?? '').toLowerCase();
    return { ...inner, direction: directionOf(word), directionWord: word, rule: `descriptor:direction+${inner.rule}` };
  }
  m = REGION_SUFFIX.exec(text);
  if (m)
    return {
      core: (m[1] ?? '').replace(/^the\s+/i, ''),
      hint: 'admin1',
      rule: `descriptor:${(m[2] ?? '').toLowerCase()}`,
    };
  m = DISTRICT_SUFFIX.exec(text);
  if (m)
    return {
      core: (m[1] ?? '').replace(/^the\s+/i, ''),
      hint: 'district',
      rule: `descriptor:${(m[2] ?? '').toLowerCase()}`,
    };
  return { core: text, hint: undefined, rule: 'name' };
}

const EARTH_KM = 6371;
const rad = (d: number) => (d * Math.PI) / 180;
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const h = Math.sin(rad(bLat - aLat) / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(rad(bLon - aLon) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}

const FEATURE_BONUS: Readonly<Record<string, number>> = { PPLC: 2, PPLA: 1, PPLA2: 0.5 };

/**
 * Scores one reading of a name. Population carries most of the weight
 * (a bigger place is more often meant), then document context: the countries
 * the document mentions and closeness to places already resolved in it.
 */
function score(e: GazetteerEntry, hint: KindHint, context: PlaceContext): number {
  let s = Math.log10(e.population + 10);
  if (e.kind === 'country') s += 3;
  else if (e.kind === 'admin1') s += 0.5;
  else s += FEATURE_BONUS[e.feature] ?? 0;
  if (hint === 'admin1' && e.kind === 'admin1') s += 6;
  if (hint === 'city' && e.kind === 'city') s += 6;
  if (hint === 'district' && e.kind !== 'country') s += 2;
  const mentioned = context.countries?.get(e.country) ?? 0;
  if (mentioned > 0) s += 2.5 + Math.min(1.5, mentioned / 4);
  if (e.kind !== 'country' && e.admin1 && (context.admin1s?.get(e.admin1) ?? 0) > 0) s += 2.5;
  if (context.near && e.kind !== 'country') {
    let best = Number.POSITIVE_INFINITY;
    for (const p of context.near) best = Math.min(best, distanceKm(p.lat, p.lon, e.lat, e.lon));
    if (best < 50) s += 3;
    else if (best < 200) s += 2;
    else if (best < 500) s += 1;
  }
  return s;
}

const areaCache = new WeakMap<Gazetteer, Map<string, { lat: number; lon: number }>>();

/**
 * A point for "eastern Ukraine": the population-weighted centre of the
 * country's places that lie furthest in that direction (the outer 40% along
 * it), measured from the country's own population centre.
 */
function areaPoint(g: Gazetteer, country: GazetteerEntry, direction: Direction): { lat: number; lon: number } {
  let cache = areaCache.get(g);
  if (!cache) {
    cache = new Map();
    areaCache.set(g, cache);
  }
  const key = `${country.country}:${direction}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cities = g.citiesOf(country.country);
  if (cities.length === 0) return { lat: country.lat, lon: country.lon };
  let w = 0;
  let lat0 = 0;
  let lon0 = 0;
  for (const c of cities) {
    const cw = Math.max(c.population, 1);
    w += cw;
    lat0 += cw * c.lat;
    lon0 += cw * c.lon;
  }
  lat0 /= w;
  lon0 /= w;
  const vec: Record<Direction, [number, number]> = {
    north: [1, 0],
    south: [-1, 0],
    east: [0, 1],
    west: [0, -1],
    northeast: [Math.SQRT1_2, Math.SQRT1_2],
    northwest: [Math.SQRT1_2, -Math.SQRT1_2],
    southeast: [-Math.SQRT1_2, Math.SQRT1_2],
    southwest: [-Math.SQRT1_2, -Math.SQRT1_2],
    central: [0, 0],
  };
  const [dy, dx] = vec[direction];
  const cosLat = Math.cos(rad(lat0));
  let picked: GazetteerEntry[];
  if (direction === 'central') {
    const byDist = [...cities].sort((a, b) => distanceKm(lat0, lon0, a.lat, a.lon) - distanceKm(lat0, lon0, b.lat, b.lon));
    picked = byDist.slice(0, Math.max(1, Math.ceil(byDist.length * 0.3)));
  } else {
    const proj = (c: GazetteerEntry) => dy * (c.lat - lat0) + dx * (c.lon - lon0) * cosLat;
    const sorted = [...cities].sort((a, b) => proj(b) - proj(a));
    picked = sorted.slice(0, Math.max(1, Math.ceil(sorted.length * 0.4)));
  }
  let pw = 0;
  let plat = 0;
  let plon = 0;
  for (const c of picked) {
    const cw = Math.max(c.population, 1);
    pw += cw;
    plat += cw * c.lat;
    plon += cw * c.lon;
  }
  const point = { lat: Math.round((plat / pw) * 1e4) / 1e4, lon: Math.round((plon / pw) * 1e4) / 1e4 };
  cache.set(key, point);
  return point;
}

function adminName(e: GazetteerEntry): string {
  // Oblasts are named after their seat in English news ("Kharkiv Oblast" for Kharkivska).
  if ((e.country === 'RU' || e.country === 'UA' || e.country === 'BY') && /region/.test(e.regionType ?? '')) {
    return `${e.country === 'UA' && e.seat ? e.seat : e.name} Oblast`;
  }
  return e.name;
}

function candidatesFor(core: string, hint: KindHint, g: Gazetteer): GazetteerEntry[] {
  const key = normaliseName(core);
  const found = [...(g.byName.get(key) ?? [])];
  if (hint === 'admin1') {
    // "the Donetsk region" names the region by its seat.
    for (const a of g.adminBySeat.get(key) ?? []) if (!found.includes(a)) found.push(a);
  }
  return found;
}

/**
 * "Laurel County": the gazetteer has no counties (admin-2). A town of that
 * name in a region the document mentions stands in for it; failing that, the
 * region the document mentions most (a county lies within its state), at
 * precision 2. Undefined without regional context: then the usual reading.
 */
function countyInContext(
  core: string,
  unit: 'County' | 'Parish',
  cands: readonly GazetteerEntry[],
  context: PlaceContext,
  g: Gazetteer,
): ResolvedPlace | undefined {
  const regions = [...(context.admin1s ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
  if (regions.length === 0) return undefined;
  const local = cands
    .filter((c) => c.kind === 'city' && c.admin1 && context.admin1s?.has(c.admin1))
    .sort((a, b) => b.population - a.population)[0];
  const region = g.byId.get(`a:${regions[0]?.[0] ?? ''}`);
  const at = local ?? region;
  if (!at) return undefined;
  return {
    name: `${core} ${unit}`,
    kind: 'area',
    country: at.country,
    ...(at.admin1 ? { admin1: at.admin1 } : {}),
    lat: at.lat,
    lon: at.lon,
    precision: 2,
    gazetteerId: at.id,
    rule: local ? 'descriptor:county+town-in-context-region' : 'descriptor:county+context-region',
    confidence: local ? 0.6 : 0.4,
  };
}

/**
 * A resolved place: the chosen entry's country, region and id with the
 * rule and confidence, then name, kind, point and precision. Two literals
 * rather than spreads of a shared part: object spread was a sixth of the stage.
 */
function reading(
  why: { e: GazetteerEntry; admin1: string | undefined; rule: string; confidence: number },
  name: string,
  kind: ResolvedPlace['kind'],
  lat: number,
  lon: number,
  precision: GeoPrecision,
): ResolvedPlace {
  const { e, admin1, rule, confidence } = why;
  return admin1
    ? { country: e.country, admin1, gazetteerId: e.id, rule, confidence, name, kind, lat, lon, precision }
    : { country: e.country, gazetteerId: e.id, rule, confidence, name, kind, lat, lon, precision };
}

/**
 * Resolves a place phrase ("the Kursk region", "the town of Sudzha",
 * "eastern Ukraine", "Kyiv") to a gazetteer reading with coordinates and an
 * ACLED precision, using the document context to choose among homonyms.
 * Undefined when no reading exists.
 */
export function resolvePlace(phrase: string, context: PlaceContext = {}): ResolvedPlace | undefined {
  const g = context.gazetteer ?? defaultGazetteer();
  const d = parseDescriptor(phrase, g);
  let cands = candidatesFor(d.core, d.hint, g);
  // A direction phrase reads as an area of a country or region, not a town.
  if (d.direction && cands.some((c) => c.kind !== 'city')) cands = cands.filter((c) => c.kind !== 'city');
  const county = /^descriptor:(?:county|parish)$/.test(d.rule)
    ? countyInContext(d.core, d.rule.endsWith('parish') ? 'Parish' : 'County', cands, context, g)
    : undefined;
  if (county) return county;
  // "American", "Russians": a nationality used as a toponym names the country,
  // unless the word is also the name of a sizeable place.
  const demonymKey = normaliseName(d.core);
  const demonymOf = g.countryByDemonym.get(demonymKey) ?? g.countryByDemonym.get(demonymKey.replace(/s$/, ''));
  if (demonymOf && !d.direction && cands.every((c) => c.kind === 'city' && c.population < 50_000)) cands = [];
  if (cands.length === 0) {
    const country = demonymOf ? g.countries.get(demonymOf) : undefined;
    if (!country) return undefined;
    return {
      name: country.name,
      kind: 'country',
      country: country.country,
      lat: country.lat,
      lon: country.lon,
      precision: 3,
      gazetteerId: country.id,
      rule: 'demonym',
      confidence: 0.7,
    };
  }
  const scored = cands.map((e) => ({ e, s: score(e, d.hint, context) })).sort((a, b) => b.s - a.s);
  const best = scored[0];
  if (!best) return undefined;
  const margin = scored.length > 1 ? best.s - (scored[1]?.s ?? 0) : 4;
  const confidence = Math.round((0.5 + 0.45 * Math.min(1, margin / 4)) * 100) / 100;
  const e = best.e;
  const ctxRule = (context.countries?.get(e.country) ?? 0) > 0 ? '+country-context' : '';
  const rule = `${d.rule}${ctxRule}${scored.length > 1 ? `:${scored.length}-readings` : ''}`;
  const admin1 = e.kind === 'country' ? undefined : e.admin1;
  const why = { e, admin1, rule, confidence };

  if (d.direction) {
    if (e.kind === 'country') {
      const p = areaPoint(g, e, d.direction);
      return reading(why, `${d.directionWord ?? d.direction} ${e.name}`, 'area', p.lat, p.lon, 3);
    }
    return reading(why, `${d.directionWord ?? d.direction} ${adminName(e)}`, 'area', e.lat, e.lon, 2);
  }
  switch (e.kind) {
    case 'country':
      return reading(why, e.name, 'country', e.lat, e.lon, 3);
    case 'admin1':
      return reading(why, adminName(e), 'admin1', e.lat, e.lon, 2);
    case 'city':
      if (d.hint === 'district') return reading(why, `${e.name} area`, 'area', e.lat, e.lon, 2);
      return reading(why, e.name, 'city', e.lat, e.lon, 1);
  }
}
