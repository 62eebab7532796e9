import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, type Assumptions, type Settings } from '../scenario';
import type { BookMetrics } from '../metrics';
import { modelInputsFromTape } from '../model';
import { bundledCard, openBundled, TAPE_PATH } from '../testing';
import type { ScenarioEngine } from './engine';
import { figuresFromLast } from './from-ladder';
import { openEngine } from './open';

let engine: ScenarioEngine;
beforeAll(async () => {
  engine = (await openBundled()).engine;
});
const scenario = (a: Partial<Assumptions>): Assumptions => ({ ...BASELINE_ASSUMPTIONS, ...a });
const meanPd = (pd: Float64Array) => pd.reduce((s, p) => s + p, 0) / pd.length;

describe('scenario engine on the bundled tape', () => {
  it('without a scenario, the PDs are the model run directly on every loan, and book and new business agree', async () => {
    const { model, manifest, tape } = await openBundled();
    const direct = Float64Array.from(await model.scorePd(modelInputsFromTape(manifest, tape)));
    const loans = await engine.loanLevel(BASELINE_ASSUMPTIONS);
    expect(loans.pdBaseline).toEqual(direct);
    expect(loans.pdScenario).toEqual(direct);
    const result = await engine.evaluate(BASELINE_ASSUMPTIONS);
    expect(result.scenario).toEqual(result.baseline);
    // The bundled tape is a book at origination: read as applicants at 100% approval it is the same loans.
    expect(result.newBusiness.scenario.expectedLoss).toBeCloseTo(result.scenario.book.expectedLoss, 6);
    expect(result.combined.scenario.expectedLoss).toBeCloseTo(2 * result.scenario.book.expectedLoss, 6);
    expect(result.exposureBasis).toBe('origination');
    await model.release();
  });

  it('income −30% with unemployment +3 pp raises mean PD by more than 20%', async () => {
    const loans = await engine.loanLevel(scenario({ 'income-shock': -30, 'unemployment-change': 3 }));
    expect(meanPd(loans.pdScenario) / meanPd(loans.pdBaseline)).toBeGreaterThan(1.2);
  });

  it.each([
    ['income-shock', -30],
    ['utilization-shift', 20],
    ['unemployment-change', 2],
  ] as const)('a harsher %s (%d) raises the book’s expected loss, IFRS 9 and CECL ECL', async (id, value) => {
    const result = await engine.evaluate(scenario({ [id]: value }));
    for (const key of ['expectedLoss', 'ifrs9Ecl', 'ceclEcl'] as const) {
      expect(result.scenario.book[key], key).toBeGreaterThan(result.baseline.book[key]);
    }
  });

  it('a rate rise leaves the book’s fixed instalments (and PDs) alone and squeezes its unhedged margin', async () => {
    const result = await engine.evaluate(scenario({ 'rate-shock': 300 }));
    const { baseline, scenario: stressed } = result;
    expect(stressed.book.expectedLoss).toBe(baseline.book.expectedLoss);
    // Funding reprices by 3% × (1 − 50% hedged) on the performing balance.
    const squeeze = baseline.book.netInterestIncome - stressed.book.netInterestIncome;
    expect(squeeze).toBeCloseTo(0.015 * baseline.book.performingBalance, 4);
    expect(squeeze).toBeGreaterThan(1_000_000);
    // New loans are priced higher: their instalment, PD and expected loss rise.
    expect(result.newBusiness.scenario.expectedLoss).toBeGreaterThan(result.newBusiness.baseline.expectedLoss);
    expect(result.newBusiness.scenario.averageRate - result.newBusiness.baseline.averageRate).toBeCloseTo(0.03, 2);
  });

  it('a fully hedged book keeps its margin under a rate shock', async () => {
    const hedged: Settings = { ...DEFAULT_SETTINGS, 'hedge-ratio': 100 };
    const result = await engine.evaluate(scenario({ 'rate-shock': 300 }), hedged);
    expect(result.scenario.book.netInterestIncome).toBeCloseTo(result.baseline.book.netInterestIncome, 6);
  });

  it('LGD moves expected loss and ECL in proportion, without re-running the model', async () => {
    const before = await engine.evaluate(scenario({ 'income-shock': -10 }));
    const runs = engine.modelRunCount;
    const after = await engine.evaluate(scenario({ 'income-shock': -10, lgd: 42.5 }));
    expect(engine.modelRunCount).toBe(runs);
    expect(after.scenario.book.expectedLoss / before.scenario.book.expectedLoss).toBeCloseTo(0.5, 12);
    expect(after.scenario.book.ifrs9Ecl / before.scenario.book.ifrs9Ecl).toBeCloseTo(0.5, 12);
    // Capital uses the downturn LGD (LGD + 10 pp), floored at 30% under Basel III.
    expect(after.scenario.book.irbCapital / before.scenario.book.irbCapital).toBeCloseTo(0.525 / 0.95, 12);
  });

  it('the cut-off acts on new business only: the book keeps every loan, and no model runs', async () => {
    const runs = engine.modelRunCount;
    const result = await engine.evaluate(scenario({ cutoff: 8 }));
    expect(engine.modelRunCount).toBe(runs);
    expect(result.scenario.book).toEqual(result.baseline.book);
    expect(result.scenario.book.approvalRate).toBe(1);
    const nb = result.newBusiness.scenario;
    expect(nb.approvalRate).toBeLessThan(1);
    expect(nb.approvalRate).toBeGreaterThan(0.5);
    // The policy effect is shown apart: what the cut-off declines was observed to go bad more often.
    expect(result.policy.declined).toBe(nb.loans - nb.approvedLoans);
    expect(result.policy.declinedObservedBadRate).toBeGreaterThan(2 * result.policy.approvedObservedBadRate);
    const point = result.cutoffCurve.scenario.find((p) => p.cutoff === 8)!;
    expect(point.approvalRate).toBeCloseTo(nb.approvalRate, 12);
  });

  it('a recession with a cut-off: the book’s losses rise; applicants the recession pushes past the cut-off are swap-outs', async () => {
    const result = await engine.evaluate(scenario({ 'unemployment-change': 5, cutoff: 10 }));
    expect(result.scenario.book.expectedLoss / result.baseline.book.expectedLoss).toBeGreaterThan(1.8);
    expect(result.scenario.book.irbCapital).toBeGreaterThan(result.baseline.book.irbCapital);
    // Like for like: new business at the same 10% cut-off, baseline against recession PDs.
    expect(result.newBusiness.scenario.approvalRate).toBeLessThan(result.newBusiness.baseline.approvalRate);
    const { swapOut, swapIn, kept } = result.swap;
    expect(swapIn.loans).toBe(0);
    expect(kept.loans).toBe(result.newBusiness.scenario.approvedLoans);
    expect(kept.loans + swapOut.loans).toBe(result.newBusiness.baseline.approvedLoans);
    expect(swapOut.observedBadRate).toBeGreaterThan(kept.observedBadRate);
  });

  it('LGD and cut-off moves are answered from the last evaluation, as the engine answers them', async () => {
    const last = await engine.evaluate(scenario({ 'income-shock': -20, 'unemployment-change': 2 }));
    const moved = scenario({ 'income-shock': -20, 'unemployment-change': 2, lgd: 60, cutoff: 12.5 });
    const quick = figuresFromLast(last, moved)!;
    const answer = await engine.evaluate(moved);
    for (const part of ['newBusiness', 'combined'] as const) {
      for (const [key, value] of Object.entries(answer[part].scenario)) {
        const got = quick[part].scenario[key as keyof BookMetrics];
        if (Number.isNaN(value)) expect(got, key).toBeNaN();
        else expect(got, `${part}.${key}`).toBeCloseTo(value as number, 6);
      }
    }
    expect(quick.scenario.book.expectedLoss).toBeCloseTo(answer.scenario.book.expectedLoss, 6);
    expect(quick.newBusiness.scenario.approvalRate).toBeLessThan(1);
    expect(figuresFromLast(last, { ...moved, 'unemployment-change': 3 })).toBeUndefined();
    expect(figuresFromLast(last, { ...moved, cutoff: 12.3 })).toBeUndefined();
  });

  it('a cut-off between the slider’s steps (from a file or a link) is answered by a direct pass, between its neighbours', async () => {
    const at = async (cutoff: number) => (await engine.evaluate(scenario({ 'unemployment-change': 2, cutoff }))).newBusiness.scenario;
    const [below, between, above] = [await at(10), await at(10.3), await at(10.5)];
    expect(between.approvedLoans).toBeGreaterThanOrEqual(below.approvedLoans);
    expect(between.approvedLoans).toBeLessThanOrEqual(above.approvedLoans);
    expect(below.approvedLoans).toBeLessThan(above.approvedLoans);
  });

  it('the weighted ECL is Σ weight × ECL; its gap to the central scenario splits into the mean shift and convexity', async () => {
    const { weighted } = await engine.evaluate(BASELINE_ASSUMPTIONS);
    const sum = weighted.scenarios.reduce((s, x) => s + x.weight * x.ifrs9Ecl, 0);
    expect(weighted.ifrs9Ecl).toBeCloseTo(sum, 4);
    expect(weighted.centralIfrs9Ecl).toBeCloseTo((await engine.evaluate(BASELINE_ASSUMPTIONS)).scenario.book.ifrs9Ecl, 4);
    expect(weighted.meanShift + weighted.convexity).toBeCloseTo(weighted.nonLinearityGap, 4);
    expect(weighted.convexity).toBeGreaterThan(0);
    // Each scenario is worse than the one before it.
    const ecl = weighted.scenarios.map((x) => x.ifrs9Ecl);
    expect([...ecl].sort((a, b) => a - b)).toEqual(ecl);
  });

  it('unemployment re-uses the model run of the same inputs', async () => {
    await engine.evaluate(scenario({ 'income-shock': -5 }));
    const runs = engine.modelRunCount;
    await engine.evaluate(scenario({ 'income-shock': -5, 'unemployment-change': 4 }));
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
      const total = result.scenario.segments[kind].reduce((s, seg) => s + seg.metrics.ifrs9Ecl, 0);
      expect(total).toBeCloseTo(result.scenario.book.ifrs9Ecl, 3);
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

describe('the book under worsening levers', () => {
  it('for any scenario whose levers only worsen, and any cut-off, book EL, capital and ECL are at least the baseline’s', async () => {
    const base = (await engine.evaluate(BASELINE_ASSUMPTIONS)).baseline.book;
    const worsening = fc.record({
      'income-shock': fc.integer({ min: -50, max: 0 }),
      'rate-shock': fc.integer({ min: 0, max: 24 }).map((k) => 25 * k),
      'utilization-shift': fc.integer({ min: 0, max: 50 }),
      'unemployment-change': fc.integer({ min: 0, max: 40 }).map((k) => k / 4),
      cutoff: fc.integer({ min: 1, max: 200 }).map((k) => k / 2),
    });
    await fc.assert(
      fc.asyncProperty(worsening, async (levers) => {
        const { scenario: s } = await engine.evaluate(scenario(levers));
        expect(s.book.expectedLoss).toBeGreaterThanOrEqual(base.expectedLoss);
        expect(s.book.irbCapital).toBeGreaterThanOrEqual(base.irbCapital);
        expect(s.book.ifrs9Ecl).toBeGreaterThanOrEqual(base.ifrs9Ecl);
        expect(s.book.ceclEcl).toBeGreaterThanOrEqual(base.ceclEcl);
        expect(s.book.loans).toBe(base.loans);
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
