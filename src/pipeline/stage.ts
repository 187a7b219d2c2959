import type { Annotations, Document, Layer, Message } from '../model/index.ts';

/** What a stage sees: the document and the layers earlier stages produced. */
export interface StageInput {
  readonly document: Document;
  readonly layers: Readonly<Partial<Annotations>>;
}

export interface StageContext {
  /**
   * The reference date for relative expressions ("on Thursday"): the
   * document's publication date, given explicitly. Stages never read the clock.
   */
  readonly published?: string;
}

/** What a stage returns: the layers it provides, plus non-fatal messages. */
export type StageOutput<P extends Layer> = { readonly [K in P]: Annotations[K] } & {
  readonly messages?: readonly Message[];
};

/**
 * One pipeline stage. `run` returns new annotations; it never changes what
 * an earlier stage produced (unified's plugin → transformer shape).
 */
export interface Stage<P extends Layer> {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly provides: readonly P[];
  /** Model name/version for provenance and `--help`. */
  readonly model?: string;
  run(input: StageInput, ctx: StageContext): StageOutput<P>;
}

/** Any stage, whatever it provides: what the runner holds. */
export interface AnyStage {
  readonly name: string;
  readonly requires: readonly Layer[];
  readonly provides: readonly Layer[];
  readonly model?: string;
  run(input: StageInput, ctx: StageContext): Readonly<Partial<Annotations>> & { readonly messages?: readonly Message[] };
}

/** Reads a layer an earlier stage must have provided (checked at build time). */
export function need<K extends Layer>(input: StageInput, layer: K): Annotations[K] {
  const value = input.layers[layer];
  if (value === undefined) throw new Error(`layer '${layer}' missing: pipeline built without its provider`);
  return value as Annotations[K];
}
