import { describe, expect, it } from 'vitest';
import { CAPITAL_PEAK_PD, irbCapitalPerLgd, irbRiskWeight, otherRetailCorrelation, RETAIL_PD_FLOOR } from './irb';

// Basel II (June 2006), Annex 5 "Illustrative IRB risk weights", other retail exposures column.
describe('Basel IRB other retail', () => {
  it.each([
    [0.0005, 0.45, 0.0663],
    [0.01, 0.45, 0.4577],
    [0.025, 0.45, 0.609],
    [0.01, 0.85, 0.8646],
  ])('PD %f, LGD %f gives the published risk weight %f', (pd, lgd, published) => {
    expect(irbRiskWeight(pd, lgd)).toBeCloseTo(published, 4);
  });

  it('correlation runs from 16% at PD → 0 to 3% at high PD', () => {
    expect(otherRetailCorrelation(0)).toBeCloseTo(0.16, 10);
    expect(otherRetailCorrelation(1)).toBeCloseTo(0.03, 10);
  });

  it('floors the PD at 0.05% (Basel III retail floor)', () => {
    expect(irbCapitalPerLgd(0.0001)).toBe(irbCapitalPerLgd(RETAIL_PD_FLOOR));
    expect(irbCapitalPerLgd(0.0006)).toBeGreaterThan(irbCapitalPerLgd(RETAIL_PD_FLOOR));
  });

  it('capital is linear in LGD, which lets the engine rescale cached capital when only LGD moves', () => {
    expect(irbRiskWeight(0.03, 0.9)).toBeCloseTo(2 * irbRiskWeight(0.03, 0.45), 12);
  });

  it('under Basel II the 0.03% floor gives the Annex 5 risk weight 4.45% at LGD 45% (before the 1.06 factor)', () => {
    expect(12.5 * 0.45 * irbCapitalPerLgd(0.0001, 0.0003)).toBeCloseTo(0.0445, 4);
  });

  it('K per unit of exposure peaks near PD 40.4% and falls beyond it, while K + EL keeps rising', () => {
    const k = (pd: number) => irbCapitalPerLgd(pd);
    expect(k(CAPITAL_PEAK_PD)).toBeCloseTo(0.2127, 3);
    expect(k(0.3)).toBeLessThan(k(CAPITAL_PEAK_PD));
    expect(k(0.6)).toBeLessThan(k(CAPITAL_PEAK_PD));
    expect(k(0.6) + 0.6).toBeGreaterThan(k(CAPITAL_PEAK_PD) + CAPITAL_PEAK_PD);
  });
});
