export { EngineClient, type EngineClientEvents, type WorkerLike } from './client';
export { createEngineHandler, type HandlerDeps } from './handler';
export type * from './protocol';
