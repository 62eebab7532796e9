import { describe, expect, it } from 'vitest';
import { cutoffCurve, pdDistribution, pdHistogram } from './charts';

describe('chart summaries', () => {
  it('counts loans per PD bucket, baseline and scenario', () => {
    const buckets = pdDistribution(pdHistogram(Float64Array.from([0.005, 0.015, 0.5])), pdHistogram(Float64Array.from([0.015, 0.045, 0.5])));
    expect(buckets[0]).toMatchObject({ label: '0–1%', baselineLoans: 1, scenarioLoans: 0 });
    expect(buckets[1]).toMatchObject({ label: '1–2%', baselineLoans: 1, scenarioLoans: 1 });
    expect(buckets[4]).toMatchObject({ label: '4–5%', baselineLoans: 0, scenarioLoans: 1 });
    expect(buckets.at(-1)).toMatchObject({ label: '40%+', baselineLoans: 1, scenarioLoans: 1 });
  });

  it('strategy curve: approval and bad rate at each cut-off', () => {
    const curve = cutoffCurve(Float64Array.from([0.01, 0.02, 0.04, 0.5]));
    const at = (c: number) => curve.find((p) => p.cutoff === c)!;
    expect(at(1)).toEqual({ cutoff: 1, approvalRate: 0.25, expectedBadRate: 0.01 });
    expect(at(4)).toMatchObject({ approvalRate: 0.75 });
    expect(at(4).expectedBadRate).toBeCloseTo(0.07 / 3, 12);
    expect(at(100)).toMatchObject({ approvalRate: 1 });
    expect(at(0.5)).toEqual({ cutoff: 0.5, approvalRate: 0, expectedBadRate: 0 });
  });

  it('a loan exactly at a cut-off is approved at it', () => {
    const curve = cutoffCurve(Float64Array.from([0.02, 0.025]));
    expect(curve.find((p) => p.cutoff === 2)!.approvalRate).toBe(0.5);
  });
});
