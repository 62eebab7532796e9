/**
 * The unemployment channel: a single-factor (Vasicek) shift of conditional PD. With asset
 * correlation ρ, moving the systematic factor by s standard deviations turns a PD into
 *   PD' = Φ( Φ⁻¹(PD) + s · √(ρ / (1 − ρ)) ),
 * the same conditional-PD formula that underlies Basel IRB (Vasicek 2002). ρ is the Basel
 * other-retail correlation of the loan's PD, so capital and stress use one correlation.
 */
import { otherRetailCorrelation } from '../metrics';
import { normalCdf, normalQuantile } from '../stats';

/** Φ⁻¹(PD) and √(ρ/(1 − ρ)) of a PD strictly between 0 and 1: all a shift of the systematic factor needs. */
function loadingOf(pd: number): [z: number, loading: number] {
  const rho = otherRetailCorrelation(pd);
  return [normalQuantile(pd), Math.sqrt(rho / (1 - rho))];
}

export function stressedPd(pd: number, factorShiftSd: number): number {
  if (factorShiftSd === 0 || pd <= 0 || pd >= 1) return pd;
  const [z, loading] = loadingOf(pd);
  return normalCdf(z + factorShiftSd * loading);
}

/**
 * What the shift of every loan's PD needs that the shift does not change: Φ⁻¹(PD) and √(ρ/(1 − ρ)),
 * once per set of model PDs. The unemployment lever moves only s, so a step of it costs one Φ per
 * loan, not a quantile and a correlation too; the PDs are the same as `stressedPd`'s, bit for bit.
 */
export function factorLoadings(pds: Float64Array): { z: Float64Array; loading: Float64Array } {
  const z = new Float64Array(pds.length);
  const loading = new Float64Array(pds.length);
  pds.forEach((pd, i) => {
    if (pd > 0 && pd < 1) [z[i], loading[i]] = loadingOf(pd);
  });
  return { z, loading };
}

/** Every loan's PD shifted by `factorShiftSd`, from its loadings: `stressedPd` of each. */
export function stressedPds(pds: Float64Array, { z, loading }: ReturnType<typeof factorLoadings>, factorShiftSd: number): Float64Array {
  if (factorShiftSd === 0) return pds;
  return pds.map((pd, i) => (pd <= 0 || pd >= 1 ? pd : normalCdf(z[i]! + factorShiftSd * loading[i]!)));
}
