/** Two runs' figures compared as a risk manager would accept them: counts equal, amounts and rates to rounding. */
import { expect } from 'vitest';

/** Figures that count loans: equal exactly, however the book was cut. */
const COUNTS = new Set(['loans', 'approvedLoans', 'declined', 'loansPastCapitalPeak', 'baselineLoans', 'scenarioLoans', 'approved']);

/** Every number of `actual` against `expected`: counts exactly, money and rates to 1e-9 of their size. */
export function expectSameFigures(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const a = actual as number;
    if (Number.isNaN(expected)) expect(a, path).toBeNaN();
    else if (COUNTS.has(path.split('.').at(-1)!)) expect(a, path).toBe(expected);
    else expect(Math.abs(a - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, path).toBe(expected.length);
    expected.forEach((e, i) => expectSameFigures((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  if (expected && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectSameFigures((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
