// Turning gold corpora into tagger inputs: re3d character spans → token
// spans over sitrep's own tokenisation (so training sees what tagging sees).
import type { LabelSpan } from '../learn/index.ts';
import { segment } from '../text/index.ts';
import type { Re3dDocument, Re3dSpan } from './re3d.ts';

export interface TokenisedDocument {
  readonly sentences: string[][];
  /** Per sentence, [start, end) character offsets of each token. */
  readonly offsets: [number, number][][];
}

export function tokenise(text: string): TokenisedDocument {
  const sentences = segment(text);
  return {
    sentences: sentences.map((s) => s.tokens.map((t) => t.text)),
    offsets: sentences.map((s) => s.tokens.map((t): [number, number] => [t.span.start, t.span.end])),
  };
}

/** Token spans of character spans, per sentence; spans crossing sentences are dropped. */
export function tokenSpans(doc: TokenisedDocument, spans: readonly Re3dSpan[]): LabelSpan[][] {
  return doc.offsets.map((offs) => {
    const out: LabelSpan[] = [];
    for (const sp of spans) {
      const first = offs.findIndex(([, e]) => e > sp.start);
      if (first < 0 || (offs[first] as [number, number])[0] >= sp.end) continue;
      let last = first;
      while (last + 1 < offs.length && (offs[last + 1] as [number, number])[0] < sp.end) last++;
      if ((offs[last] as [number, number])[1] < sp.end && last === offs.length - 1 && sp.end > (offs[last] as [number, number])[1]) {
        continue; // continues into the next sentence
      }
      out.push({ type: sp.type, start: first, end: last + 1 });
    }
    return out;
  });
}

export function re3dTrainingDocs(docs: readonly Re3dDocument[]): { tok: TokenisedDocument; spans: LabelSpan[][] }[] {
  return docs.map((d) => {
    const tok = tokenise(d.text);
    return { tok, spans: tokenSpans(tok, d.gold) };
  });
}
