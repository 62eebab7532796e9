import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, type Assumptions } from '../scenario';
import { openBundled } from '../testing';
import { largestLoans, loanView } from './loan-view';
import type { OpenedEngine } from './open';

const stress: Assumptions = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 3, lgd: 70 };

describe('drilling into a segment and a loan', () => {
  let opened: OpenedEngine;
  beforeAll(async () => {
    opened = await openBundled();
  });
  afterAll(() => opened.model.release());

  it('a grade drilled into is a book of its own whose figures are that grade’s row of the whole book', async () => {
    const { engine } = opened;
    const whole = await engine.evaluate(stress);
    const b = engine.segmentBook({ kind: 'grade', label: 'B' })!;
    const alone = await b.evaluate(stress);
    const row = whole.scenario.segments.grade.find((s) => s.label === 'B')!.metrics;
    expect(b.loanCount).toBe(row.loans);
    for (const metric of ['loans', 'exposure', 'expectedLoss', 'ifrs9Ecl', 'irbCapital', 'stage2Share'] as const)
      expect(alone.scenario.book[metric]).toBeCloseTo(row[metric], 6);
    expect(alone.scenario.book.expectedLoss).toBeLessThan(whole.scenario.book.expectedLoss);
    // The same segment twice is the same book (its stages kept); an unknown label is none.
    expect(engine.segmentBook({ kind: 'grade', label: 'B' })).toBe(b);
    expect(engine.segmentBook({ kind: 'state', label: 'Atlantis' })).toBeUndefined();
  });

  it('the loans with the largest ECL are listed with their row in the file; one loan’s PD moves by shares that sum to its change', async () => {
    const { engine } = opened;
    const g = engine.segmentBook({ kind: 'grade', label: 'G' })!;
    const listed = await largestLoans(g, stress, DEFAULT_SETTINGS);
    expect(listed).toHaveLength(10);
    expect(listed.every((l) => l.grade === 'G')).toBe(true);
    const ecls = listed.map((l) => l.ifrs9EclScenario);
    expect(ecls).toEqual([...ecls].sort((x, y) => y - x));
    // Row in the file: the whole book's loan at that row is the same loan, with the same PDs.
    const whole = await engine.loanLevel(stress, DEFAULT_SETTINGS);
    const first = listed[0]!;
    expect(whole.pdScenario[first.tapeRow - 1]).toBe(first.pdScenario);

    const view = await loanView(g, first.loan, stress, DEFAULT_SETTINGS);
    expect(view.pdScenario).toBeCloseTo(first.pdScenario, 12);
    expect(view.pdScenario).toBeGreaterThan(view.pdBaseline);
    const total = view.levers.reduce((s, l) => s + l.contribution, 0);
    expect(total).toBeCloseTo(view.pdScenario - view.pdBaseline, 12);
    // LGD moves the loss, never the PD.
    expect(view.levers.map((l) => l.lever)).toEqual(['income-shock', 'unemployment-change', 'lgd']);
    expect(view.levers.find((l) => l.lever === 'lgd')!.contribution).toBe(0);
    expect(view.levers.find((l) => l.lever === 'unemployment-change')!.contribution).toBeGreaterThan(0);
    expect(view.expectedLoss.scenario).toBeCloseTo(view.pdScenario * 0.7 * view.exposure, 6);
    expect(view.facts.find((f) => f.column === 'annual_inc')).toBeDefined();
    await expect(loanView(g, g.loanCount, stress, DEFAULT_SETTINGS)).rejects.toThrow(
      `There is no loan ${g.loanCount} in a book of ${g.loanCount} loans.`,
    );
  });
});
