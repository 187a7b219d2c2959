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

function tokenMatches(token: Token, alternatives: readonly Alternative[], classes: Classes): boolean {
  const forms = lemmaForms(token.text);
  for (const alt of alternatives) {
    switch (alt.kind) {
      case 'lemma':
        if (forms.has(alt.lemma)) return true;
        break;
      case 'exact':
        if (normalizeWord(token.text) === alt.word) return true;
        break;
      case 'class': {
        const members = classes.get(alt.name);
        if (members) for (const f of forms) if (members.has(f)) return true;
        break;
      }
      case 'number':
        if (isNumberToken(token.text)) return true;
        break;
    }
  }
  return false;
}

/** Token index ranges [start, end) where the pattern matches; longest per start. */
export function matchPattern(pattern: CompiledPattern, tokens: readonly Token[], classes: Classes): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < tokens.length; start++) {
    const end = matchFrom(pattern.items, 0, tokens, start, classes);
    if (end !== undefined) out.push({ start, end });
  }
  return out;
}

/** Longest match of items[k..] at token t; undefined when none. */
function matchFrom(items: readonly Item[], k: number, tokens: readonly Token[], t: number, classes: Classes): number | undefined {
  if (k === items.length) return t;
  const item = items[k];
  if (!item) return undefined;
  let best: number | undefined;
  const keep = (end: number | undefined): void => {
    if (end !== undefined && (best === undefined || end > best)) best = end;
  };
  if (item.kind === 'gap') {
    for (let skip = 0; skip <= item.max; skip++) {
      keep(matchFrom(items, k + 1, tokens, t + skip, classes));
      const skipped = tokens[t + skip];
      if (!skipped || GAP_STOP.has(normalizeWord(skipped.text))) break;
    }
    return best;
  }
  const token = tokens[t];
  if (token && tokenMatches(token, item.alternatives, classes)) keep(matchFrom(items, k + 1, tokens, t + 1, classes));
  if (item.optional) keep(matchFrom(items, k + 1, tokens, t, classes));
  return best;
}
