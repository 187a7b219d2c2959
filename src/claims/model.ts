// The attribution model: a cue tagger over sentences (BIO) and a role tagger
// that, for one cue, tags its source and content (BIO) in a window of
// sentences around it. Both are src/learn perceptrons; this file builds
// their training sequences, decodes, and (de)serialises the pair.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type HashedExample,
  type HashedSequence,
  hashFeatures,
  loadSequenceLabeller,
  type SequenceLabeller,
  spansFromTags,
  tagsFromSpans,
} from '../learn/index.ts';
import type { Sentence, Span } from '../model/index.ts';
import { DEFAULT_MODEL_DIR as NER_MODEL_DIR } from '../ner/index.ts';
import { cueFeatures, type DocView, docView, roleFeatures, roleWindow } from './features.ts';
import type { StatusMap } from './status.ts';

export interface ClaimModel {
  readonly cue: SequenceLabeller;
  readonly role: SequenceLabeller;
  /** Trained with word-cluster features: decode with the same clusters. */
  readonly clusters: boolean;
}

/** One attribution in token indices (end exclusive). */
export interface TokenAttribution {
  readonly cue: { start: number; end: number };
  readonly source?: { start: number; end: number };
  readonly content: readonly { start: number; end: number }[];
  readonly confidence: number;
  /** The rule that made or changed it (rules.ts), if any. */
  readonly rule?: string;
}

// CLM1: no cluster features; CLM2: trained with models/ner/clusters.tsv.
const MAGIC = { plain: 'CLM1', clusters: 'CLM2' } as const;

export function serializeClaimModel(model: ClaimModel): Uint8Array {
  const a = model.cue.serialize();
  const b = model.role.serialize();
  const out = new Uint8Array(4 + 8 + a.length + b.length);
  out.set(new TextEncoder().encode(model.clusters ? MAGIC.clusters : MAGIC.plain), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, a.length, true);
  view.setUint32(8, b.length, true);
  out.set(a, 12);
  out.set(b, 12 + a.length);
  return out;
}

export function deserializeClaimModel(bytes: Uint8Array): ClaimModel {
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (magic !== MAGIC.plain && magic !== MAGIC.clusters) throw new Error('not a claims model (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const la = view.getUint32(4, true);
  const lb = view.getUint32(8, true);
  return {
    cue: loadSequenceLabeller(bytes.subarray(12, 12 + la)),
    role: loadSequenceLabeller(bytes.subarray(12 + la, 12 + la + lb)),
    clusters: magic === MAGIC.clusters,
  };
}

/** The statuses known to the map, as the lexicon feature reads them. */
export interface Lexicon {
  readonly known: ReadonlySet<string>;
  readonly statusOf: (lemma: string) => string | undefined;
  readonly clusters?: ReadonlyMap<string, string>;
}

/** The status map's lemmas (lexicon feature) and, when given, word clusters. */
export function lexicon(map: StatusMap, clusters?: ReadonlyMap<string, string>): Lexicon {
  const known = new Set(map.keys());
  for (const k of map.keys()) for (const w of k.split(' ')) known.add(w);
  return { known, statusOf: (lemma) => map.get(lemma)?.status, ...(clusters ? { clusters } : {}) };
}

/**
 * The word clusters the NER stage ships (models/ner/clusters.tsv); the claims
 * model is trained with them, so retrain it when they change.
 */
export function loadClusters(path = join(NER_MODEL_DIR, 'clusters.tsv')): Map<string, string> | undefined {
  return existsSync(path) ? parseClusters(readFileSync(path, 'utf8')) : undefined;
}

/** Reads `word<TAB>bitpath` lines; '#' lines are comments. */
export function parseClusters(text: string): Map<string, string> {
  const clusters = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab > 0) clusters.set(line.slice(0, tab), line.slice(tab + 1).trim());
  }
  return clusters;
}

/** Token indices whose character span overlaps any of `spans`. */
export function tokensOf(doc: DocView, spans: readonly Span[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of spans) {
    let a = -1;
    let b = -1;
    for (const [i, t] of doc.tokens.entries()) {
      if (t.end <= s.start) continue;
      if (t.start >= s.end) break;
      if (a < 0) a = i;
      b = i + 1;
    }
    if (a >= 0) out.push({ start: a, end: b });
  }
  return out;
}

export interface GoldTokenAttribution {
  readonly cue: readonly Span[];
  readonly source: readonly Span[];
  readonly content: readonly Span[];
}

/** Training sequences for both taggers from one gold-annotated document. */
export function trainingSequences(
  doc: DocView,
  gold: readonly GoldTokenAttribution[],
  lex: Lexicon,
  jointCue = false,
): { cue: HashedExample[]; role: HashedExample[] } {
  const cueTags = new Array<string>(doc.tokens.length).fill('O');
  const cueRanges = gold.map((g) => tokensOf(doc, g.cue));
  const isCue = new Uint8Array(doc.tokens.length);
  for (const ranges of cueRanges) {
    for (const r of ranges) {
      for (let i = r.start; i < r.end; i++) {
        cueTags[i] = i === r.start ? 'B-CUE' : 'I-CUE';
        isCue[i] = 1;
      }
    }
  }
  // The sentence tagger is joint (SRC/CUE/CON, PolNeAR being univocal): the
  // roles around a cue are the best evidence that it is one. Only its CUE
  // output is used; sources and contents come from the per-cue tagger.
  if (jointCue) {
    for (const g of gold) {
      for (const [type, spans] of [
        ['SRC', g.source],
        ['CON', g.content],
      ] as const) {
        for (const r of tokensOf(doc, spans)) {
          for (let i = r.start; i < r.end; i++) if (!isCue[i]) cueTags[i] = i === r.start ? `B-${type}` : `I-${type}`;
        }
      }
    }
  }
  const cue: HashedExample[] = doc.sentences.map((s, si) => ({
    ...hashFeatures(cueFeatures(doc, si, lex.statusOf)),
    labels: cueTags.slice(s.start, s.end),
  }));
  const role: HashedExample[] = [];
  for (const [k, g] of gold.entries()) {
    const ranges = cueRanges[k] ?? [];
    const first = ranges[0];
    const last = ranges[ranges.length - 1];
    if (!first || !last) continue;
    const c = { start: first.start, end: last.end };
    const w = roleWindow(doc, c.start);
    const spans = [
      ...tokensOf(doc, g.source).map((r) => ({ type: 'SRC', ...r })),
      ...tokensOf(doc, g.content).map((r) => ({ type: 'CON', ...r })),
    ]
      .map((r) => ({ type: r.type, start: Math.max(r.start, w.start) - w.start, end: Math.min(r.end, w.end) - w.start }))
      .filter((r) => r.end > r.start);
    const labels = tagsFromSpans(w.end - w.start, spans, 'BIO');
    const feats = roleFeatures(doc, w, c, (i) => isCue[i] === 1 && (i < c.start || i >= c.end), lex.known);
    role.push({ ...hashFeatures(feats), labels });
  }
  return { cue, role };
}

function mean(xs: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i] ?? 0;
  return to > from ? s / (to - from) : 0;
}

/**
 * Added to every token's B-CUE score (in the model's integer weight units):
 * the cue tagger is precise (P .78) but misses cues (R .59), and this bias
 * tuned on PolNeAR dev trades a little precision for recall (cue exact F1
 * .6725 → .6741, content token F1 .7987 → .8028). Retune after retraining.
 */
export const CUE_BIAS = 3000;

/** Decodes cues, then each cue's source and content. */
export function predictAttributions(model: ClaimModel, doc: DocView, lex: Lexicon, cueBias = CUE_BIAS): TokenAttribution[] {
  const cues: { start: number; end: number; confidence: number }[] = [];
  const L = model.cue.labels.length;
  const b = model.cue.labels.indexOf('B-CUE');
  for (const [si, s] of doc.sentences.entries()) {
    if (s.end <= s.start) continue;
    const seq: HashedSequence = hashFeatures(cueFeatures(doc, si, lex.statusOf));
    let prior: Float64Array | undefined;
    if (cueBias !== 0 && b >= 0) {
      prior = new Float64Array((s.end - s.start) * L);
      for (let i = 0; i < s.end - s.start; i++) prior[i * L + b] = cueBias;
    }
    const out = model.cue.decodeHashed(seq, prior);
    for (const sp of spansFromTags(out.labels, 'BIO')) {
      if (sp.type !== 'CUE') continue;
      cues.push({ start: s.start + sp.start, end: s.start + sp.end, confidence: mean(out.confidence, sp.start, sp.end) });
    }
  }
  const isCue = new Uint8Array(doc.tokens.length);
  for (const c of cues) for (let i = c.start; i < c.end; i++) isCue[i] = 1;
  const result: TokenAttribution[] = [];
  for (const c of cues) {
    const w = roleWindow(doc, c.start);
    const feats = roleFeatures(doc, w, c, (i) => isCue[i] === 1 && (i < c.start || i >= c.end), lex.known);
    const out = model.role.decodeHashed(hashFeatures(feats));
    const spans = spansFromTags(out.labels, 'BIO').map((s) => ({ ...s, start: s.start + w.start, end: s.end + w.start }));
    const content = spans.filter((s) => s.type === 'CON').map(({ start, end }) => ({ start, end }));
    // One source per cue: the SRC span nearest the cue.
    const dist = (s: { start: number; end: number }): number => (s.end <= c.start ? c.start - s.end : s.start - c.end);
    const source = spans
      .filter((s) => s.type === 'SRC')
      .sort((a, b) => dist(a) - dist(b))
      .map(({ start, end }) => ({ start, end }))[0];
    if (content.length === 0) continue;
    result.push({ cue: { start: c.start, end: c.end }, ...(source ? { source } : {}), content, confidence: c.confidence });
  }
  return result;
}

export function viewOf(sentences: readonly Sentence[], lex: Lexicon): DocView {
  return docView(sentences, lex.known, lex.clusters);
}
