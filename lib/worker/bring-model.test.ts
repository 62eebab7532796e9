import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { sha256Hex } from '../model';
import { BUNDLED_URLS, bundledFetch, bundledModelBytes, byoModelBytes, holdoutCsv, regressionOnnx, startHelperChannel } from '../testing';
import { createEngineHandler } from './handler';
import type { Ready, WorkerRequest, WorkerResponse } from './protocol';
import { openRemoteScorer, type ScorerInit } from './scorer-client';

function startHandler(pins = {}) {
  const replies: WorkerResponse[] = [];
  const helpers: ReturnType<typeof startHelperChannel>[] = [];
  const openHelper = (init: ScorerInit) => {
    const helper = startHelperChannel();
    helpers.push(helper);
    return openRemoteScorer(helper.port, init);
  };
  const handle = createEngineHandler({
    // The tape's validation, and figures worked out ahead, come when idle: these tests follow the other replies.
    post: (m) => m.type !== 'validation' && m.type !== 'prepared' && replies.push(m),
    fetchBytes: bundledFetch(),
    now: () => performance.now(),
    openHelper,
  });
  const init: WorkerRequest = { type: 'init', ...BUNDLED_URLS, portfolioName: 'Lending Club 2016 Q1', wasmPaths: '', scorers: 2, pins };
  return { replies, handle, helpers, ready: handle(init) };
}

const holdout = { type: 'load-portfolio', name: 'lc_holdout.csv', file: new Blob([holdoutCsv()]) } as const;
const pipeline = {
  type: 'load-model',
  modelName: 'lc_pipeline_logreg_zipmap.onnx',
  modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap'),
} as const;
const lastReady = (replies: WorkerResponse[]) => replies.filter((r): r is Ready => r.type === 'ready').at(-1)!;

describe('engine worker: a model the user brings', () => {
  it('is matched to the tape in use, verified on every instance, and then scores it; the old instances are stopped', async () => {
    const { replies, handle, helpers, ready } = startHandler();
    await ready;
    await handle(holdout);
    await handle(pipeline);
    expect(lastReady(replies)).toMatchObject({
      model: {
        name: 'lc_pipeline_logreg_zipmap',
        origin: 'brought',
        scorers: 2,
        inertLevers: ['income-shock', 'rate-shock', 'utilization-shift'],
      },
      portfolio: { name: 'lc_holdout.csv', loans: 2464 },
    });
    const { model } = lastReady(replies);
    expect(model.drafted!.mappings).toHaveLength(15);
    expect(JSON.parse(model.cardJson).model.sha256).toBe(model.sha256);
    // Two helpers so far: the deployment's, now stopped, and the brought model's own.
    expect(helpers.map((h) => h.isTerminated())).toEqual([true, false]);
    await handle({ type: 'evaluate', id: 1, assumptions: { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2 } });
    expect(replies.at(-1)).toMatchObject({ type: 'result', id: 1, evaluation: { baseline: { book: { loans: 2464 } } } });
    await handle({ type: 'load-bundled-model' });
    expect(lastReady(replies)).toMatchObject({
      model: { name: 'lending-club-pd', origin: 'deployment' },
      portfolio: { name: 'lc_holdout.csv' },
    });
  });

  it('an answer on its way when a model is brought is asked again of the new model, never reported as failed', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle(holdout);
    await Promise.all([
      handle({ type: 'evaluate', id: 3, assumptions: { ...BASELINE_ASSUMPTIONS, 'income-shock': -10 } }),
      handle(pipeline),
    ]);
    expect(replies.filter((r) => r.type === 'evaluation-failed')).toEqual([]);
    await handle({ type: 'evaluate', id: 4, assumptions: BASELINE_ASSUMPTIONS });
    expect(lastReady(replies).model.name).toBe('lc_pipeline_logreg_zipmap');
    expect(replies.at(-1)).toMatchObject({ type: 'result', id: 4, evaluation: { baseline: { book: { loans: 2464 } } } });
  });

  it('what was asked of the old model while a model is brought is dropped, never reported as failed on the new one', async () => {
    const { replies, handle, helpers, ready } = startHandler();
    await ready;
    await handle(holdout);
    // Two model levers moved: the drivers need model runs the figures did not (each lever moved alone).
    const stress = { ...BASELINE_ASSUMPTIONS, 'income-shock': -10, 'utilization-shift': 5, lgd: 50 };
    await handle({ type: 'evaluate', id: 3, assumptions: stress });
    // The drivers are under way on the old model's instances (its helper holds their next model run) when a model is brought.
    helpers[0]!.silence();
    const asked = helpers[0]!.requests.length;
    const drivers = handle({ type: 'drivers', id: 7, assumptions: stress });
    await vi.waitFor(() => expect(helpers[0]!.requests.length).toBeGreaterThan(asked), { timeout: 10_000 });
    await Promise.all([drivers, handle(pipeline)]);
    await handle({ type: 'ping', id: 99 });
    expect(lastReady(replies).model.name).toBe('lc_pipeline_logreg_zipmap');
    expect(replies.filter((r) => r.type === 'drivers')).toEqual([]);
  });

  it('a model that is refused leaves the current model and figures, and says why with what the wizard needs', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'load-model', modelName: 'loss.onnx', modelBytes: regressionOnnx() });
    const refused = replies.at(-1)!;
    expect(refused).toMatchObject({ type: 'model-refused', modelName: 'loss.onnx', graph: { inputs: [{ name: 'annual_inc' }] } });
    expect(refused.type === 'model-refused' && refused.problems[0]).toMatch(/^The model's output is not a probability/);
    expect(refused.type === 'model-refused' && refused.columns.map((c) => c.name)).toContain('annual_inc');
    await handle({ type: 'load-model', modelName: 'xgb.onnx', modelBytes: byoModelBytes('lc_xgboost') });
    expect(replies.at(-1)).toMatchObject({
      type: 'model-refused',
      problems: ['The model\'s input "input" takes 10 numbers per loan: list its 10 tape columns in order.'],
      graph: { inputs: [{ name: 'input', shape: ['N', 10] }], classLabels: ['0', '1'] },
    });
    await handle({ type: 'evaluate', id: 7, assumptions: BASELINE_ASSUMPTIONS });
    expect(replies.at(-1)).toMatchObject({ type: 'result', id: 7, evaluation: { baseline: { book: { loans: 9857 } } } });
    expect(lastReady(replies).model.name).toBe('lending-club-pd');
  });

  it('a pinned deployment refuses any other model, and keeps its own', async () => {
    const { replies, handle, ready } = startHandler({ modelSha256: await sha256Hex(bundledModelBytes()) });
    await ready;
    await handle(holdout);
    await handle(pipeline);
    const refused = replies.at(-1)!;
    expect(refused.type === 'model-refused' && refused.problems[0]).toMatch(/but this deployment is pinned to [0-9a-f]{12}…/);
    expect(lastReady(replies).model.name).toBe('lending-club-pd');
  });
});

describe('engine worker: champion and challenger', () => {
  it('scores a challenger beside the model in use, compares them on the same scenario, and swaps them', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle(holdout);
    await handle({
      type: 'load-challenger',
      modelName: 'lc_pipeline_logreg_zipmap.onnx',
      modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap'),
    });
    expect(replies.at(-1)).toMatchObject({ type: 'challenger-ready', model: { name: 'lc_pipeline_logreg_zipmap', scorers: 1 } });
    const stress = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 2, cutoff: 10 };
    await handle({ type: 'compare', id: 1, assumptions: stress });
    const answer = replies.at(-1)!;
    if (answer.type !== 'comparison') throw new Error(`expected a comparison, got ${answer.type}`);
    // It crosses to the page as a message: plain data only (structured clone refuses a function).
    expect(structuredClone(answer.comparison)).toEqual(answer.comparison);
    const { champion, challenger, disagreements, approvalSwitches } = answer.comparison;
    expect(champion.name).toBe('lending-club-pd');
    expect(challenger.name).toBe('lc_pipeline_logreg_zipmap');
    // On the shared hold-out: the challenger's AUC is Python's; the champion's is its own on the same loans.
    expect(challenger.auc).toBeCloseTo(0.7313, 3);
    expect(champion.auc).toBeGreaterThan(0.7);
    expect(champion.pdBands.reduce((s, b) => s + b.loans, 0)).toBe(2464);
    expect(disagreements).toHaveLength(10);
    const gaps = disagreements.map((d) => Math.abs(d.challenger - d.champion));
    expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
    expect(approvalSwitches).toBeGreaterThan(0);
    await handle({ type: 'swap-challenger' });
    expect(lastReady(replies).model.name).toBe('lc_pipeline_logreg_zipmap');
    expect(replies.at(-1)).toMatchObject({ type: 'challenger-ready', model: { name: 'lending-club-pd' } });
    await handle({ type: 'evaluate', id: 9, assumptions: stress });
    expect(replies.at(-1)).toMatchObject({ type: 'result', id: 9 });
    await handle({ type: 'compare', id: 2, assumptions: stress });
    const swapped = replies.at(-1)!;
    expect(swapped.type === 'comparison' && [swapped.comparison.champion.name, swapped.comparison.challenger.expectedLoss]).toEqual([
      'lc_pipeline_logreg_zipmap',
      champion.expectedLoss,
    ]);
  });

  it('a challenger that cannot read a newly loaded tape is dropped, and says why; one that cannot be drafted says how to go on', async () => {
    const { replies, handle, ready } = startHandler();
    await ready;
    await handle({ type: 'load-challenger', modelName: 'x.onnx', modelBytes: byoModelBytes('lc_xgboost') });
    const refused = replies.at(-1)!;
    expect(refused.type === 'challenger-gone' && refused.problems.at(-1)).toMatch(/^Load it as the model first to match it in the wizard/);
    await handle({ type: 'load-challenger', modelName: 'p.onnx', modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap') });
    expect(replies.at(-1)).toMatchObject({ type: 'challenger-ready' });
    // The model in use reads a tape without a state column (figures by state read "n/a"); the challenger takes the state as an input.
    const rows = Papa.parse<string[]>(holdoutCsv(), { skipEmptyLines: true }).data;
    const state = rows[0]!.indexOf('addr_state');
    const withoutState = Papa.unparse(rows.map((r) => r.filter((_, j) => j !== state)));
    await handle({ type: 'load-portfolio', name: 'h.csv', file: new Blob([withoutState]) });
    expect(lastReady(replies).portfolio.name).toBe('h.csv');
    const gone = replies.at(-1)!;
    expect(gone).toMatchObject({ type: 'challenger-gone', modelName: 'p' });
    expect(gone.type === 'challenger-gone' && gone.problems[0]).toMatch(/^It cannot read this tape: Column "addr_state" is missing/);
    await handle({ type: 'load-challenger', modelName: 'p.onnx', modelBytes: byoModelBytes('lc_pipeline_logreg_zipmap') });
    expect(replies.at(-1)).toMatchObject({
      type: 'challenger-gone',
      problems: [
        'No tape column matches the model\'s input "addr_state": choose one.',
        expect.stringMatching(/^Load it as the model first/),
      ],
    });
    await handle({ type: 'remove-challenger' });
    expect(replies.at(-1)).toEqual({ type: 'challenger-gone', problems: [] });
  });
});
