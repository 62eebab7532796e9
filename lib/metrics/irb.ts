/**
 * Basel IRB capital for "other retail" exposures (Basel II, June 2006, paragraph 330; unchanged in
 * the Basel III framework, CRE31). Retail has no maturity adjustment.
 */
import { normalCdf, normalQuantile } from '../stats';

/** Basel III (BCBS, December 2017) PD floor for retail exposures other than QRRE revolvers: 0.05%. */
export const RETAIL_PD_FLOOR = 0.0005;
/** The IRB confidence level. */
export const IRB_CONFIDENCE = 0.999;
const Q999 = normalQuantile(IRB_CONFIDENCE);
const EXP_MINUS_35 = Math.exp(-35);

/** Asset correlation R for other retail: from 16% at PD → 0 down to 3% at high PD. */
export function otherRetailCorrelation(pd: number): number {
  const weight = (1 - Math.exp(-35 * pd)) / (1 - EXP_MINUS_35);
  return 0.03 * weight + 0.16 * (1 - weight);
}

/** PD at which K per unit of exposure peaks (≈ 40.4%): past it, more of the loss is expected (EL) and K falls. */
export const CAPITAL_PEAK_PD = 0.404;

/**
 * Capital requirement K per unit of exposure and per unit of LGD: K(PD, LGD) = LGD · irbCapitalPerLgd(PD).
 * The PD is floored first (the regime's floor; Basel III's by default); a defaulted exposure (PD = 1)
 * is outside this formula and gets 0 here (its K is LGD − best-estimate EL, counted by the caller).
 */
export function irbCapitalPerLgd(pd: number, pdFloor = RETAIL_PD_FLOOR): number {
  if (pd >= 1) return 0;
  const p = Math.max(pd, pdFloor);
  const r = otherRetailCorrelation(p);
  return normalCdf((normalQuantile(p) + Math.sqrt(r) * Q999) / Math.sqrt(1 - r)) - p;
}

/** Risk weight (RWA per unit of exposure): 12.5 · K. */
export const irbRiskWeight = (pd: number, lgd: number): number => 12.5 * lgd * irbCapitalPerLgd(pd);
