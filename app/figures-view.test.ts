import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioEngine, ScenarioEvaluation } from '@/lib/engine';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS, type Assumptions } from '@/lib/scenario';
import { openBundled } from '@/lib/testing';
import {
  answersInputs,
  bookNotes,
  breakEvenByGrade,
  comparisonRows,
  cutoffMarker,
  gradeSeries,
  headlineApprovals,
  headlineLevers,
  kpiCards,
  kpisOnScreen,
  newBusinessCards,
  scenarioSetRows,
  segmentLabel,
  segmentTableRows,
  shownFigures,
} from './figures-view';
import { KPIS } from './kpis';

let engine: ScenarioEngine;
let stressed: ScenarioEvaluation;
const stress: Assumptions = { ...BASELINE_ASSUMPTIONS, 'income-shock': -30, 'unemployment-change': 2 };
beforeAll(async () => {
  engine = (await openBundled()).engine;
  stressed = await engine.evaluate(stress);
});

describe('what the KPI cards show', () => {
  it('the answer itself when it answers the sliders', () => {
    const shown = shownFigures(stressed, stress);
    expect(shown.figures).toBe(stressed);
    expect(shown.assumptions).toBe(stress);
  });

  it('while LGD or the cut-off move ahead of the answer, the figures the engine will give, from the last answer’s sums', async () => {
    const ahead = { ...stress, lgd: 60, cutoff: 12.5 };
    const shown = shownFigures(stressed, ahead);
    const answer = await engine.evaluate(ahead);
    expect(shown.assumptions).toEqual(ahead);
    for (const k of KPIS) expect(shown.figures.scenario.book[k.metric], k.name).toBeCloseTo(answer.scenario.book[k.metric], 6);
    expect(shown.figures.newBusiness.scenario.approvalRate).toBeCloseTo(answer.newBusiness.scenario.approvalRate, 12);
  });

  it('the last answer, under its own assumptions, while a model lever is ahead of it', () => {
    const ahead = { ...stress, 'rate-shock': 200 };
    const shown = shownFigures(stressed, ahead);
    expect(shown.figures).toBe(stressed);
    expect(shown.assumptions).toEqual(stress);
  });

  it('figures are current only when they answer every slider, setting and scenario weight as they stand', () => {
    const set = DEFAULT_SCENARIO_SET;
    expect(answersInputs(shownFigures(stressed, stress), stress, DEFAULT_SETTINGS, set)).toBe(true);
    expect(answersInputs(shownFigures(stressed, { ...stress, lgd: 70 }), { ...stress, lgd: 70 }, DEFAULT_SETTINGS, set)).toBe(true);
    const ahead = { ...stress, 'rate-shock': 200 };
    expect(answersInputs(shownFigures(stressed, ahead), ahead, DEFAULT_SETTINGS, set)).toBe(false);
    expect(answersInputs(shownFigures(stressed, stress), stress, { ...DEFAULT_SETTINGS, cpr: 5 }, set)).toBe(false);
    const reweighted = set.map((s, k) => ({ ...s, weight: [20, 45, 25, 10][k]! }));
    expect(answersInputs(shownFigures(stressed, stress), stress, DEFAULT_SETTINGS, reweighted)).toBe(false);
  });

  it('an answer whose KPIs the key press showed already (LGD or the cut-off moved, or worked out ahead) only redraws below them', async () => {
    const shown = { evaluation: stressed };
    const lgdMoved = { ...stress, lgd: 62 };
    const answer = { evaluation: await engine.evaluate(lgdMoved) };
    expect(kpisOnScreen(shown, answer, lgdMoved)).toBe(true);
    // The same figures, worked out ahead and shown at the key press: the answer brings them again.
    expect(kpisOnScreen(shown, { evaluation: stressed }, stress)).toBe(true);
    // A model lever moved: the KPIs on show are the last answer's, not this one's.
    const incomeMoved = { ...stress, 'income-shock': -31 };
    expect(kpisOnScreen(shown, { evaluation: await engine.evaluate(incomeMoved) }, incomeMoved)).toBe(false);
    // The sliders went on meanwhile; a preview, shown or answering; other settings: each needs its own render.
    expect(kpisOnScreen(shown, answer, { ...lgdMoved, lgd: 63 })).toBe(false);
    expect(kpisOnScreen({ ...shown, preview: { sampleLoans: 10 } }, answer, lgdMoved)).toBe(false);
    expect(kpisOnScreen(shown, { ...answer, preview: { sampleLoans: 10 } }, lgdMoved)).toBe(false);
    const otherSettings = { ...DEFAULT_SETTINGS, cpr: 5 };
    expect(kpisOnScreen(shown, { evaluation: await engine.evaluate(lgdMoved, otherSettings) }, lgdMoved)).toBe(false);
    expect(kpisOnScreen(undefined, answer, lgdMoved)).toBe(false);
  });
});

describe('view-models', () => {
  it('one KPI card per registered KPI, in order, baseline against scenario', () => {
    const cards = kpiCards(stressed.baseline.book, stressed.scenario.book);
    expect(cards.map((c) => c.name)).toEqual(KPIS.map((k) => k.name));
    const loss = cards.find((c) => c.name === 'expected-loss')!;
    expect(loss).toMatchObject({ kind: 'usd', higherIs: 'bad', baseline: stressed.baseline.book.expectedLoss });
    expect(loss.scenario).toBeGreaterThan(loss.baseline);
    expect(cards.find((c) => c.name === 'return-on-capital')!.scenario).toBeLessThan(
      cards.find((c) => c.name === 'return-on-capital')!.baseline,
    );
  });

  it('the headline sees every lever at the value the figures answer, and new business approvals', () => {
    const levers = headlineLevers(stress);
    expect(levers.filter((l) => l.value !== l.defaultValue).map((l) => `${l.label} ${l.value}`)).toEqual([
      'Income shock -30',
      'Unemployment change 2',
    ]);
    expect(levers.find((l) => l.label === 'Loss given default')).toMatchObject({ value: 85, signed: false });
    expect(headlineApprovals(stressed)).toEqual({ baseline: 1, scenario: 1 });
  });

  it('book, new business and together: together is the sum of the two for amounts', () => {
    const rows = comparisonRows(stressed);
    const loss = rows.find((r) => r.name === 'expected-loss')!;
    expect(loss.combined).toBeCloseTo(loss.book + loss.newBusiness, 4);
    expect(rows.map((r) => r.name)).toContain('return-on-capital');
    expect(newBusinessCards(stressed).map((c) => c.name)).toEqual([
      'new-approval-rate',
      'new-volume',
      'new-bad-rate',
      'new-return-on-capital',
    ]);
  });

  it('a grade series pairs each grade’s baseline and scenario, and sums to the book', () => {
    const series = gradeSeries(stressed, 'ifrs9Ecl');
    expect(series.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const total = (key: 'baseline' | 'scenario') => series.reduce((s, g) => s + g[key], 0);
    expect(total('baseline')).toBeCloseTo(stressed.baseline.book.ifrs9Ecl, 4);
    expect(total('scenario')).toBeCloseTo(stressed.scenario.book.ifrs9Ecl, 4);
  });

  it('break-even rates rise with grade: riskier loans need a higher rate to earn the hurdle', () => {
    const rows = breakEvenByGrade(stressed);
    expect(rows[0]!.grade).toBe('A');
    expect(rows.at(-1)!.scenario).toBeGreaterThan(rows[0]!.scenario);
  });

  it('segment rows name terms in months and count every loan of the book once per cut', () => {
    const rows = segmentTableRows(stressed);
    expect(rows.term.map((r) => r.label)).toEqual(['36 months', '60 months']);
    for (const kind of ['grade', 'term', 'state'] as const) {
      expect(
        rows[kind].reduce((s, r) => s + r.loans, 0),
        kind,
      ).toBe(stressed.scenario.book.loans);
    }
    expect(rows.state.find((r) => r.label === 'CA')!.scenarioLoss).toBeGreaterThan(rows.state.find((r) => r.label === 'CA')!.baselineLoss);
    expect(segmentLabel('grade', 'B')).toBe('B');
    expect(segmentLabel('state', 'NY')).toBe('NY');
  });

  it('the strategy-curve marker sits at new business’s approval and bad rate', () => {
    expect(cutoffMarker(stressed)).toEqual({
      approvalRate: stressed.newBusiness.scenario.approvalRate,
      expectedBadRate: stressed.newBusiness.scenario.expectedBadRate,
    });
  });

  it('the book notes say the book is at origination, Basel EL against provisions, and why capital falls past 40% PD', () => {
    const notes = bookNotes(stressed);
    expect(notes[0]).toMatch(/at origination/);
    expect(notes[1]).toMatch(
      /^Basel expected loss \$[\d.]+M \(floored PD × downturn LGD\) against the reported, probability-weighted ECL \$[\d.]+M: (a shortfall of \$[\d.]+[KM], deducted from CET1|an excess of \$[\d.]+[KM])\.$/,
    );
    expect(notes[2]).toMatch(/^Under this scenario: Basel expected loss .* against its IFRS 9 ECL/);
    expect(stressed.scenario.book.loansPastCapitalPeak).toBeGreaterThan(0);
    expect(notes[3]).toMatch(/PD above 40%.*capital per unit of exposure falls/);
  });

  it('scenario set rows say in words which levers each scenario moves', () => {
    const rows = scenarioSetRows(DEFAULT_SCENARIO_SET);
    expect(rows.find((r) => r.id === 'base')!.levers).toBe('No lever moved');
    expect(rows.find((r) => r.id === 'severely-adverse')!.levers).toBe(
      'Income shock −10% · Utilisation shift +10 pp · Unemployment change +6 pp · Loss given default 90%',
    );
  });
});
