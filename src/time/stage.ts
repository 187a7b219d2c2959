import type { Message, TimeRef } from '../model/index.ts';
import { need, type Stage } from '../pipeline/index.ts';
import { findTimesFrom, referenceOf, TEMPORAL_TRIGGER } from './normalise.ts';

export interface TimeStageOptions {
  /** Provenance confidence for chrono-normalised expressions. */
  readonly confidence?: number;
}

const STAGE = 'time';

/**
 * Finds temporal expressions sentence by sentence and normalises them against
 * `ctx.published`. Impossible dates and, without a publication date, relative
 * expressions become messages instead of values.
 */
export function createTimeStage(options: TimeStageOptions = {}): Stage<'times'> {
  const { confidence = 0.9 } = options;
  return {
    name: STAGE,
    requires: ['sentences'],
    provides: ['times'],
    model: 'chrono-node 2.10 + rules',
    run(input, ctx) {
      const sentences = need(input, 'sentences');
      const text = input.document.text;
      const messages: Message[] = [];
      const published = ctx.published;
      const reference = referenceOf(published);
      if (published !== undefined && !reference) {
        messages.push({
          message: `publication date '${published}' is not a real YYYY-MM-DD date: relative expressions not normalised`,
          stage: STAGE,
          rule: 'bad-reference-date',
          severity: 'warning',
        });
      }
      const times: TimeRef[] = [];
      let unanchored = 0;
      for (const sentence of sentences) {
        const slice = text.slice(sentence.span.start, sentence.span.end);
        if (!TEMPORAL_TRIGGER.test(slice)) continue;
        for (const found of findTimesFrom(slice, reference, sentence.span.start)) {
          switch (found.kind) {
            case 'date':
              times.push({
                id: `t:${found.span.start}-${found.span.end}`,
                span: found.span,
                text: found.text,
                value: found.value,
                precision: found.precision,
                provenance: {
                  stage: STAGE,
                  model: 'chrono-node',
                  rule: found.rule,
                  confidence: found.relative ? confidence * 0.9 : confidence,
                },
              });
              break;
            case 'invalid':
              messages.push({
                message: `impossible date '${found.text}': ${found.reason}`,
                stage: STAGE,
                rule: found.rule,
                span: found.span,
                severity: 'warning',
              });
              break;
            case 'unanchored':
              unanchored++;
              break;
          }
        }
      }
      if (unanchored > 0) {
        messages.push({
          message: `no publication date: ${unanchored} relative time expression(s) left unnormalised`,
          stage: STAGE,
          rule: 'no-reference-date',
          severity: 'info',
        });
      }
      return { times, messages };
    },
  };
}
