import { describe, expect, it } from 'vitest';
import { factorLoadings, stressedPd, stressedPds } from './vasicek';

describe('unemployment channel (Vasicek conditional PD)', () => {
  it('matches a hand-worked example: PD 5%, factor shift 1.75 SD', () => {
    // ρ(5%) = 0.03·w + 0.16·(1 − w), w = (1 − e^−1.75)/(1 − e^−35) → ρ = 0.0525906
    // Φ(Φ⁻¹(0.05) + 1.75·√(ρ/(1 − ρ))) = Φ(−1.6448536 + 0.4123146) = 0.1088729
    expect(stressedPd(0.05, 1.75)).toBeCloseTo(0.1088729, 6);
  });

  it('leaves PDs untouched at zero shift and lowers them when unemployment falls', () => {
    expect(stressedPd(0.05, 0)).toBe(0.05);
    expect(stressedPd(0.05, -1)).toBeLessThan(0.05);
  });

  it('keeps the ordering of loans', () => {
    const pds = [0.001, 0.01, 0.05, 0.2, 0.6].map((p) => stressedPd(p, 2));
    expect([...pds].sort((a, b) => a - b)).toEqual(pds);
  });

  it('a book shifted from loadings computed once: the same PDs as loan by loan, bit for bit, and the hand-worked 10.887%', () => {
    const pds = Float64Array.from([0, 1e-9, 0.0003, 0.01, 0.05, 0.2, 0.6, 0.999999, 1]);
    const loadings = factorLoadings(pds);
    for (const shift of [-2, -0.3, 0.5, 1.75, 4]) {
      expect(Array.from(stressedPds(pds, loadings, shift))).toEqual(Array.from(pds, (p) => stressedPd(p, shift)));
    }
    expect(stressedPds(pds, loadings, 1.75)[4]).toBeCloseTo(0.1088729, 6);
    expect(stressedPds(pds, loadings, 0)).toBe(pds);
  });
});
