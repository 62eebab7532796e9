import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_ASSUMPTIONS } from '../scenario';
import { stratifiedRows } from '../portfolio';
import { openBundled, TAPE_PATH } from '../testing';
import { previewEngine } from './preview';

const STRESS = { ...BASELINE_ASSUMPTIONS, 'income-shock': -20, 'unemployment-change': 2, cutoff: 15 };

/** The bundled tape with every loan written `times` times in a row. */
function repeatedTape(times: number): string {
  const [header, ...rows] = readFileSync(TAPE_PATH, 'utf8').trimEnd().split('\n');
  return [header, ...rows.flatMap((r) => new Array<string>(times).fill(r))].join('\n');
}

describe('the preview of a big book from a stratified sample', () => {
  it('draws each stratum in proportion, systematically: every fourth loan of each stratum for a quarter', () => {
    const strata = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0];
    // Stratum 0 is rows 0, 1, 3, 6, 8, 9, 10, 11 (its 2nd and 6th are taken), stratum 1 rows 2, 4, 5, 7 (its 2nd).
    expect(Array.from(stratifiedRows(strata, 3))).toEqual([1, 4, 9]);
    expect(Array.from(stratifiedRows([1, 2], 5))).toEqual([0, 1]);
  });

  it('on a book of four copies of each loan, the sample is one copy of each and the preview equals the exact figures', async () => {
    const { engine, model } = await openBundled(repeatedTape(4));
    const preview = previewEngine(engine, model.scorePd, 9857);
    expect(preview).toMatchObject({ sampleLoans: 9857, bookLoans: 4 * 9857 });
    const [exact, previewed] = [await engine.evaluate(STRESS), await preview.engine.evaluate(STRESS)];
    for (const metric of [
      'loans',
      'exposure',
      'expectedLoss',
      'irbCapital',
      'ifrs9Ecl',
      'ceclEcl',
      'netInterestIncome',
      'economicProfit',
    ] as const) {
      expect(previewed.scenario.book[metric], metric).toBeCloseTo(exact.scenario.book[metric], 3);
    }
    expect(previewed.newBusiness.scenario.approvalRate).toBeCloseTo(exact.newBusiness.scenario.approvalRate, 12);
    expect(previewed.weighted.ifrs9Ecl).toBeCloseTo(exact.weighted.ifrs9Ecl, 3);
    expect(previewed.swap.swapOut.loans).toBeCloseTo(exact.swap.swapOut.loans, 9);
    expect(previewed.pdDistribution.map((b) => b.scenarioLoans)).toEqual(exact.pdDistribution.map((b) => b.scenarioLoans));
    await model.release();
  });

  it('a 5,000-loan sample of the bundled tape estimates its expected loss and capital within 3%, and moves with the levers as the book does', async () => {
    const { engine, model } = await openBundled();
    const preview = previewEngine(engine, model.scorePd, 5000);
    const [exact, previewed] = [await engine.evaluate(STRESS), await preview.engine.evaluate(STRESS)];
    expect(preview.method).toMatch(/^a stratified sample of (4,99\d|5,00\d) of the 9,857 loans \(by grade and term/);
    expect(previewed.scenario.book.loans).toBeCloseTo(9857, 6);
    for (const metric of ['expectedLoss', 'irbCapital', 'ifrs9Ecl'] as const) {
      expect(Math.abs(previewed.scenario.book[metric] / exact.scenario.book[metric] - 1), metric).toBeLessThan(0.03);
      expect(Math.sign(previewed.scenario.book[metric] - previewed.baseline.book[metric])).toBe(
        Math.sign(exact.scenario.book[metric] - exact.baseline.book[metric]),
      );
    }
    await model.release();
  });
});
