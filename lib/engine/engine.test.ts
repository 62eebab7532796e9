import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, type Assumptions } from '../scenario';
import { bookFromTape, irbCapitalPerLgd, portfolioMetrics } from '../metrics';
import { modelInputsFromTape } from '../model';
import { bundledCard, openBundled, TAPE_PATH } from '../testing';
import type { ScenarioEngine } from './engine';
import { bookMetricsFromLadder } from './from-ladder';
import { openEngine } from './open';

let engine: ScenarioEngine;
beforeAll(async () => {
  engine = (await openBundled()).engine;
});
const scenario = (a: Partial<Assumptions>): Assumptions => ({ ...BASELINE_ASSUMPTIONS, ...a });
const meanPd = (pd: Float64Array) => pd.reduce((s, p) => s + p, 0) / pd.length;

describe('scenario engine on the bundled tape', () => {
  it('without a scenario, baseline and scenario both equal the model run directly on every loan, and so do their metrics', async () => {
    const { model, manifest, tape } = await openBundled();
    const direct = Float64Array.from(await model.scorePd(modelInputsFromTape(manifest, tape)));
    const loans = await engine.loanLevel(BASELINE_ASSUMPTIONS);
    expect(loans.pdBaseline).toEqual(direct);
    expect(loans.pdScenario).toEqual(direct);
    const expected = portfolioMetrics({
      book: bookFromTape(tape),
      pd: direct,
      originationPd: direct,
      capitalPerLgd: direct.map(irbCapitalPerLgd),
      lgd: BASELINE_ASSUMPTIONS.lgd / 100,
      cutoff: BASELINE_ASSUMPTIONS.cutoff / 100,
    });
    const result = await engine.evaluate(BASELINE_ASSUMPTIONS);
    expect(result.baseline).toEqual(expected);
    expect(result.scenario).toEqual(expected);
    await model.release();
  });

  it('income −30% with unemployment +3 pp raises mean PD by more than 20%', async () => {
    const loans = await engine.loanLevel(scenario({ 'income-shock': -30, 'unemployment-change': 3 }));
    expect(meanPd(loans.pdScenario) / meanPd(loans.pdBaseline)).toBeGreaterThan(1.2);
  });

  it.each([
    ['income-shock', -30],
    ['rate-shock', 300],
    ['utilization-shift', 20],
    ['unemployment-change', 2],
  ] as const)('a harsher %s (%d) raises expected loss', async (id, value) => {
    const result = await engine.evaluate(scenario({ [id]: value }));
    expect(result.scenario.book.expectedLoss).toBeGreaterThan(result.baseline.book.expectedLoss);
  });

  it('LGD moves expected loss and capital in proportion, without re-running the model', async () => {
    const before = await engine.evaluate(scenario({ 'income-shock': -10 }));
    const runs = engine.modelRunCount;
    const after = await engine.evaluate(scenario({ 'income-shock': -10, lgd: 42.5 }));
    expect(engine.modelRunCount).toBe(runs);
    expect(after.scenario.book.expectedLoss / before.scenario.book.expectedLoss).toBeCloseTo(0.5, 12);
    expect(after.scenario.book.irbCapital / before.scenario.book.irbCapital).toBeCloseTo(0.5, 12);
  });

  it('a lower cut-off declines loans and lowers the expected bad rate, without re-running the model', async () => {
    const runs = engine.modelRunCount;
    const result = await engine.evaluate(scenario({ cutoff: 8 }));
    expect(engine.modelRunCount).toBe(runs);
    expect(result.scenario.book.approvalRate).toBeLessThan(1);
    expect(result.scenario.book.approvalRate).toBeGreaterThan(0.5);
    expect(result.scenario.book.expectedBadRate).toBeLessThan(result.baseline.book.expectedBadRate);
    const point = result.cutoffCurve.scenario.find((p) => p.cutoff === 8)!;
    expect(point.approvalRate).toBeCloseTo(result.scenario.book.approvalRate, 12);
  });

  it('LGD and cut-off moves are answered from the last evaluation, as the engine answers them', async () => {
    const last = await engine.evaluate(scenario({ 'income-shock': -20, 'unemployment-change': 2 }));
    const moved = scenario({ 'income-shock': -20, 'unemployment-change': 2, lgd: 60, cutoff: 12.5 });
    const quick = bookMetricsFromLadder(last, moved)!;
    const engineBook = (await engine.evaluate(moved)).scenario.book;
    for (const [key, value] of Object.entries(engineBook)) expect(quick[key as keyof typeof quick], key).toBeCloseTo(value, 6);
    expect(quick.approvalRate).toBeLessThan(1);
    expect(bookMetricsFromLadder(last, { ...moved, 'unemployment-change': 3 })).toBeUndefined();
    expect(bookMetricsFromLadder(last, { ...moved, cutoff: 12.3 })).toBeUndefined();
  });

  it('unemployment re-uses the model run of the same inputs', async () => {
    await engine.evaluate(scenario({ 'rate-shock': 100 }));
    const runs = engine.modelRunCount;
    await engine.evaluate(scenario({ 'rate-shock': 100, 'unemployment-change': 4 }));
    expect(engine.modelRunCount).toBe(runs);
  });

  it('reports inputs clamped to the training range', async () => {
    const result = await engine.evaluate(scenario({ 'utilization-shift': 50 }));
    const allUtil = result.clamped.find((c) => c.input === 'all_util');
    expect(allUtil?.loans).toBeGreaterThan(0);
    expect(allUtil?.range).toEqual([0, 198]);
    expect(allUtil?.levers).toEqual(['utilization-shift']);
  });

  it('segments by grade, term and state add up to the book', async () => {
    const result = await engine.evaluate(scenario({ 'income-shock': -20 }));
    for (const kind of ['grade', 'term', 'state'] as const) {
      const total = result.scenario.segments[kind].reduce((s, seg) => s + seg.metrics.expectedLoss, 0);
      expect(total).toBeCloseTo(result.scenario.book.expectedLoss, 3);
    }
    expect(result.scenario.segments.grade.map((s) => s.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(result.scenario.segments.state).toHaveLength(50);
  });

  it('a bad portfolio is refused with row-level problems, not scored', async () => {
    const csv = readFileSync(TAPE_PATH, 'utf8').split('\n');
    csv[3] = csv[3]!.replace(/"(Not_Verified|Source_Verified|Verified)"/, '"Maybe"');
    const opened = await openEngine({ ...bundledCard(), csvText: csv.join('\n') });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    expect(opened.issues[0]).toMatchObject({ row: 3, column: 'verification_status', value: 'Maybe' });
  });
});
