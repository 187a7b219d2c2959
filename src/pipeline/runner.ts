import type { Annotations, Document, Extraction, Layer, Message } from '../model/index.ts';
import type { AnyStage, StageContext } from './stage.ts';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
}

export interface Pipeline {
  /** Stages in run order. */
  readonly stages: readonly AnyStage[];
  readonly provides: readonly Layer[];
  run(document: Document, ctx?: StageContext): Extraction;
}

/**
 * Orders stages by their declared requires/provides, failing at build time
 * on a missing provider, a layer provided twice, or a cycle; then freezes.
 */
export function createPipeline(stages: readonly AnyStage[]): Pipeline {
  const provider = new Map<Layer, AnyStage>();
  for (const stage of stages) {
    for (const layer of stage.provides) {
      const other = provider.get(layer);
      if (other) throw new PipelineError(`layer '${layer}' provided by both '${other.name}' and '${stage.name}'`);
      provider.set(layer, stage);
    }
  }
  for (const stage of stages) {
    for (const layer of stage.requires) {
      if (!provider.has(layer)) throw new PipelineError(`stage '${stage.name}' requires '${layer}', which no stage provides`);
    }
  }

  const ordered: AnyStage[] = [];
  const state = new Map<AnyStage, 'visiting' | 'done'>();
  const visit = (stage: AnyStage, path: string[]): void => {
    const seen = state.get(stage);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new PipelineError(`cycle: ${[...path, stage.name].join(' → ')}`);
    state.set(stage, 'visiting');
    for (const layer of stage.requires) {
      const dep = provider.get(layer);
      if (dep) visit(dep, [...path, stage.name]);
    }
    state.set(stage, 'done');
    ordered.push(stage);
  };
  for (const stage of stages) visit(stage, []);

  const frozen = Object.freeze(ordered);
  return Object.freeze({
    stages: frozen,
    provides: Object.freeze([...provider.keys()]),
    run(document: Document, ctx: StageContext = document.published ? { published: document.published } : {}): Extraction {
      const layers: Partial<Annotations> = {};
      const messages: Message[] = [];
      for (const stage of frozen) {
        const out = stage.run({ document, layers }, ctx);
        for (const layer of stage.provides) {
          (layers as Record<Layer, unknown>)[layer] = out[layer];
        }
        if (out.messages) messages.push(...out.messages);
      }
      return {
        document,
        sentences: layers.sentences ?? [],
        entities: layers.entities ?? [],
        claims: layers.claims ?? [],
        events: layers.events ?? [],
        places: layers.places ?? [],
        times: layers.times ?? [],
        messages,
      };
    },
  });
}
