// Polarity and modality of an event mention from cue words before its
// trigger, within its clause. Cue lists follow the factuality cues of
// FactBank (Saurí & Pustejovsky 2009) reduced to sitrep's four modalities.
import type { Token } from '../model/index.ts';
import { lemmaForms, normalizeWord } from './lemma.ts';

export type Modality = 'asserted' | 'hypothetical' | 'future' | 'demanded';

const CLAUSE_STOP = new Set([',', ';', ':', '.', '“', '”', '"', 'but', 'while', 'whereas']);
const NEGATION = new Set(['not', "n't", 'never', 'no', 'without', 'neither', 'nor', 'fail']);
const FUTURE = new Set(['will', 'shall', "'ll", 'plan', 'intend', 'vow', 'pledge', 'prepare']);
const HYPOTHETICAL = new Set([
  'could',
  'may',
  'might',
  'would',
  'should',
  'if',
  'unless',
  'whether',
  'possible',
  'possibly',
  'potential',
  'potentially',
  'attempt',
  'try',
  'order',
]);
/** "order" stands for "in order to": purpose is intention, not fact. */
const DEMAND = new Set(['urge', 'demand', 'ask']);

/** How far back a negation or modal cue may stand from the trigger, in tokens. */
const NEGATION_WINDOW = 4;
const MODAL_WINDOW = 5;
const DEMAND_WINDOW = 12;

function clauseBefore(tokens: readonly Token[], start: number, window: number): Token[] {
  const out: Token[] = [];
  for (let i = start - 1; i >= 0 && i >= start - window; i--) {
    const t = tokens[i];
    if (!t || CLAUSE_STOP.has(normalizeWord(t.text))) break;
    out.push(t);
  }
  return out;
}

const has = (set: ReadonlySet<string>, t: Token): boolean => [...lemmaForms(t.text)].some((f) => set.has(f));

export function isNegated(tokens: readonly Token[], triggerStart: number): boolean {
  return clauseBefore(tokens, triggerStart, NEGATION_WINDOW).some((t) => has(NEGATION, t));
}

/** "called for a strong response to crush …": a demand cue earlier in the sentence. */
function demandedBefore(tokens: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - DEMAND_WINDOW; i--) {
    const t = tokens[i];
    if (!t) break;
    const w = normalizeWord(t.text);
    if (w === ';' || w === '.') break;
    if (has(DEMAND, t)) return true;
    if (w === 'for' && i > 0 && lemmaForms(tokens[i - 1]?.text ?? '').has('call')) return true;
  }
  return false;
}

export function modalityOf(tokens: readonly Token[], triggerStart: number, isStatement: boolean): Modality {
  if (isStatement) return 'asserted';
  if (demandedBefore(tokens, triggerStart)) return 'demanded';
  const before = clauseBefore(tokens, triggerStart, MODAL_WINDOW);
  if (before.some((t) => has(FUTURE, t))) return 'future';
  if (before.some((t) => has(HYPOTHETICAL, t))) return 'hypothetical';
  return 'asserted';
}
