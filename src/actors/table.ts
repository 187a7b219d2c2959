// The actor table: every country (from @countrystatecity/countries, read at
// load time so no copy of that ODbL database is committed), the state roles
// composed from data/actor-institutions.tsv, and the curated actors of
// data/actors.json. Lookup is by alias, then by composition
// ("Russia's Ministry of Defence" = country reference + institution head).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { assetUrl } from '../model/assets.ts';
import { normalizeName } from './normalize.ts';

export const ACTOR_KINDS = [
  'country',
  'government',
  'military',
  'ministry',
  'intelligence',
  'legislature',
  'police',
  'judiciary',
  'igo',
  'ngo',
  'armed_group',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Where an actor record comes from, for provenance and licensing. */
export type ActorSource = 'countrystatecity' | 'curated' | 'composed';

export interface Actor {
  /** Hierarchical id: "RUS", "RUS.GOV", "RUS.MOD"; "NATO", "HAMAS" for non-state actors. */
  readonly id: string;
  readonly name: string;
  readonly kind: ActorKind;
  /** ISO 3166-1 alpha-3 of the country the actor belongs to, when it has one. */
  readonly country?: string;
  /** ISO 3166-1 alpha-2, on country actors (the geo stage's `Place.resolved.country`). */
  readonly iso2?: string;
  readonly parent?: string;
  readonly capital?: string;
  readonly aliases: readonly string[];
  readonly demonyms: readonly string[];
  readonly source: ActorSource;
}

/** A state institution head ("defense ministry") and the role it names. */
export interface InstitutionHead {
  readonly head: string;
  /** `head` split on spaces, for token-by-token matching. */
  readonly words: readonly string[];
  readonly role: string;
  /** The phrase names an institution (not a generic group like "officials"). */
  readonly addMention: boolean;
  readonly name: string;
}

export interface ActorTable {
  readonly actors: readonly Actor[];
  byId(id: string): Actor | undefined;
  lookup(text: string): Actor | undefined;
  /** The country a name, alias, demonym or possessive ("Russia's") refers to. */
  country(text: string): Actor | undefined;
  /** Capital-city names (lower case) → country id, for metonymy ("Moscow said"). */
  readonly capitals: ReadonlyMap<string, string>;
  /**
   * Curated proper-name aliases to look for in text ("Kremlin"), keyed by
   * aliasKey of their first word, longest first; capitals left out (places first).
   */
  readonly scanAliases: ReadonlyMap<string, readonly { readonly alias: string; readonly actor: string }[]>;
  readonly institutions: readonly InstitutionHead[];
}

const DATA_DIR = assetUrl('data/');

const CountryRowSchema = z.object({
  name: z.string(),
  iso2: z.string().length(2),
  iso3: z.string().length(3),
  capital: z.string(),
  nationality: z.string(),
});

const CuratedSchema = z.object({
  countries: z.record(
    z.string().length(3),
    z.object({
      aliases: z.array(z.string()),
      demonyms: z.array(z.string()),
      capitals: z.array(z.string()).optional(),
    }),
  ),
  actors: z.array(
    z.object({
      id: z.string().regex(/^[A-Z0-9_]+(\.[A-Z0-9_]+)*$/),
      name: z.string().optional(),
      kind: z.enum(ACTOR_KINDS).optional(),
      parent: z.string().optional(),
      country: z.string().length(3).optional(),
      aliases: z.array(z.string()),
    }),
  ),
});

const ROLE_KINDS: Readonly<Record<string, ActorKind>> = {
  GOV: 'government',
  MIL: 'military',
  MOD: 'ministry',
  MOFA: 'ministry',
  MOI: 'ministry',
  SPY: 'intelligence',
  LEG: 'legislature',
  COP: 'police',
  JUD: 'judiciary',
};

/** The leading run of letters and digits: what a token and an alias starting at it share ("U.S." → "U"). */
export function aliasKey(text: string): string {
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ascii = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!ascii && (c < 128 || !/[\p{L}\p{N}]/u.test(text[i] ?? ''))) break;
  }
  return i === text.length ? text : text.slice(0, i);
}

export class ActorDataError extends Error {
  override readonly name = 'ActorDataError';
}

/** Rows of a tab-separated data file, skipping `#` comments and blank lines. */
export function readTsv(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t').map((cell) => cell.trim()));
}

export function parseInstitutions(text: string): InstitutionHead[] {
  return readTsv(text).map((row, i) => {
    const [head, role, add, name] = row;
    if (!head || !role || !name || (add !== 'yes' && add !== 'no') || !ROLE_KINDS[role]) {
      throw new ActorDataError(`actor-institutions.tsv: bad row ${i + 1}: ${row.join(' | ')}`);
    }
    return { head: head.toLowerCase(), words: head.toLowerCase().split(' '), role, addMention: add === 'yes', name };
  });
}

function readCountries(): z.infer<typeof CountryRowSchema>[] {
  const require = createRequire(import.meta.url);
  const rows: unknown = require('@countrystatecity/countries/data/countries.json');
  return z.array(CountryRowSchema.passthrough()).parse(rows);
}

/** An all-capitals alias ("UN", "IS", "U.S.") must match exactly; others ignore case. */
function isCaseSensitive(alias: string): boolean {
  return /[A-Z]/.test(alias) && alias === alias.toUpperCase();
}

interface BuildInput {
  readonly countries: readonly z.infer<typeof CountryRowSchema>[];
  readonly curated: z.infer<typeof CuratedSchema>;
  readonly institutions: readonly InstitutionHead[];
}

export function buildActorTable({ countries, curated, institutions }: BuildInput): ActorTable {
  const byId = new Map<string, Actor>();
  const exact = new Map<string, string>(); // case-sensitive aliases
  const folded = new Map<string, string>(); // lower-cased normalised aliases
  const countryRefs = new Map<string, string>(); // lower-cased country name/alias/demonym → ISO3
  const exactCountryRefs = new Map<string, string>(); // all-capitals ones: US, UK, U.S.
  const capitals = new Map<string, string>();
  const scanList: { alias: string; actor: string }[] = [];

  const addAlias = (alias: string, id: string): void => {
    const key = normalizeName(alias);
    if (key === '') return;
    if (isCaseSensitive(alias)) {
      if (!exact.has(key)) exact.set(key, id);
    } else if (!folded.has(key.toLowerCase())) {
      folded.set(key.toLowerCase(), id);
    }
  };

  // Curated first: its aliases win over generated ones ("Brussels" → EU, not Belgium).
  const curatedActors = curated.actors.map((row) => ({ row, role: row.id.split('.')[1] }));
  const countryNames = new Map(countries.map((c) => [c.iso3, c.name]));
  for (const { row, role } of curatedActors) {
    const iso3 = row.id.split('.')[0] ?? '';
    const isStateRole = role !== undefined && countryNames.has(iso3);
    const kind = row.kind ?? (role ? ROLE_KINDS[role] : undefined);
    if (!kind) throw new ActorDataError(`actors.json: ${row.id} needs a kind`);
    const roleName = institutions.find((h) => h.role === role)?.name;
    const name = row.name ?? (isStateRole && roleName ? `${roleName} of ${countryNames.get(iso3)}` : row.id);
    const country = row.country ?? (isStateRole ? iso3 : undefined);
    const parent = row.parent ?? (isStateRole ? (role === 'GOV' ? iso3 : `${iso3}.GOV`) : undefined);
    byId.set(row.id, {
      id: row.id,
      name,
      kind,
      ...(country ? { country } : {}),
      ...(parent && parent !== row.id ? { parent } : {}),
      aliases: row.aliases,
      demonyms: [],
      source: 'curated',
    });
    for (const alias of row.aliases) {
      addAlias(alias, row.id);
      scanList.push({ alias, actor: row.id });
    }
  }

  for (const c of countries) {
    const extra = curated.countries[c.iso3];
    const demonyms = [...(extra?.demonyms ?? []), ...c.nationality.split(',').map((d) => d.trim())].filter(
      (d, i, all) => d !== '' && all.indexOf(d) === i,
    );
    const aliases = [c.name, ...(extra?.aliases ?? [])];
    const capitalNames = [c.capital, ...(extra?.capitals ?? [])].filter((x) => x !== '');
    byId.set(c.iso3, {
      id: c.iso3,
      name: c.name,
      kind: 'country',
      country: c.iso3,
      iso2: c.iso2,
      ...(c.capital ? { capital: c.capital } : {}),
      aliases,
      demonyms,
      source: 'countrystatecity',
    });
    for (const ref of [...aliases, ...demonyms]) {
      const name = normalizeName(ref);
      const refs = isCaseSensitive(ref) ? exactCountryRefs : countryRefs;
      const key = isCaseSensitive(ref) ? name : name.toLowerCase();
      if (!refs.has(key)) refs.set(key, c.iso3);
      addAlias(ref, c.iso3);
    }
    for (const capital of capitalNames) {
      const key = normalizeName(capital).toLowerCase();
      if (!capitals.has(key)) capitals.set(key, c.iso3);
      addAlias(capital, `${c.iso3}.GOV`);
    }
    // Every country gets the standard state roles, so "FRA.MOD" resolves like "RUS.MOD".
    for (const head of institutions) {
      const id = `${c.iso3}.${head.role}`;
      if (byId.has(id)) continue;
      const kind = ROLE_KINDS[head.role];
      if (!kind) continue;
      byId.set(id, {
        id,
        name: `${head.name} of ${c.name}`,
        kind,
        country: c.iso3,
        parent: head.role === 'GOV' ? c.iso3 : `${c.iso3}.GOV`,
        aliases: [],
        demonyms: [],
        source: 'composed',
      });
    }
  }
  for (const { row } of curatedActors) {
    const parent = byId.get(row.id)?.parent;
    if (parent && !byId.has(parent)) throw new ActorDataError(`actors.json: ${row.id} has unknown parent ${parent}`);
  }

  const heads = [...institutions].sort((a, b) => b.head.length - a.head.length);
  const countryOf = (text: string): Actor | undefined => {
    const name = normalizeName(text);
    const id = exactCountryRefs.get(name) ?? countryRefs.get(name.toLowerCase());
    return id ? byId.get(id) : undefined;
  };

  const compose = (name: string): Actor | undefined => {
    const lower = name.toLowerCase();
    for (const head of heads) {
      // "<country ref> <head>": "Russian Defense Ministry", "Russia's military".
      if (lower.endsWith(` ${head.head}`)) {
        const ref = name.slice(0, name.length - head.head.length - 1);
        const country = countryOf(ref);
        if (country) return byId.get(`${country.id}.${head.role}`);
      }
      // "<head> of <country ref>": "the Ministry of Defence of the Russian Federation".
      if (lower.startsWith(`${head.head} of `)) {
        const country = countryOf(name.slice(head.head.length + 4));
        if (country) return byId.get(`${country.id}.${head.role}`);
      }
    }
    return undefined;
  };

  const lookupUncached = (text: string): Actor | undefined => {
    const name = normalizeName(text);
    if (name === '') return undefined;
    const id = exact.get(name) ?? folded.get(name.toLowerCase());
    if (id) return byId.get(id);
    return compose(name);
  };
  // Mention texts repeat, and compose() tries every institution head: remember
  // each text's answer (null for none), bounded like normalizeName's cache.
  const looked = new Map<string, Actor | null>();
  const lookup = (text: string): Actor | undefined => {
    let actor = looked.get(text);
    if (actor === undefined) {
      actor = lookupUncached(text) ?? null;
      if (looked.size >= 50_000) looked.clear();
      looked.set(text, actor);
    }
    return actor ?? undefined;
  };

  const actors = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  scanList.sort((a, b) => b.alias.length - a.alias.length || (a.alias < b.alias ? -1 : 1));
  const scanAliases = new Map<string, { alias: string; actor: string }[]>();
  for (const entry of scanList) {
    if (capitals.has(normalizeName(entry.alias).toLowerCase())) continue;
    const key = aliasKey(entry.alias);
    scanAliases.set(key, [...(scanAliases.get(key) ?? []), entry]);
  }
  return Object.freeze({
    actors,
    byId: (id: string) => byId.get(id),
    lookup,
    country: countryOf,
    capitals,
    scanAliases,
    institutions,
  });
}

let cached: ActorTable | undefined;

/** Loads the actor table from data/ and the countries package, once. */
export function loadActorTable(): ActorTable {
  if (cached) return cached;
  const curated = CuratedSchema.parse(JSON.parse(readFileSync(new URL('actors.json', DATA_DIR), 'utf8')));
  const institutions = parseInstitutions(readFileSync(new URL('actor-institutions.tsv', DATA_DIR), 'utf8'));
  cached = buildActorTable({ countries: readCountries(), curated, institutions });
  return cached;
}
