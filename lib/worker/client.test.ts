import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, type Assumptions } from '../scenario';
import { BUNDLED_URLS, byoModelBytes, holdoutCsv, inProcessWorker, TAPE_PATH } from '../testing';
import { EngineClient, type ChosenTape, type EngineClientOptions, type Restarting, type WorkerLike } from './client';
import type { InitRequest, WorkerRequest, WorkerResponse } from './protocol';

const INIT: InitRequest = { type: 'init', ...BUNDLED_URLS, portfolioName: 'Lending Club 2016 Q1', wasmPaths: '', scorers: 1, pins: {} };
// In these tests the worker runs on the client's own thread, so a busy worker (the tape's validation, an
// evaluation) also silences the clock: the watchdog allows 2 s, well past any of those on a loaded CI machine.
const QUICK: EngineClientOptions = { watchdog: { intervalMs: 20, deadAfterMs: 2_000 }, graceMsPerByte: 0, maxRestarts: 2 };
const stress: Assumptions = { ...BASELINE_ASSUMPTIONS, 'income-shock': -25, 'unemployment-change': 1 };
const sampleTape = (): ChosenTape => ({
  name: 'sample.csv',
  file: new Blob([readFileSync(TAPE_PATH, 'utf8').split('\n').slice(0, 301).join('\n')]),
});

/** A client on in-process workers, recording what the page would see. */
function startClient(options = QUICK) {
  const workers: ReturnType<typeof inProcessWorker>[] = [];
  const seen: (WorkerResponse | Restarting)[] = [];
  const adopted: (string | null)[] = [];
  let settle: () => void = () => {};
  const client = new EngineClient(
    () => {
      const w = inProcessWorker();
      workers.push(w);
      return w.worker;
    },
    INIT,
    {
      onMessage: (m) => seen.push(m),
      onPendingChange: (pending) => {
        if (!pending) settle();
      },
      onTapeAdopted: (tape) => adopted.push(tape?.name ?? null),
    },
    options,
  );
  /** Resolves when no answer is pending any more. */
  const answered = () => new Promise<void>((resolve) => (settle = resolve));
  const lastResult = () => seen.filter((m): m is Extract<WorkerResponse, { type: 'result' }> => m.type === 'result').at(-1);
  return { client, workers, seen, adopted, answered, lastResult };
}

describe('the engine client supervises its worker', () => {
  it('a worker that throws is replaced: the model is verified again, the tape restored and the latest scenario answered as a fresh page would', async () => {
    const fresh = startClient();
    fresh.client.loadPortfolio(sampleTape());
    let done = fresh.answered();
    fresh.client.evaluate(stress);
    await done;

    const { client, workers, seen, adopted, answered, lastResult } = startClient();
    done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    client.loadPortfolio(sampleTape());
    done = answered();
    client.evaluate(stress);
    workers[0]!.crash('Uncaught RangeError: Array buffer allocation failed');
    await done;

    expect(workers).toHaveLength(2);
    expect(workers[0]!.isTerminated()).toBe(true);
    expect(seen.filter((m) => m.type === 'restarting')).toEqual([
      { type: 'restarting', reason: 'worker-error', detail: 'Uncaught RangeError: Array buffer allocation failed' },
    ]);
    expect(adopted.at(-1)).toBe('sample.csv');
    expect(lastResult()!.evaluation.assumptions).toEqual(stress);
    expect(lastResult()!.evaluation.scenario).toEqual(fresh.lastResult()!.evaluation.scenario);
    client.terminate();
    fresh.client.terminate();
  });

  it('a worker that goes quiet (it closed itself) is noticed by the watchdog and replaced', async () => {
    const { client, workers, seen, answered, lastResult } = startClient();
    let done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    workers[0]!.close();
    done = answered();
    client.evaluate(stress);
    await done;
    expect(seen.filter((m) => m.type === 'restarting')).toEqual([{ type: 'restarting', reason: 'worker-silent', detail: '' }]);
    expect(workers).toHaveLength(2);
    expect(lastResult()!.evaluation.assumptions).toEqual(stress);
    client.terminate();
  });

  it('a worker that keeps dying ends in a fatal state, not an endless restart', async () => {
    const { client, workers, seen } = startClient({ ...QUICK, maxRestarts: 1 });
    client.evaluate(BASELINE_ASSUMPTIONS);
    workers[0]!.crash('boom');
    workers[1]!.crash('boom again');
    expect(workers).toHaveLength(2);
    expect(seen.at(-1)).toEqual({
      type: 'fatal',
      reason: 'worker-crashed',
      message: 'boom again',
    });
    client.terminate();
  });

  it('a worker that dies after adopting the chosen tape: the new one gets that tape back', async () => {
    const { client, workers, adopted, answered, lastResult } = startClient();
    client.loadPortfolio(sampleTape());
    let done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    expect(adopted.at(-1)).toBe('sample.csv');
    done = answered();
    client.evaluate(stress);
    workers[0]!.crash('lost');
    await done;
    expect(workers).toHaveLength(2);
    expect(lastResult()!.evaluation.baseline.book.loans).toBe(300);
    client.terminate();
  });

  it('a worker that dies while a brought model is in use: the new one runs that model again, never silently the deployment’s', async () => {
    const { client, workers, seen, answered, lastResult } = startClient();
    client.loadPortfolio({ name: 'lc_holdout.csv', file: new Blob([holdoutCsv()]) });
    client.loadModel({ modelName: 'lc_pipeline_logreg_zipmap.onnx', modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap') });
    let done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    const before = lastResult()!.evaluation;
    done = answered();
    client.evaluate({ ...BASELINE_ASSUMPTIONS, lgd: 50 });
    workers[0]!.crash('lost');
    await done;
    expect(workers).toHaveLength(2);
    const readies = seen.filter((m): m is Extract<WorkerResponse, { type: 'ready' }> => m.type === 'ready');
    expect(readies.at(-1)!.model).toMatchObject({ name: 'lc_pipeline_logreg_zipmap', origin: 'brought' });
    const after = lastResult()!.evaluation;
    expect(after.baseline.book.loans).toBe(2464);
    expect(after.baseline.book.expectedLoss).toBe(before.baseline.book.expectedLoss);
    client.terminate();
  });

  it('a tape on its way when the worker dies twice is refused, and the bundled tape stays in use', async () => {
    const { client, workers, seen, answered, lastResult } = startClient();
    let done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    const killer = sampleTape();
    client.loadPortfolio({ ...killer, name: 'killer.csv' });
    workers[0]!.crash('out of memory');
    workers[1]!.crash('out of memory');
    done = answered();
    await done;
    expect(workers).toHaveLength(3);
    expect(seen.filter((m) => m.type === 'portfolio-refused')).toEqual([
      expect.objectContaining({
        name: 'killer.csv',
        issues: [expect.objectContaining({ message: 'The engine stopped twice while reading killer.csv; it was not loaded.' })],
      }),
    ]);
    expect(lastResult()!.evaluation.baseline.book.loans).toBe(9857);
    client.terminate();
  });

  it('a worker that cannot even be created is a fatal state, and nothing is sent after it', () => {
    const seen: (WorkerResponse | Restarting)[] = [];
    const client = new EngineClient(
      () => {
        throw new Error('Workers are blocked here');
      },
      INIT,
      { onMessage: (m) => seen.push(m), onPendingChange: () => {} },
      QUICK,
    );
    expect(seen).toEqual([{ type: 'fatal', reason: 'worker-crashed', message: 'Workers are blocked here' }]);
    expect(() => client.evaluate(BASELINE_ASSUMPTIONS)).not.toThrow();
    expect(seen).toHaveLength(1);
  });

  it('says which tape is in use: the chosen one once adopted, none when back on the bundled one', async () => {
    // About adoption, not restarts: a watchdog that a loaded machine cannot trip (a restart re-adopts the tape).
    const { client, adopted, answered } = startClient({ ...QUICK, watchdog: { intervalMs: 1_000, deadAfterMs: 60_000 } });
    let done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    client.loadPortfolio({ name: 'broken.csv', file: new Blob(['funded_amnt\n1\n']) });
    client.loadPortfolio(sampleTape());
    done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    client.loadBundledPortfolio();
    done = answered();
    client.evaluate(BASELINE_ASSUMPTIONS);
    await done;
    expect(adopted).toEqual([null, 'sample.csv', null]);
    client.terminate();
  });
});

/** A worker that answers only what the test makes it say. */
function silentWorker() {
  let listener: (e: { data: WorkerResponse }) => void = () => {};
  const worker: WorkerLike = {
    postMessage: () => {},
    addEventListener: (type: 'message' | 'error', l: never) => {
      if (type === 'message') listener = l;
    },
    terminate: () => {},
  };
  return { worker, reply: (e: { data: WorkerResponse }) => listener(e) };
}

describe('the engine client answers the latest request only', () => {
  it('drops a result that does not answer the latest request and shows a pending cue meanwhile', () => {
    const { worker, reply: listener } = silentWorker();
    const delivered: (WorkerResponse | Restarting)[] = [];
    const pending: boolean[] = [];
    const client = new EngineClient(() => worker, INIT, { onMessage: (m) => delivered.push(m), onPendingChange: (p) => pending.push(p) });
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
    client.terminate();
  });

  it('a big book’s preview is shown while the request stays pending; its exact figures end the wait', () => {
    const { worker, reply: listener } = silentWorker();
    const delivered: WorkerResponse[] = [];
    const pending: boolean[] = [];
    const client = new EngineClient(() => worker, INIT, {
      onMessage: (m) => m.type === 'result' && delivered.push(m),
      onPendingChange: (p) => pending.push(p),
    });
    client.evaluate(BASELINE_ASSUMPTIONS);
    const preview = { sampleLoans: 10_000, bookLoans: 1_000_000, method: 'a stratified sample' };
    listener({ data: { type: 'result', id: 1, evaluation: {}, computeMs: 1, preview } as unknown as WorkerResponse });
    expect(delivered).toHaveLength(1);
    expect(pending).toEqual([true]);
    listener({ data: { type: 'result', id: 1, evaluation: {}, computeMs: 900 } as unknown as WorkerResponse });
    expect(delivered).toHaveLength(2);
    expect(pending).toEqual([true, false]);
    client.terminate();
  });

  it('only the latest ask for drivers, a goal seek or a comparison is answered on the page', () => {
    const { worker, reply: listener } = silentWorker();
    const posted: WorkerRequest[] = [];
    worker.postMessage = (m: WorkerRequest) => posted.push(m);
    const delivered: string[] = [];
    const client = new EngineClient(() => worker, INIT, {
      onMessage: (m) => delivered.push(`${m.type} ${'id' in m ? m.id : ''}`),
      onPendingChange: () => {},
    });
    client.explain(BASELINE_ASSUMPTIONS, undefined, undefined, 'irbCapital');
    client.explain(stress);
    const seek = { lever: 'lgd' as const, kpi: 'expectedLoss' as const, target: 1e6 };
    client.seek(stress, undefined, [seek]);
    client.seek(stress, undefined, [seek]);
    client.compare(stress);
    client.compare(stress);
    expect(posted.filter((m) => m.type !== 'init').map((m) => `${m.type} ${'id' in m ? m.id : ''}`)).toEqual([
      'drivers 1',
      'drivers 2',
      'goal-seek 1',
      'goal-seek 2',
      'compare 1',
      'compare 2',
    ]);
    for (const id of [1, 2]) {
      listener({ data: { type: 'drivers', id, assumptions: stress, failed: 'x' } });
      listener({ data: { type: 'goal-seek', id, assumptions: stress, failed: 'x' } });
      listener({ data: { type: 'comparison', id, comparison: {} } as unknown as WorkerResponse });
    }
    expect(delivered).toEqual(['drivers 2', 'goal-seek 2', 'comparison 2']);
    client.terminate();
  });
});
