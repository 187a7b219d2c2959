// The NER stage: tokens in, typed entity mentions out. CoNLL types come from
// the CoNLL models (MISC demonyms become NATIONALITY); defence types come
// from the re3d model where they do not overlap a CoNLL entity; a few small
// documented rules (rules.ts) widen LOCATION spans to re3d/ACLED extents.
import { linkMentions } from '../actors/index.ts';
import type { EntityMention, EntityType, Sentence } from '../model/index.ts';
import type { Stage } from '../pipeline/index.ts';
import { need } from '../pipeline/index.ts';
import { loadNerModel, type NerModel } from './model.ts';
import { applyRules, type RuleSpan } from './rules.ts';
import { labelledSpans, tagDocument } from './tagger.ts';

export interface NerStageOptions {
  /** Defaults to the committed model in models/ner, loaded once on first use. */
  readonly model?: NerModel | (() => NerModel);
}

const CONLL_TYPES: Readonly<Record<string, EntityType>> = {
  PER: 'PERSON',
  ORG: 'ORGANIZATION',
  LOC: 'LOCATION',
  MISC: 'MISC',
};
/** Types the re3d model contributes; its PER/ORG/LOC/NAT defer to the CoNLL models. */
export const RE3D_MODEL_TYPES: ReadonlySet<string> = new Set<string>([
  'WEAPON',
  'MILITARY_PLATFORM',
  'VEHICLE',
  'QUANTITY',
  'TEMPORAL',
  'MONEY',
]);

export interface TypedSpan extends RuleSpan {
  readonly confidence: number;
  readonly model: string;
}

/**
 * Government bodies a demonym can lead ("Russian Defense Ministry", "Iraqi
 * Security Forces"): CoNLL often splits these into MISC + ORG.
 */
const ORG_AFTER_DEMONYM =
  /^(Defen[cs]e|Foreign|Interior|Security|Armed|Army|Navy|Air|Ministry|Government|Embassy|Parliament|Foreign|National|Special|State|Federal|Presidential|General|Emergency|Emergencies|Border)$/;

/**
 * `sp` retyped by a rule. A literal, not `{ ...sp, type, rule }`: V8 builds a
 * spread copy that gains a key ~30× more slowly than a plain literal.
 */
function ruled(
  sp: Omit<TypedSpan, 'type' | 'rule'>,
  type: EntityType,
  rule: string,
  start = sp.start,
  confidence = sp.confidence,
): TypedSpan {
  return { type, start, end: sp.end, sentence: sp.sentence, confidence, model: sp.model, rule };
}

/** Typed, non-overlapping token spans of one tokenised document. */
export function recogniseEntities(model: NerModel, sentences: readonly (readonly string[])[]): TypedSpan[] {
  const tags = tagDocument(model.models, model.features, sentences, { re3dConfidenceTypes: RE3D_MODEL_TYPES });
  const out: TypedSpan[] = [];
  const taken = sentences.map((w) => new Uint8Array(w.length));
  const claim = (sp: TypedSpan): void => {
    const t = taken[sp.sentence] as Uint8Array;
    for (let i = sp.start; i < sp.end; i++) if (t[i]) return;
    for (let i = sp.start; i < sp.end; i++) t[i] = 1;
    out.push(sp);
  };
  const conll: TypedSpan[] = [];
  for (const sp of labelledSpans(tags.conll, tags.starts, 'conll')) {
    const type = CONLL_TYPES[sp.type];
    if (!type) continue;
    const words = (sentences[sp.sentence] ?? []).slice(sp.start, sp.end);
    if (type === 'MISC' && model.resources.gazetteer.kinds(words).includes('demonym')) {
      conll.push(ruled(sp, 'NATIONALITY', 'misc-demonym'));
    } else if (type === 'LOCATION' && model.lexicons.metonyms.has(words.join(' '))) {
      conll.push(ruled(sp, 'ORGANIZATION', 'org-metonym'));
    } else {
      conll.push({ ...sp, type });
    }
  }
  for (let k = 0; k < conll.length; k++) {
    const sp = conll[k] as TypedSpan;
    const next = conll[k + 1];
    const head = next ? sentences[next.sentence]?.[next.start] : undefined;
    if (
      sp.type === 'NATIONALITY' &&
      next?.type === 'ORGANIZATION' &&
      next.sentence === sp.sentence &&
      next.start === sp.end &&
      head !== undefined &&
      ORG_AFTER_DEMONYM.test(head)
    ) {
      claim(ruled(next, next.type, 'org-demonym-prefix', sp.start, Math.min(sp.confidence, next.confidence)));
      k++;
      continue;
    }
    claim(sp);
  }
  if (tags.re3d) {
    for (const sp of labelledSpans(tags.re3d, tags.starts, 're3d', RE3D_MODEL_TYPES)) claim({ ...sp, type: sp.type as EntityType });
  }
  // The re3d model's features matched the same lexicon already (loadNerModel shares it).
  const defence = model.models.defence === model.lexicons.defence ? tags.defence : undefined;
  sentences.forEach((words, s) => {
    for (const m of defence?.[s] ?? model.lexicons.defence.match(words)) {
      claim({
        type: m.kind as EntityType,
        sentence: s,
        start: m.start,
        end: m.end,
        confidence: 0.5,
        model: 'lexicon',
        rule: 'defence-lexicon',
      });
    }
  });
  return applyRules(out, sentences, model.resources.gazetteer).sort((a, b) => a.sentence - b.sentence || a.start - b.start);
}

export function createNerStage(options: NerStageOptions = {}): Stage<'entities'> {
  let cached: NerModel | undefined = typeof options.model === 'object' ? options.model : undefined;
  const load = (): NerModel => {
    if (!cached) cached = typeof options.model === 'function' ? options.model() : loadNerModel();
    return cached;
  };
  return {
    name: 'ner',
    requires: ['sentences'],
    provides: ['entities'],
    model: 'ner-perceptron-v1',
    run(input) {
      const model = load();
      const sentences: readonly Sentence[] = need(input, 'sentences');
      const text = input.document.text;
      const spans = recogniseEntities(
        model,
        sentences.map((s) => s.tokens.map((t) => t.text)),
      );
      const entities: EntityMention[] = spans.map((sp) => {
        const sentence = sentences[sp.sentence] as Sentence;
        const start = (sentence.tokens[sp.start] as Sentence['tokens'][number]).span.start;
        const end = (sentence.tokens[sp.end - 1] as Sentence['tokens'][number]).span.end;
        return {
          id: `e:${start}-${end}`,
          type: sp.type,
          span: { start, end },
          text: text.slice(start, end),
          sentence: sentence.i,
          // Two literals rather than a spread of the optional rule: far cheaper to build in V8.
          provenance: sp.rule
            ? { stage: 'ner', model: `${model.name}:${sp.model}`, rule: sp.rule, confidence: Math.round(sp.confidence * 1000) / 1000 }
            : { stage: 'ner', model: `${model.name}:${sp.model}`, confidence: Math.round(sp.confidence * 1000) / 1000 },
        };
      });
      return { entities: linkMentions(input.document, sentences, entities) };
    },
  };
}
