// The trainable sequence labeller shared by the stages (NER, claims): a
// structured averaged perceptron over hashed string features with
// constrained Viterbi decoding and a compact, deterministic binary format.
// It knows nothing about language; feature templates live in each stage.
import { hashString } from './hash.ts';
import { type Decoded, type EmissionDecoder, type HashedSequence, PerceptronModel, trainPerceptron } from './perceptron.ts';
import type { Scheme } from './tags.ts';

export { reserveDecoding, reserveFeatures } from './decode.ts';
export { combineHash, HashIndex, hashString } from './hash.ts';
export { type KernelMemory, kernels } from './kernels.ts';
export type {
  ConfidenceRequest,
  Decoded,
  EmissionDecoder,
  EmissionRows,
  HashedExample,
  HashedSequence,
  HashedTrainOptions,
  JointWeights,
} from './perceptron.ts';
export { addSequenceWeights, jointWeights, PerceptronModel, trainPerceptron } from './perceptron.ts';
export { ScoreRows, TypeRows } from './score-rows.ts';
export type { Constraints, LabelScheme, LabelSpan, Scheme } from './tags.ts';
export { labelScheme, schemeConstraints, spansFromLabelIds, spansFromTags, tagsFromSpans } from './tags.ts';
export { type TypeIds, WordTypes } from './word-types.ts';

/** Per token, its feature strings. */
export type FeatureSeq = readonly (readonly string[])[];
export interface Sequence {
  readonly features: FeatureSeq;
  readonly labels: readonly string[];
}
export interface TrainOptions {
  readonly epochs: number;
  /** Seeds the shuffling of sequences between epochs: same data + seed → same model bytes. */
  readonly seed: number;
  /** Transition constraints enforced in Viterbi; 'none' allows any label sequence. */
  readonly scheme?: Scheme | 'none';
  /** Drop features seen fewer times in training (default 1: keep all). */
  readonly minFeatureCount?: number;
  readonly onEpoch?: (epoch: number, stats: { errors: number; tokens: number }) => void;
}
export interface SequenceLabeller {
  readonly labels: readonly string[];
  decode(features: FeatureSeq): Decoded;
  /**
   * Fast path: features already hashed (see `hashFeatures`, `combineHash`).
   * `prior` (n × labels.length) adds precomputed `scoreHashed` vectors.
   */
  decodeHashed(seq: HashedSequence, prior?: Float64Array, withConfidence?: boolean | 'labelled'): Decoded;
  /** Per-label score of a feature set, to cache and pass as part of a `prior`. */
  scoreHashed(feats: Uint32Array): Float64Array;
  /** The allocation-free path over label ids (the NER tagger's); same results as decodeHashed. */
  readonly decoder: EmissionDecoder;
  serialize(): Uint8Array;
}

/** Hashes string features into the flat layout the model reads. */
export function hashFeatures(features: FeatureSeq): HashedSequence {
  let total = 0;
  for (const f of features) total += f.length;
  const feats = new Uint32Array(total);
  const offsets = new Uint32Array(features.length + 1);
  let k = 0;
  features.forEach((tokenFeatures, i) => {
    offsets[i] = k;
    for (const f of tokenFeatures) feats[k++] = hashString(f);
  });
  offsets[features.length] = k;
  return { feats, offsets };
}

/** A trained model behind the SequenceLabeller interface. */
export function asSequenceLabeller(model: PerceptronModel): SequenceLabeller {
  return {
    labels: model.labels,
    decode: (features) => model.decodeHashed(hashFeatures(features)),
    decodeHashed: (seq, prior, withConfidence) => model.decodeHashed(seq, prior, withConfidence),
    scoreHashed: (feats) => model.scoreHashed(feats),
    decoder: model,
    serialize: () => model.serialize(),
  };
}

export function trainSequenceLabeller(data: readonly Sequence[], options: TrainOptions): SequenceLabeller {
  for (const [i, s] of data.entries()) {
    if (s.features.length !== s.labels.length) {
      throw new Error(`sequence ${i}: ${s.features.length} feature lists but ${s.labels.length} labels`);
    }
  }
  const hashed = data.map((s) => ({
    ...hashFeatures(s.features),
    labels: s.labels,
  }));
  return asSequenceLabeller(trainPerceptron(hashed, options));
}

export function loadSequenceLabeller(bytes: Uint8Array): SequenceLabeller {
  return asSequenceLabeller(PerceptronModel.load(bytes));
}
