import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PD_BUCKET_EDGES, pdDistribution, pdHistogram } from './charts';

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

  it('puts a PD in the last bucket whose edge is at or below it: at, just below and just above every edge', () => {
    // The definition, scanned: the bucket of a PD in percent is the last edge it reaches (the first if none).
    const scanned = (pct: number) => {
      let k = PD_BUCKET_EDGES.length - 1;
      while (k > 0 && pct < PD_BUCKET_EDGES[k]!) k--;
      return k;
    };
    const ulp = (x: number, by: bigint) => {
      const bits = new BigInt64Array(Float64Array.of(x).buffer);
      bits[0]! += by;
      return new Float64Array(bits.buffer)[0]!;
    };
    const atEdges = PD_BUCKET_EDGES.flatMap((e) => (e === 0 ? [0, 1e-300] : [e, ulp(e, -1n), ulp(e, 1n)]).map((pct) => pct / 100));
    const pds = [...atEdges, -0.01, 0.9999, 1, 1.5, Number.NaN, ...fc.sample(fc.double({ min: 0, max: 1, noNaN: true }), 500)];
    const counts = pdHistogram(Float64Array.from(pds));
    const expected = new Float64Array(PD_BUCKET_EDGES.length);
    for (const pd of Float64Array.from(pds)) expected[scanned(pd * 100)]! += 1;
    expect(Array.from(counts)).toEqual(Array.from(expected));
    // Each PD alone, so a swap between neighbouring buckets cannot cancel out.
    for (const pd of atEdges) expect(pdHistogram(Float64Array.of(pd)).indexOf(1), `PD ${pd}`).toBe(scanned(pd * 100));
  });
});
