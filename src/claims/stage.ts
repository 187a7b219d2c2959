import { readFileSync } from 'node:fs';
import { lookupActor, mentionsOverlapping, mentionsWithin, resolveReference } from '../actors/index.ts';
import { assetUrl } from '../model/assets.ts';
import type { Claim, ClaimSource, Document, EntityMention, Sentence, Span } from '../model/index.ts';
import { need, type Stage } from '../pipeline/index.ts';
import { loadPosTagger, type PosTagger } from '../pos/index.ts';
import type { DocView } from './features.ts';
import genericSources from './generic-sources.json' with { type: 'json' };
import { cueLemma } from './lemma.ts';
import {
  type ClaimModel,
  deserializeClaimModel,
  type Lexicon,
  lexicon,
  predictAttributions,
  type TokenAttribution,
  viewOf,
} from './model.ts';
import { applyRules } from './rules.ts';
import { decideStatus, loadStatusMap, type StatusMap } from './status.ts';

export const CLAIMS_MODEL_NAME = 'claims-perceptron-v1';
const DEFAULT_MODEL = assetUrl('models/claims.bin');

/** Loads the committed model (or the one at `path`). */
export function loadClaimModel(path: string | URL = DEFAULT_MODEL): ClaimModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`claims model ${String(path)} unreadable: run npm run train:claims`, { cause: error });
  }
  return deserializeClaimModel(new Uint8Array(bytes));
}

export interface ClaimStageOptions {
  /** A model, or a loader; defaults to models/claims.bin. */
  readonly model?: ClaimModel | (() => ClaimModel);
  readonly statusMap?: StatusMap;
  /** The POS tagger whose tags the features read; defaults to models/pos.slb. */
  readonly tagger?: PosTagger;
}

const GENERIC = new Set(genericSources.heads);
const PRONOUN = /^(they|them|it|he|she|we|i|this|that|who|which)$/i;
const NEGATION = /\b(not|never|no longer|n[’']t)\b|n[’']t\b/i;
const QUOTES = /[“”"«»]|''/;

function charSpan(doc: DocView, r: { start: number; end: number }): Span {
  return { start: (doc.tokens[r.start] as { start: number }).start, end: (doc.tokens[r.end - 1] as { end: number }).end };
}

/** The entity mention a source span names: the longest one inside it, else one overlapping it. */
function mentionIn(mentions: readonly EntityMention[], span: Span): EntityMention | undefined {
  const inside = mentionsWithin(mentions, span.start, span.end)
    .filter((m) => m.type !== 'QUANTITY' && m.type !== 'TEMPORAL')
    .sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.span.start - b.span.start);
  return inside[0] ?? mentionsOverlapping(mentions, span.start, span.end)[0];
}

/**
 * Builds claims from decoded attributions: source linking (mention, actor,
 * pronoun antecedent, generic heads), status from the cue lemma, direct speech
 * and negation. Exported for tests of the rules on hand-made attributions.
 */
export function claimsFrom(
  document: Document,
  sentences: readonly Sentence[],
  mentions: readonly EntityMention[],
  doc: DocView,
  attributions: readonly TokenAttribution[],
  map: StatusMap,
  known: ReadonlySet<string>,
): Claim[] {
  const text = document.text;
  const claims: Claim[] = [];
  let previous: ClaimSource | undefined;
  // Per mention, the actor of its first claim that has one (a scan of the claims per claim grew with their square).
  const actorOfEntity = new Map<string, string>();
  for (const a of attributions) {
    const cueSpan = charSpan(doc, a.cue);
    const cueWords = doc.tokens.slice(a.cue.start, a.cue.end).map((t) => t.text);
    const { lemma, negated: cueNegated } = cueLemma(cueWords, known);
    const first = a.content[0];
    const last = a.content[a.content.length - 1];
    if (!first || !last) continue;
    const contentSpan = { start: charSpan(doc, first).start, end: charSpan(doc, last).end };
    const contentText = text.slice(contentSpan.start, contentSpan.end);
    let source: ClaimSource;
    let rule = a.rule ? `model+${a.rule}` : 'model';
    if (a.source) {
      // PolNeAR sources keep an appositive's closing comma; a claim's source does not.
      let { start, end } = a.source;
      while (end - 1 > start && /^[,;:—–-]$/.test(doc.tokens[end - 1]?.text ?? '')) end--;
      while (start + 1 < end && /^[,;:—–-]$/.test(doc.tokens[start]?.text ?? '')) start++;
      const span = charSpan(doc, { start, end });
      const sourceText = text.slice(span.start, span.end);
      const words = sourceText.toLowerCase().split(/\s+/);
      const head = words[words.length - 1] ?? '';
      let mention = mentionIn(mentions, span);
      // "some officials" resolved to the Kremlin stays generic: unnamed people of that actor.
      let genericAntecedent = false;
      if (!mention && (PRONOUN.test(sourceText) || GENERIC.has(head))) {
        mention = resolveReference(document, sentences, mentions, span);
        if (mention) rule = 'model+antecedent';
        genericAntecedent = mention !== undefined && !PRONOUN.test(sourceText);
      }
      const earlierActor = mention ? actorOfEntity.get(mention.id) : undefined;
      // The whole source phrase first ("the Ukrainian government" → UKR.GOV, not
      // the nationality mention inside it), then the mention and its earlier claims.
      const actor = lookupActor(sourceText)?.id ?? mention?.actor ?? earlierActor ?? (mention ? lookupActor(mention.text)?.id : undefined);
      // "Russian military bloggers": a generic head whose only mention is a modifier.
      const modifierOnly =
        genericAntecedent ||
        (mention !== undefined && (mention.type === 'NATIONALITY' || mention.type === 'LOCATION') && GENERIC.has(head));
      if (mention && modifierOnly) {
        source = { span, text: sourceText, entity: mention.id, ...(actor ? { actor } : {}), generic: true };
      } else if (mention) {
        source = { span, text: sourceText, entity: mention.id, ...(actor ? { actor } : {}), generic: false };
      } else if (PRONOUN.test(sourceText) && previous && !previous.generic) {
        // A pronoun with no mention to resolve to: the previous claim's source (same speaker continuing).
        source = { ...previous, span, text: sourceText };
        rule = 'model+previous-source';
      } else {
        source = { span, text: sourceText, ...(actor ? { actor } : {}), generic: GENERIC.has(head) && !actor };
      }
    } else {
      source = { text: '', generic: true };
      rule = 'model:no-source';
    }
    let decision = decideStatus(map, lemma, cueNegated, contentText);
    // "claimed X, stating that Y": a neutral participle elaborating an earlier
    // cue of the same source in the sentence carries that cue's status.
    const participle = /ing$/i.test(cueWords[0] ?? '') && doc.tokens[a.cue.start - 1]?.text === ',';
    const head = claims.at(-1);
    if (
      participle &&
      decision.status === 'asserted' &&
      head &&
      head.sentence === (doc.tokens[a.cue.start]?.sentence ?? -1) &&
      head.source.text === source.text &&
      head.status !== 'asserted'
    ) {
      decision = { status: head.status, rule: `${decision.rule}+participle-of:${head.cue.lemma}` };
    }
    const sentence = doc.tokens[a.cue.start]?.sentence ?? 0;
    claims.push({
      id: `c:${cueSpan.start}-${cueSpan.end}`,
      sentence,
      source,
      cue: { span: cueSpan, text: text.slice(cueSpan.start, cueSpan.end), lemma },
      content: { span: contentSpan, text: contentText },
      direct: QUOTES.test(contentText) || QUOTES.test(text.slice(Math.max(0, contentSpan.start - 1), contentSpan.start)),
      status: decision.status,
      negated: NEGATION.test(contentText.split(/[,;:]/)[0] ?? ''),
      provenance: {
        stage: 'claims',
        model: CLAIMS_MODEL_NAME,
        rule: `${rule};${decision.rule}`,
        confidence: Math.round(a.confidence * 1000) / 1000,
      },
    });
    if (source.entity && source.actor && !actorOfEntity.has(source.entity)) actorOfEntity.set(source.entity, source.actor);
    if (source.text) previous = source;
  }
  return claims;
}

export function createClaimStage(options: ClaimStageOptions = {}): Stage<'claims'> {
  let cached: { model: ClaimModel; lex: Lexicon; tagger: PosTagger } | undefined;
  const map = options.statusMap ?? loadStatusMap();
  const load = (): { model: ClaimModel; lex: Lexicon; tagger: PosTagger } => {
    if (!cached) {
      const model =
        typeof options.model === 'object' ? options.model : typeof options.model === 'function' ? options.model() : loadClaimModel();
      cached = { model, lex: lexicon(map), tagger: options.tagger ?? loadPosTagger() };
    }
    return cached;
  };
  return {
    name: 'claims',
    requires: ['sentences', 'entities'],
    provides: ['claims'],
    model: CLAIMS_MODEL_NAME,
    run(input) {
      const sentences = need(input, 'sentences');
      const mentions = need(input, 'entities');
      const { model, lex, tagger } = load();
      const doc = viewOf(sentences, lex, tagger);
      const attributions = applyRules(doc, predictAttributions(model, doc, lex));
      return { claims: claimsFrom(input.document, sentences, mentions, doc, attributions, map, lex.known) };
    },
  };
}
