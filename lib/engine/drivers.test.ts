import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS, type Assumptions } from '../scenario';
import { openBundled, TAPE_PATH } from '../testing';
import { DRIVEN_KPIS, drivers, shapleyValues } from './drivers';
import type { OpenedEngine } from './open';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

describe('Shapley values', () => {
  it('for v(S) = (Σ x)², each player gets x_i · Σx (worked by hand); a player that adds nothing gets nothing', () => {
    const x = [3, -1, 0, 2.5];
    const total = x.reduce((a, b) => a + b);
    const v = (mask: number) => x.reduce((s, xi, i) => s + (mask & (1 << i) ? xi : 0), 0) ** 2;
    const phi = shapleyValues(x.length, v);
    phi.forEach((p, i) => expect(p).toBeCloseTo(x[i]! * total, 12));
    expect(phi[2]).toBe(0);
    expect(shapleyValues(0, () => 7)).toEqual([]);
  });

  it('for a product of two factors, each gets its change times the mean of the other (the midpoint rule)', () => {
    const [a0, a1, b0, b1] = [2, 5, 10, 4];
    const phi = shapleyValues(2, (m) => (m & 1 ? a1 : a0) * (m & 2 ? b1 : b0));
    expect(phi[0]).toBeCloseTo(((a1 - a0) * (b0 + b1)) / 2, 12);
    expect(phi[1]).toBeCloseTo(((b1 - b0) * (a0 + a1)) / 2, 12);
  });
});

describe('what drove the book’s figures', () => {
  let opened: OpenedEngine;
  beforeAll(async () => {
    // A hand-made book: six loans of the bundled tape.
    opened = await openBundled(readFileSync(TAPE_PATH, 'utf8').split('\n').slice(0, 7).join('\n'));
  });

  it('the levers’ shares sum to the total change of EL, capital and return on capital; the cut-off, which never touches the book, gets nothing', async () => {
    const scenario: Assumptions = {
      ...BASELINE_ASSUMPTIONS,
      'income-shock': -20,
      'rate-shock': 200,
      'unemployment-change': 4,
      lgd: 60,
      cutoff: 15,
    };
    const d = await drivers(opened.engine, scenario, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    const evaluation = await opened.engine.evaluate(scenario, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    expect(d.attributions.map((a) => a.kpi)).toEqual([...DRIVEN_KPIS]);
    for (const a of d.attributions) {
      expect(close(a.scenario, evaluation.scenario.book[a.kpi]), a.kpi).toBe(true);
      expect(close(a.baseline, evaluation.baseline.book[a.kpi]), a.kpi).toBe(true);
      const sum = a.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(sum - (a.scenario - a.baseline)), a.kpi).toBeLessThan(1e-9 * Math.max(1, Math.abs(a.scenario)));
      expect(a.contributions.map((c) => c.lever)).toEqual(['income-shock', 'rate-shock', 'unemployment-change', 'lgd', 'cutoff']);
      expect(a.contributions.find((c) => c.lever === 'cutoff')!.contribution).toBe(0);
    }
    const el = d.attributions.find((a) => a.kpi === 'expectedLoss')!;
    // Rates reach the book through funding only: no share of expected loss or capital.
    expect(el.contributions.find((c) => c.lever === 'rate-shock')!.contribution).toBe(0);
    expect(el.contributions.find((c) => c.lever === 'unemployment-change')!.contribution).toBeGreaterThan(0);
    const roc = d.attributions.find((a) => a.kpi === 'returnOnCapital')!;
    expect(roc.contributions.find((c) => c.lever === 'rate-shock')!.contribution).toBeLessThan(0); // funding costs more
  });

  it('LGD’s share of expected loss is worked by hand: its change times the mean of Σ PD·EAD before and after the PD levers', async () => {
    const scenario: Assumptions = { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 5, lgd: 50 };
    const d = await drivers(opened.engine, scenario, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    const pdEad = async (a: Assumptions) => (await opened.engine.bookMetrics(a)).expectedLoss / (a.lgd / 100);
    const before = await pdEad(BASELINE_ASSUMPTIONS);
    const after = await pdEad({ ...BASELINE_ASSUMPTIONS, 'unemployment-change': 5 });
    const lgdShare = d.attributions[0]!.contributions.find((c) => c.lever === 'lgd')!.contribution;
    expect(close(lgdShare, ((50 - BASELINE_ASSUMPTIONS.lgd) / 100) * ((before + after) / 2))).toBe(true);
  });

  it('the tornado swings each lever over the scenario set’s range, widest first; LGD moves EL in proportion', async () => {
    const scenario: Assumptions = { ...BASELINE_ASSUMPTIONS, 'income-shock': -10 };
    const { tornado } = await drivers(opened.engine, scenario, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET, 'expectedLoss');
    const swing = (b: (typeof tornado.bars)[number]) => Math.abs(b.high.kpi - b.low.kpi);
    expect(tornado.bars.map(swing)).toEqual([...tornado.bars.map(swing)].sort((a, b) => b - a));
    const lgd = tornado.bars.find((b) => b.lever === 'lgd')!;
    expect([lgd.low.value, lgd.high.value]).toEqual([BASELINE_ASSUMPTIONS.lgd, 90]);
    expect(close(lgd.high.kpi / lgd.low.kpi, 90 / BASELINE_ASSUMPTIONS.lgd)).toBe(true);
    const unemployment = tornado.bars.find((b) => b.lever === 'unemployment-change')!;
    expect([unemployment.low.value, unemployment.high.value]).toEqual([-0.5, 6]);
    expect(unemployment.high.kpi).toBeGreaterThan(unemployment.low.kpi);
    expect(tornado.bars.find((b) => b.lever === 'cutoff')!.high.kpi).toBe(tornado.current); // the set never moves it
  });
});
