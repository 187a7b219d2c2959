// Token accuracy of the tagger against a CoNLL-2003 file's POS column (in
// sitrep's merged tagset), per gold tag as well.
import type { ConllDocument } from '../ner/index.ts';
import type { PosTagger } from './tagger.ts';
import { fromPennTag, type PosTag } from './tagset.ts';

export interface PosScores {
  readonly tokens: number;
  readonly accuracy: number;
  /** Per gold tag: how many, and the share tagged right. */
  readonly byTag: Readonly<Partial<Record<PosTag, { readonly count: number; readonly accuracy: number }>>>;
}

export function evaluatePos(tagger: PosTagger, docs: readonly ConllDocument[]): PosScores {
  let tokens = 0;
  let right = 0;
  const perTag = new Map<PosTag, { count: number; right: number }>();
  for (const doc of docs) {
    for (const s of doc.sentences) {
      const predicted = tagger.tag(s.words);
      s.pos.forEach((penn, i) => {
        const gold = fromPennTag(penn);
        const t = perTag.get(gold) ?? { count: 0, right: 0 };
        t.count++;
        tokens++;
        if (predicted[i] === gold) {
          t.right++;
          right++;
        }
        perTag.set(gold, t);
      });
    }
  }
  const byTag = Object.fromEntries(
    [...perTag].sort(([a], [b]) => (a < b ? -1 : 1)).map(([tag, t]) => [tag, { count: t.count, accuracy: round(t.right / t.count) }]),
  );
  return { tokens, accuracy: round(tokens > 0 ? right / tokens : 0), byTag };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;
