import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS, DEFAULT_SCENARIO_SET, DEFAULT_SETTINGS } from '../scenario';
import { openBundled } from '../testing';
import type { OpenedEngine } from './open';
import { compareScenarios } from './scenario-comparison';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
const byName = (name: string) => DEFAULT_SCENARIO_SET.find((s) => s.name === name)!;

describe('scenarios side by side', () => {
  let opened: OpenedEngine;
  beforeAll(async () => {
    opened = await openBundled();
  });
  afterAll(() => opened.model.release());

  it('each column is the book’s figures under its scenario; the weighted IFRS 9 ECL is the one the page reports', async () => {
    const { engine } = opened;
    const mine = { name: 'Rates and jobs', assumptions: { ...BASELINE_ASSUMPTIONS, 'unemployment-change': 3, lgd: 60 } };
    const compared = [byName('Base'), byName('Severely adverse'), mine];
    const comparison = await compareScenarios(engine, compared, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
    expect(comparison.columns.map((c) => c.name)).toEqual(['Base', 'Severely adverse', 'Rates and jobs']);
    for (const c of comparison.columns) {
      const whole = await engine.evaluate(c.assumptions, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET);
      expect(c.book).toEqual(whole.scenario.book);
    }
    const [base, severe, own] = comparison.columns.map((c) => c.book);
    // A recession costs the book: more loss, more provisions, more capital, less return.
    expect(severe!.expectedLoss).toBeGreaterThan(base!.expectedLoss * 1.5);
    expect(severe!.ifrs9Ecl).toBeGreaterThan(base!.ifrs9Ecl);
    expect(severe!.irbCapital).toBeGreaterThan(base!.irbCapital);
    expect(severe!.returnOnCapital).toBeLessThan(base!.returnOnCapital);
    // LGD 60% instead of 85% on a milder recession: less loss than severe.
    expect(own!.expectedLoss).toBeLessThan(severe!.expectedLoss);
    const reported = (await engine.evaluate(BASELINE_ASSUMPTIONS, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET)).weighted;
    expect(close(comparison.weighted.book.ifrs9Ecl, reported.ifrs9Ecl)).toBe(true);
    expect(close(comparison.weighted.book.ceclEcl, reported.ceclEcl)).toBe(true);
    expect(comparison.weighted.weights.map((w) => w.weight)).toEqual([0.1, 0.55, 0.25, 0.1]);
    // Weighted EL by hand from the set's own scenarios.
    const byHand = await Promise.all(
      DEFAULT_SCENARIO_SET.map(async (s) => (s.weight / 100) * (await engine.bookMetrics(s.assumptions, DEFAULT_SETTINGS)).expectedLoss),
    );
    expect(
      close(
        comparison.weighted.book.expectedLoss,
        byHand.reduce((a, b) => a + b),
      ),
    ).toBe(true);
  });

  it('compares two to four scenarios, and says so otherwise', async () => {
    const { engine } = opened;
    await expect(compareScenarios(engine, [byName('Base')], DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET)).rejects.toThrow(
      'Compare 2 to 4 scenarios; 1 were chosen.',
    );
    const five = [...DEFAULT_SCENARIO_SET, byName('Base')];
    await expect(compareScenarios(engine, five, DEFAULT_SETTINGS, DEFAULT_SCENARIO_SET)).rejects.toThrow('5 were chosen');
  });
});
