import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { EngineClient, type WorkerLike } from './client';
import { MANIFEST_PATH, MODEL_PATH, startHelperChannel, TAPE_PATH } from '../testing';
import { createEngineHandler } from './handler';
import { openRemoteScorer, ScoringHelperError, type ScorerInit } from './scorer-client';
import type { WorkerRequest, WorkerResponse } from './protocol';

const files: Record<string, string> = {
  '/models/lending-club-pd.manifest.json': MANIFEST_PATH,
  '/models/lending-club-pd.onnx': MODEL_PATH,
  '/portfolios/lending_club.csv': TAPE_PATH,
};

function startHandler(scorers = 1, openHelper = (helperInit: ScorerInit) => openRemoteScorer(startHelperChannel().port, helperInit)) {
  const replies: WorkerResponse[] = [];
  const handle = createEngineHandler({
    post: (m) => replies.push(m),
    fetchBytes: async (url) => new Uint8Array(readFileSync(files[url]!)),
    now: () => performance.now(),
    openHelper,
  });
  const init: WorkerRequest = {
    type: 'init',
    manifestUrl: '/models/lending-club-pd.manifest.json',
    portfolioUrl: '/portfolios/lending_club.csv',
    portfolioName: 'Lending Club 2016 Q1',
    wasmPaths: '',
    scorers,
  };
  return { replies, handle, ready: handle(init) };
}

describe('engine worker protocol', () => {
  it('reports the verified model and the portfolio when ready', async () => {
    const { replies, ready } = startHandler();
    await ready;
    expect(replies[0]).toMatchObject({
      type: 'ready',
      model: { name: 'lending-club-pd', version: '1.0.0', selfTest: { rows: 12 } },
      portfolio: { name: 'Lending Club 2016 Q1', loans: 9857, exposure: 154_592_825 },
    });
    // The bundled portfolio is the very file the model was trained on (its card names the hash).
    const card = JSON.parse(readFileSync(files['/models/lending-club-pd.manifest.json']!, 'utf8'));
    expect(replies[0]).toMatchObject({ portfolio: { sha256: card.trainingData.sha256 } });
  });

  it('latest request wins: a burst of slider steps computes only the first and the last', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    const first = handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -5 } });
    await new Promise((resolve) => setTimeout(resolve, 0)); // the first is being computed
    const burst = [-10, -15, -20, -25].map((v, i) =>
      handle({ type: 'evaluate', id: i + 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': v } }),
    );
    burst.push(first);
    await Promise.all(burst);
    const results = replies.filter((r) => r.type === 'result');
    expect(results.map((r) => r.id)).toEqual([1, 5]);
    expect(results[1]!.evaluation.assumptions['income-shock']).toBe(-25);
  });

  it('with scoring helpers, the book is scored across instances with the same figures', async () => {
    const single = startHandler(1);
    const sharded = startHandler(3);
    await Promise.all([single.ready, sharded.ready]);
    expect(sharded.replies[0]).toMatchObject({ type: 'ready', model: { scorers: 3 } });
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'unemployment-change': 2 };
    await single.handle({ type: 'evaluate', id: 1, assumptions: stress });
    await sharded.handle({ type: 'evaluate', id: 1, assumptions: stress });
    const scenarioOf = (replies: WorkerResponse[]) => replies.find((r) => r.type === 'result')!.evaluation.scenario;
    expect(scenarioOf(sharded.replies)).toEqual(scenarioOf(single.replies));
    expect(scenarioOf(single.replies).book.expectedLoss).toBeGreaterThan(0);
  });

  it('a helper that cannot start leaves the book to the others; one whose model fails its check withholds the figures', async () => {
    const degraded = startHandler(3, async (helperInit) => {
      const helper = startHelperChannel();
      const opening = openRemoteScorer(helper.port, helperInit);
      helper.crash('out of memory');
      return opening;
    });
    await degraded.ready;
    expect(degraded.replies[0]).toMatchObject({ type: 'ready', model: { scorers: 1 } });

    const refused = startHandler(2, (helperInit) => {
      const tampered = Uint8Array.from(helperInit.modelBytes);
      tampered[tampered.length - 5]! ^= 1;
      return openRemoteScorer(startHelperChannel().port, { ...helperInit, modelBytes: tampered });
    });
    await refused.ready;
    expect(refused.replies[0]).toMatchObject({ type: 'fatal', reason: 'model-verification' });
  });

  it('a user portfolio with problems is refused and the current one kept', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'load-portfolio', name: 'mine.csv', csvText: 'funded_amnt,term\n1000,term_36\n' });
    expect(replies.at(-1)).toMatchObject({ type: 'portfolio-refused', name: 'mine.csv' });
    await handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    expect(replies.at(-1)).toMatchObject({ type: 'result', evaluation: { baseline: { book: { loans: 9857 } } } });
  });

  it('a helper that fails while scoring withholds that evaluation, and the next one is answered again', async () => {
    let failNext = false;
    const { replies, handle, ready } = startHandler(2, async (helperInit) => {
      const scorer = await openRemoteScorer(startHelperChannel().port, helperInit);
      return (inputs, from, to) =>
        failNext ? Promise.reject(new ScoringHelperError('A scoring helper failed: out of memory')) : scorer(inputs, from, to);
    });
    await ready;
    failNext = true;
    await handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    expect(replies.at(-1)).toEqual({
      type: 'evaluation-failed',
      id: 1,
      reason: 'scoring-failed',
      message: 'A scoring helper failed: out of memory',
    });
    failNext = false;
    await handle({ type: 'evaluate', id: 2, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    const answer = replies.at(-1)!;
    expect(answer).toMatchObject({ type: 'result', id: 2 });
    const single = startHandler(1);
    await single.ready;
    await single.handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -20 } });
    const reference = single.replies.at(-1)!;
    expect(answer.type === 'result' && reference.type === 'result' && answer.evaluation.scenario.book).toEqual(
      reference.type === 'result' && reference.evaluation.scenario.book,
    );
  });

  it('a tape chosen while the model verifies is adopted after the bundled one, and the figures answer it', async () => {
    const { replies, handle, ready } = startHandler();
    const tape = readFileSync(TAPE_PATH, 'utf8').split('\n').slice(0, 201).join('\n');
    const loading = handle({ type: 'load-portfolio', name: 'sample.csv', csvText: tape });
    const answering = handle({ type: 'evaluate', id: 1, assumptions: BASELINE_ASSUMPTIONS });
    await Promise.all([ready, loading, answering]);
    expect(replies.map((r) => (r.type === 'ready' ? `ready ${r.portfolio.name}` : r.type))).toEqual([
      'ready Lending Club 2016 Q1',
      'ready sample.csv',
      'result',
    ]);
    expect(replies.at(-1)).toMatchObject({ type: 'result', evaluation: { baseline: { book: { loans: 200 } } } });
  });
});

describe('engine client', () => {
  it('drops a result that does not answer the latest request and shows a pending cue meanwhile', () => {
    const { worker, listener } = fakeWorker();
    const delivered: WorkerResponse[] = [];
    const pending: boolean[] = [];
    const client = new EngineClient(worker, { onMessage: (m) => delivered.push(m), onPendingChange: (p) => pending.push(p) });
    client.evaluate(BASELINE_ASSUMPTIONS);
    client.evaluate({ ...BASELINE_ASSUMPTIONS, lgd: 50 });
    const reply = (id: number) => ({ type: 'result', id, evaluation: {}, computeMs: 1 }) as unknown as WorkerResponse;
    listener({ data: reply(1) });
    expect(delivered).toHaveLength(0);
    expect(pending).toEqual([true]);
    listener({ data: reply(2) });
    expect(delivered.map((m) => m.type === 'result' && m.id)).toEqual([2]);
    expect(pending).toEqual([true, false]);
    client.evaluate(BASELINE_ASSUMPTIONS);
    listener({ data: { type: 'fatal', reason: 'model-verification', message: 'self-test' } });
    expect(pending).toEqual([true, false, true, false]);
  });

  it('an engine worker that stops becomes a fatal state, not an endless wait', () => {
    const { worker, crash } = fakeWorker();
    const delivered: WorkerResponse[] = [];
    const pending: boolean[] = [];
    const client = new EngineClient(worker, { onMessage: (m) => delivered.push(m), onPendingChange: (p) => pending.push(p) });
    client.evaluate(BASELINE_ASSUMPTIONS);
    crash('Uncaught RangeError: Array buffer allocation failed');
    expect(delivered).toEqual([
      { type: 'fatal', reason: 'worker-crashed', message: 'Uncaught RangeError: Array buffer allocation failed' },
    ]);
    expect(pending).toEqual([true, false]);
  });
});

/** A stand-in for the engine worker: `listener` delivers a reply, `crash` an uncaught error. */
function fakeWorker() {
  const listeners: { message?: (e: { data: WorkerResponse }) => void; error?: (e: { message?: string }) => void } = {};
  const worker: WorkerLike = {
    postMessage: () => {},
    addEventListener: (type: 'message' | 'error', l: never) => {
      listeners[type] = l;
    },
    terminate: () => {},
  };
  return {
    worker,
    listener: (e: { data: WorkerResponse }) => listeners.message!(e),
    crash: (message: string) => listeners.error!({ message }),
  };
}
