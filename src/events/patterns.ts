// A tiny pattern language over a sentence's tokens, for trigger lexicons
// kept as data (triggers.json). Items are separated by spaces:
//   word        a lemma; matches any token whose lemmaForms() contain it
//   =word       exactly this (lowercased) word form: "=accord" is not "according"
//   a|b         alternatives
//   @class      any lemma listed under that class in the lexicon
//   #num        a number: digits ("3,000", "10") or a number word
//   x?          optional item
//   ...N        a gap of 0..N tokens that does not cross a clause mark
import type { Token } from '../model/index.ts';
import { lemmaForms, normalizeWord } from './lemma.ts';
import { isNumberToken } from './quantities.ts';

type Alternative =
  | { readonly kind: 'lemma'; readonly lemma: string }
  | { readonly kind: 'exact'; readonly word: string }
  | { readonly kind: 'class'; readonly name: string }
  | { readonly kind: 'number' };

type Item =
  | { readonly kind: 'element'; readonly alternatives: readonly Alternative[]; readonly optional: boolean }
  | { readonly kind: 'gap'; readonly max: number };

export interface CompiledPattern {
  readonly source: string;
  readonly items: readonly Item[];
}

export type Classes = ReadonlyMap<string, ReadonlySet<string>>;

/** Tokens a gap may not cross: clause and quotation marks. */
const GAP_STOP = new Set([',', ';', ':', '.', '!', '?', '“', '”', '"', '(', ')', '—', '–']);

export class PatternError extends Error {
  override readonly name = 'PatternError';
}

export function compilePattern(source: string, classes: Classes): CompiledPattern {
  const items: Item[] = [];
  for (const raw of source.trim().split(/\s+/)) {
    const gap = /^\.\.\.(\d+)$/.exec(raw);
    if (gap) {
      items.push({ kind: 'gap', max: Number(gap[1]) });
      continue;
    }
    const optional = raw.endsWith('?');
    const body = optional ? raw.slice(0, -1) : raw;
    const alternatives = body.split('|').map((alt): Alternative => {
      if (alt === '#num') return { kind: 'number' };
      if (alt.startsWith('@')) {
        const name = alt.slice(1);
        if (!classes.has(name)) throw new PatternError(`pattern '${source}': unknown class @${name}`);
        return { kind: 'class', name };
      }
      if (!/^=?[a-z0-9'-]+$/.test(alt)) throw new PatternError(`pattern '${source}': bad item '${alt}'`);
      if (alt.startsWith('=')) return { kind: 'exact', word: alt.slice(1) };
      return { kind: 'lemma', lemma: alt };
    });
    items.push({ kind: 'element', alternatives, optional });
  }
  if (items.length === 0 || items[0]?.kind === 'gap' || items.at(-1)?.kind === 'gap') {
    throw new PatternError(`pattern '${source}': must start and end with a word`);
  }
  return { source, items };
}

/**
 * Per pattern, the word sets of its required elements: a sentence none of
 * whose tokens has a base form in one of these sets cannot match, so the
 * pattern is skipped without trying every start. Kept beside the pattern
 * with the classes it was compiled against.
 */
const anchorsOf = new WeakMap<CompiledPattern, { readonly classes: Classes; readonly anchors: readonly ReadonlySet<string>[] }>();

export function patternAnchors(pattern: CompiledPattern, classes: Classes): readonly ReadonlySet<string>[] {
  const known = anchorsOf.get(pattern);
  if (known && known.classes === classes) return known.anchors;
  const out: ReadonlySet<string>[] = [];
  for (const item of pattern.items) {
    if (item.kind !== 'element' || item.optional) continue;
    const words = new Set<string>();
    let anchored = true;
    for (const alt of item.alternatives) {
      if (alt.kind === 'lemma') words.add(alt.lemma);
      // lemmaForms() holds the normalised word itself, so an exact word is a form too.
      else if (alt.kind === 'exact') words.add(alt.word);
      else if (alt.kind === 'class') for (const m of classes.get(alt.name) ?? []) words.add(m);
      else anchored = false;
    }
    if (anchored) out.push(words);
  }
  anchorsOf.set(pattern, { classes, anchors: out });
  return out;
}

/** A sentence's tokens looked up once for all patterns: normal forms and base forms. */
export interface TokenForms {
  readonly words: readonly string[];
  readonly forms: readonly ReadonlySet<string>[];
}

/** TokenForms plus all base forms of the sentence together (for the anchor check). */
export interface SentenceForms extends TokenForms {
  readonly all: ReadonlySet<string>;
}

export function sentenceForms(tokens: readonly Token[]): SentenceForms {
  const words: string[] = [];
  const forms: ReadonlySet<string>[] = [];
  const all = new Set<string>();
  for (const token of tokens) {
    words.push(normalizeWord(token.text));
    const f = lemmaForms(token.text);
    forms.push(f);
    for (const x of f) all.add(x);
  }
  return { words, forms, all };
}

function tokenMatches(t: number, s: TokenForms, tokens: readonly Token[], alternatives: readonly Alternative[], classes: Classes): boolean {
  const forms = s.forms[t] as ReadonlySet<string>;
  for (const alt of alternatives) {
    switch (alt.kind) {
      case 'lemma':
        if (forms.has(alt.lemma)) return true;
        break;
      case 'exact':
        if (s.words[t] === alt.word) return true;
        break;
      case 'class': {
        const members = classes.get(alt.name);
        if (members) for (const f of forms) if (members.has(f)) return true;
        break;
      }
      case 'number':
        if (isNumberToken((tokens[t] as Token).text)) return true;
        break;
    }
  }
  return false;
}

/**
 * Token index ranges [start, end) where the pattern matches; longest per start.
 * `forms` (from sentenceForms) may be passed when many patterns run over one sentence.
 */
export function matchPattern(
  pattern: CompiledPattern,
  tokens: readonly Token[],
  classes: Classes,
  forms: SentenceForms = sentenceForms(tokens),
): { start: number; end: number }[] {
  for (const words of patternAnchors(pattern, classes)) {
    let present = false;
    for (const w of words) {
      if (forms.all.has(w)) {
        present = true;
        break;
      }
    }
    if (!present) return [];
  }
  return matchStarts(pattern, tokens, classes, forms);
}

/** matchPattern without the anchor check, for callers that did it themselves. */
export function matchStarts(
  pattern: CompiledPattern,
  tokens: readonly Token[],
  classes: Classes,
  forms: TokenForms,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(pattern.items, 0, tokens, forms, start, classes);
    if (end >= 0) out.push({ start, end });
  }
  return out;
}

/** Longest match of items[k..] at token t; -1 when none. */
function matchFrom(items: readonly Item[], k: number, tokens: readonly Token[], s: TokenForms, t: number, classes: Classes): number {
  if (k === items.length) return t;
  const item = items[k];
  if (!item) return -1;
  let best = -1;
  if (item.kind === 'gap') {
    for (let skip = 0; skip <= item.max; skip++) {
      const end = matchFrom(items, k + 1, tokens, s, t + skip, classes);
      if (end > best) best = end;
      if (t + skip >= tokens.length || GAP_STOP.has(s.words[t + skip] as string)) break;
    }
    return best;
  }
  if (t < tokens.length && tokenMatches(t, s, tokens, item.alternatives, classes)) {
    best = matchFrom(items, k + 1, tokens, s, t + 1, classes);
  }
  if (item.optional) {
    const end = matchFrom(items, k + 1, tokens, s, t, classes);
    if (end > best) best = end;
  }
  return best;
}
