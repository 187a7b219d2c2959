// The one service module the CLI, HTTP server and UI are thin layers over:
// read inputs, run the default pipeline, return Extractions. It holds no
// state beyond the lazily built pipeline.
export { extractDocument, extractText, pipelineStages } from './extract.ts';
