/**
 * The unemployment channel: a single-factor (Vasicek) shift of conditional PD. With asset
 * correlation ρ, moving the systematic factor by s standard deviations turns a PD into
 *   PD' = Φ( Φ⁻¹(PD) + s · √(ρ / (1 − ρ)) ),
 * the same conditional-PD formula that underlies Basel IRB (Vasicek 2002). ρ is the Basel
 * other-retail correlation of the loan's PD, so capital and stress use one correlation.
 */
import { otherRetailCorrelation } from '../metrics';
import { normalCdf, normalQuantile } from '../stats';

export function stressedPd(pd: number, factorShiftSd: number): number {
  if (factorShiftSd === 0 || pd <= 0 || pd >= 1) return pd;
  const rho = otherRetailCorrelation(pd);
  return normalCdf(normalQuantile(pd) + factorShiftSd * Math.sqrt(rho / (1 - rho)));
}
