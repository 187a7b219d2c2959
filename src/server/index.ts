// The HTTP API over the archive and the static web UI. Thin: reads come from
// src/store, analysis from src/service; nothing here extracts or fuses.
// createApp() is testable in-process (app.request()); startServer() binds it.
export { type AppOptions, createApp } from './app.ts';
export { ApiError, type ErrorBody } from './errors.ts';
export { openApiDocument } from './openapi.ts';
export { isLoopback, type RunningServer, ServeError, type StartOptions, startServer } from './serve.ts';
export type {
  ClaimGroup,
  ClaimView,
  ClusterRecord,
  DocumentSummary,
  EntityDetail,
  EntitySummary,
  EventView,
  MentionView,
  PlaceView,
  SearchHit,
} from './views.ts';
export { buildWeb, ensureWeb, WEB_DIST, WebBuildError, webBuilt } from './web.ts';
