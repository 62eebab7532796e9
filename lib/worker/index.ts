export {
  EngineClient,
  type ChosenModel,
  type ChosenTape,
  type EngineClientEvents,
  type EngineClientOptions,
  type Restarting,
  type RestartReason,
  type WorkerLike,
} from './client';
export { createEngineHandler, type HandlerDeps } from './handler';
export type * from './protocol';
export { openRemoteScorer, type ScorerInit, type ScorerPort } from './scorer-client';
export { createScorerHandler } from './scorer-handler';
export type * from './scorer-protocol';
