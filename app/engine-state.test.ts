import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioEvaluation } from '@/lib/engine';
import { BASELINE_ASSUMPTIONS } from '@/lib/scenario';
import { bundledManifest, openBundled } from '@/lib/testing';
import type { ModelSummary, PortfolioSummary, WorkerResponse } from '@/lib/worker';
import { exportable, INITIAL_ENGINE_STATE, nextEngineState, shownEvaluation, type EngineEvent, type EngineState } from './engine-state';

let evaluation: ScenarioEvaluation;
let stressed: ScenarioEvaluation;
beforeAll(async () => {
  const { engine, model } = await openBundled();
  evaluation = await engine.evaluate(BASELINE_ASSUMPTIONS);
  stressed = await engine.evaluate({ ...BASELINE_ASSUMPTIONS, 'income-shock': -30 });
  await model.release();
});

const model: ModelSummary = {
  name: 'lending-club-pd',
  version: '1.0.0',
  sha256: 'ab'.repeat(32),
  cardSha256: 'ef'.repeat(32),
  selfTest: { rows: 12, maxAbsDiff: 1e-7, tolerance: 1e-5 },
  holdoutAuc: 0.736,
  trainingLoans: 7392,
  quality: { holdout: bundledManifest().metrics.holdout, limitations: [], leverChannels: [] },
  scorers: 2,
  cardJson: '{}',
  origin: 'deployment',
  inertLevers: [],
};
const portfolio = (name: string, loans: number): PortfolioSummary => ({
  name,
  sha256: 'cd'.repeat(32),
  loans,
  exposure: loans * 15_000,
  notes: { ignoredColumns: [], absentColumns: [], imputedCells: [] },
});
const ready = (name = 'Lending Club 2016 Q1', loans = 9857): WorkerResponse => ({
  type: 'ready',
  model,
  portfolio: portfolio(name, loans),
});
const result = (id: number, e: ScenarioEvaluation = evaluation): WorkerResponse => ({ type: 'result', id, evaluation: e, computeMs: 12 });
const reduce = (events: EngineEvent[], from: EngineState = INITIAL_ENGINE_STATE) => events.reduce(nextEngineState, from);

describe('the page engine state', () => {
  it('shows figures once the model is ready and its first answer arrives; the busy cue follows the client', () => {
    const loading = reduce([{ type: 'pending', pending: true }]);
    expect(loading).toEqual({ status: 'loading', pending: true });
    const answered = reduce([ready(), result(1), { type: 'pending', pending: false }], loading);
    expect(answered).toMatchObject({ status: 'ready', figures: { kind: 'shown', computeMs: 12 }, pending: false });
    expect(shownEvaluation(answered)).toBe(evaluation);
  });

  it('the model’s evidence on the tape arrives after the first figures, joins them and every later answer, and goes with the tape', async () => {
    const { engine, model: opened } = await openBundled();
    const validation = await engine.bookValidation();
    await opened.release();
    const first = reduce([ready(), result(1)]);
    expect(shownEvaluation(first)!.validation).toBeUndefined();
    const validated = nextEngineState(first, { type: 'validation', validation });
    expect(shownEvaluation(validated)!.validation).toBe(validation);
    expect(shownEvaluation(validated)!.scenario).toBe(evaluation.scenario);
    expect(shownEvaluation(nextEngineState(validated, result(2, stressed)))!.validation).toBe(validation);
    const anotherTape = reduce([ready('mine.csv', 100), result(3)], validated);
    expect(shownEvaluation(anotherTape)!.validation).toBeUndefined();
  });

  it('a preview is shown labelled as one and cannot be exported; the exact figures replace it', () => {
    const note = { sampleLoans: 10_000, bookLoans: 1_000_000, method: 'a stratified sample' };
    const previewed = reduce([ready('big.csv', 1_000_000), { type: 'result', id: 1, evaluation, computeMs: 30, preview: note }]);
    expect(previewed).toMatchObject({ figures: { kind: 'shown', preview: note } });
    expect(exportable({ ...previewed, pending: false } as EngineState)).toBeUndefined();
    const exact = nextEngineState(previewed, result(1));
    expect(exact).toMatchObject({ figures: { kind: 'shown', computeMs: 12 } });
    expect(exact.status === 'ready' && exact.figures.kind === 'shown' && exact.figures.preview).toBeUndefined();
    expect(exportable(exact)).toBeDefined();
  });

  it('a failed evaluation withholds the figures; the next answer shows figures again and no stale notice', () => {
    const shown = reduce([ready(), result(1)]);
    const failed = nextEngineState(shown, {
      type: 'evaluation-failed',
      id: 2,
      reason: 'scoring-failed',
      message: 'A scoring helper stopped',
    });
    expect(failed).toMatchObject({
      status: 'ready',
      figures: { kind: 'withheld', reason: 'scoring-failed', message: 'A scoring helper stopped' },
    });
    expect(shownEvaluation(failed)).toBeUndefined();
    expect(exportable(failed)).toBeUndefined();
    const recovered = nextEngineState(failed, result(3, stressed));
    expect(recovered).toMatchObject({ figures: { kind: 'shown' } });
    expect(shownEvaluation(recovered)).toBe(stressed);
  });

  it('figures worked out ahead show at once, still pending and not exportable until the answer; never in place of a failure or before any figures', () => {
    const prepared: EngineEvent = { type: 'prepared', evaluation: stressed };
    const asked = reduce([ready(), result(1), { type: 'pending', pending: false }, { type: 'pending', pending: true }, prepared]);
    expect(shownEvaluation(asked)).toBe(stressed);
    expect(asked).toMatchObject({ pending: true });
    expect(exportable(asked)).toBeUndefined();
    expect(exportable(reduce([result(2, stressed), { type: 'pending', pending: false }], asked))?.evaluation).toBe(stressed);
    // Nothing shown yet, or an answer that failed: figures worked out ahead do not stand in.
    expect(shownEvaluation(reduce([ready(), prepared]))).toBeUndefined();
    const failed = reduce([
      ready(),
      result(1),
      { type: 'evaluation-failed', id: 2, reason: 'scoring-failed', message: 'A scoring helper stopped' },
      prepared,
    ]);
    expect(shownEvaluation(failed)).toBeUndefined();
  });

  it('a big book’s preview worked out ahead shows as a preview, and exact figures worked out ahead do not replace a preview', () => {
    const note = { sampleLoans: 10_000, bookLoans: 1_000_000, method: 'a stratified sample' };
    const previewed = reduce([
      ready(),
      result(1),
      { type: 'pending', pending: true },
      { type: 'prepared', evaluation: stressed, preview: note },
    ]);
    expect(shownEvaluation(previewed)).toBe(stressed);
    expect(previewed).toMatchObject({ figures: { kind: 'shown', preview: note, computeMs: 0 } });
    expect(exportable(previewed)).toBeUndefined();
    const exactAhead = reduce([{ type: 'prepared', evaluation }], previewed);
    expect(exactAhead).toBe(previewed);
  });

  it('a fatal error replaces everything and nothing after it is believed', () => {
    const shown = reduce([ready(), result(1)]);
    const fatal = nextEngineState(shown, { type: 'fatal', reason: 'worker-crashed', message: 'The engine worker stopped.' });
    expect(fatal).toEqual({ status: 'failed', reason: 'worker-crashed', message: 'The engine worker stopped.' });
    expect(reduce([ready(), result(2), { type: 'pending', pending: true }], fatal)).toBe(fatal);
    expect(exportable(fatal)).toBeUndefined();
  });

  it('a newly loaded tape never shows the previous tape’s figures', () => {
    const shown = reduce([ready(), result(1)]);
    const newTape = nextEngineState(shown, ready('sample.csv', 200));
    expect(newTape).toMatchObject({ status: 'ready', portfolio: { name: 'sample.csv', loans: 200 }, figures: { kind: 'awaiting' } });
    expect(shownEvaluation(newTape)).toBeUndefined();
  });

  it('a refused file keeps the current tape and figures; a tape loaded later clears the refusal', () => {
    const shown = reduce([ready(), result(1)]);
    const refusal: WorkerResponse = { type: 'portfolio-refused', name: 'broken.csv', issues: [], totalIssues: 3 };
    const refused = nextEngineState(shown, refusal);
    expect(refused).toMatchObject({ portfolio: { name: 'Lending Club 2016 Q1' }, figures: { kind: 'shown' }, refusal });
    expect(nextEngineState(refused, ready('sample.csv', 200))).not.toHaveProperty('refusal');
  });

  it('exports only figures on show with no newer answer on its way', () => {
    const shown = reduce([ready(), result(1)]);
    expect(exportable(shown)).toEqual({ evaluation, model, portfolio: portfolio('Lending Club 2016 Q1', 9857) });
    expect(exportable(nextEngineState(shown, { type: 'pending', pending: true }))).toBeUndefined();
    expect(exportable(reduce([ready()]))).toBeUndefined();
  });

  it('a worker being replaced shows no figures until the new one has verified the model and answered', () => {
    const shown = reduce([ready(), result(1), { type: 'pending', pending: true }]);
    const restarting = nextEngineState(shown, { type: 'restarting', reason: 'worker-silent', detail: '' });
    expect(restarting).toEqual({ status: 'loading', pending: true, recovering: { reason: 'worker-silent', detail: '' } });
    expect(shownEvaluation(restarting)).toBeUndefined();
    expect(exportable(restarting)).toBeUndefined();
    const back = reduce([ready(), result(7, stressed), { type: 'pending', pending: false }], restarting);
    expect(back).toMatchObject({ status: 'ready', figures: { kind: 'shown' }, pending: false });
    expect(back).not.toHaveProperty('recovering');
  });

  it('a file refused while the model loads is still said once the model is ready', () => {
    const refusal: WorkerResponse = { type: 'portfolio-refused', name: 'huge.csv', issues: [], totalIssues: 1 };
    const refusedEarly = reduce([refusal]);
    expect(refusedEarly).toEqual({ status: 'loading', pending: false, refusal });
    expect(nextEngineState(refusedEarly, ready())).toMatchObject({ status: 'ready', refusal });
  });

  it('an answer before the model is ready is not shown', () => {
    expect(reduce([result(1)])).toEqual(INITIAL_ENGINE_STATE);
    expect(reduce([{ type: 'evaluation-failed', id: 1, reason: 'engine-error', message: 'x' }])).toEqual(INITIAL_ENGINE_STATE);
  });
});
