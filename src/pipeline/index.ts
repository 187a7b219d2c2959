// Builds the extraction pipeline from stages that declare what they require
// and provide; checks the graph at build time and freezes it. It does not
// know any stage's internals: the default stage set lives in default.ts.

export { createDefaultPipeline } from './default.ts';
export { createPipeline, type Pipeline, PipelineError } from './runner.ts';
export type { AnyStage, Stage, StageContext, StageInput, StageOutput } from './stage.ts';
export { need } from './stage.ts';
