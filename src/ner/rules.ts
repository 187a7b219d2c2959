// Small span rules applied after the models, each named in provenance.rule.
// They widen LOCATION mentions to the extent re3d and ACLED use for regions
// ("Kursk region", "eastern Ukraine"); CoNLL-2003 marks only the name, so
// `sitrep eval ner` scores the models without these rules.
import type { EntityType } from '../model/index.ts';
import type { Gazetteer } from './gazetteer.ts';

export interface RuleSpan {
  readonly type: EntityType;
  readonly sentence: number;
  readonly start: number;
  readonly end: number;
  readonly rule?: string;
}

/** Administrative-area heads that follow a place name ("Kursk region", "Nineveh province"). */
const AREA_HEADS = new Set(['region', 'oblast', 'province', 'governorate', 'district', 'krai', 'republic']);
/** Compass adjectives that precede a place name ("eastern Ukraine"). */
const COMPASS = /^(north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(ern)?$/i;

export function applyRules<S extends RuleSpan>(spans: readonly S[], sentences: readonly (readonly string[])[], _gazetteer: Gazetteer): S[] {
  const bySentence = new Map<number, S[]>();
  for (const sp of spans) {
    const list = bySentence.get(sp.sentence);
    if (list) list.push(sp);
    else bySentence.set(sp.sentence, [sp]);
  }
  const free = (s: number, i: number): boolean => !(bySentence.get(s) ?? []).some((o) => i >= o.start && i < o.end);
  return spans.map((sp) => {
    if (sp.type !== 'LOCATION') return sp;
    const words = sentences[sp.sentence] ?? [];
    let { start, end } = sp;
    const rules: string[] = sp.rule ? [sp.rule] : [];
    const next = words[end];
    if (next !== undefined && AREA_HEADS.has(next) && free(sp.sentence, end)) {
      end++;
      rules.push('location-area-head');
    }
    const prev = words[start - 1];
    if (prev !== undefined && COMPASS.test(prev) && /^\p{Ll}/u.test(prev) && free(sp.sentence, start - 1)) {
      start--;
      rules.push('location-compass');
    }
    if (start === sp.start && end === sp.end) return sp;
    // Not a spread: V8 builds a spread copy that gains a key (rule) far more slowly.
    return Object.assign({}, sp, { start, end, rule: rules.join('+') });
  });
}
