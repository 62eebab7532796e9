/**
 * Messages between the engine worker and a scoring helper: a second instance of the same verified
 * model, on another core, that scores a slice of the loans. A helper keeps the columns it was sent,
 * so a request carries only the columns that changed since the last one (the shocked inputs).
 */
export type ScorerColumns = Record<string, Float32Array | string[]>;

export type ScorerRequest =
  | { type: 'init'; manifestJson: unknown; modelBytes: Uint8Array; wasmPaths: string }
  | { type: 'score'; id: number; columns: ScorerColumns };

export type ScorerResponse =
  | { type: 'ready' }
  /** The helper's own check of the model (hash, self-test) failed, or the model did not load. */
  | { type: 'failed'; message: string; verification: boolean }
  | { type: 'scored'; id: number; pd: Float32Array }
  | { type: 'score-failed'; id: number; message: string };
