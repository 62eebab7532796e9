import { describe, expect, it } from 'vitest';
import { pdDistribution, pdHistogram } from './charts';

describe('chart summaries', () => {
  it('counts loans per PD bucket, baseline and scenario', () => {
    const buckets = pdDistribution(
      pdHistogram(Float64Array.from([0.005, 0.015, 0.5])),
      pdHistogram(Float64Array.from([0.015, 0.045, 0.5])),
    );
    expect(buckets[0]).toMatchObject({ label: '0–1%', baselineLoans: 1, scenarioLoans: 0 });
    expect(buckets[1]).toMatchObject({ label: '1–2%', baselineLoans: 1, scenarioLoans: 1 });
    expect(buckets[4]).toMatchObject({ label: '4–5%', baselineLoans: 0, scenarioLoans: 1 });
    expect(buckets.at(-1)).toMatchObject({ label: '40%+', baselineLoans: 1, scenarioLoans: 1 });
  });
});
