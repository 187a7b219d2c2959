// The cue → epistemic-status mapping, read from status-map.tsv (data, with
// one line of reasoning per lemma), plus the few rules that change it:
// a negated cue takes the entry's `if_negated` status, and an asserted cue
// whose content carries a modal hedge ("could be a strategic move") is
// speculated.
import { readFileSync } from 'node:fs';
import { assetUrl } from '../model/assets.ts';
import { type ClaimStatus, ClaimStatusSchema } from '../model/index.ts';

export interface StatusEntry {
  readonly status: ClaimStatus;
  readonly ifNegated: ClaimStatus;
  readonly reasoning: string;
}

export type StatusMap = ReadonlyMap<string, StatusEntry>;

export function parseStatusMap(tsv: string, where: string): StatusMap {
  const map = new Map<string, StatusEntry>();
  for (const [n, line] of tsv.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [lemma, status, ifNegated, reasoning] = line.split('\t');
    const s = ClaimStatusSchema.safeParse(status);
    const neg = ClaimStatusSchema.safeParse(ifNegated);
    if (!lemma || !s.success || !neg.success || !reasoning) {
      throw new Error(`${where}:${n + 1}: expected lemma, status, if_negated, reasoning`);
    }
    map.set(lemma, { status: s.data, ifNegated: neg.data, reasoning });
  }
  return map;
}

let defaultMap: StatusMap | undefined;
export function loadStatusMap(): StatusMap {
  if (!defaultMap) {
    const url = assetUrl('src/claims/status-map.tsv');
    defaultMap = parseStatusMap(readFileSync(url, 'utf8'), 'src/claims/status-map.tsv');
  }
  return defaultMap;
}

export interface StatusDecision {
  readonly status: ClaimStatus;
  /** Why: which entry or rule decided. */
  readonly rule: string;
}

const MODAL_HEDGE = /\b(could|might|may|possibly|perhaps)\b/;

export function decideStatus(map: StatusMap, lemma: string, cueNegated: boolean, content: string): StatusDecision {
  const entry = map.get(lemma);
  if (!entry) {
    return cueNegated
      ? { status: 'no_comment', rule: `status:unknown-lemma-negated:${lemma}` }
      : MODAL_HEDGE.test(content)
        ? { status: 'speculated', rule: `status:unknown-lemma+modal:${lemma}` }
        : { status: 'asserted', rule: `status:unknown-lemma:${lemma}` };
  }
  if (cueNegated) return { status: entry.ifNegated, rule: `status-map:${lemma}:negated` };
  if (entry.status === 'asserted' && MODAL_HEDGE.test(content)) {
    return { status: 'speculated', rule: `status-map:${lemma}+modal` };
  }
  return { status: entry.status, rule: `status-map:${lemma}` };
}
