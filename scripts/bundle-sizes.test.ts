import { describe, expect, it } from 'vitest';
import { budgetVerdicts } from './bundle-sizes';

describe('JavaScript budget', () => {
  const budget = { firstLoadJsGzip: 100_000, allJsGzip: 400_000 };

  it('passes growth up to 10% and fails beyond it, naming the figure', () => {
    const within = budgetVerdicts({ firstLoadJsGzip: 110_000, allJsGzip: 380_000 }, budget);
    expect(within.map((v) => v.ok)).toEqual([true, true]);
    const over = budgetVerdicts({ firstLoadJsGzip: 100_000, allJsGzip: 440_001 }, budget);
    expect(over.map((v) => v.ok)).toEqual([true, false]);
    expect(over[1]!.line).toBe('OVER all client JS: 429.7 KB gzip (budget 390.6 KB, +10.0%, limit 429.7 KB)');
  });
});
