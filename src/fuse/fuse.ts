// fuse(): many documents' extractions → canonical entities, event clusters,
// claim groups with corroboration, and contradictions (denials, differing
// figures, opposite blame) with the spans on both sides.
import { actorById, normalizeName } from '../actors/index.ts';
import type { Claim, EntityMention, Event, Extraction, Span } from '../model/index.ts';
import { averageLinkage, clusterEventMentions, type EventMention, type PairContext } from './events.ts';
import { headLemma, headWord } from './lemma.ts';
import { loadEventModel } from './model.ts';
import { contentWords, cosine, inverseDocumentFrequency, type SparseVector, termCounts, tfidfVector } from './text.ts';
import type {
  CanonicalEntity,
  ClaimGroup,
  ClaimSide,
  Contradiction,
  DocRef,
  EntityRef,
  EventCluster,
  EventRef,
  FuseOptions,
  Fusion,
} from './types.ts';

const mentionKey = (doc: string, id: string): string => `${doc}#${id}`;

function docRef(x: Extraction): DocRef {
  const d = x.document;
  return { doc: d.id, ...(d.source ? { outlet: d.source } : {}), ...(d.published ? { published: d.published } : {}) };
}

const outletOf = (x: Extraction): string => x.document.source ?? x.document.id;

/** The side (country) an actor belongs to: "RUS.MOD" → "RUS"; non-state actors stand for themselves. */
export function actorSide(actor: string): string {
  const known = actorById(actor);
  if (known?.country) return known.country;
  return actor.split('.')[0] ?? actor;
}

// ---------------------------------------------------------------- entities

/**
 * Canonical entities across documents. Mentions with an actor id merge on it
 * (the actor table is the authority); other mentions merge on their
 * within-document chain's longest name, normalised, per entity type; a
 * one-word PERSON name ("Zelensky") joins the one multi-word name ending in it
 * ("Volodymyr Zelensky") when that is unique in the set.
 */
export function resolveEntities(extractions: readonly Extraction[]): { entities: CanonicalEntity[]; byMention: Map<string, string> } {
  interface Bucket {
    id: string;
    name: string;
    type: EntityMention['type'];
    actor?: string;
    rule: 'actor' | 'name';
    mentions: EntityRef[];
  }
  const buckets = new Map<string, Bucket>();
  const byMention = new Map<string, string>();
  const add = (id: string, make: () => Omit<Bucket, 'mentions'>, ref: EntityRef): void => {
    let b = buckets.get(id);
    if (!b) {
      b = { ...make(), mentions: [] };
      buckets.set(id, b);
    }
    b.mentions.push(ref);
    byMention.set(mentionKey(ref.doc, ref.mention), id);
  };
  const pending: { key: string; type: EntityMention['type']; ref: EntityRef; name: string }[] = [];
  for (const x of extractions) {
    const dref = docRef(x);
    // The chain's longest surface name stands for all its mentions.
    const chainName = new Map<string, string>();
    for (const m of x.entities) {
      if (!m.chain) continue;
      const name = normalizeName(m.text);
      const prev = chainName.get(m.chain);
      if (!prev || name.length > prev.length) chainName.set(m.chain, name);
    }
    for (const m of x.entities) {
      if (m.type === 'QUANTITY' || m.type === 'TEMPORAL' || m.type === 'MONEY') continue;
      const ref: EntityRef = { ...dref, mention: m.id, span: m.span, text: m.text };
      if (m.actor) {
        const actor = m.actor;
        add(
          `actor:${actor}`,
          () => ({ id: `actor:${actor}`, name: actorById(actor)?.name ?? actor, type: m.type, actor, rule: 'actor' }),
          ref,
        );
        continue;
      }
      const name = (m.chain ? chainName.get(m.chain) : undefined) ?? normalizeName(m.text);
      if (!/\p{L}/u.test(name)) continue;
      pending.push({ key: name.toLowerCase(), type: m.type, ref, name });
    }
  }
  // Surname → full name when exactly one multi-word PERSON name ends in it.
  const fullByLast = new Map<string, string | null>();
  for (const p of pending) {
    if (p.type !== 'PERSON') continue;
    const words = p.key.split(' ');
    if (words.length < 2) continue;
    const last = words[words.length - 1] as string;
    const seen = fullByLast.get(last);
    fullByLast.set(last, seen === undefined || seen === p.key ? p.key : null);
  }
  const displayName = new Map<string, string>();
  for (const p of pending)
    if (!displayName.has(p.key) || p.name.length > (displayName.get(p.key) as string).length) displayName.set(p.key, p.name);
  for (const p of pending) {
    let key = p.key;
    if (p.type === 'PERSON' && !key.includes(' ')) key = fullByLast.get(key) ?? key;
    const id = `name:${p.type}:${key}`;
    add(id, () => ({ id, name: displayName.get(key) ?? p.name, type: p.type, rule: 'name' }), p.ref);
  }
  const entities = [...buckets.values()]
    .map((b): CanonicalEntity => {
      const documents = [...new Set(b.mentions.map((m) => m.doc))].sort();
      const outlets = [...new Set(b.mentions.map((m) => m.outlet ?? m.doc))].sort();
      return {
        id: b.id,
        name: b.name,
        type: b.type,
        ...(b.actor ? { actor: b.actor } : {}),
        rule: b.rule,
        mentions: b.mentions,
        documents,
        outlets,
      };
    })
    .sort((a, b) => b.documents.length - a.documents.length || a.id.localeCompare(b.id));
  return { entities, byMention };
}

// ---------------------------------------------------------------- events

interface EventItem {
  readonly x: Extraction;
  readonly event: Event;
  readonly mention: EventMention;
  readonly ref: EventRef;
}

function sentenceText(x: Extraction, i: number): string {
  return x.sentences[i]?.text ?? '';
}

function sentenceSpan(x: Extraction, i: number, fallback: Span): Span {
  return x.sentences[i]?.span ?? fallback;
}

function placeOf(x: Extraction, e: Event): { country?: string; name?: string; point?: { lat: number; lon: number } } {
  const id = e.location?.place;
  const place = id ? x.places.find((p) => p.id === id) : undefined;
  if (place?.resolved) {
    const r = place.resolved;
    return { country: r.country, name: r.name, ...(r.precision === 1 ? { point: { lat: r.lat, lon: r.lon } } : {}) };
  }
  return e.location ? { name: e.location.text } : {};
}

function buildEventItems(
  docs: readonly Extraction[],
  byMention: ReadonlyMap<string, string>,
  idf: ReadonlyMap<string, number>,
): EventItem[] {
  const items: EventItem[] = [];
  for (const x of docs) {
    const d = x.document.id;
    for (const e of x.events) {
      const participants = new Set<string>();
      for (const arg of [e.actor1, e.actor2]) {
        if (!arg) continue;
        if (arg.actor) participants.add(`actor:${arg.actor}`);
        else if (arg.entity && byMention.has(mentionKey(d, arg.entity)))
          participants.add(byMention.get(mentionKey(d, arg.entity)) as string);
        else for (const w of contentWords(arg.text)) participants.add(w);
      }
      const place = placeOf(x, e);
      const args = new Set([...(e.location ? contentWords(e.location.text) : []), ...(place.name ? contentWords(place.name) : [])]);
      const lemma = headLemma(e.trigger.text);
      const mention: EventMention = {
        key: mentionKey(d, e.id),
        doc: d,
        sentence: e.sentence,
        lemma,
        head: headWord(e.trigger.text).toLowerCase(),
        type: e.type,
        participants,
        args,
        context: tfidfVector(termCounts(contentWords(sentenceText(x, e.sentence))), idf),
        ...(e.time && e.time.precision === 'day' ? { date: e.time.value } : {}),
        ...(place.country ? { country: place.country } : {}),
        ...(place.point ? { point: place.point } : {}),
      };
      items.push({
        x,
        event: e,
        mention,
        ref: { ...docRef(x), event: e.id, sentence: e.sentence, span: e.trigger.span, text: e.trigger.text, lemma },
      });
    }
  }
  return items;
}

// ---------------------------------------------------------------- claims

function sideOfClaim(x: Extraction, c: Claim): ClaimSide {
  return {
    ...docRef(x),
    claim: c.id,
    span: c.content.span,
    text: c.content.text,
    // An implicit source (empty text) is the outlet's own voice.
    source: c.source.text.trim() === '' ? outletOf(x) : c.source.text,
    ...(c.source.actor ? { sourceActor: c.source.actor } : {}),
    status: c.negated && c.status !== 'denied' ? 'denied' : c.status,
  };
}

/** An event as one side: its claim's content when it is reported speech, else its sentence in the outlet's voice. */
function sideOfEvent(x: Extraction, e: Event): ClaimSide {
  const claim = e.claim ? x.claims.find((c) => c.id === e.claim) : undefined;
  if (claim) return { ...sideOfClaim(x, claim), event: e.id };
  const span = sentenceSpan(x, e.sentence, e.trigger.span);
  return {
    ...docRef(x),
    event: e.id,
    span,
    text: x.document.text.slice(span.start, span.end),
    source: outletOf(x),
    status: e.negated ? 'denied' : e.status,
  };
}

/** Content cosine a denial needs with the statement it denies (the group threshold alone is looser). */
const DENIAL_SIMILARITY = 0.3;
const AFFIRMATIVE = new Set(['asserted', 'claimed', 'confirmed', 'reported', 'condemned']);
const isDenial = (s: ClaimSide): boolean => s.status === 'denied';
const sourceKey = (s: ClaimSide): string => s.sourceActor ?? normalizeName(s.source).toLowerCase();
const sideKey = (s: ClaimSide): string => `${s.doc}:${s.span.start}-${s.span.end}`;

function compareSides(a: ClaimSide, b: ClaimSide): number {
  return a.doc.localeCompare(b.doc) || a.span.start - b.span.start || a.span.end - b.span.end;
}

// ---------------------------------------------------------------- fuse

export function fuse(extractions: readonly Extraction[], options: FuseOptions = {}): Fusion {
  const docs = [...extractions].sort((a, b) => a.document.id.localeCompare(b.document.id));
  const loaded = options.model ? { model: options.model, related: loadEventModel().related } : loadEventModel();
  const { entities, byMention } = resolveEntities(docs);

  const docCounts = docs.map((x) => termCounts(contentWords(x.document.text)));
  const idf = inverseDocumentFrequency(docCounts.map((c) => new Set(c.keys())));
  const docVectors = new Map<string, SparseVector>();
  docs.forEach((x, i) => {
    docVectors.set(x.document.id, tfidfVector(docCounts[i] as Map<string, number>, idf));
  });
  const ctx: PairContext = { docVectors, related: loaded.related, dateWindowDays: loaded.model.dateWindowDays };

  // Event clusters.
  const items = buildEventItems(docs, byMention, idf);
  const itemByKey = new Map(items.map((it) => [it.mention.key, it]));
  const clusterKeys = clusterEventMentions(
    items.map((it) => it.mention),
    loaded.model,
    ctx,
  );
  const clusterOf = new Map<string, string>();
  const events: EventCluster[] = clusterKeys.map((keys) => {
    const members = keys.map((k) => itemByKey.get(k) as EventItem);
    const first = members[0] as EventItem;
    const id = `evc:${first.ref.doc}:${first.ref.event}`;
    for (const k of keys) clusterOf.set(k, id);
    const dates = members
      .map((m) => m.mention.date)
      .filter((d): d is string => d !== undefined)
      .sort();
    const places = [...new Set(members.map((m) => placeOf(m.x, m.event).name).filter((p): p is string => p !== undefined))].sort();
    const actors = [
      ...new Set(members.flatMap((m) => [m.event.actor1?.actor, m.event.actor2?.actor]).filter((a): a is string => a !== undefined)),
    ].sort();
    return {
      id,
      type: first.event.type,
      subType: first.event.subType,
      members: members.map((m) => m.ref),
      documents: [...new Set(members.map((m) => m.ref.doc))].sort(),
      outlets: [...new Set(members.map((m) => outletOf(m.x)))].sort(),
      ...(dates.length > 0 ? { dates: { from: dates[0] as string, to: dates[dates.length - 1] as string } } : {}),
      places,
      actors,
    };
  });
  events.sort((a, b) => b.outlets.length - a.outlets.length || b.members.length - a.members.length || a.id.localeCompare(b.id));

  // Claim groups: content similarity (source words excluded), plus a shared event cluster.
  const claimSides: { side: ClaimSide; vector: SparseVector; clusters: Set<string>; entities: Set<string> }[] = [];
  for (const x of docs) {
    const d = x.document.id;
    for (const c of x.claims) {
      const clusters = new Set<string>();
      for (const e of x.events) {
        if (e.claim === c.id || (e.trigger.span.start >= c.content.span.start && e.trigger.span.end <= c.content.span.end)) {
          const cl = clusterOf.get(mentionKey(d, e.id));
          if (cl) clusters.add(cl);
        }
      }
      const ents = new Set<string>();
      for (const m of x.entities) {
        if (m.span.start >= c.content.span.start && m.span.end <= c.content.span.end) {
          const id = byMention.get(mentionKey(d, m.id));
          if (id) ents.add(id);
        }
      }
      claimSides.push({
        side: sideOfClaim(x, c),
        vector: tfidfVector(termCounts(contentWords(c.content.text)), idf),
        clusters,
        entities: ents,
      });
    }
  }
  const threshold = options.claimSimilarity ?? 0.35;
  const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((v) => b.has(v));
  const claimClusters = averageLinkage(
    claimSides.length,
    (i, j) => {
      const a = claimSides[i] as (typeof claimSides)[number];
      const b = claimSides[j] as (typeof claimSides)[number];
      const text = cosine(a.vector, b.vector);
      const event = shares(a.clusters, b.clusters) ? 1 : 0;
      const ents = a.entities.size > 0 && b.entities.size > 0 && shares(a.entities, b.entities) ? 1 : 0;
      return 0.6 * text + 0.25 * event + 0.15 * ents;
    },
    threshold,
  );

  const contradictions: Contradiction[] = [];
  const seen = new Set<string>();
  const push = (c: Contradiction): void => {
    const k = `${c.kind}|${sideKey(c.a)}|${sideKey(c.b)}`;
    const r = `${c.kind}|${sideKey(c.b)}|${sideKey(c.a)}`;
    if (seen.has(k) || seen.has(r)) return;
    seen.add(k);
    contradictions.push(c);
  };

  const claims: ClaimGroup[] = claimClusters
    .map((idx) => {
      const members = idx.map((i) => claimSides[i] as (typeof claimSides)[number]);
      const sides = members.map((m) => m.side).sort(compareSides);
      const first = sides[0] as ClaimSide;
      const sharedClusters = [...(members[0]?.clusters ?? [])].filter((c) => members.every((m) => m.clusters.has(c)));
      const agreeing = sides.filter((s) => AFFIRMATIVE.has(s.status));
      const own: Contradiction[] = [];
      // A denial contradicts the affirmative statement closest to it in content, if close enough.
      for (const d of members.filter((m) => isDenial(m.side))) {
        let best: { side: ClaimSide; similarity: number } | undefined;
        for (const m of members) {
          if (!AFFIRMATIVE.has(m.side.status) || sourceKey(m.side) === sourceKey(d.side)) continue;
          if (m.side.doc === d.side.doc && m.side.span.start < d.side.span.end && d.side.span.start < m.side.span.end) continue;
          const similarity = cosine(m.vector, d.vector);
          if (similarity >= DENIAL_SIMILARITY && (!best || similarity > best.similarity)) best = { side: m.side, similarity };
        }
        if (best)
          own.push({
            kind: 'denial',
            a: best.side,
            b: d.side,
            rule: `'${d.side.source}' denies what '${best.side.source}' states (content cosine ${best.similarity.toFixed(2)})`,
          });
      }
      for (const c of own) push(c);
      const event = sharedClusters.sort()[0];
      return {
        id: `clg:${first.doc}:${first.claim ?? first.event ?? ''}`,
        ...(event ? { event } : {}),
        claims: sides,
        corroboration: {
          outlets: [...new Set(agreeing.map((s) => s.outlet ?? s.doc))].sort(),
          sources: [...new Set(agreeing.map((s) => s.source))].sort(),
          independent: new Set(agreeing.map((s) => `${s.outlet ?? s.doc}|${sourceKey(s)}`)).size,
        },
        contradictions: own,
      };
    })
    .sort((a, b) => b.corroboration.independent - a.corroboration.independent || a.id.localeCompare(b.id));

  // Event-level contradictions: differing figures and opposite blame.
  for (const cluster of events) {
    const members = cluster.members.map((m) => itemByKey.get(mentionKey(m.doc, m.event)) as EventItem);
    figureContradictions(members).forEach(push);
  }
  blameContradictions(items, clusterOf, loaded.model.dateWindowDays, idf).forEach(push);

  return { entities, events, claims, contradictions };
}

const FIGURE_KINDS = new Set(['fatalities', 'injured', 'detained', 'evacuated', 'displaced']);

/** The lowest and highest figure of one kind from different sources, when they differ by more than 10%. */
function figureContradictions(members: readonly EventItem[]): Contradiction[] {
  const byKind = new Map<string, { value: number; item: EventItem }[]>();
  for (const it of members) {
    for (const q of it.event.quantities) {
      if (!FIGURE_KINDS.has(q.kind) || q.value === undefined) continue;
      const list = byKind.get(q.kind) ?? [];
      list.push({ value: q.value, item: it });
      byKind.set(q.kind, list);
    }
  }
  const out: Contradiction[] = [];
  for (const [kind, list] of byKind) {
    // The most similar pair of statements whose figures differ by more than 10%:
    // same incident (sentence cosine or same resolved place), different sources.
    let best: { lo: (typeof list)[number]; hi: (typeof list)[number]; a: ClaimSide; b: ClaimSide; similarity: number } | undefined;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [lo, hi] =
          (list[i] as (typeof list)[number]).value <= (list[j] as (typeof list)[number]).value ? [list[i], list[j]] : [list[j], list[i]];
        if (!lo || !hi || hi.value <= lo.value * 1.1) continue;
        const a = sideOfEvent(lo.item.x, lo.item.event);
        const b = sideOfEvent(hi.item.x, hi.item.event);
        if (a.doc === b.doc && sourceKey(a) === sourceKey(b)) continue;
        const pa = placeOf(lo.item.x, lo.item.event).name;
        const samePlace = pa !== undefined && pa === placeOf(hi.item.x, hi.item.event).name;
        const similarity = Math.max(cosine(lo.item.mention.context, hi.item.mention.context), samePlace ? FIGURE_SIMILARITY : 0);
        if (similarity < FIGURE_SIMILARITY) continue;
        if (!best || similarity > best.similarity) best = { lo, hi, a, b, similarity };
      }
    }
    if (!best) continue;
    const { lo, hi, a, b } = best;
    out.push({
      kind: 'figures',
      a,
      b,
      quantity: kind as Extract<Contradiction, { kind: 'figures' }>['quantity'],
      values: [lo.value, hi.value],
      rule: `${kind}: ${lo.value} (${a.outlet ?? a.doc}) vs ${hi.value} (${b.outlet ?? b.doc})`,
    });
  }
  return out;
}

/** Sentence cosine (or a shared resolved place) for two figures to be about one incident. */
const FIGURE_SIMILARITY = 0.25;

/** Event types where a perpetrator is blamed (ACLED's violent types) plus accusations. */
const VIOLENT_TYPES = new Set(['battles', 'explosions_remote_violence', 'violence_against_civilians']);

/** Who an event blames: its actor1's side, or for an accusation (condemn) its actor2's. */
function blamed(e: Event): string | undefined {
  if (e.negated || e.modality === 'hypothetical' || e.modality === 'future') return undefined;
  if (e.type === 'statements')
    return e.subType === 'condemn' && e.actor2?.actor && canBeBlamed(e.actor2.actor) ? actorSide(e.actor2.actor) : undefined;
  if (!VIOLENT_TYPES.has(e.type)) return undefined;
  return e.actor1?.actor && canBeBlamed(e.actor1.actor) ? actorSide(e.actor1.actor) : undefined;
}

/** Sides that fight: states and their organs, armed groups — not the ICRC or the UN named near a killing. */
const BLAMEABLE_KINDS = new Set(['country', 'government', 'military', 'ministry', 'intelligence', 'police', 'armed_group']);
function canBeBlamed(actor: string): boolean {
  const kind = actorById(actor)?.kind;
  return kind === undefined || BLAMEABLE_KINDS.has(kind);
}

/** Sentence cosine above which two attributions of one act type are taken to be about one incident. */
const BLAME_CONTEXT_SIMILARITY = 0.15;

interface Blame {
  readonly item: EventItem;
  readonly side: string;
  readonly claimSide: ClaimSide;
  /** How clearly this is an attribution: a named source from another side blaming, in reported speech. */
  readonly strength: number;
}

function toBlame(it: EventItem): Blame | undefined {
  const side = blamed(it.event);
  if (side === undefined) return undefined;
  const claimSide = sideOfEvent(it.x, it.event);
  // A denied or hypothetical statement blames no one.
  if (claimSide.status === 'denied' || claimSide.status === 'speculated') return undefined;
  let strength = 0;
  if (claimSide.claim) strength += 1;
  if (claimSide.sourceActor && actorSide(claimSide.sourceActor) !== side) strength += 2;
  if (it.event.type === 'statements') strength += 1;
  return { item: it, side, claimSide, strength };
}

/**
 * Opposite blame: two attributions of one incident to different sides, from
 * different sources. Incidents are event clusters, or events of one type
 * sharing a place/argument word within the date window (each side tends to
 * name the act differently: "shelled" vs "blew up"). One contradiction per
 * incident and pair of sides, with the clearest attribution on each side.
 */
function blameContradictions(
  items: readonly EventItem[],
  clusterOf: ReadonlyMap<string, string>,
  windowDays: number,
  idf: ReadonlyMap<string, number>,
): Contradiction[] {
  const blames = items.map(toBlame).filter((b): b is Blame => b !== undefined);
  const vectors = blames.map((b) => tfidfVector(termCounts(contentWords(b.claimSide.text)), idf));
  const best = new Map<string, { a: Blame; b: Blame; score: number }>();
  for (let i = 0; i < blames.length; i++) {
    for (let j = i + 1; j < blames.length; j++) {
      const p = blames[i] as Blame;
      const q = blames[j] as Blame;
      if (p.side === q.side) continue;
      const a = p.claimSide;
      const b = q.claimSide;
      if (sourceKey(a) === sourceKey(b)) continue;
      // Blame is attributed: both sides are reported speech, and not one quotation nested in the other.
      if (a.claim === undefined || b.claim === undefined) continue;
      if (a.doc === b.doc && a.span.start < b.span.end && b.span.start < a.span.end) continue;
      const cp = clusterOf.get(p.item.mention.key) as string;
      const cq = clusterOf.get(q.item.mention.key) as string;
      const sharedPlace = [...p.item.mention.args].some((w) => q.item.mention.args.has(w)) ? 1 : 0;
      // What the two statements say, minus who says it: the target, place, weapon.
      const similarity = Math.max(
        cosine(vectors[i] as SparseVector, vectors[j] as SparseVector),
        cosine(p.item.mention.context, q.item.mention.context),
      );
      if (cp !== cq) {
        if (!sharedPlace && similarity < BLAME_CONTEXT_SIMILARITY) continue;
        const dp = p.item.mention.date;
        const dq = q.item.mention.date;
        if (dp && dq && Math.abs(Date.parse(dp) - Date.parse(dq)) / 86_400_000 > windowDays) continue;
      }
      const [first, second] = p.side < q.side ? [p, q] : [q, p];
      const incident = cp < cq ? `${cp}|${cq}` : `${cq}|${cp}`;
      const key = `${incident}|${first.side}|${second.side}`;
      const score = first.strength + second.strength + (a.outlet !== b.outlet ? 1 : 0) + sharedPlace + 4 * similarity;
      const prev = best.get(key);
      if (!prev || score > prev.score) best.set(key, { a: first, b: second, score });
    }
  }
  // Keep the clearest contradiction per pair of sides and incident; drop incidents already covered by a stronger one.
  const out: Contradiction[] = [];
  const covered = new Set<string>();
  for (const { a, b } of [...best.values()].sort((x, y) => y.score - x.score)) {
    const key = `${sideKey(a.claimSide)}|${sideKey(b.claimSide)}`;
    if (covered.has(key) || covered.has(`a:${sideKey(a.claimSide)}`) || covered.has(`b:${sideKey(b.claimSide)}`)) continue;
    covered.add(key);
    covered.add(`a:${sideKey(a.claimSide)}`);
    covered.add(`b:${sideKey(b.claimSide)}`);
    out.push({
      kind: 'blame',
      a: a.claimSide,
      b: b.claimSide,
      actors: [a.side, b.side],
      rule: `'${a.claimSide.source}' blames ${a.side} ('${a.item.event.trigger.text}'); '${b.claimSide.source}' blames ${b.side} ('${b.item.event.trigger.text}')`,
    });
  }
  return out;
}
