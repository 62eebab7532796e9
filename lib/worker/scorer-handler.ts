/** The scoring helper's logic, free of worker globals: it verifies its own copy of the model, then scores. */
import { computeLoanFigures, jobReceiver } from '../engine';
import { loadPdModel, ModelVerificationError, parseManifest, type PdModel } from '../model';
import { parseTapePart, partForTransit } from '../portfolio';
import { assertNever, errorMessage } from '../util';
import type {
  LoanFiguresRequest,
  ParseTapeRequest,
  ScoreRequest,
  ScorerColumns,
  ScorerInitRequest,
  ScorerRequest,
  ScorerResponse,
} from './scorer-protocol';

export function createScorerHandler(post: (message: ScorerResponse, transfer?: Transferable[]) => void) {
  let model: PdModel | undefined;
  const columns: ScorerColumns = {};
  const received = jobReceiver();

  async function init(request: ScorerInitRequest) {
    try {
      model = await loadPdModel(request.modelBytes, parseManifest(request.manifestJson), { wasmPaths: request.wasmPaths });
      post({ type: 'ready' });
    } catch (e) {
      post({ type: 'failed', reason: e instanceof ModelVerificationError ? 'model-verification' : 'model-load', message: errorMessage(e) });
    }
  }

  async function score(request: ScoreRequest) {
    Object.assign(columns, request.columns);
    try {
      if (!model) throw new Error('the scoring helper has no model');
      const pd = await model.scorePd(columns);
      post({ type: 'scored', id: request.id, pd }, [pd.buffer]);
    } catch (e) {
      post({ type: 'score-failed', id: request.id, message: errorMessage(e) });
    }
  }

  function figures(request: LoanFiguresRequest) {
    try {
      const { loans: _loans, blocks, ...figures } = computeLoanFigures(received(request));
      const arrays: (Float64Array | Uint8Array | Uint32Array)[] = [
        ...Object.values(figures),
        ...(blocks ? [...blocks.cells.flatMap((c) => [c.ids, c.sums]), ...blocks.ladder] : []),
      ];
      const transfer = arrays.map((a) => a.buffer as ArrayBuffer);
      post({ type: 'loan-figures-done', id: request.id, figures: { ...figures, ...(blocks ? { blocks } : {}) } }, transfer);
    } catch (e) {
      post({ type: 'score-failed', id: request.id, message: errorMessage(e) });
    }
  }

  function parseTape({ id, text, specs }: ParseTapeRequest) {
    try {
      const { transit, transfer } = partForTransit(parseTapePart(text, specs));
      post({ type: 'tape-parsed', id, part: transit }, transfer);
    } catch (e) {
      post({ type: 'score-failed', id, message: errorMessage(e) });
    }
  }

  return async function handle(request: ScorerRequest): Promise<void> {
    switch (request.type) {
      case 'init':
        return init(request);
      case 'score':
        return score(request);
      case 'loan-figures':
        return figures(request);
      case 'parse-tape':
        return parseTape(request);
      case 'ping':
        return post({ type: 'pong', id: request.id });
      default:
        return assertNever(request);
    }
  };
}
