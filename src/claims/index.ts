// Claims: who says what, and how sure they are. Attribution extraction in the
// PolNeAR scheme (cue, then source and content around it, by two perceptron
// taggers), source linking to entity mentions/actors, and an epistemic status
// from the cue lemma (status-map.tsv). It does not extract events inside the
// content (src/events does) nor judge whether a claim is true.

export { annotatorAgreement, evaluateClaimModel } from './evaluate.ts';
export { cueLemma } from './lemma.ts';
export { type ClaimModel, deserializeClaimModel, serializeClaimModel } from './model.ts';
export { type GoldAttribution, type PolnearArticle, PolnearFormatError, readPolnear } from './polnear.ts';
export { type ScoreCounts, summary } from './score.ts';
export { CLAIMS_MODEL_NAME, type ClaimStageOptions, claimsFrom, createClaimStage, loadClaimModel } from './stage.ts';
export { decideStatus, loadStatusMap, parseStatusMap, type StatusMap } from './status.ts';
