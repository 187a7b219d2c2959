// re3d reader (dstl/re3d): documents.jsonl + entities.jsonl, mongoexport JSON
// lines. Gold rule (../shared/data/README.md): per span keep the
// highest-confidence type, and only spans with confidence >= 0.5.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { EntityType } from '../model/index.ts';

/** re3d entity types sitrep produces, by their sitrep name. */
export const RE3D_TYPES: Readonly<Record<string, EntityType>> = {
  Person: 'PERSON',
  Organisation: 'ORGANIZATION',
  Location: 'LOCATION',
  Nationality: 'NATIONALITY',
  Weapon: 'WEAPON',
  MilitaryPlatform: 'MILITARY_PLATFORM',
  Vehicle: 'VEHICLE',
  Quantity: 'QUANTITY',
  Temporal: 'TEMPORAL',
  Money: 'MONEY',
};

const DocumentRow = z.object({ _id: z.string(), text: z.string() });
const EntityRow = z.object({
  begin: z.number().int(),
  end: z.number().int(),
  type: z.string(),
  documentId: z.string(),
  confidence: z.number(),
});

export interface Re3dSpan {
  readonly start: number;
  readonly end: number;
  /** The sitrep type, or the re3d type name when sitrep has no counterpart. */
  readonly type: string;
}
export interface Re3dDocument {
  readonly id: string;
  readonly text: string;
  readonly gold: Re3dSpan[];
}

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path}: cannot read file`);
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues[0]?.message ?? 'invalid row'}`);
      return parsed.data;
    });
}

export function readRe3d(dir: string): Re3dDocument[] {
  const docs = readJsonl(join(dir, 'documents.jsonl'), DocumentRow);
  const entities = readJsonl(join(dir, 'entities.jsonl'), EntityRow);
  const best = new Map<string, z.infer<typeof EntityRow>>();
  for (const e of entities) {
    const key = `${e.documentId}|${e.begin}|${e.end}`;
    const prev = best.get(key);
    if (!prev || e.confidence > prev.confidence) best.set(key, e);
  }
  const byDoc = new Map<string, Re3dSpan[]>();
  for (const e of best.values()) {
    if (e.confidence < 0.5) continue;
    const list = byDoc.get(e.documentId) ?? [];
    list.push({ start: e.begin, end: e.end, type: RE3D_TYPES[e.type] ?? e.type });
    byDoc.set(e.documentId, list);
  }
  return docs.map((d) => ({
    id: d._id,
    text: d.text,
    gold: (byDoc.get(d._id) ?? []).sort((a, b) => a.start - b.start || b.end - a.end),
  }));
}
