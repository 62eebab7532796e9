import { beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioEngine, ScenarioEvaluation } from '@/lib/engine';
import { BASELINE_ASSUMPTIONS, type Assumptions } from '@/lib/scenario';
import { openBundled } from '@/lib/testing';
import {
  answersSliders,
  gradeSeries,
  headlineLevers,
  kpiCards,
  segmentLabel,
  segmentTableRows,
  shownFigures,
  cutoffMarker,
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
    expect(shownFigures(stressed, stress)).toEqual({ book: stressed.scenario.book, assumptions: stress });
  });

  it('while LGD or the cut-off move ahead of the answer, the figures the engine will give, from the ladder', async () => {
    const ahead = { ...stress, lgd: 60, cutoff: 12.5 };
    const shown = shownFigures(stressed, ahead);
    const engineAnswer = (await engine.evaluate(ahead)).scenario.book;
    expect(shown.assumptions).toEqual(ahead);
    for (const k of KPIS) expect(shown.book[k.metric], k.name).toBeCloseTo(engineAnswer[k.metric], 6);
  });

  it('the last answer, under its own assumptions, while a model lever is ahead of it', () => {
    const ahead = { ...stress, 'rate-shock': 200 };
    expect(shownFigures(stressed, ahead)).toEqual({ book: stressed.scenario.book, assumptions: stress });
  });

  it('figures are current only when they answer every slider as it stands', () => {
    expect(answersSliders(shownFigures(stressed, stress), stress)).toBe(true);
    expect(answersSliders(shownFigures(stressed, { ...stress, lgd: 70 }), { ...stress, lgd: 70 })).toBe(true); // from the ladder
    expect(answersSliders(shownFigures(stressed, { ...stress, 'rate-shock': 200 }), { ...stress, 'rate-shock': 200 })).toBe(false);
  });
});

describe('view-models', () => {
  it('one KPI card per registered KPI, in order, baseline against scenario', () => {
    const cards = kpiCards(stressed.baseline.book, stressed.scenario.book);
    expect(cards.map((c) => c.name)).toEqual(KPIS.map((k) => k.name));
    const loss = cards.find((c) => c.name === 'expected-loss')!;
    expect(loss).toMatchObject({ kind: 'usd', higherIs: 'bad', baseline: stressed.baseline.book.expectedLoss });
    expect(loss.scenario).toBeGreaterThan(loss.baseline);
  });

  it('the headline sees every lever at the value the figures answer', () => {
    const levers = headlineLevers(stress);
    expect(levers.filter((l) => l.value !== l.defaultValue).map((l) => `${l.label} ${l.value}`)).toEqual([
      'Income shock -30',
      'Unemployment change 2',
    ]);
    expect(levers.find((l) => l.label === 'Loss given default')).toMatchObject({ value: 85, signed: false });
  });

  it('a grade series pairs each grade’s baseline and scenario, and sums to the book', () => {
    const series = gradeSeries(stressed, 'expectedLoss');
    expect(series.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    const total = (key: 'baseline' | 'scenario') => series.reduce((s, g) => s + g[key], 0);
    expect(total('baseline')).toBeCloseTo(stressed.baseline.book.expectedLoss, 4);
    expect(total('scenario')).toBeCloseTo(stressed.scenario.book.expectedLoss, 4);
  });

  it('segment rows name terms in months and count every approved loan once per cut', () => {
    const rows = segmentTableRows(stressed);
    expect(rows.term.map((r) => r.label)).toEqual(['36 months', '60 months']);
    for (const kind of ['grade', 'term', 'state'] as const) {
      expect(
        rows[kind].reduce((s, r) => s + r.loans, 0),
        kind,
      ).toBe(stressed.scenario.book.approvedLoans);
    }
    expect(rows.state.find((r) => r.label === 'CA')!.scenarioLoss).toBeGreaterThan(rows.state.find((r) => r.label === 'CA')!.baselineLoss);
    expect(segmentLabel('grade', 'B')).toBe('B');
    expect(segmentLabel('state', 'NY')).toBe('NY');
  });

  it('the strategy-curve marker sits at the scenario’s approval and bad rate', () => {
    expect(cutoffMarker(stressed)).toEqual({
      approvalRate: stressed.scenario.book.approvalRate,
      expectedBadRate: stressed.scenario.book.expectedBadRate,
    });
  });
});
