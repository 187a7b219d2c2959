// Evaluation of event extraction on re3d (dstl/re3d) dev documents: how many
// conflict relations ('FightingAgainst', 'AlliesOf') an event recovers, and
// precision/recall against sitrep's own event annotation of re3d dev
// documents (data/events-re3d-dev/, see its README for how it was made).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Event, Span } from '../model/index.ts';

export class EventEvalError extends Error {
  override readonly name = 'EventEvalError';
}

const DocumentRow = z.object({ _id: z.string(), text: z.string(), title: z.string().optional() });
const RelationRow = z.object({
  documentId: z.string(),
  type: z.string(),
  begin: z.number().int(),
  end: z.number().int(),
  sourceBegin: z.number().int(),
  sourceEnd: z.number().int(),
  targetBegin: z.number().int(),
  targetEnd: z.number().int(),
  source: z.string(),
  target: z.string(),
  confidence: z.number(),
});

export interface Re3dEventDocument {
  readonly id: string;
  readonly text: string;
}
/** re3d's relation types that describe conflict, and their names in the re3d schema. */
export const CONFLICT_RELATIONS = { FightingAgainst: 'Fighting against', AlliesOf: 'Military allies of' } as const;
export type ConflictRelationType = keyof typeof CONFLICT_RELATIONS;
export interface ConflictRelation {
  readonly doc: string;
  readonly type: ConflictRelationType;
  readonly source: Span;
  readonly target: Span;
  /** From the first to the last character of source, cue and target. */
  readonly extent: Span;
}

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new EventEvalError(`${path}: cannot read file`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new EventEvalError(`${path}:${i + 1}: not JSON`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new EventEvalError(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
      return parsed.data;
    });
}

export function readRe3dForEvents(dir: string): { documents: Re3dEventDocument[]; relations: ConflictRelation[] } {
  const documents = readJsonl(join(dir, 'documents.jsonl'), DocumentRow).map((d) => ({ id: d._id, text: d.text }));
  const relations = readJsonl(join(dir, 'relations.jsonl'), RelationRow)
    .filter((r): r is typeof r & { type: ConflictRelationType } => r.type in CONFLICT_RELATIONS && r.confidence >= 0.5)
    .map((r) => ({
      doc: r.documentId,
      type: r.type,
      source: { start: r.sourceBegin, end: r.sourceEnd },
      target: { start: r.targetBegin, end: r.targetEnd },
      extent: { start: Math.min(r.begin, r.sourceBegin, r.targetBegin), end: Math.max(r.end, r.sourceEnd, r.targetEnd) },
    }));
  return { documents, relations };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const args = (e: Event): Span[] => [e.actor1?.span, e.actor2?.span].filter((s): s is Span => !!s);

/** Event types that can stand for each relation. */
function compatible(type: ConflictRelationType, e: Event): boolean {
  if (type === 'AlliesOf') return e.subType === 'military_support';
  return e.type !== 'statements' && e.subType !== 'military_support' && e.subType !== 'evacuation_displacement';
}

export interface RelationRecovery {
  readonly total: number;
  /** Some event's actor1/actor2 match the relation's source and target (either order). */
  readonly recovered: number;
  /** …and the event's type fits the relation (fighting vs support). */
  readonly recoveredTyped: number;
  /** One argument matches and the trigger lies inside the relation's text. */
  readonly partial: number;
}

export function relationRecovery(
  relations: readonly ConflictRelation[],
  eventsByDoc: ReadonlyMap<string, readonly Event[]>,
): Record<ConflictRelationType, RelationRecovery> {
  const out = {} as Record<ConflictRelationType, RelationRecovery>;
  for (const type of Object.keys(CONFLICT_RELATIONS) as ConflictRelationType[]) {
    let total = 0;
    let recovered = 0;
    let recoveredTyped = 0;
    let partial = 0;
    for (const r of relations.filter((x) => x.type === type)) {
      total++;
      const events = eventsByDoc.get(r.doc) ?? [];
      const both = (e: Event): boolean => {
        const a = args(e);
        return a.some((x, i) => overlaps(x, r.source) && a.some((y, j) => j !== i && overlaps(y, r.target)));
      };
      const one = (e: Event): boolean =>
        overlaps(e.trigger.span, r.extent) && args(e).some((x) => overlaps(x, r.source) || overlaps(x, r.target));
      if (events.some(both)) recovered++;
      if (events.some((e) => both(e) && compatible(type, e))) recoveredTyped++;
      if (events.some((e) => both(e) || one(e))) partial++;
    }
    out[type] = { total, recovered, recoveredTyped, partial };
  }
  return out;
}

export interface GoldEvent {
  readonly doc: string;
  readonly trigger: Span;
  readonly text: string;
  readonly subType: string;
  readonly actor1?: string;
  readonly actor2?: string;
}

/** Whole-word, case-sensitive occurrences of `needle` in `text`. */
function occurrences(text: string, needle: string): Span[] {
  const out: Span[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const before = text[at - 1];
    const after = text[at + needle.length];
    if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
    out.push({ start: at, end: at + needle.length });
  }
  return out;
}

/** Reads annotations.tsv + documents.txt, resolving each trigger to its span in the document. */
export function readEventAnnotations(dir: string, documents: readonly Re3dEventDocument[]): { docs: string[]; gold: GoldEvent[] } {
  const read = (name: string): string => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      throw new EventEvalError(`${join(dir, name)}: cannot read file`);
    }
  };
  const byId = new Map(documents.map((d) => [d.id, d]));
  const docs = read('documents.txt')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  for (const id of docs)
    if (!byId.has(id)) throw new EventEvalError(`${join(dir, 'documents.txt')}: document ${id} is not in the re3d directory`);
  const gold: GoldEvent[] = [];
  read('annotations.tsv')
    .split('\n')
    .forEach((line, i) => {
      if (line.startsWith('#') || line.trim() === '') return;
      const [doc = '', text = '', occurrence = '', subType = '', actor1 = '', actor2 = ''] = line.split('\t');
      const where = `${join(dir, 'annotations.tsv')}:${i + 1}`;
      const d = byId.get(doc);
      if (!d || !docs.includes(doc)) throw new EventEvalError(`${where}: document ${doc} is not annotated or not in re3d`);
      const span = occurrences(d.text, text)[Number(occurrence)];
      if (!span) throw new EventEvalError(`${where}: '${text}' #${occurrence} not found in ${doc}`);
      gold.push({ doc, trigger: span, text, subType, ...(actor1 ? { actor1 } : {}), ...(actor2 ? { actor2 } : {}) });
    });
  return { docs, gold };
}

export interface PRF {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}
function prf(tp: number, predicted: number, gold: number): PRF {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const norm = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/^(the|our|its|their)\s+/, '')
    .trim();
/** An argument matches when one text holds the other ("Iraqi forces" ~ "the Iraqi forces"). */
function sameArgument(gold: string, predicted: string | undefined): boolean {
  if (!predicted) return false;
  const g = norm(gold);
  const p = norm(predicted);
  return g !== '' && p !== '' && (g.includes(p) || p.includes(g));
}

export interface AnnotationScores {
  readonly docs: number;
  readonly gold: number;
  readonly predicted: number;
  /** Trigger identification: spans overlap, any type. */
  readonly trigger: PRF;
  /** Trigger classification: spans overlap and the sub-event type is the same. */
  readonly typed: PRF;
  /** Over typed matches whose gold names the argument. */
  readonly actor1: { readonly correct: number; readonly total: number };
  readonly actor2: { readonly correct: number; readonly total: number };
}

/** One-to-one greedy matching per document: same-type pairs first, then any type. */
export function scoreAgainstAnnotation(
  docs: readonly string[],
  gold: readonly GoldEvent[],
  eventsByDoc: ReadonlyMap<string, readonly Event[]>,
): AnnotationScores {
  let predicted = 0;
  let idMatches = 0;
  let typedMatches = 0;
  const actor1 = { correct: 0, total: 0 };
  const actor2 = { correct: 0, total: 0 };
  for (const doc of docs) {
    const events = eventsByDoc.get(doc) ?? [];
    const golds = gold.filter((g) => g.doc === doc);
    predicted += events.length;
    const usedGold = new Set<GoldEvent>();
    const usedPred = new Set<Event>();
    for (const g of golds) {
      const e = events.find((x) => !usedPred.has(x) && x.subType === g.subType && overlaps(x.trigger.span, g.trigger));
      if (!e) continue;
      usedGold.add(g);
      usedPred.add(e);
      typedMatches++;
      if (g.actor1) {
        actor1.total++;
        if (sameArgument(g.actor1, e.actor1?.text)) actor1.correct++;
      }
      if (g.actor2) {
        actor2.total++;
        if (sameArgument(g.actor2, e.actor2?.text)) actor2.correct++;
      }
    }
    idMatches += usedGold.size;
    for (const g of golds) {
      if (usedGold.has(g)) continue;
      const e = events.find((x) => !usedPred.has(x) && overlaps(x.trigger.span, g.trigger));
      if (!e) continue;
      usedGold.add(g);
      usedPred.add(e);
      idMatches++;
    }
  }
  return {
    docs: docs.length,
    gold: gold.length,
    predicted,
    trigger: prf(idMatches, predicted, gold.length),
    typed: prf(typedMatches, predicted, gold.length),
    actor1,
    actor2,
  };
}
