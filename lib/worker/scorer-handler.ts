/** The scoring helper's logic, free of any global: it verifies its own copy of the model, then scores. */
import { loadPdModel, ModelVerificationError, parseManifest, type PdModel } from '../model';
import type { ScorerColumns, ScorerRequest, ScorerResponse } from './scorer-protocol';

export function createScorerHandler(post: (message: ScorerResponse, transfer?: Transferable[]) => void) {
  let model: PdModel | undefined;
  const columns: ScorerColumns = {};

  return async function handle(request: ScorerRequest): Promise<void> {
    if (request.type === 'init') {
      try {
        model = await loadPdModel(request.modelBytes, parseManifest(request.manifestJson), { wasmPaths: request.wasmPaths });
        post({ type: 'ready' });
      } catch (e) {
        post({ type: 'failed', message: (e as Error).message, verification: e instanceof ModelVerificationError });
      }
      return;
    }
    Object.assign(columns, request.columns);
    try {
      if (!model) throw new Error('the scoring helper has no model');
      const pd = await model.scorePd(columns);
      post({ type: 'scored', id: request.id, pd }, [pd.buffer]);
    } catch (e) {
      post({ type: 'score-failed', id: request.id, message: (e as Error).message });
    }
  };
}
